package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"breachwire"
	"breachwire/extract"
	"breachwire/fetch"
	"breachwire/store"
)

const oneItemFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Acme Ltd fined £2m by the ICO</title><link>https://acme.example/a</link><guid>a1</guid>
<description>The ICO fined Acme Ltd £2m after a ransomware attack exposed the data of 12,000 customers. The company had not enabled multi-factor authentication on its VPN, the regulator said, and staff had not been trained to spot phishing emails. The regulator said the failings were serious and avoidable, and that the company had since improved its security.</description></item>
</channel></rss>`

func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "bw.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newPipeline(t *testing.T, db *store.DB, srv *httptest.Server) *Pipeline {
	t.Helper()
	c := fetch.New(fetch.Options{Allow: []string{strings.TrimPrefix(srv.URL, "http://")}, Timeout: 2 * time.Second})
	t.Cleanup(c.Close)
	return &Pipeline{Client: c, Store: db, Workers: 2}
}

// TestRun_B7_ScheduleSurvivesRestart: after a restart the scheduler keeps
// the saved next check instead of polling at once.
func TestRun_B7_ScheduleSurvivesRestart(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte(oneItemFeed))
	}))
	defer srv.Close()
	db := openStore(t)
	src := &breachwire.Source{ID: "s", Name: "s", URL: srv.URL, Format: breachwire.FormatFeed, Interval: time.Hour}
	run := func(d time.Duration) {
		p := newPipeline(t, db, srv)
		p.StartSpread = time.Millisecond
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		if err := p.Run(ctx, []*breachwire.Source{src}); err != nil {
			t.Fatal(err)
		}
	}
	run(500 * time.Millisecond)
	if hits.Load() != 1 {
		t.Fatalf("first run: %d requests, want 1", hits.Load())
	}
	st, err := db.SourceState(context.Background(), "s")
	if err != nil {
		t.Fatal(err)
	}
	if st.NextCheck.Before(time.Now().Add(30 * time.Minute)) {
		t.Fatalf("next check %v is sooner than the hour's interval allows", st.NextCheck)
	}
	run(500 * time.Millisecond)
	if hits.Load() != 1 {
		t.Errorf("after a restart the source was read again (%d requests) before its next check", hits.Load())
	}
}

// TestPass_P7_FailuresBackOffCappedAndRecover: a failing source backs off,
// never further than MaxBackoff, and recovers by itself once the server
// answers again.
func TestPass_P7_FailuresBackOffCappedAndRecover(t *testing.T) {
	var broken atomic.Bool
	broken.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if broken.Load() {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		w.Write([]byte(oneItemFeed))
	}))
	defer srv.Close()
	db := openStore(t)
	ctx := context.Background()
	src := &breachwire.Source{ID: "s", Name: "s", URL: srv.URL, Format: breachwire.FormatFeed, Interval: time.Hour}
	// a hundred failures already behind it
	if err := db.SaveSourceState(ctx, breachwire.SourceState{SourceID: "s", Failures: 100}); err != nil {
		t.Fatal(err)
	}
	p := newPipeline(t, db, srv)
	p.MaxBackoff = 3 * time.Hour
	sum, err := p.Pass(ctx, []*breachwire.Source{src}, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := sum.Outcomes[0]
	if o.Err == nil || o.State.Failures != 101 || !strings.Contains(o.State.LastError, "500") {
		t.Fatalf("outcome: err %v, failures %d, last error %q", o.Err, o.State.Failures, o.State.LastError)
	}
	if limit := time.Now().Add(3*time.Hour + time.Minute); o.State.NextCheck.After(limit) {
		t.Errorf("next check %v is beyond the 3h cap", o.State.NextCheck)
	}
	broken.Store(false)
	sum, err = p.Pass(ctx, []*breachwire.Source{src}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := db.SourceState(ctx, "s")
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 1 || st.Failures != 0 || st.LastError != "" || st.LastOK.IsZero() {
		t.Errorf("after recovery: new %d, state %+v", sum.New, st)
	}
}

// TestPass_StoresFactsAndIsIdempotent: the stored article carries the
// extractor's facts and version; a second pass stores nothing new (P6).
func TestPass_StoresFactsAndIsIdempotent(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(oneItemFeed))
	}))
	defer srv.Close()
	db := openStore(t)
	ctx := context.Background()
	p := newPipeline(t, db, srv)
	src := &breachwire.Source{ID: "s", Name: "s", URL: srv.URL, Format: breachwire.FormatFeed, Interval: time.Hour}
	for i, want := range []int{1, 0, 0} {
		sum, err := p.Pass(ctx, []*breachwire.Source{src}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.New != want {
			t.Fatalf("pass %d stored %d new articles, want %d", i+1, sum.New, want)
		}
	}
	a, err := db.Article(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if a.ExtractorVersion != extract.Version || len(a.Facts.Fines) != 1 || a.Facts.Fines[0].Amount != 2e6 ||
		a.Facts.MFA == nil || a.Facts.MFA.Status != breachwire.StatusAbsent {
		t.Errorf("stored facts %+v (version %d)", a.Facts, a.ExtractorVersion)
	}
}

// TestPass_H1_SlowSourceDoesNotHoldOthers: a source that never answers is
// cut at its deadline while the others finish.
func TestPass_H1_SlowSourceDoesNotHoldOthers(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	fast := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.ReplaceAll(oneItemFeed, "a1", r.URL.Path)))
	}))
	defer fast.Close()
	db := openStore(t)
	c := fetch.New(fetch.Options{Allow: []string{strings.TrimPrefix(slow.URL, "http://"), strings.TrimPrefix(fast.URL, "http://")}, Timeout: time.Minute})
	defer c.Close()
	p := &Pipeline{Client: c, Store: db, Workers: 2, SourceTimeout: 500 * time.Millisecond}
	// Requests to one host never overlap, so the hostile server is another
	// host name (localhost), as it would be in real life.
	slowURL := strings.Replace(slow.URL, "127.0.0.1", "localhost", 1)
	sources := []*breachwire.Source{{ID: "slow", Name: "slow", URL: slowURL, Format: breachwire.FormatFeed, Interval: time.Hour}}
	for i := range 5 {
		sources = append(sources, &breachwire.Source{ID: fmt.Sprint(i), Name: fmt.Sprint(i), URL: fmt.Sprintf("%s/%d", fast.URL, i), Format: breachwire.FormatFeed, Interval: time.Hour})
	}
	start := time.Now()
	sum, err := p.Pass(context.Background(), sources, nil)
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("pass took %s", took)
	}
	if sum.Failed != 1 || !errors.Is(sum.Outcomes[0].Err, context.DeadlineExceeded) && !strings.Contains(sum.Outcomes[0].Err.Error(), "deadline") {
		t.Errorf("slow source: failed %d, err %v", sum.Failed, sum.Outcomes[0].Err)
	}
	// the five fast feeds carry the same article link: stored once
	if sum.New != 1 {
		t.Errorf("stored %d articles, want 1", sum.New)
	}
	for _, o := range sum.Outcomes[1:] {
		if o.Err != nil {
			t.Errorf("fast source %s failed: %v", o.Source.Name, o.Err)
		}
	}
}

// TestReextract extracts stored articles again when their facts come from
// an older extractor, from the stored text, without fetching.
func TestReextract(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	src := &breachwire.Source{ID: "s", Name: "s", Kind: breachwire.KindRegulator}
	var items []store.Incoming
	for i := range 3 {
		items = append(items, store.Incoming{Item: breachwire.Item{GUID: fmt.Sprint(i), URL: fmt.Sprintf("https://x.example/%d", i),
			Title: "Acme fined", Text: "The ICO fined Acme Ltd £2m after a breach affecting 5,000 customers."}, ExtractorVersion: 0})
	}
	if _, err := db.SaveFetch(ctx, src, breachwire.SourceState{SourceID: "s"}, items); err != nil {
		t.Fatal(err)
	}
	var woke atomic.Int32
	p := &Pipeline{Store: db, OnStored: func(uint64) { woke.Add(1) }}
	n, err := p.Reextract(ctx, nil)
	if err != nil || n != 3 {
		t.Fatalf("reextract: %d, %v", n, err)
	}
	for id := uint64(1); id <= 3; id++ {
		a, err := db.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.ExtractorVersion != extract.Version || len(a.Facts.Fines) != 1 || len(a.Facts.Affected) != 1 {
			t.Errorf("article %d: version %d, facts %+v", id, a.ExtractorVersion, a.Facts)
		}
	}
	if woke.Load() == 0 {
		t.Error("the indexer was not told about the re-extracted articles")
	}
	if n, err := p.Reextract(ctx, nil); err != nil || n != 0 {
		t.Errorf("second reextract: %d, %v; want nothing to do", n, err)
	}
}
