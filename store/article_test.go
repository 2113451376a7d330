package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"breachwire"

	bolt "go.etcd.io/bbolt"
)

func TestSaveFetch_P6_RefetchStoresNothing(t *testing.T) {
	c := newClock()
	db, _ := openTest(t, c)
	first := save(t, db, srcICO, items(0, 50))
	if first.New != 50 || len(first.NewIDs) != 50 {
		t.Fatalf("first pass: %+v, want 50 new", first)
	}
	seq := lastSeq(t, db)
	for pass := range 3 {
		c.Add(time.Hour)
		again := save(t, db, srcICO, items(0, 50))
		if again.New != 0 || again.Updated != 0 || again.Unchanged != 50 {
			t.Fatalf("pass %d: new %d updated %d unchanged %d, want 0, 0, 50", pass, again.New, again.Updated, again.Unchanged)
		}
		if !slices.Equal(again.IDs, first.IDs) {
			t.Fatalf("pass %d: ids %v, want %v", pass, again.IDs, first.IDs)
		}
	}
	if got := lastSeq(t, db); got != seq {
		t.Fatalf("refetch moved the sequence from %d to %d", seq, got)
	}
	if got := count(t, db); got != 50 {
		t.Fatalf("count %d, want 50", got)
	}
}

func TestSaveFetch_D1_Identity(t *testing.T) {
	date := time.Date(2025, 3, 27, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		first     breachwire.Item
		second    breachwire.Item // a later copy: must be the same article
		different breachwire.Item // a distinct item: must be a new article
	}{
		{
			name:      "guid",
			first:     breachwire.Item{GUID: "g1", URL: "https://a.example/1", Title: "T"},
			second:    breachwire.Item{GUID: "g1", URL: "https://a.example/1", Title: "T"},
			different: breachwire.Item{GUID: "g2", URL: "https://a.example/2", Title: "T"},
		},
		{
			name:      "no guid: canonical url",
			first:     breachwire.Item{URL: "https://a.example/1?utm_source=x", CanonicalURL: "https://a.example/1", Title: "T"},
			second:    breachwire.Item{URL: "https://a.example/1?utm_source=y", CanonicalURL: "https://a.example/1", Title: "T"},
			different: breachwire.Item{URL: "https://a.example/2", CanonicalURL: "https://a.example/2", Title: "T"},
		},
		{
			name:      "no guid, no url: title and date",
			first:     breachwire.Item{Title: "Fine issued", Published: date},
			second:    breachwire.Item{Title: "  Fine   ISSUED ", Published: date},
			different: breachwire.Item{Title: "Fine issued", Published: date.Add(24 * time.Hour)},
		},
		{
			name:      "no guid, no url, no date: title",
			first:     breachwire.Item{Title: "Fine issued"},
			second:    breachwire.Item{Title: "Fine issued"},
			different: breachwire.Item{Title: "Another fine"},
		},
		{
			name:      "nothing but text",
			first:     breachwire.Item{Text: "Body one"},
			second:    breachwire.Item{Text: "Body one"},
			different: breachwire.Item{Text: "Body two"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openTest(t, newClock())
			a := save(t, db, srcICO, []Incoming{{Item: tc.first}})
			if a.New != 1 {
				t.Fatalf("first: %+v", a)
			}
			b := save(t, db, srcICO, []Incoming{{Item: tc.second}})
			if b.New != 0 || b.IDs[0] != a.IDs[0] {
				t.Fatalf("second copy: %+v, want article %d again", b, a.IDs[0])
			}
			d := save(t, db, srcICO, []Incoming{{Item: tc.different}})
			if d.New != 1 || d.IDs[0] == a.IDs[0] {
				t.Fatalf("different item: %+v, want a new article", d)
			}
		})
	}
}

func TestSaveFetch_D1_NothingToKeyIsSkipped(t *testing.T) {
	db, _ := openTest(t, newClock())
	s := save(t, db, srcICO, []Incoming{{Item: breachwire.Item{Author: "nobody"}}, item(1)})
	if s.Skipped != 1 || s.New != 1 || s.IDs[0] != 0 {
		t.Fatalf("got %+v, want one skipped and one new", s)
	}
}

func TestSaveFetch_D2_DuplicateGUIDInDocument(t *testing.T) {
	db, _ := openTest(t, newClock())
	x := item(1)
	y := item(2)
	y.GUID = x.GUID // the publisher put one GUID on two items
	s := save(t, db, srcICO, []Incoming{x, y})
	if s.New != 2 {
		t.Fatalf("first pass: %+v, want 2 new", s)
	}
	for _, order := range [][]Incoming{{x, y}, {y, x}} {
		r := save(t, db, srcICO, order)
		if r.New != 0 || r.Updated != 0 {
			t.Fatalf("refetch: %+v, want nothing new or updated", r)
		}
	}
	if a := article(t, db, s.IDs[0]); a.Title != x.Title {
		t.Fatalf("first article title %q, want %q", a.Title, x.Title)
	}
	if a := article(t, db, s.IDs[1]); a.Title != y.Title {
		t.Fatalf("second article title %q, want %q", a.Title, y.Title)
	}
}

func TestSaveFetch_D2_RepeatedItemInOnePass(t *testing.T) {
	db, _ := openTest(t, newClock())
	x := item(1)
	edited := x
	edited.Title = "Edited later in the same document"
	s := save(t, db, srcICO, []Incoming{x, x, edited})
	if s.New != 1 || s.Unchanged != 2 || s.IDs[1] != s.IDs[0] || s.IDs[2] != s.IDs[0] {
		t.Fatalf("got %+v, want one new article and two repeats", s)
	}
	if a := article(t, db, s.IDs[0]); a.Title != x.Title {
		t.Fatalf("title %q: the first copy in the pass should win", a.Title)
	}
}

func TestSaveFetch_D3_ChangedGUIDSameURL(t *testing.T) {
	db, _ := openTest(t, newClock())
	x := item(1)
	s := save(t, db, srcICO, []Incoming{x})
	churned := x
	churned.GUID = "https://ico.org.uk/?p=123" // the CMS changed its GUID form
	r := save(t, db, srcICO, []Incoming{churned})
	if r.New != 0 || r.Updated != 0 || r.IDs[0] != s.IDs[0] {
		t.Fatalf("changed GUID: %+v, want the stored article %d unchanged", r, s.IDs[0])
	}
	// Both GUIDs now find it, even with the URL gone.
	for _, g := range []string{x.GUID, churned.GUID} {
		y := x
		y.GUID, y.URL, y.CanonicalURL = g, "", ""
		if r := save(t, db, srcICO, []Incoming{y}); r.IDs[0] != s.IDs[0] || r.New != 0 {
			t.Fatalf("GUID %q alone: %+v", g, r)
		}
	}
}

func TestSaveFetch_D3_EditedUpstreamUpdatesInPlace(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Incoming)
		ok   func(breachwire.Article) bool
	}{
		{"title", func(in *Incoming) { in.Title = "ICO fines Advanced £3.07m" },
			func(a breachwire.Article) bool { return a.Title == "ICO fines Advanced £3.07m" }},
		{"text", func(in *Incoming) { in.Text = "Corrected text." },
			func(a breachwire.Article) bool { return a.Text == "Corrected text." }},
		{"summary", func(in *Incoming) { in.Summary = "New summary" },
			func(a breachwire.Article) bool { return a.Summary == "New summary" }},
		{"date", func(in *Incoming) { in.Published = in.Published.Add(48 * time.Hour) },
			func(a breachwire.Article) bool { return a.Published.Equal(item(1).Published.Add(48 * time.Hour)) }},
		{"url under the same guid", func(in *Incoming) { in.URL, in.CanonicalURL = "https://ico.org.uk/new/1", "https://ico.org.uk/new/1" },
			func(a breachwire.Article) bool { return a.URL == "https://ico.org.uk/new/1" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newClock()
			db, _ := openTest(t, c)
			x := item(1)
			s := save(t, db, srcICO, []Incoming{x})
			before := article(t, db, s.IDs[0])
			c.Add(3 * time.Hour)
			y := x
			tc.edit(&y)
			r := save(t, db, srcICO, []Incoming{y})
			if r.New != 0 || r.Updated != 1 || r.IDs[0] != s.IDs[0] {
				t.Fatalf("edit: %+v, want article %d updated in place", r, s.IDs[0])
			}
			after := article(t, db, s.IDs[0])
			if !tc.ok(after) {
				t.Fatalf("edit not applied: %+v", after)
			}
			if after.Seq <= before.Seq {
				t.Fatalf("seq %d after edit, was %d: want a new sequence number", after.Seq, before.Seq)
			}
			if !after.FirstSeen.Equal(before.FirstSeen) {
				t.Fatalf("FirstSeen moved from %v to %v", before.FirstSeen, after.FirstSeen)
			}
			if got := count(t, db); got != 1 {
				t.Fatalf("count %d, want 1", got)
			}
			// The edit, fetched again, is not an edit.
			if r := save(t, db, srcICO, []Incoming{y}); r.Updated != 0 || r.Unchanged != 1 {
				t.Fatalf("refetch of the edit: %+v", r)
			}
			// Exactly one change entry: the old one was dropped.
			ch, err := db.Changes(context.Background(), 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(ch) != 1 || ch[0].Seq != after.Seq {
				t.Fatalf("changes %v, want the one latest write", ch)
			}
		})
	}
}

func TestSaveFetch_SameURLTwoSources(t *testing.T) {
	db, _ := openTest(t, newClock())
	x := item(1)
	s := save(t, db, srcICO, []Incoming{x})
	press := x
	press.GUID = "register-guid-77"
	press.URL = "https://ico.org.uk/news/1?utm_campaign=press"
	press.Title = "Watchdog fines software firm"
	press.Text = "The Register's copy."
	r := save(t, db, srcReg, []Incoming{press})
	if r.New != 0 || r.Duplicate != 1 || r.IDs[0] != s.IDs[0] {
		t.Fatalf("second source: %+v, want a duplicate of article %d", r, s.IDs[0])
	}
	a := article(t, db, s.IDs[0])
	if a.SourceID != srcICO.ID || a.Title != x.Title {
		t.Fatalf("article now %q from %q: the first source keeps it", a.Title, a.SourceID)
	}
	// Its own GUID now finds the article even without the URL.
	press.URL, press.CanonicalURL = "", ""
	if r := save(t, db, srcReg, []Incoming{press}); r.IDs[0] != s.IDs[0] {
		t.Fatalf("press GUID alone: %+v", r)
	}
	if got := count(t, db); got != 1 {
		t.Fatalf("count %d, want 1", got)
	}
}

func TestSaveFetch_C6_FirstSeenSetOnce(t *testing.T) {
	c := newClock()
	db, _ := openTest(t, c)
	s := save(t, db, srcICO, items(0, 3))
	want := c.Now()
	for range 3 {
		c.Add(25 * time.Hour)
		in := items(0, 3)
		in[1].Title += " (updated)"
		save(t, db, srcICO, in)
	}
	for _, id := range s.IDs {
		if a := article(t, db, id); !a.FirstSeen.Equal(want) {
			t.Fatalf("article %d FirstSeen %v, want %v", id, a.FirstSeen, want)
		}
	}
}

func TestSaveFetch_EmptyFieldsKeepStored(t *testing.T) {
	db, _ := openTest(t, newClock())
	x := item(1)
	s := save(t, db, srcICO, []Incoming{x})
	// The pipeline skipped the page (Known) and sent the feed's copy only.
	teaser := x
	teaser.Text, teaser.Facts, teaser.ExtractorVersion = "", breachwire.Facts{}, 1
	if r := save(t, db, srcICO, []Incoming{teaser}); r.Updated != 0 || r.Unchanged != 1 {
		t.Fatalf("teaser copy: %+v, want unchanged", r)
	}
	a := article(t, db, s.IDs[0])
	if a.Text != x.Text || len(a.Facts.Fines) != 1 {
		t.Fatal("a copy without text erased the stored text or facts")
	}
	// A title edit seen without the text: facts are redone from the stored
	// text by the re-extractor.
	teaser.Title = "A new title"
	if r := save(t, db, srcICO, []Incoming{teaser}); r.Updated != 1 {
		t.Fatalf("title edit: %+v", r)
	}
	a = article(t, db, s.IDs[0])
	if a.Text != x.Text || a.ExtractorVersion != 0 || len(a.Facts.Fines) != 1 {
		t.Fatalf("after title edit: text kept %v, version %d, fines %d", a.Text == x.Text, a.ExtractorVersion, len(a.Facts.Fines))
	}
	stale, err := db.Stale(context.Background(), 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(stale) != 1 || stale[0].ID != s.IDs[0] {
		t.Fatalf("stale %v, want the edited article", stale)
	}
}

func TestSaveFetch_NewerExtractorUpdatesFacts(t *testing.T) {
	db, _ := openTest(t, newClock())
	x := item(1)
	s := save(t, db, srcICO, []Incoming{x})
	y := x
	y.Facts = breachwire.Facts{Regulators: []string{"ICO", "NCSC"}}
	y.ExtractorVersion = 2
	if r := save(t, db, srcICO, []Incoming{y}); r.Updated != 1 {
		t.Fatalf("newer extractor: %+v, want updated", r)
	}
	if a := article(t, db, s.IDs[0]); a.ExtractorVersion != 2 || len(a.Facts.Regulators) != 2 {
		t.Fatalf("facts not replaced: version %d, %v", a.ExtractorVersion, a.Facts.Regulators)
	}
	// An older extractor's facts for unchanged content are ignored.
	if r := save(t, db, srcICO, []Incoming{x}); r.Updated != 0 {
		t.Fatalf("older extractor: %+v, want unchanged", r)
	}
}

func TestSaveFetch_B7_ValidatorsOnlyWithItems(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t, newClock())
	st := breachwire.SourceState{SourceID: srcICO.ID, ETag: `W/"abc"`, LastModified: "Thu, 27 Mar 2025 09:00:00 GMT", LastStatus: 200}
	s, err := db.SaveFetch(ctx, srcICO, st, items(0, 5))
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.SourceState(ctx, srcICO.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ETag != st.ETag || got.LastModified != st.LastModified || got.Items != 5 || got.LastNew != 5 {
		t.Fatalf("state %+v", got)
	}
	if s.New != 5 {
		t.Fatalf("saved %+v", s)
	}

	// A state saved without items keeps the stored validators.
	failed := got
	failed.ETag, failed.LastModified, failed.Failures, failed.LastError = `"other"`, "", 1, "parse error"
	if err := db.SaveSourceState(ctx, failed); err != nil {
		t.Fatal(err)
	}
	got, err = db.SourceState(ctx, srcICO.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ETag != st.ETag || got.LastModified != st.LastModified || got.Failures != 1 || got.LastError != "parse error" {
		t.Fatalf("SaveSourceState changed the validators or lost the failure: %+v", got)
	}

	// A pass that fails part-way stores neither its items nor its
	// validators.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	next := st
	next.ETag = `W/"def"`
	if _, err := db.SaveFetch(cctx, srcICO, next, items(5, 10)); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled pass: err %v", err)
	}
	got, err = db.SourceState(ctx, srcICO.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ETag != st.ETag || count(t, db) != 5 {
		t.Fatalf("after a failed pass: etag %q, %d articles", got.ETag, count(t, db))
	}
}

func TestSaveFetch_RejectsMismatchedState(t *testing.T) {
	db, _ := openTest(t, newClock())
	_, err := db.SaveFetch(context.Background(), srcICO, breachwire.SourceState{SourceID: "other"}, items(0, 1))
	if breachwire.ErrorCode(err) != breachwire.ECodeInvalid {
		t.Fatalf("err %v, want an invalid error", err)
	}
}

func TestSaveFetch_ManyItemsInBatches(t *testing.T) {
	db, _ := openTest(t, newClock())
	n := 2*maxBatch + 123
	in := make([]Incoming, n)
	for i := range in {
		in[i] = Incoming{Item: breachwire.Item{GUID: "g" + string(rune('a'+i%26)) + time.Duration(i).String(), Title: "t"}}
	}
	s, err := db.SaveFetch(context.Background(), srcICO, breachwire.SourceState{ETag: "e"}, in)
	if err != nil {
		t.Fatal(err)
	}
	if s.New != n || count(t, db) != n || s.Seq != uint64(n) || lastSeq(t, db) != uint64(n) {
		t.Fatalf("saved %d new, count %d, seq %d: want %d", s.New, count(t, db), s.Seq, n)
	}
	st, err := db.SourceState(context.Background(), srcICO.ID)
	if err != nil || st.ETag != "e" || st.Items != n {
		t.Fatalf("state %+v, %v", st, err)
	}
}

func TestKnown(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t, newClock())
	x, noText := item(1), item(2)
	noText.Text = ""
	save(t, db, srcICO, []Incoming{x, noText})
	edited := x.Item
	edited.Title = "Edited"
	press := x.Item
	press.GUID = "other"
	tests := []struct {
		name   string
		source string
		item   breachwire.Item
		want   bool
	}{
		{"stored with text", srcICO.ID, x.Item, true},
		{"stored without text", srcICO.ID, noText.Item, false},
		{"new", srcICO.ID, item(3).Item, false},
		{"edited upstream", srcICO.ID, edited, false},
		{"another source's article", srcReg.ID, press, true},
	}
	var in []breachwire.Item
	for _, tc := range tests {
		got, err := db.Known(ctx, tc.source, []breachwire.Item{tc.item})
		if err != nil {
			t.Fatal(err)
		}
		if got[0] != tc.want {
			t.Errorf("%s: known %v, want %v", tc.name, got[0], tc.want)
		}
		if tc.source == srcICO.ID {
			in = append(in, tc.item)
		}
	}
	got, err := db.Known(ctx, srcICO.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{true, false, false, false}; !slices.Equal(got, want) {
		t.Fatalf("batch: %v, want %v", got, want)
	}
}

// commits returns the id of the last committed write transaction.
func commits(t *testing.T, db *DB) int {
	t.Helper()
	var id int
	if err := db.view(context.Background(), func(tx *bolt.Tx) error {
		id = tx.ID()
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestSaveFetches_GroupsPassesInOneCommit(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t, newClock())
	var passes []Pass
	for s := range 5 {
		src := &breachwire.Source{ID: fmt.Sprintf("src-%d", s), Name: "S", Kind: breachwire.KindPress}
		in := items(s*10, s*10+10)
		passes = append(passes, Pass{Source: src, State: breachwire.SourceState{ETag: fmt.Sprint("e", s)}, Items: in})
	}
	before := commits(t, db)
	res, err := db.SaveFetches(ctx, passes)
	if err != nil {
		t.Fatal(err)
	}
	if got := commits(t, db) - before; got != 1 {
		t.Fatalf("%d commits for 5 small passes, want 1", got)
	}
	for s, r := range res {
		if r.New != 10 || len(r.IDs) != 10 || r.IDs[0] == 0 {
			t.Fatalf("pass %d: %+v", s, r)
		}
		st, err := db.SourceState(ctx, passes[s].Source.ID)
		if err != nil || st.ETag != fmt.Sprint("e", s) || st.Items != 10 {
			t.Fatalf("pass %d state %+v, %v", s, st, err)
		}
	}
	if count(t, db) != 50 || res[4].Seq != 50 {
		t.Fatalf("count %d, last seq %d", count(t, db), res[4].Seq)
	}
}

// countdownCtx is cancelled after its Err has been asked n times: a way
// to fail a write at a chosen item.
type countdownCtx struct {
	context.Context
	n atomic.Int64
}

func (c *countdownCtx) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func TestSaveFetches_B7_FailureRollsBackItsGroup(t *testing.T) {
	db, _ := openTest(t, newClock())
	big := func(s int) Pass {
		return Pass{Source: &breachwire.Source{ID: fmt.Sprintf("src-%d", s)},
			State: breachwire.SourceState{ETag: "new"}, Items: items(s*600, s*600+600)}
	}
	// 600 + 600 items exceed one group: two transactions. Fail in the
	// second one, at its 100th item.
	ctx := &countdownCtx{Context: context.Background()}
	ctx.n.Store(1 + 600 + 1 + 100)
	res, err := db.SaveFetches(ctx, []Pass{big(0), big(1)})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if res[0].New != 600 || res[1].New != 0 || res[1].IDs[0] != 0 {
		t.Fatalf("results: first %d new, second %d new (ids %v...)", res[0].New, res[1].New, res[1].IDs[:1])
	}
	if count(t, db) != 600 {
		t.Fatalf("%d articles stored, want the first pass's 600", count(t, db))
	}
	bg := context.Background()
	if st, err := db.SourceState(bg, "src-0"); err != nil || st.ETag != "new" {
		t.Fatalf("first pass state %+v, %v", st, err)
	}
	if _, err := db.SourceState(bg, "src-1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the failed pass saved its validators: %v", err)
	}
}
