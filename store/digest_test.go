package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"breachwire"
)

func TestDigest_P6_SurvivesReopen(t *testing.T) {
	ctx := context.Background()
	c := newClock()
	db, path := openTest(t, c)
	const sub = "secops-ico-mfa"

	if _, err := db.LastDigest(ctx, sub); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no digest yet: %v", err)
	}
	since := c.Now().Add(-24 * time.Hour)
	rec, err := db.RecordDigest(ctx, DigestRecord{
		Subscription: sub, Since: since, Until: c.Now(),
		Recipients: []string{"secops@example.org"}, ArticleIDs: []uint64{3, 5, 8},
		Status: DigestPending,
	})
	if err != nil {
		t.Fatal(err)
	}
	if rec.ID != 1 || !rec.CreatedAt.Equal(c.Now()) {
		t.Fatalf("pending run: %+v", rec)
	}
	// A pending run puts nothing in the sent-set.
	if got, _ := db.Unsent(ctx, sub, []uint64{3, 5}); !slices.Equal(got, []uint64{3, 5}) {
		t.Fatalf("unsent while pending: %v", got)
	}

	// SMTP fails once, then the retry succeeds.
	c.Add(time.Minute)
	rec.Status, rec.Attempts, rec.LastError, rec.NextRetry = DigestFailed, 1, "dial tcp: connection refused", c.Now().Add(5*time.Minute)
	if rec, err = db.RecordDigest(ctx, rec); err != nil {
		t.Fatal(err)
	}
	c.Add(5 * time.Minute)
	rec.Status, rec.Attempts, rec.LastError, rec.NextRetry = DigestSent, 2, "", time.Time{}
	if rec, err = db.RecordDigest(ctx, rec); err != nil {
		t.Fatal(err)
	}
	if rec.ID != 1 || !rec.SentAt.Equal(c.Now()) {
		t.Fatalf("sent run: %+v", rec)
	}

	// Restart.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openPath(t, path, c)
	last, err := db.LastDigest(ctx, sub, DigestSent)
	if err != nil {
		t.Fatal(err)
	}
	if last.ID != 1 || last.Attempts != 2 || !last.Until.Equal(rec.Until) || !slices.Equal(last.ArticleIDs, []uint64{3, 5, 8}) ||
		!slices.Equal(last.Recipients, []string{"secops@example.org"}) {
		t.Fatalf("after reopen: %+v", last)
	}
	got, err := db.Unsent(ctx, sub, []uint64{1, 3, 5, 8, 9})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []uint64{1, 9}) {
		t.Fatalf("unsent %v, want [1 9]: sent articles must never be offered again", got)
	}
	// Another subscription has its own sent-set.
	if got, _ := db.Unsent(ctx, "everything", []uint64{3}); !slices.Equal(got, []uint64{3}) {
		t.Fatalf("other subscription: %v", got)
	}

	// A second, pending run: LastDigest with no status finds it, the last
	// sent one is still run 1.
	next, err := db.RecordDigest(ctx, DigestRecord{Subscription: sub, Since: rec.Until, Until: c.Now(), Status: DigestPending})
	if err != nil {
		t.Fatal(err)
	}
	if next.ID != 2 {
		t.Fatalf("second run id %d", next.ID)
	}
	if l, _ := db.LastDigest(ctx, sub); l.ID != 2 {
		t.Fatalf("last of any status: %d", l.ID)
	}
	if l, _ := db.LastDigest(ctx, sub, DigestSent); l.ID != 1 {
		t.Fatalf("last sent: %d", l.ID)
	}
}

func TestDigest_RejectsBadRecords(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t, newClock())
	tests := []struct {
		name string
		rec  DigestRecord
	}{
		{"no subscription", DigestRecord{Status: DigestPending}},
		{"unknown status", DigestRecord{Subscription: "s", Status: "queued"}},
		{"unknown run", DigestRecord{Subscription: "s", ID: 7, Status: DigestSent}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := db.RecordDigest(ctx, tc.rec); err == nil {
				t.Fatal("accepted")
			} else if code := breachwire.ErrorCode(err); code != breachwire.ECodeInvalid && code != breachwire.ECodeNotFound {
				t.Fatalf("code %q for %v", code, err)
			}
		})
	}
}
