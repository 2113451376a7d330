package fetch

import (
	"context"
	"strings"
	"sync"
	"time"
)

// hostLimiter lets at most one request at a time reach a host and spaces
// consecutive requests to it by a gap (RELIABILITY H2): a regulator with many
// feeds, or a feed and its article pages, see one polite client rather than
// a burst. Hosts are keyed by lower-case host name, without the port. Idle
// entries are dropped once their gap has passed, so the map holds only hosts
// in use or recently used (H3).
type hostLimiter struct {
	gap   time.Duration
	mu    sync.Mutex
	hosts map[string]*hostSlot
}

type hostSlot struct {
	sem  chan struct{} // capacity 1: held for the whole exchange
	refs int           // goroutines holding or waiting; guarded by mu
	last time.Time     // end of the last request; guarded by mu
}

// pruneAbove is the map size above which idle entries are swept on acquire.
const pruneAbove = 256

func newHostLimiter(gap time.Duration) *hostLimiter {
	return &hostLimiter{gap: gap, hosts: make(map[string]*hostSlot)}
}

func hostKey(host string) string {
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// acquire waits for host's turn: until no other request to it is in flight
// and the gap since the last one has passed. It returns the function that
// ends the turn, or the context's error.
func (l *hostLimiter) acquire(ctx context.Context, host string) (release func(), err error) {
	key := hostKey(host)
	l.mu.Lock()
	if len(l.hosts) > pruneAbove {
		l.pruneLocked(time.Now())
	}
	s := l.hosts[key]
	if s == nil {
		s = &hostSlot{sem: make(chan struct{}, 1)}
		l.hosts[key] = s
	}
	s.refs++
	l.mu.Unlock()

	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		l.done(key, s, false)
		return nil, ctx.Err()
	}
	l.mu.Lock()
	last := s.last
	l.mu.Unlock()
	if !last.IsZero() && l.gap > 0 {
		if wait := time.Until(last.Add(l.gap)); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				<-s.sem
				l.done(key, s, false)
				return nil, ctx.Err()
			}
		}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			l.done(key, s, true)
			<-s.sem
		})
	}, nil
}

// done drops one reference to s, recording the end of a request when
// finished is set, and removes the entry when nobody uses it and its gap has
// passed.
func (l *hostLimiter) done(key string, s *hostSlot, finished bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if finished {
		s.last = now
	}
	s.refs--
	if s.refs == 0 && (l.gap == 0 || now.Sub(s.last) >= l.gap) && l.hosts[key] == s {
		delete(l.hosts, key)
	}
}

func (l *hostLimiter) pruneLocked(now time.Time) {
	for k, s := range l.hosts {
		if s.refs == 0 && now.Sub(s.last) >= l.gap {
			delete(l.hosts, k)
		}
	}
}

// size returns the number of tracked hosts (for tests).
func (l *hostLimiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.hosts)
}
