package web

import (
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"breachwire"
)

// activeContent parses a page and lists everything in it that could run
// or load something: script, iframe, object, embed, img, base, meta
// refresh, style and form elements other than ours, event-handler
// attributes, and links or sources whose scheme is not http(s) or a path
// of our own.
func activeContent(t *testing.T, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "img", "base", "style", "video", "audio", "frame", "applet":
				bad = append(bad, "<"+n.Data+">")
			case "meta":
				for _, a := range n.Attr {
					if strings.EqualFold(a.Key, "http-equiv") {
						bad = append(bad, "<meta http-equiv>")
					}
				}
			case "form":
				for _, a := range n.Attr {
					if a.Key == "action" && a.Val != "/search" {
						bad = append(bad, "<form action="+a.Val+">")
					}
				}
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") {
					bad = append(bad, "<"+n.Data+" "+key+">")
				}
				if key == "href" || key == "src" || key == "action" || key == "xlink:href" || key == "formaction" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if n.Data == "link" && v == "data:," { // our empty favicon
						continue
					}
					if !(strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") ||
						(strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//")) || strings.HasPrefix(v, "#")) {
						bad = append(bad, "<"+n.Data+" "+key+"="+a.Val+">")
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return bad
}

// TestWeb_E2_HostileCorpus: titles, text, links and source errors full of
// markup reach no page and no JSON answer as anything but text.
func TestWeb_E2_HostileCorpus(t *testing.T) {
	// The detector itself sees what it looks for.
	if got := activeContent(t, `<a href="JavaScript:x">a</a><p onclick=x></p><img src=/x><form action="//e"></form>`); len(got) != 5 {
		t.Fatalf("detector found %q", got)
	}
	e := newTestEnv(t)
	id := strconv.FormatUint(e.id(t, urlHostile), 10)
	pages := []string{"/", "/?period=day", "/?period=month", "/search", "/search?q=alert", "/search?q=widgets+script",
		"/search?q=%3Cscript%3E", "/search?org=%3Cscript%3E", "/search?regulator=%3Cimg+src%3Dx+onerror%3Dalert(9)%3E",
		"/search?since=%3Cscript%3Ealert(1)%3C/script%3E", "/articles/" + id, "/sources",
		"/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/%3Cscript%3Ealert(1)%3C%2Fscript%3E"}
	for _, path := range pages {
		t.Run(path, func(t *testing.T) {
			_, body := e.get(t, path)
			if bad := activeContent(t, body); len(bad) > 0 {
				t.Errorf("active content: %q", bad)
			}
			if strings.Contains(strings.ToLower(body), "<script") {
				t.Error("a <script tag reached the page")
			}
		})
	}

	// The hostile words are on the pages as text.
	_, body := e.get(t, "/articles/"+id)
	mustContain(t, "article", body, "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;",
		"<code>javascript:alert(5)</code>", "]]&gt;")
	mustNotContain(t, "article", body, `href="javascript`, `href="#ZgotmplZ"`)
	_, body = e.get(t, "/search?q=alert")
	mustContain(t, "search", body, "<mark>alert</mark>", "&lt;script&gt;")

	// JSON answers escape every < and > and give the text back unchanged.
	for _, path := range []string{"/api/search?q=alert", "/api/articles/" + id, "/api/digest?period=week", "/api/sources"} {
		_, raw := e.get(t, path)
		if strings.ContainsAny(raw, "<>") {
			t.Errorf("%s: raw < or > in JSON", path)
		}
	}
	var a breachwire.Article
	e.getJSON(t, "/api/articles/"+id, 200, &a)
	if !strings.HasPrefix(a.Title, "<script>alert(1)</script>") || a.URL != "javascript:alert(5)" {
		t.Errorf("the JSON does not give the text back: %q %q", a.Title, a.URL)
	}
	var r SearchResponse
	e.getJSON(t, "/api/search?q=alert", 200, &r)
	if len(r.Hits) != 1 {
		t.Fatalf("%d hits", len(r.Hits))
	}
	// The snippet is HTML: parsed, it holds only text and <mark>.
	for _, frag := range []template.HTML{r.Hits[0].Snippet, r.Hits[0].TitleHTML} {
		if tags := tagsIn(t, string(frag)); len(tags) > 0 {
			t.Errorf("fragment %q has elements %q", frag, tags)
		}
	}
	if !strings.Contains(string(r.Hits[0].Snippet), "&lt;script&gt;") {
		t.Errorf("snippet %q", r.Hits[0].Snippet)
	}
}

// tagsIn lists the elements other than mark in an HTML fragment.
func tagsIn(t *testing.T, frag string) []string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(frag), &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data != "mark" {
			out = append(out, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

func TestMarkedHTML(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"a <mark>b</mark> c", "a <mark>b</mark> c"},
		{"&lt;script&gt;x &amp; y &#39;z&#39;", "&lt;script&gt;x &amp; y &#39;z&#39;"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"<mark onclick=x>b</mark>", "&lt;mark onclick=x&gt;b"},
		{"<mark><mark>b</mark></mark>", "<mark>b</mark>"},
		{"</mark>b<mark>c", "b<mark>c</mark>"},
		{"&lt;<mark>img</mark> src=x onerror=alert(1)&gt;", "&lt;<mark>img</mark> src=x onerror=alert(1)&gt;"},
		{"cut \xe2\x82", "cut "},
		{"<MARK>x</MARK>", "&lt;MARK&gt;x&lt;/MARK&gt;"},
	}
	for _, c := range cases {
		if got := string(markedHTML(c.in)); got != c.want {
			t.Errorf("markedHTML(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzMarkedHTML: whatever the fragment, the result parses to text and
// <mark> elements only, and is idempotent.
func FuzzMarkedHTML(f *testing.F) {
	for _, s := range []string{"a <mark>b</mark>", "<script>x</script>", "&lt;<mark>&amp;</mark>", "<mark", "</mark><mark>",
		"<img src=x onerror=alert(1)>", "<svg><script>alert(1)</script></svg>", "\xff<mark>\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := string(markedHTML(s))
		if tags := tagsIn(t, out); len(tags) > 0 {
			t.Fatalf("markedHTML(%q) = %q has elements %q", s, out, tags)
		}
		if again := string(markedHTML(out)); again != out {
			t.Fatalf("not idempotent: %q then %q", out, again)
		}
		if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("unbalanced: %q", out)
		}
	})
}

func TestLocate(t *testing.T) {
	text := "Intro. The ICO fined Acme £3.07m today. Then 79,404 people were told. Café £5 fine."
	ev := "The ICO fined Acme £3.07m today."
	i := strings.Index(text, "£3.07m")
	cafe := strings.Index(text, "Café")
	cases := []struct {
		name         string
		words, evid  string
		start, end   int
		wantW, wantE string
	}{
		{"offsets right", "£3.07m", ev, i, i + len("£3.07m"), "£3.07m", ev},
		{"offsets out of range", "£3.07m", ev, 500, 510, "£3.07m", ev},
		{"offsets negative", "£3.07m", ev, -3, 2, "£3.07m", ev},
		{"offsets inside a rune", "£3.07m", ev, i + 1, i + 4, "£3.07m", ev},
		{"offsets on other words", "£3.07m", ev, 0, 5, "£3.07m", ev},
		{"end inside a rune", "Caf", "", cafe, cafe + 4, "Caf", ""},
		{"no evidence", "79,404 people", "", 0, 0, "79,404 people", ""},
		{"evidence not in text", "£3.07m", "Another sentence.", 0, 0, "£3.07m", ""},
		{"words not in text", "£9m", ev, 0, 0, "", ev},
		{"nothing", "", "", 0, 0, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, e, okW, okE := locate(text, c.words, c.evid, c.start, c.end)
			gotW, gotE := "", ""
			if okW {
				gotW = text[w[0]:w[1]]
			}
			if okE {
				gotE = text[e[0]:e[1]]
			}
			if gotW != c.wantW || gotE != c.wantE {
				t.Errorf("words %q evidence %q, want %q and %q", gotW, gotE, c.wantW, c.wantE)
			}
		})
	}
}

// TestHighlight_Segments: the segments give the text back whole, mark the
// facts' words and evidence, and carry every fact's anchor.
func TestHighlight_Segments(t *testing.T) {
	text := "The ICO fined Acme £3.07m. MFA was not enabled on the portal, the ICO said."
	f := breachwire.Facts{
		Fines: []breachwire.Fine{{Amount: 3.07e6, Currency: "GBP", Status: "final", Regulator: "ICO",
			Span: breachwire.Span{Text: "£3.07m", Evidence: "The ICO fined Acme £3.07m.", Start: 19, End: 26}}},
		MFA: &breachwire.Control{Control: "mfa", Status: "absent", Evidence: "MFA was not enabled on the portal, the ICO said.",
			Text: "MFA", Start: 999, End: 1002},
		Money: []breachwire.Money{{Amount: 1, Currency: "GBP", Role: "ransom", Span: breachwire.Span{Text: "nowhere", Evidence: "nor here"}}},
	}
	facts, segs := highlight(text, &f)
	var whole strings.Builder
	marked, anchors := []string{}, []string{}
	for _, s := range segs {
		whole.WriteString(s.Text)
		if s.Fact {
			marked = append(marked, s.Text)
		}
		anchors = append(anchors, s.Anchors...)
	}
	if whole.String() != text {
		t.Fatalf("segments give %q", whole.String())
	}
	if strings.Join(marked, "|") != "£3.07m|MFA" {
		t.Errorf("marked %q", marked)
	}
	if len(facts) != 3 || facts[0].Anchor != "fact-1" || facts[1].Anchor != "fact-2" || facts[2].Anchor != "" {
		t.Errorf("facts %+v", facts)
	}
	if strings.Join(anchors, " ") != "fact-1 fact-2" {
		t.Errorf("anchors %q", anchors)
	}
	if facts[1].Label != "MFA absent" || facts[2].Label != "£1 ransom" {
		t.Errorf("labels %q %q", facts[1].Label, facts[2].Label)
	}
}

// TestSearchResponse_RoundTrip: the JSON of a response decodes into the
// same type, as the CLI reads it.
func TestSearchResponse_RoundTrip(t *testing.T) {
	e := newTestEnv(t)
	var r SearchResponse
	raw := e.getJSON(t, "/api/search?q=ransomware", 200, &r)
	again, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m1, m2 map[string]any
	if err := json.Unmarshal([]byte(raw), &m1); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(again, &m2); err != nil {
		t.Fatal(err)
	}
	if len(m1) != len(m2) || len(r.Hits) != 1 || r.Hits[0].Fine == nil {
		t.Errorf("round trip lost fields: %v vs %v", m1, m2)
	}
}
