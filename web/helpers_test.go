package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"breachwire"
	"breachwire/extract"
	"breachwire/index"
	"breachwire/store"
)

// testNow is the clock of the test server: the fixture corpus's articles
// are dated in the weeks before it.
var testNow = time.Date(2025, 4, 2, 12, 0, 0, 0, time.UTC)

// testSources are the sources of testdata/corpus.json.
var testSources = []breachwire.Source{
	{ID: "ico-news", Name: "ICO news", Kind: breachwire.KindRegulator, Country: "GB", URL: "https://ico.example/news.rss", Format: breachwire.FormatFeed, Interval: 6 * time.Hour},
	{ID: "cnil", Name: "CNIL", Kind: breachwire.KindRegulator, Country: "FR", URL: "https://cnil.example/rss", Format: breachwire.FormatFeed, Interval: 6 * time.Hour},
	{ID: "tech-news", Name: "Example Tech News", Kind: breachwire.KindPress, Country: "GB", URL: "https://news.example/feed", Format: breachwire.FormatFeed, Interval: time.Hour},
	{ID: "broken", Name: "Broken <b>feed</b>", Kind: breachwire.KindPress, URL: "javascript:alert(8)", Format: breachwire.FormatFeed, Interval: time.Hour},
}

type corpusItem struct {
	Source    string    `json:"source"`
	URL       string    `json:"url"`
	Published time.Time `json:"published"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
}

// testEnv is a real store and index filled from testdata/corpus.json, and
// the web server over them on a loopback listener.
type testEnv struct {
	dir    string
	store  *store.DB
	index  *index.Index
	server *Server
	http   *httptest.Server
	corpus []corpusItem
	ids    map[string]uint64 // article ID by corpus URL
}

// loadCorpus reads the fixture articles.
func loadCorpus(t testing.TB, path string) []corpusItem {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var items []corpusItem
	if err := json.Unmarshal(raw, &items); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return items
}

// fillStore saves the corpus through SaveFetch, one pass per source, with
// facts from the real extractor; the "broken" source gets a failed state.
func fillStore(t testing.TB, db *store.DB, items []corpusItem) map[string]uint64 {
	t.Helper()
	ctx := context.Background()
	ids := map[string]uint64{}
	for i := range testSources {
		src := &testSources[i]
		var in []store.Incoming
		var urls []string
		for _, it := range items {
			if it.Source != src.ID {
				continue
			}
			item := breachwire.Item{Key: it.URL, GUID: it.URL, URL: it.URL, CanonicalURL: breachwire.CanonicalURL(it.URL),
				Title: it.Title, Text: it.Text, Published: it.Published}
			facts := extract.Extract(extract.Input{Title: it.Title, Text: it.Text})
			in = append(in, store.Incoming{Item: item, Facts: facts, ExtractorVersion: extract.Version})
			urls = append(urls, it.URL)
		}
		st := breachwire.SourceState{SourceID: src.ID, LastOK: testNow.Add(-time.Hour), LastAttempt: testNow.Add(-time.Hour),
			NextCheck: testNow.Add(5 * time.Hour)}
		if src.ID == "broken" {
			st = breachwire.SourceState{SourceID: src.ID, LastAttempt: testNow.Add(-time.Hour), Failures: 3,
				LastError: `fetch: <script>alert("err")</script> 500 Internal Server Error`}
			if err := db.SaveSourceState(ctx, st); err != nil {
				t.Fatal(err)
			}
			continue
		}
		saved, err := db.SaveFetch(ctx, src, st, in)
		if err != nil {
			t.Fatalf("save %s: %v", src.ID, err)
		}
		for j, id := range saved.IDs {
			if id == 0 {
				t.Fatalf("item %s was skipped by the store", urls[j])
			}
			ids[urls[j]] = id
		}
	}
	return ids
}

// newTestEnv builds the store, the index and the server. opts may change
// the dependencies before the server is made.
func newTestEnv(t *testing.T, opts ...func(*Deps)) *testEnv {
	t.Helper()
	e := &testEnv{dir: t.TempDir()}
	db, err := store.Open(filepath.Join(e.dir, "breachwire.db"), store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e.store = db
	e.corpus = loadCorpus(t, "testdata/corpus.json")
	e.ids = fillStore(t, db, e.corpus)
	idx, err := index.Open(filepath.Join(e.dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	if _, err := idx.Reconcile(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	e.index = idx
	deps := Deps{Store: db, Index: idx, Sources: testSources, Now: func() time.Time { return testNow }, Version: "test"}
	for _, o := range opts {
		o(&deps)
	}
	srv, err := New(deps)
	if err != nil {
		t.Fatal(err)
	}
	e.server = srv
	e.http = httptest.NewServer(srv.Handler())
	t.Cleanup(e.http.Close)
	return e
}

// id returns the article ID of a corpus URL.
func (e *testEnv) id(t *testing.T, url string) uint64 {
	t.Helper()
	id, ok := e.ids[url]
	if !ok {
		t.Fatalf("no article for %s", url)
	}
	return id
}

// get fetches a path and returns the response and its body.
func (e *testEnv) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	resp, err := e.http.Client().Get(e.http.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// getJSON fetches a path, checks the status and content type, and decodes
// the body into v.
func (e *testEnv) getJSON(t *testing.T, path string, status int, v any) string {
	t.Helper()
	resp, body := e.get(t, path)
	if resp.StatusCode != status {
		t.Fatalf("GET %.80s: status %d, want %d; body %.300s", path, resp.StatusCode, status, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("GET %.80s: Content-Type %q", path, ct)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, body)
	}
	return body
}

func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", what, w)
		}
	}
}

func mustNotContain(t *testing.T, what, body string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(body, b) {
			t.Errorf("%s: has %q", what, b)
		}
	}
}
