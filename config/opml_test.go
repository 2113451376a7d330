package config

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"breachwire"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func defaultSources(t *testing.T) []breachwire.Source {
	t.Helper()
	c, err := Load(filepath.Join("..", "feeds.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return c.Sources
}

// importInto imports an OPML file and parses the result under "sources:",
// failing the test if the printed entries are not a valid feeds.yaml.
func importInto(t *testing.T, opml []byte, existing []breachwire.Source) (string, []breachwire.Source) {
	t.Helper()
	out, err := ImportOPML(bytes.NewReader(opml), existing)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("imported.yaml", append([]byte("sources:\n"), out...))
	if err != nil {
		t.Fatalf("the import is not a valid sources list: %v\n%s", err, out)
	}
	return string(out), c.Sources
}

// TestOPML_RoundTrip writes the default feed sources as OPML and imports them
// into an empty configuration: the same sources come back.
func TestOPML_RoundTrip(t *testing.T) {
	sources := defaultSources(t)
	var buf bytes.Buffer
	if err := WriteOPML(&buf, sources); err != nil {
		t.Fatal(err)
	}
	_, got := importInto(t, buf.Bytes(), nil)
	var want []breachwire.Source
	for _, s := range sources {
		if s.Format == breachwire.FormatFeed {
			want = append(want, s)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d sources came back, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if g.ID != w.ID || g.Name != w.Name || g.Kind != w.Kind || g.Country != w.Country || g.URL != w.URL || g.Format != w.Format {
			t.Errorf("source %d:\n got %+v\nwant %+v", i, g, w)
		}
		if g.Interval != DefaultInterval(w.Kind) {
			t.Errorf("%s: interval %v, want the default for %s", g.Name, g.Interval, g.Kind)
		}
	}
	// The sources that are not feeds are named in a comment, not lost
	// silently.
	for _, name := range []string{"ICO news", "ICO enforcement", "HHS OCR breach portal"} {
		if !strings.Contains(buf.String(), name) {
			t.Errorf("the OPML does not mention %s", name)
		}
	}
}

// TestWriteOPML_Escapes checks that names and URLs with markup characters
// survive: encoding/xml escapes them and a reader gets them back unchanged.
func TestWriteOPML_Escapes(t *testing.T) {
	src := breachwire.Source{Name: `Q&A <"news"> 'today'`, Kind: breachwire.KindPress, Format: breachwire.FormatFeed,
		URL: "https://a.example/rss?a=1&b=<2>"}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, []breachwire.Source{src}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `Q&A`) || !strings.HasPrefix(buf.String(), xml.Header) {
		t.Errorf("unescaped output:\n%s", buf.String())
	}
	var doc struct {
		Version string `xml:"version,attr"`
		Folders []struct {
			Text  string `xml:"text,attr"`
			Feeds []struct {
				Text   string `xml:"text,attr"`
				Type   string `xml:"type,attr"`
				XMLURL string `xml:"xmlUrl,attr"`
			} `xml:"outline"`
		} `xml:"body>outline"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "2.0" || len(doc.Folders) != 1 || doc.Folders[0].Text != "Press" || len(doc.Folders[0].Feeds) != 1 {
		t.Fatalf("structure: %+v", doc)
	}
	f := doc.Folders[0].Feeds[0]
	if f.Text != src.Name || f.XMLURL != src.URL || f.Type != "rss" {
		t.Errorf("read back %+v", f)
	}
}

// TestImportOPML_Golden imports a hand-written OPML with nested folders,
// feeds already configured, duplicates and refused URLs (RELIABILITY A6), and
// compares the printed entries with testdata/import.golden.yaml.
func TestImportOPML_Golden(t *testing.T) {
	opml, err := os.ReadFile(filepath.Join("testdata", "import.opml"))
	if err != nil {
		t.Fatal(err)
	}
	out, got := importInto(t, opml, defaultSources(t))
	golden := filepath.Join("testdata", "import.golden.yaml")
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("import differs from %s (run with -update and review):\n%s", golden, out)
	}
	if strings.Contains(out, "secret") {
		t.Errorf("the import repeats a password from a URL:\n%s", out)
	}
	byURL := map[string]breachwire.Source{}
	for _, s := range got {
		byURL[s.URL] = s
	}
	checks := []struct {
		url, name string
		kind      breachwire.Kind
		country   string
	}{
		{"https://deep.example/rss", "Nested three folders down", breachwire.KindPress, ""},
		{"https://lower-case-attr.example/feed", "Title wins over text", breachwire.KindPress, ""},
		{"https://twice.example/feed", "The same feed twice", breachwire.KindPress, ""},
		{"https://other-krebs.example/feed", "Krebs on Security (other-krebs.example)", breachwire.KindPress, ""},
		{"https://blog.ico.org.uk/feed", "Information Commissioner blog", breachwire.KindRegulator, "GB"},
		{"https://www.agency.gov.uk/news.rss", "A national agency", breachwire.KindRegulator, "GB"},
		{"https://marked.example/feed", "Marked by breachwire", breachwire.KindRegulator, "DE"},
		{"https://nameless.example/feed", "nameless.example", breachwire.KindPress, ""},
		{"https://punctuation.example/feed", "punctuation.example", breachwire.KindPress, ""},
	}
	for _, c := range checks {
		s, ok := byURL[c.url]
		if !ok {
			t.Errorf("%s was not imported", c.url)
			continue
		}
		if s.Name != c.name || s.Kind != c.kind || s.Country != c.country {
			t.Errorf("%s: name %q kind %s country %q; want %q %s %q", c.url, s.Name, s.Kind, s.Country, c.name, c.kind, c.country)
		}
	}
	for _, refused := range []string{"file:///etc/passwd", "javascript:alert(1)", "ftp://files.example/feed", "/feed.xml",
		"https://user:secret@private.example/feed", "http://KrebsOnSecurity.com/feed", "https://TWICE.example:443/feed/#top"} {
		if _, ok := byURL[refused]; ok {
			t.Errorf("imported %s, which should have been skipped", refused)
		}
	}
	if len(got) != 11 {
		t.Errorf("imported %d feeds, want 11", len(got))
	}
}

// TestImportOPML_RealList imports a trimmed copy of a public OPML list of
// security feeds against the default feeds.yaml.
func TestImportOPML_RealList(t *testing.T) {
	opml, err := os.ReadFile(filepath.Join("testdata", "security-feeds-trimmed.opml"))
	if err != nil {
		t.Fatal(err)
	}
	existing := defaultSources(t)
	out, got := importInto(t, opml, existing)

	// 58 feeds in the file; 9 are in the default feeds.yaml, one with and
	// one without a trailing slash.
	already := regexp.MustCompile(`(?m)^# Already configured or listed twice, left out \((\d+)\):$`).FindStringSubmatch(out)
	if already == nil || already[1] != "9" {
		t.Errorf("already configured: %v\n%s", already, out)
	}
	if !strings.Contains(out, `"Krebs on Security" https://krebsonsecurity.com/feed (as "Krebs on Security")`) {
		t.Errorf("Krebs (no trailing slash in the OPML) not matched to the configured feed:\n%s", out)
	}
	if len(got) != 49 || !strings.HasPrefix(out, "# 49 new feeds") {
		t.Errorf("imported %d feeds, want 49", len(got))
	}
	ids := map[string]bool{}
	for _, s := range existing {
		ids[s.ID] = true
	}
	byURL := map[string]breachwire.Source{}
	for _, s := range got {
		if ids[s.ID] {
			t.Errorf("%s: id %q is already taken", s.Name, s.ID)
		}
		ids[s.ID] = true
		byURL[s.URL] = s
		if s.Format != breachwire.FormatFeed || s.Interval != DefaultInterval(s.Kind) {
			t.Errorf("%s: format %s interval %v", s.Name, s.Format, s.Interval)
		}
	}
	for _, c := range []struct {
		url     string
		kind    breachwire.Kind
		country string
	}{
		{"https://www.cisa.gov/cybersecurity-advisories/ics-advisories.xml", breachwire.KindRegulator, "US"},
		{"https://www.ncsc.gov.uk/api/1/services/v1/all-rss-feed.xml", breachwire.KindRegulator, "GB"},
		{"https://www.cyber.gc.ca/api/cccs/rss/v1/get?feed=alerts_advisories&lang=en", breachwire.KindRegulator, "CA"},
		{"https://cert.europa.eu/publications/security-advisories-rss", breachwire.KindRegulator, "EU"},
		{"https://www.cert.pl/feed", breachwire.KindPress, ""},
		{"https://feeds.feedburner.com/HaveIBeenPwnedLatestBreaches", breachwire.KindPress, ""},
	} {
		s, ok := byURL[c.url]
		if !ok {
			t.Errorf("%s not imported", c.url)
			continue
		}
		if s.Kind != c.kind || s.Country != c.country {
			t.Errorf("%s: kind %s country %q, want %s %q", c.url, s.Kind, s.Country, c.kind, c.country)
		}
	}
	// Two feeds share a title with different URLs; the second gets its host.
	if s := byURL["https://www.kb.cert.org/vulfeed"]; s.Name != "CERT Recently Published Vulnerability Notes (kb.cert.org)" {
		t.Errorf("second CERT feed named %q", s.Name)
	}
}

func TestImportOPML_Refuses(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"HTML", "<html><body><p>hello</p></body></html>", "not an OPML file"},
		{"NoBody", `<?xml version="1.0"?><opml version="2.0"><head/></opml>`, "no <body> element"},
		{"Empty", "", "not an OPML file"},
		{"UnknownCharset", `<?xml version="1.0" encoding="EBCDIC-US"?><opml><body/></opml>`, "unsupported encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ImportOPML(strings.NewReader(tt.in), nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) || breachwire.ErrorCode(err) != breachwire.ECodeInvalid {
				t.Errorf("err = %v, want an invalid error containing %q", err, tt.want)
			}
		})
	}
}

func TestImportOPML_Latin1(t *testing.T) {
	in := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<opml version=\"2.0\"><body>" +
		"<outline text=\"Actualit\xe9s\" xmlUrl=\"https://latin.example/rss\"/></body></opml>")
	_, got := importInto(t, in, nil)
	if len(got) != 1 || got[0].Name != "Actualités" || got[0].ID != "actualites" {
		t.Errorf("got %+v", got)
	}
}
