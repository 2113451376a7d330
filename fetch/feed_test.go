package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"breachwire"
)

var testLimits = limits{items: DefaultMaxItems, titleRunes: DefaultMaxTitleRunes, textBytes: DefaultMaxTextBytes}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func parseFixture(t *testing.T, name, base, contentType string) ([]breachwire.Item, string) {
	t.Helper()
	items, format, err := parseFeed(fixture(t, name), contentType, mustURL(t, base), testLimits)
	if err != nil {
		t.Fatalf("parseFeed(%s): %v", name, err)
	}
	return items, format
}

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSnapshots_RealFeeds puts the real captured feeds through the parser
// and checks facts known about each (shared/feeds/sources.md).
func TestSnapshots_RealFeeds(t *testing.T) {
	tests := []struct {
		file, base string
		format     string
		count      int
		index      int // the item checked below, in document order
		title      string
		url        string
		published  string // RFC 3339, "" to skip
		raw        string
		inSummary  string
		inText     string
		needsFull  bool
	}{
		{file: "bleepingcomputer-2026-07-05.xml", base: "https://www.bleepingcomputer.com/feed/", format: "rss", count: 3,
			title:     "Flipper Zero firmware development continues with community help",
			url:       "https://www.bleepingcomputer.com/news/security/flipper-zero-firmware-development-continues-with-community-help/",
			published: "2026-07-05T10:14:52-04:00", inSummary: "[...]", needsFull: true},
		{file: "cisa-all-advisories-2026-07-02.xml", base: "https://www.cisa.gov/cybersecurity-advisories/all.xml", format: "rss", count: 3,
			title: "CubeSpace CW0057 Reaction Wheel", url: "https://www.cisa.gov/news-events/ics-advisories/icsa-26-183-02",
			published: "2026-07-02T12:00:00Z", raw: "Thu, 02 Jul 26 12:00:00 +0000", inSummary: "CVE-2026-13743"},
		{file: "darkreading-2026-07-03.xml", base: "https://www.darkreading.com/rss.xml", format: "rss", count: 3,
			title:     "Chinese LLMs Broaden the Gap Between Attackers & Defenders",
			url:       "https://www.darkreading.com/cyber-risk/chinese-llms-broaden-gap-between-attackers-and-defenders",
			published: "2026-07-03T13:01:00Z", needsFull: true},
		{file: "krebsonsecurity-2026-07-04.xml", base: "https://krebsonsecurity.com/feed/", format: "rss", count: 3,
			title: "FBI Seizes NetNut Proxy Platform, Popa Botnet", url: "https://krebsonsecurity.com/2026/07/fbi-seizes-netnut-proxy-platform-popa-botnet/",
			published: "2026-07-02T19:27:33Z", inText: "NetNut"},
		{file: "ncsc-all-2026-08-20.xml", base: "https://www.ncsc.gov.uk/api/1/services/v1/all-rss-feed.xml", format: "rss", count: 5,
			title: "Managing the cyber risk of agentic AI", url: "https://www.ncsc.gov.uk/blogs/managing-the-cyber-risk-of-agentic-ai",
			published: "2026-08-20T12:00:00Z", needsFull: true},
		{file: "ncsc-news-2026-08-04.xml", base: "https://www.ncsc.gov.uk/api/1/services/v1/news-rss-feed.xml", format: "rss", count: 4, index: 3,
			title: "Vulnerability affecting F5 BIG-IP APM", url: "https://www.ncsc.gov.uk/news/vulnerability-affecting-f5-big-ip-apm",
			published: "2026-03-30T12:00:00Z", needsFull: true},
		{file: "opc-pipeda-findings-2026-10-08.xml", base: "https://www.priv.gc.ca/en/rss/pipeda/", format: "rss", count: 3, index: 1,
			title:     "PIPEDA Findings #2026-004: Commissioner-initiated complaints concerning X Corp.’s and X.AI LLC’s compliance with PIPEDA",
			url:       "https://www.priv.gc.ca/en/opc-actions-and-decisions/investigations/investigations-into-businesses/2026/pipeda-2026-004/",
			published: "2026-06-11T04:00:00Z", raw: "Thu, 11 Jun 26 00:00:00 -0400",
			inSummary: "X.AI LLC’s compliance with PIPEDA", needsFull: true},
		{file: "securityweek-2026-07-03.xml", base: "https://www.securityweek.com/feed/", format: "rss", count: 3, index: 2,
			title: "Medtronic Data Breach Impacts 3.8 Million People", url: "https://www.securityweek.com/medtronic-data-breach-impacts-3-8-million-people/",
			published: "2026-07-03T10:00:00Z", needsFull: true},
		{file: "thehackernews-2026-07-04.xml", base: "https://feeds.feedburner.com/TheHackersNews", format: "rss", count: 3,
			title:     "U.S. Government Entity Paid Kairos $1 Million in Data-Theft Extortion Case",
			url:       "https://thehackernews.com/2026/07/us-government-entity-paid-kairos-group.html",
			published: "2026-07-04T12:47:53Z", raw: "Sat, 04 Jul 2026 18:17:53 +0530", needsFull: true},
		{file: "therecord-2026-08-26.xml", base: "https://therecord.media/feed", format: "rss", count: 5, index: 4,
			title: "Employee benefits platform Paylogix says hackers stole financial and health data",
			url:   "https://therecord.media/paylogix-cyberattack-akira-ransomware", needsFull: true},
		{file: "theregister-2026-07-05.xml", base: "https://api.theregister.com/api/v1/article?remapper=rss", format: "rss", count: 3,
			title:     "MFA-optional banks leave safe doors (and accounts) wide open for thieves to pillage",
			url:       "https://www.theregister.com/security/2026/07/05/mfa-optional-banks-leave-safe-doors-and-accounts-wide-open-for-thieves-to-pillage/5266161",
			published: "2026-07-05T15:01:00Z", inText: "multi-factor authentication"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			items, format := parseFixture(t, "snapshots/"+tt.file, tt.base, "")
			if format != tt.format || len(items) != tt.count {
				t.Fatalf("format %q with %d items, want %q with %d", format, len(items), tt.format, tt.count)
			}
			it := items[tt.index]
			if it.Title != tt.title {
				t.Errorf("title = %q, want %q", it.Title, tt.title)
			}
			if it.URL != tt.url {
				t.Errorf("url = %q, want %q", it.URL, tt.url)
			}
			if tt.published != "" && !it.Published.Equal(date(t, tt.published)) {
				t.Errorf("published = %v, want %s", it.Published, tt.published)
			}
			if tt.raw != "" && it.PublishedRaw != tt.raw {
				t.Errorf("raw date = %q, want %q", it.PublishedRaw, tt.raw)
			}
			if !strings.Contains(it.Summary, tt.inSummary) {
				t.Errorf("summary %q does not contain %q", it.Summary, tt.inSummary)
			}
			if !strings.Contains(it.Text, tt.inText) {
				t.Errorf("text does not contain %q", tt.inText)
			}
			if got := NeedsFullText(&breachwire.Source{}, it); got != tt.needsFull {
				t.Errorf("NeedsFullText = %v, want %v (summary %d runes, text %d)", got, tt.needsFull, utf8.RuneCountInString(it.Summary), utf8.RuneCountInString(it.Text))
			}
			keys := map[string]bool{}
			for _, it := range items {
				if it.Key == "" || keys[it.Key] {
					t.Errorf("empty or duplicate key %q", it.Key)
				}
				keys[it.Key] = true
				if it.Published.IsZero() || it.Published.Year() != 2026 {
					t.Errorf("%q: published %v, want a 2026 date", it.Title, it.Published)
				}
				if strings.Contains(it.Summary+it.Text, "appeared first on") {
					t.Errorf("%q: WordPress footer kept", it.Title)
				}
			}
		})
	}
}

// TestSnapshots_ThroughFetch serves every real snapshot on loopback and
// reads it through the whole client, as ingest does.
func TestSnapshots_ThroughFetch(t *testing.T) {
	files, err := filepath.Glob("testdata/snapshots/*.xml")
	if err != nil || len(files) != 11 {
		t.Fatalf("snapshots: %v (%d files)", err, len(files))
	}
	mux := http.NewServeMux()
	for _, f := range files {
		// Krebs is served as text/html (catalogue.yaml): detection ignores it.
		mux.HandleFunc("/"+filepath.Base(f), fileHandler(t, "snapshots/"+filepath.Base(f), "text/html; charset=UTF-8"))
	}
	srv := serve(t, mux)
	c := testClient(t, Options{}, srv)
	total := 0
	for _, f := range files {
		res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/"+filepath.Base(f)), breachwire.SourceState{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i := 1; i < len(res.Items); i++ {
			if res.Items[i].Published.After(res.Items[i-1].Published) {
				t.Fatalf("%s: items not newest first", f)
			}
		}
		total += len(res.Items)
	}
	if total != 3*8+5+4+5 {
		t.Fatalf("read %d items from the snapshots, want 38", total)
	}
	t.Run("OPC relative links resolved against the final URL", func(t *testing.T) {
		res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/opc-pipeda-findings-2026-10-08.xml"), breachwire.SourceState{})
		if err != nil {
			t.Fatal(err)
		}
		want := srv.URL + "/en/opc-actions-and-decisions/investigations/investigations-into-businesses/2026/2026-westjet-cl/"
		if res.Items[0].URL != want {
			t.Fatalf("url = %q, want %q", res.Items[0].URL, want)
		}
	})
}

// TestParseFeed_Fixtures covers the quirks our fixtures reproduce.
func TestParseFeed_Fixtures(t *testing.T) {
	t.Run("WordPress", func(t *testing.T) {
		items, _ := parseFixture(t, "wordpress.xml", "https://breach-journal.example/feed/", "")
		if len(items) != 2 {
			t.Fatalf("%d items", len(items))
		}
		it := items[0]
		if it.GUID != "https://breach-journal.example/?p=47625" || it.Key != it.GUID {
			t.Errorf("guid %q key %q", it.GUID, it.Key)
		}
		if it.CanonicalURL != "https://breach-journal.example/regional-hospital-fined/" {
			t.Errorf("canonical url %q", it.CanonicalURL)
		}
		if it.Title != "Regional Hospital Fined $1.2 Million After Ransomware Attack Exposed 79,404 Patients" || it.Author != "Steve Alder" {
			t.Errorf("title %q author %q", it.Title, it.Author)
		}
		wantText := "A regional hospital has agreed to pay a $1.2 million penalty to settle potential violations of the HIPAA Security Rule.\n\n" +
			"The attackers entered through a remote access account that was not protected by multi-factor authentication. The personal data of 79,404 patients was stolen.\n\n" +
			"No risk analysis had been performed.\n\nLogs were not reviewed.\n\nRead the resolution agreement."
		if it.Text != wantText {
			t.Errorf("text =\n%q\nwant\n%q", it.Text, wantText)
		}
		if strings.Contains(it.Summary, "appeared first") || !strings.HasSuffix(it.Summary, "[…]") {
			t.Errorf("summary %q", it.Summary)
		}
		if fmt.Sprint(it.Categories) != "[HIPAA Breach News ransomware]" {
			t.Errorf("categories %q", it.Categories)
		}
		if !NeedsFullText(&breachwire.Source{}, items[1]) {
			t.Error("a teaser ending in […] does not ask for the full text")
		}
	})
	t.Run("CMS relative links and two-digit years", func(t *testing.T) {
		items, _ := parseFixture(t, "cms-relative.xml", "https://www.regulator.example/en/rss/news/", "")
		want := []string{
			"https://www.regulator.example/en/news/2026/nr-c_260714/",
			"https://www.regulator.example/en/news/2026/s-d_260611/",
			"https://www.regulator.example/en/rss/news/en/news/2026/ar_260109/",
		}
		for i, w := range want {
			if items[i].URL != w {
				t.Errorf("item %d url %q, want %q", i, items[i].URL, w)
			}
		}
		if !items[0].Published.Equal(date(t, "2026-07-14T04:00:00Z")) {
			t.Errorf("two-digit year read as %v", items[0].Published)
		}
		if !items[2].Published.IsZero() || items[2].PublishedRaw != "Mon, 01 Jan 01 00:00:00 -0400" {
			t.Errorf("placeholder date: %v (raw %q)", items[2].Published, items[2].PublishedRaw)
		}
		if items[0].Summary != "The OPC found the retailer did not use multi-factor authentication." {
			t.Errorf("summary %q", items[0].Summary)
		}
		if items[1].Key != items[1].CanonicalURL {
			t.Errorf("item without GUID keyed %q", items[1].Key)
		}
	})
	t.Run("xml:base wins over the document URL", func(t *testing.T) {
		items, _ := parseFixture(t, "xmlbase.xml", "http://mirror.example/feed.xml", "")
		if items[0].URL != "https://www.agency.example/news-events/advisories/aa26-001" {
			t.Errorf("url %q", items[0].URL)
		}
		if items[1].URL != "https://cdn.agency.example/advisories/aa26-002" {
			t.Errorf("scheme-relative url %q", items[1].URL)
		}
		if items[2].URL != "" || items[2].Key != "/node/3" {
			t.Errorf("javascript: link kept: %q (key %q)", items[2].URL, items[2].Key)
		}
		if items[0].Summary != "First advisory." {
			t.Errorf("escaped HTML summary %q", items[0].Summary)
		}
	})
	t.Run("Atom", func(t *testing.T) {
		items, format := parseFixture(t, "atom.xml", "https://blog.example.org/feed.atom", "")
		if format != "atom" || len(items) != 2 {
			t.Fatalf("%s, %d items", format, len(items))
		}
		a, b := items[0], items[1]
		if a.Title != "LockBit affiliate arrested" || a.Author != "Jane Analyst" {
			t.Errorf("title %q author %q", a.Title, a.Author)
		}
		if a.URL != "https://blog.example.org/security/posts/lockbit-affiliate-arrested" {
			t.Errorf("url %q", a.URL)
		}
		if a.Text != "An affiliate of the LockBit group was arrested.\n\nPolice seized servers." {
			t.Errorf("text %q", a.Text)
		}
		if !a.Published.Equal(date(t, "2026-07-05T08:30:00Z")) || !a.Updated.Equal(date(t, "2026-07-05T10:00:00Z")) {
			t.Errorf("published %v updated %v", a.Published, a.Updated)
		}
		if !b.Published.Equal(date(t, "2026-07-04T08:00:00Z")) {
			t.Errorf("entry with only <updated>: published %v", b.Published)
		}
		if b.CanonicalURL != "https://blog.example.org/security/posts/patch-now" {
			t.Errorf("canonical %q", b.CanonicalURL)
		}
	})
	t.Run("JSON Feed", func(t *testing.T) {
		items, format := parseFixture(t, "feed.json", "https://wire.example.net/feed.json", "application/json")
		if format != "json" || len(items) != 2 {
			t.Fatalf("%s, %d items", format, len(items))
		}
		if items[0].Text != "A clinic said 5,000 people were affected.\n\nPasswords were reused." || items[0].Author != "Wire Desk" {
			t.Errorf("text %q author %q", items[0].Text, items[0].Author)
		}
		if items[1].URL != "https://wire.example.net/2026/07/second" || items[1].Text != "Plain text content." {
			t.Errorf("url %q text %q", items[1].URL, items[1].Text)
		}
	})
	t.Run("C5 BOM, whitespace and junk after the root", func(t *testing.T) {
		items, _ := parseFixture(t, "bom-junk.xml", "https://junk.example/feed", "text/html")
		if len(items) != 1 || items[0].Title != "Still parsed" {
			t.Fatalf("items %+v", items)
		}
	})
	t.Run("C4 windows-1252 declared in the prolog", func(t *testing.T) {
		for _, ct := range []string{"", "text/xml; charset=windows-1252", "application/xml; charset=ISO-8859-1"} {
			items, _ := parseFixture(t, "windows-1252.xml", "https://dsb.example/feed", ct)
			if items[0].Title != "Bußgeld gegen Krankenäuser – „MFA fehlte“" || items[0].Summary != "Die Behörde verhängte 500 000 €." {
				t.Errorf("content type %q: title %q summary %q", ct, items[0].Title, items[0].Summary)
			}
		}
	})
	t.Run("C4 valid UTF-8 wins over the labels", func(t *testing.T) {
		for _, ct := range []string{"", "text/xml; charset=gbk", "text/xml; charset=windows-1251"} {
			items, _ := parseFixture(t, "utf8-wrong-prolog.xml", "https://wp.example/feed", ct)
			if items[0].Title != "Роскомнадзор оштрафовал оператора" || items[0].Summary != "Утечка данных клиентов — Café" {
				t.Errorf("content type %q: converted twice: %q / %q", ct, items[0].Title, items[0].Summary)
			}
		}
	})
	t.Run("C3 control characters and invalid UTF-8", func(t *testing.T) {
		items, _ := parseFixture(t, "control-chars.xml", "https://ctl.example/feed", "")
		if len(items) != 2 {
			t.Fatalf("%d items, want 2: the rest must still parse", len(items))
		}
		if items[0].Title != "Backspace and bell in title" {
			t.Errorf("title %q", items[0].Title)
		}
		for _, it := range items {
			for _, s := range []string{it.Title, it.Summary} {
				if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\x01\x07\x08\ufffe") {
					t.Errorf("illegal characters left in %q", s)
				}
			}
		}
		if !strings.Contains(items[0].Summary, "Café") {
			t.Errorf("valid UTF-8 around a bad byte re-read as Latin-1: %q", items[0].Summary)
		}
	})
	t.Run("C6 dates", func(t *testing.T) {
		items, _ := parseFixture(t, "dates.xml", "https://dates.example/feed", "")
		want := map[string]string{
			"date-0":     "2026-07-02T12:00:00Z",
			"date-1":     "2016-12-20T14:31:15Z",
			"date-2":     "",
			"date-3":     "",
			"date-4":     "2024-06-16T00:05:38Z",
			"date-5":     "",
			"date-6":     "",
			"date-7":     "2017-05-31T00:00:00Z",
			"date-cdata": "2026-07-03T10:00:00Z",
			"date-empty": "",
		}
		if len(items) != len(want) {
			t.Fatalf("%d items, want %d", len(items), len(want))
		}
		for _, it := range items {
			w, ok := want[it.GUID]
			if !ok {
				t.Fatalf("unexpected item %q", it.GUID)
			}
			if w == "" {
				if !it.Published.IsZero() {
					t.Errorf("%s (%q): published %v, want none", it.GUID, it.PublishedRaw, it.Published)
				}
				continue
			}
			if !it.Published.Equal(date(t, w)) {
				t.Errorf("%s (%q): published %v, want %s", it.GUID, it.PublishedRaw, it.Published, w)
			}
		}
	})
}

// TestParseFeed_C5_NotAFeed: HTML, sitemaps and other documents served as a
// feed are reported as such, detected from the content, whatever the
// content type says.
func TestParseFeed_C5_NotAFeed(t *testing.T) {
	tests := []struct {
		name, body, contentType, want string
	}{
		{"login page", string(fixture(t, "html-as-feed.html")), "application/rss+xml", "not a feed (got HTML)"},
		{"soft 404 without doctype", "<html><body>Not found</body></html>", "text/xml", "not a feed (got HTML)"},
		{"html after a comment", "<!-- cache --><!DOCTYPE html><html></html>", "", "not a feed (got HTML)"},
		{"sitemap", string(fixture(t, "sitemap.xml")), "application/xml", "not a feed (got a sitemap)"},
		{"other XML", `<?xml version="1.0"?><opml version="2.0"><body/></opml>`, "", "not a feed (got XML with root <opml>)"},
		{"JSON API", `{"data": [1, 2, 3]}`, "application/json", "not a feed (got JSON that is not a JSON Feed)"},
		{"plain text", "Service temporarily unavailable", "text/plain", "not a feed (got neither XML nor JSON)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := parseFeed([]byte(tt.body), tt.contentType, mustURL(t, "https://x.example/feed"), testLimits)
			if !errors.Is(err, ErrNotAFeed) || err.Error() != tt.want {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
		})
	}
	t.Run("through Fetch", func(t *testing.T) {
		srv := serve(t, fileHandler(t, "html-as-feed.html", "application/rss+xml"))
		c := testClient(t, Options{}, srv)
		res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL), breachwire.SourceState{})
		if !errors.Is(err, ErrNotAFeed) || !strings.Contains(err.Error(), "not a feed (got HTML)") {
			t.Fatalf("error = %v", err)
		}
		if res == nil || res.Status != 200 || len(res.Items) != 0 {
			t.Fatalf("result %+v", res)
		}
	})
}

// TestParseFeed_C1_EntitiesInert: billion laughs and XXE neither expand nor
// read files or the network.
func TestParseFeed_C1_EntitiesInert(t *testing.T) {
	for _, name := range []string{"billion-laughs.xml", "xxe.xml"} {
		t.Run(name, func(t *testing.T) {
			items, _, err := parseFeed(fixture(t, name), "", mustURL(t, "https://x.example/"), testLimits)
			if err != nil {
				return // rejecting the document is also acceptable
			}
			for _, it := range items {
				s := it.Title + it.Summary + it.Text
				if strings.Contains(s, "lollol") || strings.Contains(s, "root:") || len(s) > 200 {
					t.Fatalf("entity expanded: %.200q", s)
				}
			}
		})
	}
}

// TestParseFeed_Malformed: broken XML is an error, never a panic or a
// silent empty success.
func TestParseFeed_Malformed(t *testing.T) {
	_, _, err := parseFeed(fixture(t, "malformed.xml"), "", mustURL(t, "https://x.example/"), testLimits)
	if !errors.Is(err, ErrMalformed) {
		t.Fatalf("error = %v, want ErrMalformed", err)
	}
}

// TestKeys_D1_D2: keys are unique within a document and stable across
// fetches, for duplicate GUIDs and for items without GUID or link.
func TestKeys_D1_D2(t *testing.T) {
	t.Run("D2 duplicate GUIDs", func(t *testing.T) {
		items, _ := parseFixture(t, "dup-guids.xml", "https://dup.example/feed", "")
		want := []string{"same-guid", "same-guid#https://dup.example/b", "same-guid#https://dup.example/a", "same-guid#3"}
		if len(items) != len(want) {
			t.Fatalf("%d items, want %d: nothing may be lost", len(items), len(want))
		}
		for i, w := range want {
			if items[i].Key != w {
				t.Errorf("item %d key %q, want %q", i, items[i].Key, w)
			}
		}
	})
	t.Run("D1 missing GUIDs", func(t *testing.T) {
		first, _ := parseFixture(t, "no-guids.xml", "https://noguid.example/feed", "")
		second, _ := parseFixture(t, "no-guids.xml", "https://noguid.example/feed", "")
		if first[0].Key != "https://noguid.example/post/1" {
			t.Errorf("linked item key %q", first[0].Key)
		}
		seen := map[string]bool{}
		for i := range first {
			if first[i].Key != second[i].Key {
				t.Errorf("item %d key changed between fetches: %q, %q", i, first[i].Key, second[i].Key)
			}
			if seen[first[i].Key] {
				t.Errorf("duplicate key %q", first[i].Key)
			}
			seen[first[i].Key] = true
		}
		if !strings.HasPrefix(first[1].Key, "sha256:") || first[3].Title != "Neither title nor date nor link, only this text." {
			t.Errorf("fallbacks: key %q, title %q", first[1].Key, first[3].Title)
		}
	})
}

// TestFetch_C8_CapsAndFilters: a huge document keeps the newest items up to
// the cap, fields are capped, and include/exclude patterns apply.
func TestFetch_C8_CapsAndFilters(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link><description/>`)
	huge := strings.Repeat("Ransomware breach ", 20000) // 360 kB title
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 5000; i++ {
		title := fmt.Sprintf("Breach number %d", i)
		if i == 7 {
			title = huge
		}
		if i%10 == 3 {
			title = fmt.Sprintf("Sponsored breach webinar %d", i)
		}
		// Dates out of document order: the newest are in the middle.
		d := base.Add(time.Duration((i*7919)%5000) * time.Hour)
		fmt.Fprintf(&b, "<item><title>%s</title><link>https://big.example/%d</link><pubDate>%s</pubDate><description>%s</description></item>",
			title, i, d.Format(time.RFC1123Z), strings.Repeat("text ", 250))
	}
	b.WriteString("</channel></rss>")
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(b.String())) }))
	c := testClient(t, Options{MaxTitleRunes: 100, MaxTextBytes: 1000}, srv)
	src := source(breachwire.FormatFeed, srv.URL)
	src.MaxItems = 25
	src.Include = []*regexp.Regexp{regexp.MustCompile(`(?i)breach`)}
	src.Exclude = []*regexp.Regexp{regexp.MustCompile(`(?i)sponsored`)}
	res, err := c.Fetch(context.Background(), src, breachwire.SourceState{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 25 || res.Total != 5000 || res.Filtered != 500 {
		t.Fatalf("%d items of %d, %d filtered; want 25 of 5000, 500 filtered", len(res.Items), res.Total, res.Filtered)
	}
	for i, it := range res.Items {
		if strings.Contains(it.Title, "Sponsored") {
			t.Fatalf("excluded item kept: %q", it.Title)
		}
		if utf8.RuneCountInString(it.Title) > 100 || len(it.Summary) > 1000 {
			t.Fatalf("field caps: title %d runes, summary %d bytes", utf8.RuneCountInString(it.Title), len(it.Summary))
		}
		if i > 0 && it.Published.After(res.Items[i-1].Published) {
			t.Fatal("not newest first")
		}
	}
	if want := base.Add(4999 * time.Hour); !res.Items[0].Published.Equal(want) {
		t.Fatalf("newest item dated %v, want %v", res.Items[0].Published, want)
	}
}
