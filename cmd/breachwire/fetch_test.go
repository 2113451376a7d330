package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"breachwire"
	"breachwire/fetch"
	"breachwire/internal/farm"
)

// snapshots are the real feed snapshots kept for the fetch package's tests.
const snapshots = "../../fetch/testdata/snapshots"

// runCLI runs a command as main does and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := runCommand(context.Background(), args, env)
	return code, out.String(), errb.String()
}

// farmConfig writes a feeds.yaml for the farm: every snapshot as a feed
// source, an HTML listing, a sitemap, and one source per misbehaving
// endpoint. Healthy sources are read through 127.0.0.1 and misbehaving ones
// through localhost, two host names for the per-host politeness, as a
// hostile host would be in real life.
func farmConfig(t *testing.T, f *farm.Farm, timeout time.Duration) (path string, bad map[string]string) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "settings:\n  user_agent: \"breachwire/test (+https://breachwire.test/contact)\"\n  allow: [\"%s\"]\n  host_gap: 0s\n  timeout: %s\n  max_body: 1MiB\n  workers: 4\nsources:\n",
		f.HostPort(), timeout)
	for _, name := range f.Feeds {
		fmt.Fprintf(&b, "  - {name: %q, kind: press, url: %q, format: feed}\n", "snap "+name, f.URL+"/feeds/"+name)
	}
	fmt.Fprintf(&b, "  - name: listing\n    kind: regulator\n    url: %s/listing.html\n    format: html\n    selectors: {item: li.news-item, title: a, link: a, date: time, date_attr: datetime, body: article}\n", f.URL)
	fmt.Fprintf(&b, "  - name: sitemap\n    kind: regulator\n    url: %s/sitemap.xml\n    format: sitemap\n    pattern: '/articles/\\d+\\.html$'\n", f.URL)
	local := strings.Replace(f.URL, "127.0.0.1", "localhost", 1)
	bad = map[string]string{
		"hang":       "timed out",
		"drip":       "timed out",
		"endless":    "too large",
		"bomb":       "too large",
		"loop":       "redirect",
		"to-private": "169.254.169.254",
		"html":       "not a feed",
		"malformed":  "",
		"429":        "429",
		"empty":      "empty",
	}
	for name := range bad {
		fmt.Fprintf(&b, "  - {name: %q, kind: press, url: %q, format: feed}\n", "bad "+name, local+"/bad/"+name)
	}
	path = filepath.Join(t.TempDir(), "feeds.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, bad
}

// TestFetch_EndToEnd is issue 2's "done when": one fetch over real
// snapshots, a listing, a sitemap, article pages and misbehaving endpoints
// stores every item of every healthy source and records each misbehaving
// one with a clear error, within the deadline; a second fetch sends the
// validators back, gets 304s and stores nothing; sources --json shows every
// source's state.
func TestFetch_EndToEnd(t *testing.T) {
	f, err := farm.New(snapshots)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const timeout = 2 * time.Second
	cfg, bad := farmConfig(t, f, timeout)
	data := t.TempDir()

	start := time.Now()
	code, out, errOut := runCLI(t, "--config", cfg, "--data", data, "--log-level", "error", "fetch")
	took := time.Since(start)
	if code != 0 {
		t.Fatalf("fetch exited %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	// The misbehaving sources share one host, so their requests run one
	// after another: the hang and the drip each use a whole timeout.
	if limit := 3*timeout + 5*time.Second; took > limit {
		t.Errorf("the pass took %s, more than %s", took, limit)
	}
	if !strings.Contains(out, fmt.Sprintf("%d failed", len(bad))) {
		t.Errorf("summary does not report %d failures:\n%s", len(bad), out)
	}

	statuses := sourcesJSON(t, cfg, data)
	stored := 0
	for _, name := range f.Feeds {
		s := statuses["snap "+name]
		if s.Health != "ok" || s.State.Items == 0 {
			t.Errorf("%s: health %s, %d articles stored (error %q)", name, s.Health, s.State.Items, s.State.LastError)
		}
		stored += s.State.Items
	}
	// Some articles appear in two feeds (the NCSC's news and all feeds):
	// each is stored once, by the first source to bring it.
	if want := distinctItems(t, f); stored != want {
		t.Errorf("the snapshot sources stored %d articles; their feeds hold %d distinct items", stored, want)
	}
	for _, name := range []string{"listing", "sitemap"} {
		if s := statuses[name]; s.Health != "ok" {
			t.Errorf("%s: %+v", name, s)
		}
	}
	// the sitemap's articles are the listing's: the second of the two
	// finds them stored (same URL) and adds none
	if l, s := statuses["listing"].State.Items, statuses["sitemap"].State.Items; l+s != f.Articles {
		t.Errorf("listing stored %d and sitemap %d articles; together they should be the %d article pages", l, s, f.Articles)
	}
	for name, want := range bad {
		s := statuses["bad "+name]
		if s.Health != "failing" || s.State.Failures != 1 || s.State.LastError == "" || !strings.Contains(strings.ToLower(s.State.LastError), want) {
			t.Errorf("bad %s: health %s, failures %d, error %q; want failing with an error mentioning %q", name, s.Health, s.State.Failures, s.State.LastError, want)
		}
		if !s.State.NextCheck.After(time.Now()) {
			t.Errorf("bad %s: next check %v is not in the future", name, s.State.NextCheck)
		}
	}
	if s := statuses["bad 429"]; s.State.NextCheck.Before(time.Now().Add(50 * time.Minute)) {
		t.Errorf("429 with Retry-After 3600: next check %v is sooner than the server asked", s.State.NextCheck)
	}
	if len(f.RequestsTo("/bad/to-private")) != 1 {
		t.Errorf("the redirect to a private address was requested %d times", len(f.RequestsTo("/bad/to-private")))
	}

	// Second pass: validators sent back, 304s, nothing new.
	first := len(f.Requests())
	code, out, errOut = runCLI(t, "--config", cfg, "--data", data, "--log-level", "error", "fetch")
	if code != 0 {
		t.Fatalf("second fetch exited %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, " 0 new articles") {
		t.Errorf("second pass stored something:\n%s", out)
	}
	second := f.Requests()[first:]
	feedsSeen := 0
	for _, r := range second {
		if strings.HasPrefix(r.Path, "/feeds/") || r.Path == "/listing.html" || r.Path == "/sitemap.xml" {
			feedsSeen++
			if r.IfNoneMatch == "" || r.Status != 304 {
				t.Errorf("second request to %s: If-None-Match %q, status %d; want the ETag sent back and a 304", r.Path, r.IfNoneMatch, r.Status)
			}
		}
		if strings.HasPrefix(r.Path, "/articles/") {
			t.Errorf("second pass fetched article page %s again", r.Path)
		}
		if r.Path == "/bad/429" {
			t.Errorf("second pass ignored Retry-After and asked %s again", r.Path)
		}
	}
	if feedsSeen != len(f.Feeds)+2 {
		t.Errorf("second pass read %d feeds, want %d", feedsSeen, len(f.Feeds)+2)
	}
	if !strings.Contains(out, "deferred") {
		t.Errorf("the 429 source is not shown as deferred:\n%s", out)
	}
}

func sourcesJSON(t *testing.T, cfg, data string) map[string]SourceStatus {
	t.Helper()
	code, out, errOut := runCLI(t, "--config", cfg, "--data", data, "sources", "--json")
	if code != 0 {
		t.Fatalf("sources --json exited %d: %s", code, errOut)
	}
	var list []SourceStatus
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("sources --json: %v\n%s", err, out)
	}
	m := map[string]SourceStatus{}
	for _, s := range list {
		m[s.Name] = s
	}
	return m
}

// distinctItems counts the distinct article URLs of the farm's feeds, read
// with a client of its own.
func distinctItems(t *testing.T, f *farm.Farm) int {
	t.Helper()
	c := fetch.New(fetch.Options{Allow: []string{f.HostPort()}})
	defer c.Close()
	urls := map[string]bool{}
	for _, name := range f.Feeds {
		res, err := c.Fetch(context.Background(), &breachwire.Source{ID: "x", Name: name, URL: f.URL + "/feeds/" + name, Format: breachwire.FormatFeed}, breachwire.SourceState{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != len(res.Items) || res.Total == 0 {
			t.Fatalf("%s: %d items of %d", name, len(res.Items), res.Total)
		}
		for _, it := range res.Items {
			urls[breachwire.CanonicalURL(it.URL)] = true
		}
	}
	return len(urls)
}

func TestFetch_G1_DatabaseInUse(t *testing.T) {
	f, err := farm.New(snapshots)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, _ := farmConfig(t, f, time.Second)
	data := t.TempDir()
	app := newApp(&Globals{Config: cfg, Data: data}, &Env{Stderr: &bytes.Buffer{}})
	if err := app.openStore(false); err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	// bbolt's flock is per open file description, so a second open in
	// this process conflicts like a second process would.
	start := time.Now()
	code, _, errOut := runCLI(t, "--config", cfg, "--data", data, "fetch")
	if code != 1 || !strings.Contains(errOut, "in use") {
		t.Errorf("fetch on a locked database: exit %d, stderr %q; want 1 and 'in use'", code, errOut)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("fetch waited %s for the lock", time.Since(start))
	}
}

func TestFetch_InvalidConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feeds.yaml")
	if err := os.WriteFile(path, []byte("sources:\n  - {name: X, kind: press, url: 'http://x.example/feed', interval: soon}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "--config", path, "--data", t.TempDir(), "fetch")
	if code != 1 || !strings.Contains(errOut, "feeds.yaml:2") || !strings.Contains(errOut, "interval") {
		t.Errorf("exit %d, stderr %q; want 1 and an error naming feeds.yaml:2 and interval", code, errOut)
	}
}
