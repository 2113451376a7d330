package rss

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"breachwire"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var testMeta = FeedMeta{
	Title:       "breachwire: regulator ICO",
	Description: "Cyber incidents, fines and failed controls",
	BaseURL:     "https://breachwire.example.org",
	SelfURL:     "https://breachwire.example.org/feed.rss?regulator=ICO",
	Generator:   "breachwire test",
}

// readerItem is how a program reads an item of either format with
// encoding/xml, by namespace URI rather than by prefix.
type readerItem struct {
	Title  string `xml:"title"`
	ID     uint64 `xml:"urn:breachwire:ns:1 id"`
	Source string `xml:"urn:breachwire:ns:1 source"`
	MFA    string `xml:"urn:breachwire:ns:1 mfa"`
	Fine   *struct {
		Amount    float64 `xml:"amount,attr"`
		Currency  string  `xml:"currency,attr"`
		Status    string  `xml:"status,attr"`
		Regulator string  `xml:"regulator,attr"`
	} `xml:"urn:breachwire:ns:1 fine"`
	Affected *struct {
		Count     int64  `xml:"count,attr"`
		What      string `xml:"what,attr"`
		Qualifier string `xml:"qualifier,attr"`
	} `xml:"urn:breachwire:ns:1 affected"`
	Regulators     []string `xml:"urn:breachwire:ns:1 regulator"`
	Organisations  []string `xml:"urn:breachwire:ns:1 organisation"`
	FailedControls []string `xml:"urn:breachwire:ns:1 failed_control"`
	Page           string   `xml:"urn:breachwire:ns:1 page"`
}

type readerRSS struct {
	XMLName xml.Name `xml:"rss"`
	Channel struct {
		Title string `xml:"title"`
		Self  struct {
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Items []struct {
			readerItem
			Link        string `xml:"link"`
			GUID        string `xml:"guid"`
			PubDate     string `xml:"pubDate"`
			Description string `xml:"description"`
			Categories  []struct {
				Domain string `xml:"domain,attr"`
				Value  string `xml:",chardata"`
			} `xml:"category"`
		} `xml:"item"`
	} `xml:"channel"`
}

type readerAtom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"http://www.w3.org/2005/Atom id"`
	Entries []struct {
		readerItem
		EntryID   string `xml:"http://www.w3.org/2005/Atom id"`
		Published string `xml:"http://www.w3.org/2005/Atom published"`
		Summary   string `xml:"http://www.w3.org/2005/Atom summary"`
		Links     []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

func render(t *testing.T, f Format, meta FeedMeta, articles []breachwire.Article) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f, meta, articles); err != nil {
		t.Fatalf("Write(%s): %v", f, err)
	}
	return buf.Bytes()
}

// wellFormed walks every token of doc with a strict decoder.
func wellFormed(t *testing.T, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return
			}
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
	}
}

func TestWriteRSS_StructuredFields(t *testing.T) {
	doc := render(t, RSS, testMeta, []breachwire.Article{advanced(), plain()})
	wellFormed(t, doc)
	var r readerRSS
	if err := xml.Unmarshal(doc, &r); err != nil {
		t.Fatal(err)
	}
	if r.Channel.Self.Href != testMeta.SelfURL {
		t.Errorf("self link = %q, want %q", r.Channel.Self.Href, testMeta.SelfURL)
	}
	if len(r.Channel.Items) != 2 {
		t.Fatalf("%d items, want 2", len(r.Channel.Items))
	}
	it := r.Channel.Items[0]
	a := advanced()
	checks := []struct{ name, got, want string }{
		{"title", it.Title, a.Title},
		{"link", it.Link, a.URL},
		{"guid", it.GUID, "tag:breachwire,2026:article/42"},
		{"pubDate", it.PubDate, "Thu, 27 Mar 2025 09:30:00 +0000"},
		{"mfa", it.MFA, "absent"},
		{"source", it.Source, "ICO news"},
		{"page", it.Page, "https://breachwire.example.org/articles/42"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if it.ID != 42 {
		t.Errorf("bw:id = %d", it.ID)
	}
	if it.Fine == nil || it.Fine.Amount != 3070000 || it.Fine.Currency != "GBP" || it.Fine.Status != "final" || it.Fine.Regulator != "ICO" {
		t.Errorf("bw:fine = %+v, want 3070000 GBP final ICO", it.Fine)
	}
	if it.Affected == nil || it.Affected.Count != 79404 || it.Affected.What != "people" || it.Affected.Qualifier != "exact" {
		t.Errorf("bw:affected = %+v, want 79404 people exact", it.Affected)
	}
	if strings.Join(it.Regulators, ",") != "ICO" || strings.Join(it.Organisations, ",") != "Advanced Computer Software Group Ltd" {
		t.Errorf("regulators %v organisations %v", it.Regulators, it.Organisations)
	}
	if strings.Join(it.FailedControls, ",") != "mfa,patching" {
		t.Errorf("failed controls %v", it.FailedControls)
	}
	var cats []string
	for _, c := range it.Categories {
		cats = append(cats, strings.TrimPrefix(c.Domain, Namespace)+"="+c.Value)
	}
	if got, want := strings.Join(cats, " "), "#regulator=ICO #attack_type=ransomware #failed_control=mfa #failed_control=patching"; got != want {
		t.Errorf("categories = %s, want %s", got, want)
	}
	if !strings.HasPrefix(it.Description, "<p><strong>£3.07m fine (final) · ICO · 79,404 people · MFA absent · Patching absent · ransomware</strong></p><p>We have fined") {
		t.Errorf("description = %q", it.Description)
	}
	// The plain article: no facts elements, pubDate from first seen.
	p := r.Channel.Items[1]
	if p.Fine != nil || p.Affected != nil || p.MFA != "" || len(p.Categories) != 0 {
		t.Errorf("plain article has facts: %+v", p)
	}
	if p.PubDate != "Fri, 28 Mar 2025 08:00:00 +0000" {
		t.Errorf("plain pubDate = %q (want first seen)", p.PubDate)
	}
}

func TestWriteAtom_StructuredFields(t *testing.T) {
	meta := testMeta
	meta.SelfURL = "https://breachwire.example.org/feed.atom?regulator=ICO"
	doc := render(t, Atom, meta, []breachwire.Article{advanced(), plain()})
	wellFormed(t, doc)
	var f readerAtom
	if err := xml.Unmarshal(doc, &f); err != nil {
		t.Fatal(err)
	}
	if f.ID != meta.SelfURL {
		t.Errorf("feed id = %q", f.ID)
	}
	if len(f.Entries) != 2 {
		t.Fatalf("%d entries", len(f.Entries))
	}
	e := f.Entries[0]
	if e.EntryID != GUID(42) || e.Published != "2025-03-27T09:30:00Z" || e.MFA != "absent" {
		t.Errorf("entry id %q published %q mfa %q", e.EntryID, e.Published, e.MFA)
	}
	if e.Fine == nil || e.Fine.Amount != 3070000 || e.Affected == nil || e.Affected.Count != 79404 {
		t.Errorf("facts: fine %+v affected %+v", e.Fine, e.Affected)
	}
	links := map[string]string{}
	for _, l := range e.Links {
		links[l.Rel] = l.Href
	}
	if links["alternate"] != advanced().URL || links["related"] != "https://breachwire.example.org/articles/42" {
		t.Errorf("links = %v", links)
	}
}

func TestWrite_NoBaseURL(t *testing.T) {
	doc := render(t, RSS, FeedMeta{}, []breachwire.Article{advanced()})
	if bytes.Contains(doc, []byte("/articles/")) {
		t.Errorf("links to our pages without a base URL:\n%s", doc)
	}
	var r readerRSS
	if err := xml.Unmarshal(doc, &r); err != nil {
		t.Fatal(err)
	}
	if r.Channel.Title != "breachwire" {
		t.Errorf("default title = %q", r.Channel.Title)
	}
}

func TestWrite_UnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "json", FeedMeta{}, nil)
	if breachwire.ErrorCode(err) != breachwire.ECodeInvalid {
		t.Fatalf("err = %v, want an invalid-input error", err)
	}
}

// TestWrite_Golden pins the exact bytes of both formats, so that a change
// of output is seen in review (and bumps formatVersion).
func TestWrite_Golden(t *testing.T) {
	for _, f := range []Format{RSS, Atom} {
		t.Run(string(f), func(t *testing.T) {
			meta := testMeta
			meta.SelfURL = "https://breachwire.example.org/feed." + string(f) + "?regulator=ICO"
			got := render(t, f, meta, []breachwire.Article{advanced(), plain()})
			path := filepath.Join("testdata", "advanced."+string(f)+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./rss -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s; run go test ./rss -update and review the diff\n%s", path, got)
			}
		})
	}
}

// TestWrite_E3_HostileText checks that hostile titles, summaries, names and
// links leave both documents well-formed, that the text reads back as the
// source's text with forbidden characters removed, and that no markup from
// a source survives as markup in a description.
func TestWrite_E3_HostileText(t *testing.T) {
	corpus := hostileCorpus()
	for _, f := range []Format{RSS, Atom} {
		t.Run(string(f), func(t *testing.T) {
			doc := render(t, f, testMeta, corpus)
			wellFormed(t, doc)
			if bytes.Contains(doc, []byte("<script")) || bytes.Contains(doc, []byte("]]>")) || bytes.Contains(doc, []byte("<img")) {
				t.Fatalf("raw markup from a source in the document:\n%s", doc)
			}
			var titles, descs []string
			if f == RSS {
				var r readerRSS
				if err := xml.Unmarshal(doc, &r); err != nil {
					t.Fatal(err)
				}
				for _, it := range r.Channel.Items {
					titles = append(titles, it.Title)
					descs = append(descs, it.Description)
					if strings.HasPrefix(it.Link, "javascript") {
						t.Errorf("item link %q", it.Link)
					}
				}
			} else {
				var a readerAtom
				if err := xml.Unmarshal(doc, &a); err != nil {
					t.Fatal(err)
				}
				for _, e := range a.Entries {
					titles = append(titles, e.Title)
					descs = append(descs, e.Summary)
					for _, l := range e.Links {
						if !strings.HasPrefix(l.Href, "https://") {
							t.Errorf("entry link %q", l.Href)
						}
					}
				}
			}
			if len(titles) != len(hostileTitles) {
				t.Fatalf("%d items, want %d", len(titles), len(hostileTitles))
			}
			for i, got := range titles {
				if want := oneLine(hostileTitles[i]); got != want {
					t.Errorf("title %d = %q, want %q", i, got, want)
				}
				if strings.ContainsAny(got, "\r\n\x00\x08\x1b") {
					t.Errorf("title %d keeps a control character: %q", i, got)
				}
				// The description is HTML: after XML decoding, markup from
				// the source must still be escaped.
				if strings.Contains(descs[i], "<script") || strings.Contains(descs[i], "<img") || strings.Contains(descs[i], `<a href="javascript`) {
					t.Errorf("description %d carries active markup: %q", i, descs[i])
				}
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "plain", "plain"},
		{"c0", "a\x00b\x08c\x1fd", "abcd"},
		{"c1 and del", "a\u0085b\x7fc", "abc"},
		{"keeps tab and newline", "a\tb\nc", "a\tb\nc"},
		{"invalid utf-8", "a\xffb\xc3", "ab"},
		{"non-characters", "a\uFFFEb\uFFFFc", "abc"},
		{"literal replacement char stays", "a\uFFFDb", "a\uFFFDb"},
		{"trims", "  x  ", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanText(tt.in); got != tt.want {
				t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got := oneLine("a\r\n b\t\tc  d"); got != "a b c d" {
		t.Errorf("oneLine = %q", got)
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("word ", 300)
	got := clip(long, 100)
	if n := len([]rune(got)); n > 101 || !strings.HasSuffix(got, "word…") {
		t.Errorf("clip = %q (%d runes)", got, n)
	}
	if clip("short", 100) != "short" {
		t.Error("clip changed a short text")
	}
}

func TestLastModified(t *testing.T) {
	a, p := advanced(), plain()
	if got := LastModified([]breachwire.Article{a, p}); !got.Equal(p.FirstSeen) {
		t.Errorf("LastModified = %v, want %v", got, p.FirstSeen)
	}
	a.Updated = a.FirstSeen.Add(2 * time.Hour)
	if got := LastModified([]breachwire.Article{a}); !got.Equal(a.Updated) {
		t.Errorf("LastModified with Updated = %v", got)
	}
	a.Updated = a.FirstSeen.Add(400 * 24 * time.Hour) // implausible (C7)
	if got := LastModified([]breachwire.Article{a}); !got.Equal(a.FirstSeen) {
		t.Errorf("LastModified with a future Updated = %v", got)
	}
	if !LastModified(nil).IsZero() {
		t.Error("LastModified(nil) is not zero")
	}
}
