package fetch

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"breachwire"
)

var now0 = time.Date(2026, 7, 5, 12, 0, 0, 0, time.UTC)

func TestNextCheck_Success(t *testing.T) {
	for _, interval := range []time.Duration{time.Hour, 2 * time.Hour, 12 * time.Hour} {
		st := breachwire.SourceState{SourceID: "ico-news", Failures: 7}
		next := NextCheck(st, interval, nil, now0)
		if d := next.Sub(now0); d > interval || d < interval*9/10 {
			t.Errorf("interval %v: next check after %v, want within 10%% below", interval, d)
		}
		if again := NextCheck(st, interval, nil, now0); !again.Equal(next) {
			t.Errorf("not pure: %v then %v", next, again)
		}
	}
	if d := NextCheck(breachwire.SourceState{}, 0, nil, now0).Sub(now0); d > DefaultInterval || d <= 0 {
		t.Errorf("zero interval gave %v", d)
	}
}

// TestNextCheck_P7_BackoffCappedNeverDisabled: failures back off
// exponentially, with jitter, up to the cap, and after 100 failures a source
// is still checked within the cap.
func TestNextCheck_P7_BackoffCappedNeverDisabled(t *testing.T) {
	fail := errors.New("fetch: connection refused")
	var prev time.Duration
	for failures := 0; failures <= 100; failures++ {
		st := breachwire.SourceState{SourceID: "press", Failures: failures}
		d := NextCheck(st, time.Hour, fail, now0).Sub(now0)
		if d <= 0 || d > MaxBackoff {
			t.Fatalf("after %d failures: next check in %v, want (0, %v]", failures+1, d, MaxBackoff)
		}
		if failures < 6 && d <= prev {
			t.Fatalf("after %d failures: %v, not longer than %v", failures+1, d, prev)
		}
		prev = d
	}
	first := NextCheck(breachwire.SourceState{SourceID: "press"}, time.Hour, fail, now0).Sub(now0)
	if first > FirstBackoff || first < FirstBackoff*8/10 {
		t.Errorf("first retry of an hourly source after %v, want about %v", first, FirstBackoff)
	}
	if d := NextCheck(breachwire.SourceState{Failures: 1 << 40}, time.Hour, fail, now0).Sub(now0); d <= 0 || d > MaxBackoff {
		t.Errorf("huge failure count: %v", d)
	}
	if d := NextCheck(breachwire.SourceState{Failures: 50}, 48*time.Hour, fail, now0).Sub(now0); d > 48*time.Hour || d < MaxBackoff {
		t.Errorf("interval longer than the cap: %v", d)
	}
}

// TestNextCheck_Jitter: sources failing together are spread out.
func TestNextCheck_Jitter(t *testing.T) {
	fail := errors.New("down")
	seen := map[time.Time]bool{}
	for i := 0; i < 20; i++ {
		st := breachwire.SourceState{SourceID: fmt.Sprintf("source-%d", i), Failures: 3}
		seen[NextCheck(st, time.Hour, fail, now0)] = true
	}
	if len(seen) < 15 {
		t.Fatalf("20 sources got only %d distinct next checks", len(seen))
	}
}

// TestNextCheck_B6_RetryAfterHonoured: the next check is never earlier than
// the server's Retry-After, which is already clamped to MaxRetryAfter.
func TestNextCheck_B6_RetryAfterHonoured(t *testing.T) {
	tests := []struct {
		name        string
		retryAfter  time.Duration
		failures    int
		wantAtLeast time.Duration
	}{
		{"short hint, backoff longer", time.Minute, 0, 12 * time.Minute},
		{"long hint", 6 * time.Hour, 0, 6 * time.Hour},
		{"clamped hint", MaxRetryAfter, 0, MaxRetryAfter},
		{"hint beats a short backoff after failures", 3 * time.Hour, 2, 3 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := fmt.Errorf("fetch: GET x: %w", &StatusError{Code: 429, RetryAfter: tt.retryAfter})
			d := NextCheck(breachwire.SourceState{SourceID: "s", Failures: tt.failures}, time.Hour, err, now0).Sub(now0)
			if d < tt.wantAtLeast || d < tt.retryAfter || d > MaxBackoff {
				t.Fatalf("next check in %v, want at least %v and at most %v", d, tt.wantAtLeast, MaxBackoff)
			}
		})
	}
	// A StatusError built by hand with an absurd delay is still clamped.
	err := &StatusError{Code: 503, RetryAfter: 1000 * time.Hour}
	if d := NextCheck(breachwire.SourceState{}, time.Hour, err, now0).Sub(now0); d != MaxRetryAfter {
		t.Fatalf("absurd Retry-After gave %v", d)
	}
}
