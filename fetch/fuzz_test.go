package fetch

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"breachwire"
)

// FuzzParseFeed runs detection, gofeed parsing and normalisation on
// arbitrary bytes (RELIABILITY P5). Beyond never panicking, every item must
// come out usable: a unique key, valid UTF-8 within the caps, an absolute
// http(s) link or none, no placeholder date, and errors of the documented
// kinds.
func FuzzParseFeed(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.xml")
	more, _ := filepath.Glob("testdata/snapshots/*.xml")
	seeds = append(append(seeds, more...), "testdata/feed.json", "testdata/html-as-feed.html")
	for _, s := range seeds {
		f.Add(fixture(f, strings.TrimPrefix(s, "testdata/")), "")
	}
	f.Add([]byte(`<rss><channel><item><title>a</title><pubDate>Mon, 01 Jan 01</pubDate></item></channel></rss>`), "text/xml; charset=gbk")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":1,"title":2,"date_published":null}]}`), "application/json")
	f.Add([]byte("\xfe\xff\x00<\x00r\x00s\x00s\x00>"), "")
	lim := limits{items: 50, titleRunes: 80, textBytes: 2000}
	base := mustURL(f, "https://feeds.example.org/en/rss/")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		items, _, err := parseFeed(body, contentType, base, lim)
		if err != nil {
			if !errors.Is(err, ErrNotAFeed) && !errors.Is(err, ErrMalformed) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		src := &breachwire.Source{}
		kept, _ := finish(src, items, lim.items)
		if len(kept) > lim.items {
			t.Fatalf("%d items kept, cap %d", len(kept), lim.items)
		}
		keys := map[string]bool{}
		for _, it := range items {
			if it.Key == "" || keys[it.Key] {
				t.Fatalf("empty or duplicate key %q", it.Key)
			}
			keys[it.Key] = true
			for _, s := range []string{it.Title, it.Summary, it.Text, it.Author, it.GUID, it.PublishedRaw} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %q", s)
				}
			}
			if utf8.RuneCountInString(it.Title) > lim.titleRunes || len(it.Summary) > lim.textBytes || len(it.Text) > lim.textBytes {
				t.Fatalf("caps exceeded: title %d runes, summary %d, text %d bytes", utf8.RuneCountInString(it.Title), len(it.Summary), len(it.Text))
			}
			if strings.ContainsAny(it.Title, "\x00\x01\x07\x08\n\r") {
				t.Fatalf("control character in title %q", it.Title)
			}
			if it.URL != "" {
				u := mustURL(t, it.URL)
				if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					t.Fatalf("link %q is not absolute http(s)", it.URL)
				}
				if it.CanonicalURL != breachwire.CanonicalURL(it.URL) {
					t.Fatalf("canonical %q for %q", it.CanonicalURL, it.URL)
				}
			}
			if !it.Published.IsZero() && plausibleDate(it.Published).IsZero() {
				t.Fatalf("placeholder date kept: %v", it.Published)
			}
		}
	})
}

// FuzzParseDate: any string, no panic, and a date read back is plausible
// enough to format.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"Thu, 02 Jul 26 12:00:00 +0000", "Dom, 16 Jun 2024 00:05:38 +0000 2024-06-16", "31.05.2017", "3rd September 2026", "Published: 2026-01-02T03:04:05Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := parseDate(s); ok {
			_ = d.Format("2006-01-02")
		}
	})
}

// FuzzHTMLToText: markup of any shape becomes valid UTF-8 text within the
// cap, without control characters other than newline and tab.
func FuzzHTMLToText(f *testing.F) {
	for _, s := range []string{"<p>a</p><p>b</p>", "<pre>x\n  y</pre>", "a<br>b", "<div><div><div>", "&#0;&amp;<script>x</script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := htmlToText(s, 500)
		if !utf8.ValidString(out) || len(out) > 500 {
			t.Fatalf("bad output %q", out)
		}
		for _, r := range out {
			if r < 0x20 && r != '\n' && r != '\t' {
				t.Fatalf("control character %U in %q", r, out)
			}
		}
		if strings.Contains(out, "\n\n\n") {
			t.Fatalf("more than one blank line in %q", out)
		}
	})
}
