package fetch

import (
	"encoding/binary"
	"hash/fnv"
	"time"

	"breachwire"
)

// Scheduling bounds used by NextCheck.
const (
	// MaxBackoff is the longest wait after failures (unless the source's
	// own interval is longer): a failing source is retried at least daily
	// and never disabled (RELIABILITY B8, P7).
	MaxBackoff = 24 * time.Hour
	// MinBackoff and FirstBackoff bound the first retry after a failure:
	// a quarter of the interval, clamped to [MinBackoff, FirstBackoff].
	MinBackoff   = time.Minute
	FirstBackoff = 15 * time.Minute
	// DefaultInterval is used when a source has no interval.
	DefaultInterval = time.Hour
)

// NextCheck returns when a source should next be fetched, given its state
// before this attempt (st.Failures counts the consecutive failures before
// it), its polling interval, the attempt's outcome err and the current time.
// It is a pure function: the same arguments give the same time.
//
//   - Success (err nil, including 304): now + interval, minus up to 10%
//     jitter so that sources started together drift apart.
//   - Failure: exponential backoff. The first retry comes after a quarter of
//     the interval (clamped to [MinBackoff, FirstBackoff]), doubling with
//     each further consecutive failure up to MaxBackoff (or the interval,
//     if longer), minus up to 20% jitter. The result is never later than
//     now + that cap: a source is never disabled for good.
//   - A Retry-After carried by err (429, 503) is honoured: the next check is
//     no earlier than now + RetryAfter (already clamped to MaxRetryAfter).
func NextCheck(st breachwire.SourceState, interval time.Duration, err error, now time.Time) time.Time {
	if interval <= 0 {
		interval = DefaultInterval
	}
	if err == nil {
		return now.Add(interval - jitter(interval/10, st.SourceID, 0, now))
	}
	failures := max(st.Failures, 0) + 1
	limit := max(MaxBackoff, interval)
	d := clampDuration(interval/4, MinBackoff, FirstBackoff)
	for i := 1; i < failures && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	d -= jitter(d/5, st.SourceID, failures, now)
	if ra := min(RetryAfter(err), MaxRetryAfter); ra > d {
		d = ra
	}
	return now.Add(d)
}

// jitter returns a deterministic duration in [0, span), derived from the
// source, the failure count and the time, so that NextCheck stays pure while
// sources that fail together are spread out.
func jitter(span time.Duration, sourceID string, failures int, now time.Time) time.Duration {
	if span <= 0 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(sourceID))
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(failures))
	binary.BigEndian.PutUint64(b[8:], uint64(now.UnixNano()))
	h.Write(b[:])
	return time.Duration(h.Sum64() % uint64(span))
}
