package digest

import (
	"bytes"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"breachwire"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var baseOpts = Options{BaseURL: "https://breachwire.example.org"}

func icoMFA(t *testing.T) breachwire.Filter {
	t.Helper()
	f, err := breachwire.ParseFilter(url.Values{"regulator": {"ICO"}, "mfa": {"absent"}}, until)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCompose_SameRankingAsWebDigest(t *testing.T) {
	e := Compose("everything", breachwire.Filter{}, corpus(), since, until, london, baseOpts)
	web := breachwire.BuildDigest(corpus(), since, until, nil)
	if len(e.Items) != len(web.Items) {
		t.Fatalf("%d items, web digest has %d", len(e.Items), len(web.Items))
	}
	for i := range web.Items {
		if e.Items[i].Article.ID != web.Items[i].Article.ID || e.Items[i].Group != web.Items[i].Group {
			t.Errorf("item %d: %d (%s), web digest %d (%s)", i, e.Items[i].Article.ID, e.Items[i].Group, web.Items[i].Article.ID, web.Items[i].Group)
		}
	}
	var order []string
	for _, g := range e.Groups() {
		order = append(order, g.Key)
	}
	if got := strings.Join(order, ","); got != "enforcement,breaches" {
		t.Errorf("groups = %s", got)
	}
}

func TestCompose_MaxItems(t *testing.T) {
	e := Compose("", breachwire.Filter{}, corpus(), since, until, nil, Options{MaxItems: 2})
	if len(e.Items) != 2 || e.More != 2 {
		t.Fatalf("items %d more %d, want 2 and 2", len(e.Items), e.More)
	}
	if ids := e.ArticleIDs(); len(ids) != 2 || ids[0] != 42 {
		t.Errorf("ArticleIDs = %v", ids)
	}
	var buf bytes.Buffer
	if err := e.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "And 2 more articles, not listed here.") {
		t.Errorf("text does not count the rest:\n%s", buf.String())
	}
}

func TestSubject(t *testing.T) {
	tests := []struct {
		name     string
		sub      string
		articles []breachwire.Article
		want     string
	}{
		{"everything", "everything", corpus(),
			"breachwire digest: everything, Fri 28 Mar 2025: 4 articles · £3.07m + €500,000 in fines · 199,404 affected · MFA absent in 1"},
		{"one article", "", []breachwire.Article{breach()},
			"breachwire digest, Fri 28 Mar 2025: 1 article · 120,000 affected"},
		{"none", "ICO\r\nBcc: x@evil", nil,
			"breachwire digest: ICO Bcc: x@evil, Fri 28 Mar 2025: 0 articles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compose(tt.sub, breachwire.Filter{}, tt.articles, since, until, london, baseOpts).Subject()
			if got != tt.want {
				t.Errorf("Subject =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestFinesPhrase(t *testing.T) {
	got := finesPhrase(map[string]float64{"GBP": 3e6, "EUR": 5e5, "USD": 1e7, "PLN": 1e3, "SEK": 0})
	if want := "$10m + £3m + €500,000 + 1 more"; got != want {
		t.Errorf("finesPhrase = %q, want %q", got, want)
	}
}

func TestCompose_LinksAndReasons(t *testing.T) {
	t.Run("base URL, filtered", func(t *testing.T) {
		e := Compose("ICO MFA", icoMFA(t), []breachwire.Article{advanced()}, since, until, london, baseOpts)
		it := e.Items[0]
		if it.Link != "https://breachwire.example.org/articles/42" || it.Original != advanced().URL {
			t.Errorf("link %q original %q", it.Link, it.Original)
		}
		if got := strings.Join(it.Matches, ", "); got != "regulator ICO, MFA absent" {
			t.Errorf("matches = %q", got)
		}
		if u := e.WebURL(); !strings.HasPrefix(u, "https://breachwire.example.org/search?") || !strings.Contains(u, "regulator=ICO") {
			t.Errorf("WebURL = %q", u)
		}
	})
	t.Run("no base URL, unfiltered", func(t *testing.T) {
		e := Compose("all", breachwire.Filter{}, []breachwire.Article{advanced(), hostile()}, since, until, london, Options{})
		if e.Items[0].Link != advanced().URL || len(e.Items[0].Matches) != 0 || e.WebURL() != "" {
			t.Errorf("item %+v web %q", e.Items[0], e.WebURL())
		}
		if e.Items[1].Link != "" {
			t.Errorf("javascript: URL kept as link %q", e.Items[1].Link)
		}
	})
}

func TestWriteText_Width(t *testing.T) {
	var buf bytes.Buffer
	e := Compose("ICO MFA", icoMFA(t), corpus(), since, until, london, baseOpts)
	if err := e.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(buf.String(), "\n") {
		if n := utf8.RuneCountInString(line); n > TextWidth && !strings.Contains(line, "://") {
			t.Errorf("line %d has %d columns: %q", i+1, n, line)
		}
		if strings.ContainsAny(line, "\r\x00\x1b\u202e") {
			t.Errorf("line %d keeps a control character: %q", i+1, line)
		}
		if strings.HasPrefix(line, "Bcc:") {
			t.Errorf("a title's CR/LF started a line: %q", line)
		}
	}
}

func TestRender_Golden(t *testing.T) {
	e := Compose("ICO MFA", icoMFA(t), []breachwire.Article{advanced(), breach()}, since, until, london, baseOpts)
	for _, f := range []Format{FormatText, FormatHTML} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := e.Render(&buf, f); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "digest."+string(f)+".golden")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./digest -update creates it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from %s; run go test ./digest -update and review the diff\n%s", f, path, buf.Bytes())
			}
		})
	}
	if err := e.Render(&bytes.Buffer{}, "pdf"); breachwire.ErrorCode(err) != breachwire.ECodeInvalid {
		t.Errorf("Render(pdf) = %v", err)
	}
}

// TestWriteHTML_E6_NoRemoteResourcesNoActiveContent parses the HTML part
// as a mail client would and checks that it loads nothing and runs nothing:
// no images, stylesheets, fonts, scripts, forms or frames, no style blocks,
// no event handlers, only http(s) links, and the hostile article's markup
// shown as text.
func TestWriteHTML_E6_NoRemoteResourcesNoActiveContent(t *testing.T) {
	var buf bytes.Buffer
	e := Compose("everything", breachwire.Filter{}, corpus(), since, until, london, baseOpts)
	if err := e.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[atom.Atom]bool{atom.Html: true, atom.Head: true, atom.Meta: true, atom.Title: true, atom.Body: true,
		atom.Table: true, atom.Tbody: true, atom.Tr: true, atom.Td: true, atom.H1: true, atom.H2: true, atom.P: true, atom.A: true}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if !allowed[n.DataAtom] {
				t.Errorf("element <%s> in the HTML part", n.Data)
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") || k == "src" || k == "srcset" || k == "background" {
					t.Errorf("attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
				if k == "style" && (strings.Contains(a.Val, "url(") || strings.Contains(a.Val, "@import")) {
					t.Errorf("style loads a resource: %q", a.Val)
				}
				if k == "href" && !strings.HasPrefix(a.Val, "https://") && !strings.HasPrefix(a.Val, "http://") {
					t.Errorf("link to %q", a.Val)
				}
			}
		}
		if n.Type == html.TextNode && strings.Contains(n.Data, "Bcc: x@evil") && !strings.Contains(n.Data, "<script>") {
			t.Errorf("hostile title lost its escaped markup: %q", n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !bytes.Contains(buf.Bytes(), []byte("max-width:640px")) {
		t.Error("no 640px layout")
	}
	if !bytes.Contains(buf.Bytes(), []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Error("the hostile title is not shown escaped")
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\r\nb", "a b"},
		{"  a \t b  ", "a b"},
		{"x\x00y\x1bz\u0085w", "xyz w"}, // NEL is a line break
		{"\u202eevil\u202c", "evil"},
		{"bad \xff utf8", "bad utf8"},
		{"line\u2028sep", "line sep"},
		{"emoji 👩\u200d💻 joined", "emoji 👩\u200d💻 joined"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
