package rss

import (
	"bytes"
	"encoding/xml"
	"testing"
	"time"

	"breachwire"
)

// FuzzWrite_E3 writes an article with arbitrary text in every field the
// sources control and checks that both documents stay well-formed and that
// the title reads back as the cleaned text.
func FuzzWrite_E3(f *testing.F) {
	for _, s := range hostileTitles {
		f.Add(s, s, "ICO", "https://example.com/a")
	}
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, title, summary, name, link string) {
		a := breachwire.Article{ID: 1, Seq: 1, Title: title, Summary: summary, SourceName: name,
			Author: name, URL: link, FirstSeen: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			Facts: breachwire.Facts{Regulators: []string{name}, Organisations: []string{title},
				Fines: []breachwire.Fine{{Amount: 1, Currency: name, Status: summary, Regulator: title}}}}
		for _, format := range []Format{RSS, Atom} {
			var buf bytes.Buffer
			if err := Write(&buf, format, FeedMeta{Title: name, SelfURL: link, BaseURL: link}, []breachwire.Article{a}); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Titles []string `xml:"channel>item>title"`
				Atom   []string `xml:"entry>title"`
			}
			d := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
			d.Strict = true
			if err := d.Decode(&doc); err != nil {
				t.Fatalf("%s: not well-formed: %v\n%s", format, err, buf.Bytes())
			}
			got := append(doc.Titles, doc.Atom...)
			if len(got) != 1 || got[0] != itemTitle(&a) {
				t.Fatalf("%s: title %q, want %q", format, got, itemTitle(&a))
			}
		}
	})
}
