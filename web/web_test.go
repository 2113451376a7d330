package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"breachwire"
	"breachwire/index"
)

const (
	urlAdvanced = "https://ico.example/news/2025/03/advanced-fined"
	urlHospital = "https://news.example/2025/03/31/hospital-breach?utm_source=feed"
	urlFirewall = "https://news.example/2025/03/30/firewall-flaw"
	urlRetailer = "https://cnil.example/en/sanctions/retailer-2025"
	urlTelecom  = "https://cnil.example/en/sanctions/telecom-2024"
	urlHostile  = "javascript:alert(5)"
)

// TestPages fetches every page and checks what a reader must see on it.
func TestPages(t *testing.T) {
	e := newTestEnv(t, func(d *Deps) {
		d.DigestStatus = func(context.Context) ([]SubscriptionStatus, error) {
			return []SubscriptionStatus{{Name: "secops", Schedule: "07:00 Europe/London", Recipients: 2,
				LastSent: testNow.Add(-5 * time.Hour), Pending: 3, LastError: "smtp: 451 try later"}}, nil
		}
	})
	adv := e.id(t, urlAdvanced)
	cases := []struct {
		name, path string
		status     int
		want       []string
		notWant    []string
	}{
		{"digest week", "/", 200, []string{
			"<h1>Digest", "Last week", "Enforcement", "Breaches and attacks", "Advisories",
			"ICO fines software provider £3.07m", "£3.07m fine · final · ICO", "79,404 people", "MFA absent",
			`<svg viewBox="0 0 640 220" role="img"`, "Articles per day", "Fines per month by regulator",
			"<desc id=\"chart-days-d\">4 articles over the 7 days", `<span class="value">4</span>`,
			"Hospital group says 1.2 million patients",
		}, []string{"CNIL fines online retailer"}},
		{"digest month", "/?period=month", 200, []string{"Last month", "CNIL fines online retailer €1.5 million",
			`<span class="value">5</span>`, "€1.5m"}, []string{"CNIL fines telecom operator"}},
		{"digest day", "/?period=day", 200, []string{"Last day", "Widgets Ltd"}, []string{"ICO fines software provider"}},
		{"search all", "/search", 200, []string{"<h1>Search", "6 articles", `name="regulator" value="ICO"`,
			`<label for="currency"`, `<select id="currency" name="currency">`}, nil},
		{"search words", "/search?q=ransomware", 200, []string{"<mark>ransomware</mark>", "£3.07m fine · final · ICO",
			"79,404 people", "MFA absent", "1 article"}, []string{"Hospital group"}},
		{"search filter", "/search?regulator=CNIL&sort=fine", 200, []string{"2 articles", "CNIL fines online retailer",
			"CNIL fines telecom operator", `value="CNIL" checked`}, []string{"ICO fines software provider"}},
		{"search page 2", "/search?limit=2&page=2", 200, []string{"page 2 of 3", `rel="prev"`, `rel="next"`}, nil},
		{"article", "/articles/" + strconv.FormatUint(adv, 10), 200, []string{
			"<h1>ICO fines software provider £3.07m", "Facts and their evidence",
			"<mark>£3.07m</mark>", "<mark>79,404 people</mark>", "<mark>multi-factor authentication (MFA)</mark>",
			`<span class="evidence">The ICO had provisionally announced`, `href="https://ico.example/news/2025/03/advanced-fined"`,
			"<blockquote>The personal information of 79,404 people was taken", `href="#fact-1"`, `id="fact-1"`,
			"Published", "27 Mar 2025 09:00 UTC", "LockBit",
		}, nil},
		{"sources", "/sources", 200, []string{"<h1>Sources", "ICO news", "Example Tech News", "failing",
			"&lt;script&gt;alert(&#34;err&#34;)&lt;/script&gt;", "Email digests", "secops", "smtp: 451 try later",
			"07:00 Europe/London"}, []string{`href="javascript:`}},
		{"healthz", "/healthz", 200, []string{"ok"}, nil},
		{"static css", "/static/style.css", 200, []string{":focus-visible"}, nil},
		{"unknown page", "/nope", 404, []string{"Not Found", "there is no page at /nope"}, nil},
		{"unknown article", "/articles/999", 404, []string{"no article 999"}, nil},
		{"bad article id", "/articles/abc", 404, []string{"article IDs are whole numbers"}, nil},
		{"bad period", "/?period=year", 400, []string{"period: &#34;year&#34; is not day, week or month"}, nil},
		{"bad search date", "/search?q=fine&since=yesterday", 400, []string{`role="alert"`, "since:",
			`value="yesterday"`, `value="fine"`}, []string{"<ol class=\"items\">"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := e.get(t, c.path)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d; body:\n%s", resp.StatusCode, c.status, body)
			}
			if resp.Header.Get("Content-Security-Policy") != contentSecurityPolicy {
				t.Errorf("CSP %q", resp.Header.Get("Content-Security-Policy"))
			}
			mustContain(t, c.path, body, c.want...)
			mustNotContain(t, c.path, body, c.notWant...)
		})
	}
}

// TestDigest_EmptyWindow shows the latest articles when nothing is dated
// within the period.
func TestDigest_EmptyWindow(t *testing.T) {
	e := newTestEnv(t, func(d *Deps) { d.Now = func() time.Time { return testNow.AddDate(1, 0, 0) } })
	resp, body := e.get(t, "/")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	mustContain(t, "/", body, "Nothing new in this period", "These are the latest articles",
		"Widgets Ltd", "ICO fines software provider")
	var d digestJSON
	e.getJSON(t, "/api/digest", 200, &d)
	if !d.Empty || len(d.Latest) != 6 || d.Figures.Articles != 0 {
		t.Fatalf("empty %v, latest %d, articles %d", d.Empty, len(d.Latest), d.Figures.Articles)
	}
}

func TestAPI_Digest(t *testing.T) {
	e := newTestEnv(t)
	var d digestJSON
	e.getJSON(t, "/api/digest?period=week", 200, &d)
	if d.Period != "week" || d.Empty || d.Figures.Articles != 4 || d.Figures.MFAAbsent != 2 {
		t.Fatalf("digest %+v", d)
	}
	if got := d.Figures.Fines["GBP"]; got != 3_080_000 {
		t.Errorf("fines in GBP %v, want 3,080,000 (£3.07m + £10,000)", got)
	}
	if len(d.Groups) != len(breachwire.DigestGroups) || d.Groups[0].Key != "enforcement" {
		t.Fatalf("groups %+v", d.Groups)
	}
	enf := d.Groups[0].Items
	if len(enf) != 2 || !strings.HasPrefix(enf[0].Title, "ICO fines software provider") {
		t.Fatalf("enforcement items %+v", enf)
	}
	if enf[0].Severity <= enf[1].Severity {
		t.Errorf("not ranked by severity: %v then %v", enf[0].Severity, enf[1].Severity)
	}
	if enf[0].Page != "/articles/"+strconv.FormatUint(e.id(t, urlAdvanced), 10) {
		t.Errorf("page link %q", enf[0].Page)
	}
	if len(d.ArticlesPerDay) != 7 || d.ArticlesPerDay[6].Date != "2025-04-02" {
		t.Fatalf("articles per day %+v", d.ArticlesPerDay)
	}
	total := 0
	for _, c := range d.ArticlesPerDay {
		total += c.Count
	}
	if total != 4 {
		t.Errorf("articles per day add up to %d, want 4", total)
	}
	if len(d.FinesPerMonth) != chartMonths {
		t.Fatalf("fines per month: %d months", len(d.FinesPerMonth))
	}
	byMonth := map[string]monthFinesJSON{}
	for _, m := range d.FinesPerMonth {
		byMonth[m.Month] = m
	}
	if m := byMonth["2025-03"]; m.Total != 2 || m.ByRegulator["ICO"] != 1 || m.ByRegulator["CNIL"] != 1 {
		t.Errorf("March 2025: %+v", m)
	}
	if m := byMonth["2024-11"]; m.Total != 1 || m.ByRegulator["CNIL"] != 1 {
		t.Errorf("November 2024: %+v", m)
	}
	var bad apiError
	e.getJSON(t, "/api/digest?period=fortnight", 400, &bad)
	if !strings.Contains(bad.Error, "period") {
		t.Errorf("error %q", bad.Error)
	}
}

// TestDigest_FinesChartCache: after the index changes, the fines chart
// counts again the months of the articles written since, and keeps the
// others.
func TestDigest_FinesChartCache(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	if _, err := e.server.finesByMonth(ctx, testNow); err != nil {
		t.Fatal(err)
	}
	items := []corpusItem{
		{Source: "ico-news", URL: "https://ico.example/news/2025/04/another", Published: testNow.Add(-time.Hour),
			Title: "ICO fines charity £50,000", Text: "The ICO fined a charity £50,000 after a data breach."},
		{Source: "ico-news", URL: "https://ico.example/news/2024/11/late", Published: time.Date(2024, 11, 20, 9, 0, 0, 0, time.UTC),
			Title: "ICO fines council £40,000", Text: "The ICO fined a council £40,000 after a data breach."},
	}
	fillStore(t, e.store, items)
	if _, err := e.index.Reconcile(ctx, e.store); err != nil {
		t.Fatal(err)
	}
	count := func(now time.Time, month string) int {
		t.Helper()
		months, err := e.server.finesByMonth(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range months {
			if m.Month.Format("2006-01") == month {
				return m.Total
			}
		}
		t.Fatalf("no month %s", month)
		return 0
	}
	if got := count(testNow, "2025-04"); got != 2 {
		t.Errorf("April 2025 after a new fine: %d, want 2", got)
	}
	if got := count(testNow, "2024-11"); got != 2 {
		t.Errorf("November 2024 after a late fine: %d, want 2", got)
	}
	// A month no change touched is not counted again: a count planted in
	// the cache survives an index change elsewhere, until finesStale.
	nov := time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	e.server.finesMu.Lock()
	c := e.server.fines.months[nov]
	c.fines.Total = 99
	e.server.fines.months[nov] = c
	e.server.finesMu.Unlock()
	fillStore(t, e.store, []corpusItem{{Source: "ico-news", URL: "https://ico.example/news/2025/04/third", Published: testNow.Add(-2 * time.Hour),
		Title: "ICO fines shop £5,000", Text: "The ICO fined a shop £5,000 after a data breach."}})
	if _, err := e.index.Reconcile(ctx, e.store); err != nil {
		t.Fatal(err)
	}
	if got := count(testNow, "2025-04"); got != 3 {
		t.Errorf("April 2025 after a third fine: %d, want 3", got)
	}
	if got := count(testNow, "2024-12"); got != 99 {
		t.Errorf("December 2024 was counted again: %d", got)
	}
	if got := count(testNow.Add(finesStale), "2024-12"); got != 0 {
		t.Errorf("December 2024 after %s: %d, want 0", finesStale, got)
	}
}

func TestAPI_Search(t *testing.T) {
	e := newTestEnv(t)
	cases := []struct {
		query string
		want  []string // URLs, in order
		check func(t *testing.T, r SearchResponse)
	}{
		{"q=ransomware", []string{urlAdvanced}, func(t *testing.T, r SearchResponse) {
			h := r.Hits[0]
			if !strings.Contains(string(h.Snippet), "<mark>ransomware</mark>") {
				t.Errorf("snippet %q", h.Snippet)
			}
			if !slices.Equal(h.Labels, []string{"£3.07m fine · final · ICO", "79,404 people", "MFA absent", "Patching absent", "ransomware", "data theft"}) {
				t.Errorf("labels %q", h.Labels)
			}
		}},
		{"regulator=ico&sort=date", []string{urlHostile, urlAdvanced}, nil},
		{"regulator=NCSC", []string{urlFirewall}, nil},
		{"min_fine=2m&currency=GBP", []string{urlAdvanced}, nil},
		{"min_fine=1m&currency=GBP&sort=fine", []string{urlAdvanced, urlRetailer}, nil},
		{"mfa=absent&sort=date", []string{urlHospital, urlAdvanced}, nil},
		{"min_affected=100k&sort=affected", []string{urlHospital, urlRetailer}, nil},
		{"control=patching:absent", []string{urlAdvanced}, nil},
		{"attack=phishing,misconfiguration&sort=date", []string{urlHospital, urlTelecom}, nil},
		{"kind=regulator&country=FR&sort=date", []string{urlRetailer, urlTelecom}, nil},
		{"source=Example+Tech+News&since=2025-03-31&sort=date", []string{urlHostile, urlHospital}, nil},
		{"org=Advanced", []string{urlAdvanced}, nil},
		{"sector=health&until=2025-03-28", []string{urlAdvanced}, nil},
		{"q=%22notice+of+intent%22", nil, nil},
		{"q=fined+-cnil&sort=date", []string{urlHostile, urlAdvanced}, nil},
		{"limit=2&page=3&sort=date", []string{urlRetailer, urlTelecom}, func(t *testing.T, r SearchResponse) {
			if r.Pages != 3 || r.Page != 3 || r.Limit != 2 || r.Total != 6 {
				t.Errorf("paging %+v", r)
			}
		}},
		{"", nil, func(t *testing.T, r SearchResponse) {
			if r.Total != 6 {
				t.Errorf("total %d", r.Total)
			}
			facet := func(name, value string) int {
				for _, fv := range r.Facets[name] {
					if fv.Value == value {
						return fv.Count
					}
				}
				return 0
			}
			for _, c := range []struct {
				name, value string
				n           int
			}{{"regulator", "ICO", 2}, {"regulator", "CNIL", 2}, {"kind", "press", 3}, {"source", "tech-news", 3},
				{"mfa", "absent", 2}, {"control", "patching:absent", 1}, {"attack", "data_theft", 2}, {"country", "FR", 2}} {
				if got := facet(c.name, c.value); got != c.n {
					t.Errorf("facet %s=%s: %d, want %d", c.name, c.value, got, c.n)
				}
			}
		}},
	}
	byID := map[uint64]string{}
	for u, id := range e.ids {
		byID[id] = u
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			var r SearchResponse
			e.getJSON(t, "/api/search?"+c.query, 200, &r)
			if c.want != nil || c.check == nil {
				var got []string
				for _, h := range r.Hits {
					got = append(got, byID[h.ID])
				}
				if !slices.Equal(got, c.want) {
					t.Errorf("hits\n  %q\nwant\n  %q", got, c.want)
				}
			}
			if c.check != nil {
				c.check(t, r)
			}
		})
	}
}

// TestAPI_F3_BadInput gives a 400 with a JSON message naming the problem.
func TestAPI_F3_BadInput(t *testing.T) {
	e := newTestEnv(t)
	var regs []string
	for i := range maxListValues + 1 {
		regs = append(regs, "R"+strconv.Itoa(i))
	}
	many := strings.Join(regs, ",")
	cases := []struct{ query, want string }{
		{"limit=0", "limit"},
		{"limit=-1", "limit"},
		{"limit=1e9", "limit"},
		{"limit=100000", "limit"},
		{"page=1000000", "page"},
		{"page=600&limit=20", "page"},
		{"q=" + strings.Repeat("a", 1001), "q:"},
		{"q=" + url.QueryEscape(`"unclosed`), "quote"},
		{"since=yesterday", "since"},
		{"since=2025-02-01&until=2025-01-01", "until"},
		{"sort=random", "sort"},
		{"mfa=maybe", "mfa"},
		{"min_fine=lots", "min_fine"},
		{"currency=XYZ&min_fine=1", "currency"},
		{"attack=hacking", "attack"},
		{"color=red", "unknown filter"},
		{"regulator=" + many, "at most 20"},
		{"q=" + strings.Repeat("x+", 5000), "query string"},
	}
	for _, c := range cases {
		name := c.query
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			var r apiError
			e.getJSON(t, "/api/search?"+c.query, 400, &r)
			if !strings.Contains(r.Error, c.want) {
				t.Errorf("error %q does not mention %q", r.Error, c.want)
			}
			resp, body := e.get(t, "/search?"+c.query)
			if resp.StatusCode != 400 || !strings.Contains(body, `class="error" role="alert"`) {
				t.Errorf("page: status %d", resp.StatusCode)
			}
		})
	}
}

func TestAPI_Article(t *testing.T) {
	e := newTestEnv(t)
	var a breachwire.Article
	id := e.id(t, urlAdvanced)
	e.getJSON(t, "/api/articles/"+strconv.FormatUint(id, 10), 200, &a)
	if a.ID != id || a.Facts.LargestFine() == nil || a.Facts.LargestFine().Amount != 3_070_000 || a.Facts.MFA == nil {
		t.Fatalf("article %+v", a)
	}
	for _, path := range []string{"/api/articles/999", "/api/articles/0", "/api/articles/x", "/api/nothing"} {
		var r apiError
		e.getJSON(t, path, 404, &r)
		if r.Error == "" {
			t.Errorf("%s: no message", path)
		}
	}
}

func TestAPI_Sources(t *testing.T) {
	e := newTestEnv(t)
	var list []map[string]any
	e.getJSON(t, "/api/sources", 200, &list)
	if len(list) != len(testSources) {
		t.Fatalf("%d sources", len(list))
	}
	// The shape of `breachwire sources --json`.
	for _, k := range []string{"id", "name", "kind", "url", "format", "interval", "health", "state"} {
		if _, ok := list[0][k]; !ok {
			t.Errorf("no %q in %v", k, list[0])
		}
	}
	var typed []breachwire.SourceStatus
	e.getJSON(t, "/api/sources", 200, &typed)
	health := map[string]string{}
	for _, s := range typed {
		health[s.ID] = s.Health
	}
	if health["ico-news"] != "ok" || health["broken"] != "failing" || typed[0].State.Items != 1 {
		t.Errorf("health %v, items %d", health, typed[0].State.Items)
	}
	var subs []SubscriptionStatus
	e.getJSON(t, "/api/subscriptions", 200, &subs)
	if len(subs) != 0 {
		t.Errorf("subscriptions without a digest: %v", subs)
	}
}

// TestSources_DigestStatusError shows the error on the page and still
// lists the sources.
func TestSources_DigestStatusError(t *testing.T) {
	e := newTestEnv(t, func(d *Deps) {
		d.DigestStatus = func(context.Context) ([]SubscriptionStatus, error) { return nil, errors.New("boom") }
	})
	resp, body := e.get(t, "/sources")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	mustContain(t, "/sources", body, "the digest status could not be read", "ICO news")
	var r apiError
	e.getJSON(t, "/api/subscriptions", 500, &r)
	if r.Error != "internal error" {
		t.Errorf("error %q leaks details", r.Error)
	}
}

// TestWeb_E4_HeadersOnEveryAnswer: the CSP and the other security headers
// are on pages, errors, JSON and static files alike.
func TestWeb_E4_HeadersOnEveryAnswer(t *testing.T) {
	e := newTestEnv(t)
	for _, path := range []string{"/", "/search?q=x", "/nope", "/search?since=x", "/api/search", "/api/search?limit=0",
		"/api/articles/999", "/static/style.css", "/static/nope.js", "/healthz", "/sources"} {
		resp, _ := e.get(t, path)
		h := resp.Header
		if h.Get("Content-Security-Policy") != contentSecurityPolicy || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	if !strings.Contains(contentSecurityPolicy, "default-src 'none'") || strings.Contains(contentSecurityPolicy, "unsafe") ||
		strings.Contains(contentSecurityPolicy, "script-src") {
		t.Errorf("policy allows too much: %s", contentSecurityPolicy)
	}
	req, err := http.NewRequest(http.MethodPost, e.http.URL+"/search", strings.NewReader("q=x"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := e.http.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("POST /search: %d", resp.StatusCode)
	}
}

// TestWeb_F2_PathTraversal: only the embedded assets are served.
func TestWeb_F2_PathTraversal(t *testing.T) {
	e := newTestEnv(t)
	for _, path := range []string{
		"/static/..%2f..%2fgo.mod", "/static/..%2fserver.go", "/static/%2e%2e/server.go", "/static/..\\server.go",
		"/static/style.css%00.js", "/static/", "/static/static/style.css", "/static/../templates/layout.html",
		"/templates/layout.html", "/static/..%2ftemplates%2flayout.html", "/static/%2fetc%2fpasswd",
	} {
		req, err := http.NewRequest(http.MethodGet, e.http.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.RawPath, req.URL.Path = "", ""
		req.URL.Opaque = path // sent exactly as written
		resp, err := e.http.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 4096)
		n, _ := resp.Body.Read(buf)
		resp.Body.Close()
		body := string(buf[:n])
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, resp.StatusCode)
		}
		mustNotContain(t, path, body, "package web", "module breachwire", "root:", `{{define`)
	}
	resp, _ := e.get(t, "/static/style.css")
	if resp.Header.Get("Content-Type") != "text/css; charset=utf-8" || resp.Header.Get("ETag") == "" {
		t.Errorf("style.css headers %v", resp.Header)
	}
	req, err := http.NewRequest(http.MethodGet, e.http.URL+"/static/style.css", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	resp2, err := e.http.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusNotModified {
		t.Errorf("conditional request: %d", resp2.StatusCode)
	}
}

func TestNewHTTPServer_F4(t *testing.T) {
	s := NewHTTPServer("127.0.0.1:0", http.NotFoundHandler())
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= requestTimeout || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Fatalf("server %+v", s)
	}
}

func TestNew_Requires(t *testing.T) {
	if _, err := New(Deps{}); err == nil {
		t.Fatal("New without a store and an index succeeded")
	}
}

func TestPageCount(t *testing.T) {
	for _, c := range []struct {
		total uint64
		limit int
		want  int
	}{{0, 20, 0}, {1, 20, 1}, {20, 20, 1}, {21, 20, 2}, {1_000_000, 20, index.MaxWindow / 20}, {5, 0, 0}} {
		if got := pageCount(c.total, c.limit); got != c.want {
			t.Errorf("pageCount(%d, %d) = %d, want %d", c.total, c.limit, got, c.want)
		}
	}
}

func TestSafeURL_E1(t *testing.T) {
	for in, want := range map[string]string{
		"https://ico.example/a?b=c":   "https://ico.example/a?b=c",
		"HTTP://Example.org/":         "http://Example.org/",
		"javascript:alert(1)":         "",
		"JaVaScRiPt:alert(1)":         "",
		"java\tscript:alert(1)":       "",
		"data:text/html,<script>":     "",
		"//evil.example/x":            "",
		"/relative":                   "",
		"mailto:a@b.example":          "",
		"https:evil.example":          "",
		" https://ok.example/ ":       "https://ok.example/",
		"vbscript:msgbox":             "",
		"https://ok.example/\"><x y=": "https://ok.example/%22%3E%3Cx%20y=",
	} {
		if got := safeURL(in); got != want {
			t.Errorf("safeURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func ExampleHitBadges() {
	h := index.Hit{Badges: index.Badges{
		Fine:     &index.FineBadge{Amount: 3_070_000, Currency: "GBP", Status: "final", Regulator: "ICO"},
		Affected: &index.AffectedBadge{Count: 79404, What: "people", Qualifier: "exact"},
		MFA:      "absent", Failed: []string{"mfa", "patching"}, Attacks: []string{"ransomware"},
	}}
	for _, b := range HitBadges(&h) {
		fmt.Println(b.Text)
	}
	// Output:
	// £3.07m fine · final · ICO
	// 79,404 people
	// MFA absent
	// Patching absent
	// ransomware
}

func TestSearchResponse_JSON(t *testing.T) {
	res := &index.Results{Total: 1, Page: 1, Limit: 20, Hits: []index.Hit{{ID: 7, Title: "t",
		TitleHTML: "<mark>t</mark>", Snippet: "a <mark>b</mark> &lt;c&gt; <script>x</script>"}},
		Facets: map[string][]index.FacetValue{}}
	r := NewSearchResponse(breachwire.Filter{Q: "b", Limit: 20, Page: 1}, res, "https://bw.example/")
	if r.Hits[0].Page != "https://bw.example/articles/7" || r.Query != "q=b" || r.Pages != 1 {
		t.Errorf("response %+v", r)
	}
	if string(r.Hits[0].Snippet) != "a <mark>b</mark> &lt;c&gt; &lt;script&gt;x&lt;/script&gt;" {
		t.Errorf("snippet %q", r.Hits[0].Snippet)
	}
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "<") {
		t.Errorf("raw < in JSON: %s", raw)
	}
}
