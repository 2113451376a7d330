package rss

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"breachwire"
	"breachwire/internal/testenv"
)

// These tests hand our feeds to real feed readers: Debian's
// python3-feedparser (the library behind many readers and scripts) and
// newsboat. Both are installed by .ci/run; locally a missing one skips the
// test (internal/testenv).

// systemPython is Debian's interpreter, which has python3-feedparser; the
// python3 on PATH may be another installation without it.
const systemPython = "/usr/bin/python3"

type fpEntry struct {
	Title       string `json:"title"`
	TitleType   string `json:"title_type"`
	Link        string `json:"link"`
	ID          string `json:"id"`
	Published   string `json:"published"`
	Summary     string `json:"summary"`
	SummaryType string `json:"summary_type"`
	Tags        []struct{ Term, Scheme string }
	BW          map[string]any `json:"bw"`
}

type fpResult struct {
	Bozo          bool              `json:"bozo"`
	BozoException string            `json:"bozo_exception"`
	Version       string            `json:"version"`
	Namespaces    map[string]string `json:"namespaces"`
	FeedTitle     string            `json:"feed_title"`
	Self          []string          `json:"self"`
	Entries       []fpEntry         `json:"entries"`
}

// feedparse runs python3-feedparser on doc.
func feedparse(t *testing.T, doc []byte) fpResult {
	t.Helper()
	py := testenv.Need(t, systemPython)
	if err := exec.Command(py, "-c", "import feedparser").Run(); err != nil {
		testenv.Unavailable(t, "python3-feedparser is not installed for %s (apt-get install python3-feedparser): %v", py, err)
	}
	path := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, filepath.Join("testdata", "feedparser_dump.py"), path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("feedparser: %v\n%s", err, stderr.Bytes())
	}
	var r fpResult
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("feedparser output: %v\n%s", err, out)
	}
	return r
}

func TestFeedparser_ReadsBothFormats(t *testing.T) {
	for _, tt := range []struct {
		format  Format
		version string
	}{{RSS, "rss20"}, {Atom, "atom10"}} {
		t.Run(string(tt.format), func(t *testing.T) {
			meta := testMeta
			meta.SelfURL = "https://breachwire.example.org/feed." + string(tt.format) + "?regulator=ICO&min_fine=1000000"
			r := feedparse(t, render(t, tt.format, meta, []breachwire.Article{advanced(), plain()}))
			if r.Bozo {
				t.Fatalf("feedparser set bozo: %s", r.BozoException)
			}
			if r.Version != tt.version {
				t.Errorf("version = %q, want %q", r.Version, tt.version)
			}
			if r.Namespaces["bw"] != Namespace {
				t.Errorf("namespaces = %v", r.Namespaces)
			}
			if !slices.Contains(r.Self, meta.SelfURL) {
				t.Errorf("self links = %v, want %s", r.Self, meta.SelfURL)
			}
			if len(r.Entries) != 2 {
				t.Fatalf("%d entries", len(r.Entries))
			}
			e := r.Entries[0]
			a := advanced()
			if e.Title != a.Title || e.Link != a.URL || e.ID != GUID(a.ID) {
				t.Errorf("title %q link %q id %q", e.Title, e.Link, e.ID)
			}
			if !strings.Contains(e.Published, "27 Mar 2025 09:30:00") && !strings.HasPrefix(e.Published, "2025-03-27T09:30:00") {
				t.Errorf("published = %q", e.Published)
			}
			if !strings.Contains(e.Summary, "£3.07m fine (final) · ICO · 79,404 people · MFA absent") {
				t.Errorf("summary = %q", e.Summary)
			}
			var tags []string
			for _, tag := range e.Tags {
				tags = append(tags, strings.TrimPrefix(tag.Scheme, Namespace)+"="+tag.Term)
			}
			if got := strings.Join(tags, " "); got != "#regulator=ICO #attack_type=ransomware #failed_control=mfa #failed_control=patching" {
				t.Errorf("tags = %s", got)
			}
			// The structured fields, as a program using feedparser sees them.
			fine, _ := e.BW["bw_fine"].(map[string]any)
			if fine["amount"] != "3070000" || fine["currency"] != "GBP" || fine["status"] != "final" {
				t.Errorf("bw_fine = %v", e.BW["bw_fine"])
			}
			aff, _ := e.BW["bw_affected"].(map[string]any)
			if aff["count"] != "79404" || aff["what"] != "people" {
				t.Errorf("bw_affected = %v", e.BW["bw_affected"])
			}
			for k, want := range map[string]string{"bw_mfa": "absent", "bw_regulator": "ICO",
				"bw_organisation": "Advanced Computer Software Group Ltd", "bw_id": "42"} {
				if e.BW[k] != want {
					t.Errorf("%s = %v, want %q", k, e.BW[k], want)
				}
			}
			if r.Entries[1].BW["bw_fine"] != nil {
				t.Errorf("plain article has a fine: %v", r.Entries[1].BW)
			}
		})
	}
}

// TestFeedparser_E2_HostileCorpus: hostile titles and summaries give no
// parse error, and what feedparser hands to an application is inert: HTML
// (as its type says) without scripts, event handlers or javascript: links,
// or plain text equal to the source's text.
func TestFeedparser_E2_HostileCorpus(t *testing.T) {
	for _, f := range []Format{RSS, Atom} {
		t.Run(string(f), func(t *testing.T) {
			r := feedparse(t, render(t, f, testMeta, hostileCorpus()))
			if r.Bozo {
				t.Fatalf("feedparser set bozo: %s", r.BozoException)
			}
			if len(r.Entries) != len(hostileTitles) {
				t.Fatalf("%d entries, want %d", len(r.Entries), len(hostileTitles))
			}
			for i, e := range r.Entries {
				checkInert(t, fmt.Sprintf("entry %d title", i), e.Title, e.TitleType, oneLine(hostileTitles[i]), false)
				checkInert(t, fmt.Sprintf("entry %d summary", i), e.Summary, e.SummaryType, "", true)
				if !strings.HasPrefix(e.Link, "https://breachwire.example.org/") {
					t.Errorf("entry %d link = %q (the javascript: URL must not be used)", i, e.Link)
				}
			}
		})
	}
}

// checkInert checks a value feedparser returns: HTML (by its type) must
// have nothing that runs, and nothing beyond our own formatting when strict
// (descriptions, which we write); plain text must equal the source's text.
// An RSS title is plain text by the specification and written as such, but
// feedparser guesses HTML when the text looks like it ("&lt;b&gt;") and
// sanitizes it; what it then keeps must still not run.
func checkInert(t *testing.T, what, value, typ, plainWant string, strict bool) {
	t.Helper()
	switch typ {
	case "text/html", "application/xhtml+xml":
		if bad := activeMarkup(value, strict); len(bad) > 0 {
			t.Errorf("%s is HTML with active parts %v: %q", what, bad, value)
		}
	case "text/plain":
		if plainWant != "" && value != plainWant {
			t.Errorf("%s = %q, want the text %q", what, value, plainWant)
		}
	default:
		t.Errorf("%s has type %q", what, typ)
	}
}

// TestNewsboat_SubscribesAndLists serves a feed from a loopback test server
// and has newsboat, with its own configuration, URL list and cache in a
// temporary directory, reload it; the items it stored are read back from
// its cache with sqlite3.
func TestNewsboat_SubscribesAndLists(t *testing.T) {
	newsboat := testenv.Need(t, "newsboat")
	sqlite := testenv.Need(t, "sqlite3")
	articles := append([]breachwire.Article{advanced(), plain()}, hostile(0, hostileTitles[0]), hostile(2, hostileTitles[2]))
	for _, f := range []Format{RSS, Atom} {
		t.Run(string(f), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				meta := testMeta
				meta.SelfURL = "http://" + r.Host + r.URL.String()
				etag := ETag(f, meta, articles)
				if Conditional(w, r, etag, LastModified(articles)) {
					return
				}
				w.Header().Set("Content-Type", f.ContentType())
				if err := Write(w, f, meta, articles); err != nil {
					t.Errorf("Write: %v", err)
				}
			}))
			defer srv.Close()
			dir := t.TempDir()
			urls := filepath.Join(dir, "urls")
			cfg := filepath.Join(dir, "config")
			cache := filepath.Join(dir, "cache.db")
			if err := os.WriteFile(urls, []byte(srv.URL+"/feed."+string(f)+"?regulator=ICO\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(cfg, []byte("reload-threads 1\nshow-read-feeds yes\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			run := func(args ...string) string {
				t.Helper()
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				cmd := exec.CommandContext(ctx, newsboat, append([]string{"-u", urls, "-C", cfg, "-c", cache}, args...)...)
				cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir, "TERM=dumb")
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("newsboat %v: %v\n%s", args, err, out)
				}
				return string(out)
			}
			run("-x", "reload")
			if out := run("-x", "print-unread"); !strings.HasPrefix(strings.TrimSpace(out), fmt.Sprintf("%d unread articles", len(articles))) {
				t.Errorf("print-unread = %q, want %d unread articles", out, len(articles))
			}
			out, err := exec.Command(sqlite, cache, "SELECT guid || ' | ' || title FROM rss_item ORDER BY guid").CombinedOutput()
			if err != nil {
				t.Fatalf("sqlite3: %v\n%s", err, out)
			}
			got := strings.Split(strings.TrimSpace(string(out)), "\n")
			var want []string
			for _, a := range articles {
				want = append(want, GUID(a.ID)+" | "+itemTitle(&a))
			}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("newsboat stored\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			// A second reload finds the same items by their guids: nothing
			// new, nothing lost.
			run("-x", "reload")
			if out := run("-x", "print-unread"); !strings.HasPrefix(strings.TrimSpace(out), fmt.Sprintf("%d unread articles", len(articles))) {
				t.Errorf("after a second reload print-unread = %q", out)
			}
		})
	}
}

// TestFeedparser_ConditionalGet: feedparser fetches a feed from a loopback
// server, then fetches it again with the ETag and Last-Modified it was
// given, and is answered 304; after an article changes (a new Seq) it gets
// the new feed.
func TestFeedparser_ConditionalGet(t *testing.T) {
	py := testenv.Need(t, systemPython)
	if err := exec.Command(py, "-c", "import feedparser").Run(); err != nil {
		testenv.Unavailable(t, "python3-feedparser is not installed for %s (apt-get install python3-feedparser): %v", py, err)
	}
	var mu sync.Mutex
	articles := []breachwire.Article{advanced(), plain()}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		list := slices.Clone(articles)
		mu.Unlock()
		meta := FeedMeta{SelfURL: "http://" + r.Host + r.URL.String()}
		if Conditional(w, r, ETag(RSS, meta, list), LastModified(list)) {
			return
		}
		w.Header().Set("Content-Type", ContentTypeRSS)
		if err := WriteRSS(w, meta, list); err != nil {
			t.Errorf("WriteRSS: %v", err)
		}
	}))
	defer srv.Close()
	fetch := func(etag, modified string) map[string]any {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, py, filepath.Join("testdata", "feedparser_fetch.py"), srv.URL+"/feed.rss", etag, modified).CombinedOutput()
		if err != nil {
			t.Fatalf("feedparser_fetch: %v\n%s", err, out)
		}
		var r map[string]any
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return r
	}
	first := fetch("", "")
	if first["status"] != 200.0 || first["entries"] != 2.0 || first["bozo"] != false {
		t.Fatalf("first fetch: %v", first)
	}
	etag, _ := first["etag"].(string)
	modified, _ := first["modified"].(string)
	if etag == "" || modified == "" {
		t.Fatalf("no validators: %v", first)
	}
	if again := fetch(etag, modified); again["status"] != 304.0 {
		t.Errorf("fetch with validators: %v, want status 304", again)
	}
	mu.Lock()
	articles[0].Seq++ // facts extracted anew: same dates, new content
	mu.Unlock()
	if changed := fetch(etag, modified); changed["status"] != 200.0 || changed["etag"] == etag {
		t.Errorf("fetch after a change: %v, want 200 with a new ETag", changed)
	}
}
