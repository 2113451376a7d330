package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"breachwire"
)

func ids(as []breachwire.Article) []uint64 {
	out := make([]uint64, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func TestChanges_AfterWatermark(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t, newClock())
	s := save(t, db, srcICO, items(0, 10))
	all, err := db.Changes(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(all), s.IDs) {
		t.Fatalf("changes from 0: %v, want %v", ids(all), s.IDs)
	}
	// The index has taken the first five.
	watermark := all[4].Seq
	// Article 2 (index 1) is edited upstream, article 8 gets new facts.
	in := items(1, 2)
	in[0].Title = "edited"
	save(t, db, srcICO, in)
	if err := db.UpdateFacts(ctx, s.IDs[7], breachwire.Facts{CVEs: []string{"CVE-2025-0001"}}, 2); err != nil {
		t.Fatal(err)
	}
	got, err := db.Changes(ctx, watermark, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []uint64{s.IDs[5], s.IDs[6], s.IDs[8], s.IDs[9], s.IDs[1], s.IDs[7]}
	if !slices.Equal(ids(got), want) {
		t.Fatalf("changes after %d: %v, want %v (seq order, each article once)", watermark, ids(got), want)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Seq <= got[i-1].Seq {
			t.Fatalf("not in seq order: %d then %d", got[i-1].Seq, got[i].Seq)
		}
	}
	// Paging by the last Seq seen covers the same set.
	var paged []uint64
	for w := watermark; ; {
		page, err := db.Changes(ctx, w, 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		paged = append(paged, ids(page)...)
		w = page[len(page)-1].Seq
	}
	if !slices.Equal(paged, want) {
		t.Fatalf("paged changes %v, want %v", paged, want)
	}
	if got, _ := db.Changes(ctx, lastSeq(t, db), 10); len(got) != 0 {
		t.Fatalf("changes after the last seq: %v", ids(got))
	}
}

func TestIndexWatermark(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t, newClock())
	if w, err := db.IndexWatermark(ctx); err != nil || w != 0 {
		t.Fatalf("fresh watermark %d, %v", w, err)
	}
	if err := db.SetIndexWatermark(ctx, 42); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openPath(t, path, nil)
	if w, err := db.IndexWatermark(ctx); err != nil || w != 42 {
		t.Fatalf("watermark after reopen %d, %v", w, err)
	}
}

func TestRecent_C7_ClampedDates(t *testing.T) {
	ctx := context.Background()
	c := newClock() // 2025-03-27 09:00 UTC
	db, _ := openTest(t, c)
	now := c.Now()
	mk := func(guid string, published time.Time) Incoming {
		return Incoming{Item: breachwire.Item{GUID: guid, Title: guid, Published: published}}
	}
	in := []Incoming{
		mk("future-2099", time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)),            // clamped to first seen
		mk("epoch-1970", time.Unix(0, 0)),                                         // clamped to first seen
		mk("zero", time.Time{}),                                                   // first seen
		mk("last-week", now.Add(-7*24*time.Hour)),                                 // plausible
		mk("yesterday", now.Add(-24*time.Hour)),                                   // plausible
		mk("skew", now.Add(2*time.Hour)),                                          // within a day of skew: kept
		mk("old-1999", time.Date(1999, 5, 1, 0, 0, 0, 0, time.UTC)),               // plausible, old
		mk("tz", time.Date(2025, 3, 26, 12, 0, 0, 0, time.FixedZone("", 5*3600))), // 07:00 UTC
	}
	s := save(t, db, srcICO, in)
	byGUID := map[string]uint64{}
	for i, x := range in {
		byGUID[x.GUID] = s.IDs[i]
	}
	order := func(names ...string) []uint64 {
		var out []uint64
		for _, n := range names {
			out = append(out, byGUID[n])
		}
		return out
	}
	tests := []struct {
		name         string
		since, until time.Time
		limit        int
		want         []uint64
	}{
		// Equal dates (the three clamped to first seen) come newest id first.
		{"all, newest first", time.Time{}, time.Time{}, 0,
			order("skew", "zero", "epoch-1970", "future-2099", "yesterday", "tz", "last-week", "old-1999")},
		{"limit", time.Time{}, time.Time{}, 2, order("skew", "zero")},
		{"last day", now.Add(-24 * time.Hour), time.Time{}, 0,
			order("skew", "zero", "epoch-1970", "future-2099", "yesterday")},
		{"until is exclusive", time.Time{}, now, 0, order("yesterday", "tz", "last-week", "old-1999")},
		{"window", now.Add(-8 * 24 * time.Hour), now.Add(-23 * time.Hour), 0, order("yesterday", "tz", "last-week")},
		{"empty window", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC), 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.Recent(ctx, tc.since, tc.until, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tc.want) {
				t.Fatalf("got %v, want %v", ids(got), tc.want)
			}
		})
	}
}

func TestRecent_DateEditMovesArticle(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t, newClock())
	s := save(t, db, srcICO, items(0, 3))
	moved := items(0, 1)
	moved[0].Published = moved[0].Published.Add(100 * time.Hour) // now the newest
	save(t, db, srcICO, moved)
	got, err := db.Recent(ctx, time.Time{}, time.Time{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint64{s.IDs[0], s.IDs[2], s.IDs[1]}; !slices.Equal(ids(got), want) {
		t.Fatalf("got %v, want %v (one entry per article, at its new date)", ids(got), want)
	}
}

func TestWindow_PagesThroughEverything(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t, newClock())
	n := 2*DefaultPage + 37
	s := save(t, db, srcICO, items(0, n))
	var got []uint64
	for a, err := range db.Window(ctx, time.Time{}, time.Time{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a.ID)
	}
	want := slices.Clone(s.IDs)
	slices.Reverse(want) // item n is published n hours after item 0
	if !slices.Equal(got, want) {
		t.Fatalf("window yielded %d articles, want %d newest first", len(got), len(want))
	}
	// Stopping early is fine.
	k := 0
	for range db.Window(ctx, time.Time{}, time.Time{}) {
		if k++; k == 5 {
			break
		}
	}
	// A bounded window.
	since := item(10).Published
	until := item(20).Published
	got = got[:0]
	for a, err := range db.Window(ctx, since, until) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a.ID)
	}
	if len(got) != 10 || got[0] != s.IDs[19] || got[9] != s.IDs[10] {
		t.Fatalf("window [10,20): %v", got)
	}
	// A cancelled context ends the walk with its error.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	for _, err := range db.Window(cctx, time.Time{}, time.Time{}) {
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v, want context.Canceled", err)
		}
	}
}

func TestArticles(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t, newClock())
	s := save(t, db, srcICO, items(0, 3))
	got, err := db.Articles(ctx, []uint64{s.IDs[2], 999, s.IDs[0]})
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint64{s.IDs[2], s.IDs[0]}; !slices.Equal(ids(got), want) {
		t.Fatalf("got %v, want %v", ids(got), want)
	}
	_, err = db.Article(ctx, 999)
	if !errors.Is(err, ErrNotFound) || breachwire.ErrorCode(err) != breachwire.ECodeNotFound {
		t.Fatalf("missing article: %v (code %q)", err, breachwire.ErrorCode(err))
	}
	a := article(t, db, s.IDs[1])
	want := item(1)
	if a.Title != want.Title || a.Text != want.Text || a.URL != want.CanonicalURL || a.SourceName != srcICO.Name ||
		a.Kind != srcICO.Kind || a.Country != "GB" || a.Facts.MFA == nil || a.Facts.Fines[0].Amount != want.Facts.Fines[0].Amount {
		t.Fatalf("stored article does not round-trip: %+v", a)
	}
}

func TestStale_UpdateFactsBatch(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t, newClock())
	in := items(0, 6)
	for i := range in {
		in[i].ExtractorVersion = i % 3 // versions 0, 1, 2, 0, 1, 2
	}
	s := save(t, db, srcICO, in)
	stale, err := db.Stale(ctx, 2, 100)
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint64{s.IDs[0], s.IDs[3], s.IDs[1], s.IDs[4]}; !slices.Equal(ids(stale), want) {
		t.Fatalf("stale below 2: %v, want %v (lowest version first)", ids(stale), want)
	}
	// One article is rewritten between reading and updating: its update
	// is skipped.
	edit := items(3, 4)
	edit[0].Title = "changed meanwhile"
	edit[0].ExtractorVersion = 0
	save(t, db, srcICO, edit)
	var ups []FactsUpdate
	for _, a := range stale {
		ups = append(ups, FactsUpdate{ID: a.ID, Seq: a.Seq, Version: 2, Facts: breachwire.Facts{Sectors: []string{"health"}}})
	}
	n, err := db.UpdateFactsBatch(ctx, ups)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("updated %d, want 3 (one skipped for its changed Seq)", n)
	}
	stale, err = db.Stale(ctx, 2, 100)
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint64{s.IDs[3]}; !slices.Equal(ids(stale), want) {
		t.Fatalf("stale after update: %v, want %v", ids(stale), want)
	}
	if a := article(t, db, s.IDs[1]); a.ExtractorVersion != 2 || len(a.Facts.Sectors) != 1 || a.Facts.Fines == nil {
		t.Fatalf("updated article: version %d facts %+v", a.ExtractorVersion, a.Facts)
	}
	if err := db.UpdateFacts(ctx, 999, breachwire.Facts{}, 2); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown id: %v", err)
	}
	// The article rewritten meanwhile carries version 0 facts.
	if got, _ := db.Stale(ctx, 1, 100); !slices.Equal(ids(got), []uint64{s.IDs[3]}) {
		t.Fatalf("stale below 1: %v, want only %d", ids(got), s.IDs[3])
	}
}

func TestSourceStates(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t, newClock())
	if _, err := db.SourceState(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing state: %v", err)
	}
	next := time.Date(2025, 3, 27, 15, 0, 0, 0, time.UTC)
	for _, id := range []string{"zeta", "alpha", "mid"} {
		if err := db.SaveSourceState(ctx, breachwire.SourceState{SourceID: id, NextCheck: next, Failures: len(id)}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := db.SourceStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, st := range all {
		names = append(names, st.SourceID)
	}
	if !slices.Equal(names, []string{"alpha", "mid", "zeta"}) {
		t.Fatalf("states %v", names)
	}
	if !all[0].NextCheck.Equal(next) || all[0].Failures != 5 {
		t.Fatalf("state did not round-trip: %+v", all[0])
	}
	if err := db.SaveSourceState(ctx, breachwire.SourceState{}); breachwire.ErrorCode(err) != breachwire.ECodeInvalid {
		t.Fatalf("state without id: %v", err)
	}
}
