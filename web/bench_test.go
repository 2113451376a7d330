package web

// Benchmarks of the pages over a store and an index of a synthetic corpus
// (internal/corpus), by default of 100,000 articles:
//
//	go test -run '^$' -bench . -benchtime 50x -timeout 60m ./web/
//
// BREACHWIRE_BENCH_N sets the corpus size and BREACHWIRE_BENCH_DIR the
// folder where the built store and index are kept between runs (default:
// breachwire-bench in the temporary folder). The first run builds them,
// which takes minutes.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"breachwire"
	"breachwire/index"
	"breachwire/internal/corpus"
	"breachwire/store"
)

const benchSeed = 42

// benchNow is just after the corpus's last date, so the digest windows
// hold the corpus's newest articles.
var benchNow = time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)

func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("BREACHWIRE_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// benchServer opens (building on first use) the store and index of the
// corpus and returns a server over them.
func benchServer(b *testing.B) *Server {
	b.Helper()
	base := os.Getenv("BREACHWIRE_BENCH_DIR")
	if base == "" {
		base = filepath.Join(os.TempDir(), "breachwire-bench")
	}
	dir := filepath.Join(base, fmt.Sprintf("web-n%d-seed%d-c%d", benchN(), benchSeed, corpus.Version))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	dbPath, idxPath := filepath.Join(dir, "breachwire.db"), filepath.Join(dir, "index")
	db, err := store.Open(dbPath, store.Options{Now: func() time.Time { return benchNow.Add(72 * time.Hour) }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	n, err := db.Count(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var sources []breachwire.Source
	for _, s := range corpus.Sources() {
		sources = append(sources, breachwire.Source{ID: s.ID, Name: s.Name, Kind: s.Kind, Country: s.Country,
			URL: "https://" + s.ID + ".example/feed", Format: breachwire.FormatFeed, Interval: time.Hour})
	}
	if n < benchN() {
		start := time.Now()
		fillBenchStore(b, db, sources, n)
		b.Logf("stored %d articles in %s", benchN()-n, time.Since(start).Round(time.Second))
	}
	idx, err := index.Open(idxPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { idx.Close() })
	start := time.Now()
	if k, err := idx.Reconcile(ctx, db); err != nil {
		b.Fatal(err)
	} else if k > 0 {
		b.Logf("indexed %d articles in %s", k, time.Since(start).Round(time.Second))
	}
	s, err := New(Deps{Store: db, Index: idx, Sources: sources, Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// fillBenchStore stores corpus articles from the from-th on, 2,000 per
// SaveFetches call, each source's items as one pass. Articles without a
// published date get their first-seen date as published, since the store
// sets first-seen to its own clock.
func fillBenchStore(b *testing.B, db *store.DB, sources []breachwire.Source, from int) {
	b.Helper()
	g := corpus.New(benchSeed)
	bySource := map[string]*breachwire.Source{}
	for i := range sources {
		bySource[sources[i].ID] = &sources[i]
	}
	const chunk = 2000
	for lo := from; lo < benchN(); lo += chunk {
		groups := map[string][]store.Incoming{}
		for i := lo; i < min(lo+chunk, benchN()); i++ {
			a := g.Article(i)
			pub := a.Published
			if pub.IsZero() {
				pub = a.FirstSeen
			}
			it := breachwire.Item{Key: a.URL, GUID: a.URL, URL: a.URL, CanonicalURL: a.URL, Title: a.Title,
				Summary: a.Summary, Text: a.Text, Published: pub}
			groups[a.SourceID] = append(groups[a.SourceID], store.Incoming{Item: it, Facts: a.Facts, ExtractorVersion: 1})
		}
		ids := make([]string, 0, len(groups))
		for id := range groups {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		var passes []store.Pass
		for _, id := range ids {
			passes = append(passes, store.Pass{Source: bySource[id], State: breachwire.SourceState{SourceID: id, LastOK: benchNow}, Items: groups[id]})
		}
		if _, err := db.SaveFetches(context.Background(), passes); err != nil {
			b.Fatal(err)
		}
	}
}

// benchGet serves one request through the handler and checks the status.
func benchGet(b *testing.B, h http.Handler, path string) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s: %d %.300s", path, rec.Code, rec.Body.String())
	}
}

// BenchmarkPages times whole requests through the handler (no network):
// the digest (with the fines chart cached, as between two index changes,
// and cold, as after one), search pages, an article page and the JSON API.
func BenchmarkPages(b *testing.B) {
	s := benchServer(b)
	h := s.Handler()
	const (
		warm    = iota
		changed // the index changed: one new article, one month counted again
		empty   // the first request after start: every month is counted
	)
	for _, c := range []struct {
		name, path string
		cache      int
	}{
		{"digest-week", "/", warm},
		{"digest-week-index-changed", "/", changed},
		{"digest-week-first", "/", empty},
		{"digest-day", "/?period=day", warm},
		{"digest-month", "/?period=month", warm},
		{"search-words", "/search?q=ransomware+hospital", warm},
		{"search-phrase-filters", "/search?q=%22notice+of+intent%22&regulator=ICO&min_fine=100k&currency=GBP", warm},
		{"search-filters-sort-fine", "/search?attack=ransomware&mfa=absent&sort=fine", warm},
		{"search-all-newest", "/search", warm},
		{"article", "/articles/" + strconv.Itoa(benchN()/2), warm},
		{"api-search", "/api/search?q=ransomware&limit=50", warm},
		{"api-digest", "/api/digest", warm},
		{"index-only-search-words", "ransomware hospital", warm},
		{"index-only-search-all-newest", "", warm},
	} {
		if name, ok := strings.CutPrefix(c.name, "index-only-"); ok {
			// The index's own time for the same search, for reference.
			b.Run(name+"-index-only", func(b *testing.B) {
				f := breachwire.Filter{Q: c.path, Limit: breachwire.DefaultLimit, Page: 1, Sort: breachwire.SortRelevance}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.index.Search(context.Background(), f); err != nil {
						b.Fatal(err)
					}
				}
			})
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			benchGet(b, h, c.path) // warm up
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				s.finesMu.Lock()
				switch c.cache {
				case changed:
					// As if the last article written were new: its month is counted again.
					s.fines.watermark--
				case empty:
					s.fines = finesCache{}
				}
				s.finesMu.Unlock()
				benchGet(b, h, c.path)
			}
		})
	}
}
