package digest

import (
	"context"
	"slices"
	"testing"
	"time"

	"breachwire"
)

// sliceFinder stands in for the search index's query: it applies the
// filter's window of effective dates and Explain to a slice.
type sliceFinder []breachwire.Article

func (s sliceFinder) Find(ctx context.Context, f breachwire.Filter) ([]breachwire.Article, error) {
	var out []breachwire.Article
	for _, a := range s {
		d := a.Date()
		if (!f.Since.IsZero() && d.Before(f.Since)) || (!f.Until.IsZero() && !d.Before(f.Until)) {
			continue
		}
		if _, ok := Explain(f, &a, nil); ok {
			out = append(out, a)
		}
	}
	return out, nil
}

func TestGather_Window(t *testing.T) {
	at := func(published, seen time.Time, id uint64) breachwire.Article {
		return breachwire.Article{ID: id, Title: "a", Published: published, FirstSeen: seen}
	}
	corpus := sliceFinder{
		at(since.Add(time.Hour), since.Add(time.Hour), 1),                   // in the window
		at(since.Add(-30*time.Hour), since.Add(2*time.Hour), 2),             // published before, seen in the window
		at(since.Add(-30*time.Hour), since.Add(-29*time.Hour), 3),           // old, mailed before
		at(since.Add(-10*24*time.Hour), since.Add(3*time.Hour), 4),          // backfill beyond the lookback
		at(until.Add(time.Hour), until.Add(time.Hour), 5),                   // after the window
		at(time.Time{}, since.Add(4*time.Hour), 6),                          // no published date
		at(since.Add(-time.Hour), since.Add(-time.Hour+time.Minute), 7),     // just before
		at(until.Add(-time.Minute), until.Add(-time.Minute+time.Second), 8), // just inside
	}
	got, err := Gather(context.Background(), corpus, breachwire.Filter{}, since, until, DefaultLookback)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	for _, a := range got {
		ids = append(ids, a.ID)
	}
	if want := []uint64{1, 2, 6, 8}; !slices.Equal(ids, want) {
		t.Errorf("Gather = %v, want %v", ids, want)
	}
	// The filter's own dates narrow the window.
	f := breachwire.Filter{Since: since.Add(90 * time.Minute)}
	if got, _ := Gather(context.Background(), corpus, f, since, until, DefaultLookback); len(got) != 2 {
		t.Errorf("with the filter's since: %d articles, want 2 (6 and 8)", len(got))
	}
}

func TestBackoff(t *testing.T) {
	s, err := NewScheduler(SchedulerConfig{Finder: sliceFinder{}, Records: noRecords{}, Mailer: noMail{},
		RetryMin: time.Minute, RetryMax: 10 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute, 4: 8 * time.Minute, 5: 10 * time.Minute, 60: 10 * time.Minute} {
		if got := s.Backoff(n); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", n, got, want)
		}
	}
}

func TestNewScheduler_Validation(t *testing.T) {
	next := func(t time.Time) time.Time { return t.Add(time.Hour) }
	ok := Subscription{Name: "a", To: []string{"a@example.org"}, Next: next}
	tests := []struct {
		name string
		cfg  SchedulerConfig
	}{
		{"no finder", SchedulerConfig{Records: noRecords{}, Mailer: noMail{}}},
		{"duplicate names", SchedulerConfig{Finder: sliceFinder{}, Records: noRecords{}, Mailer: noMail{},
			Subscriptions: []Subscription{ok, {Name: "A", To: ok.To, Next: next}}}},
		{"no schedule", SchedulerConfig{Finder: sliceFinder{}, Records: noRecords{}, Mailer: noMail{},
			Subscriptions: []Subscription{{Name: "a", To: ok.To}}}},
		{"no recipients", SchedulerConfig{Finder: sliceFinder{}, Records: noRecords{}, Mailer: noMail{},
			Subscriptions: []Subscription{{Name: "a", Next: next}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewScheduler(tt.cfg); breachwire.ErrorCode(err) != breachwire.ECodeInvalid {
				t.Errorf("NewScheduler = %v, want an invalid-input error", err)
			}
		})
	}
}

// noRecords and noMail satisfy the interfaces for tests that never reach
// them.
type noRecords struct{}

func (noRecords) LastRecord(context.Context, string, ...Status) (Record, error) {
	return Record{}, ErrNoRecord
}
func (noRecords) SaveRecord(_ context.Context, r Record) (Record, error) { return r, nil }
func (noRecords) Unsent(_ context.Context, _ string, ids []uint64) ([]uint64, error) {
	return ids, nil
}

type noMail struct{}

func (noMail) Send(context.Context, Message) error { return nil }
