package ingest

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"breachwire"
)

// Progress is reported after each source of a pass finishes.
type Progress struct {
	Done, Total int
	New         int // articles added so far in the pass
	Last        *Outcome
}

// Summary is the result of a pass.
type Summary struct {
	Outcomes []*Outcome // in the order of the sources given
	New      int
	Updated  int
	Failed   int
	Duration time.Duration
}

// Pass reads every source once, at most Workers at a time, and returns when
// all have finished or ctx is done. progress, if not nil, is called after
// each source (from one goroutine at a time). Sources whose state is
// missing start afresh; the saved schedule is ignored: a pass is an explicit
// request to read now.
func (p *Pipeline) Pass(ctx context.Context, sources []*breachwire.Source, progress func(Progress)) (*Summary, error) {
	start := p.now()
	states, err := p.states(ctx)
	if err != nil {
		return nil, err
	}
	w := p.startWriter(ctx)
	workers := p.Workers
	if workers <= 0 {
		workers = DefaultWorkers
	}
	sum := &Summary{Outcomes: make([]*Outcome, len(sources))}
	var mu sync.Mutex
	done := 0
	queue := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, max(len(sources), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range queue {
				src := sources[i]
				var out *Outcome
				if st := states[src.ID]; serverAskedToWait(st, p.now()) {
					// Retry-After is honoured even when a user asks for a
					// pass (RELIABILITY B6)
					out = &Outcome{Source: src, State: st, Deferred: true}
				} else {
					j := p.read(ctx, src, st)
					w.jobs <- j
					<-j.done
					out = j.out
				}
				mu.Lock()
				sum.Outcomes[i] = out
				done++
				sum.New += out.Saved.New
				pr := Progress{Done: done, Total: len(sources), New: sum.New, Last: out}
				if progress != nil {
					progress(pr)
				}
				mu.Unlock()
				p.logOutcome(out)
			}
		}()
	}
feed:
	for i := range sources {
		select {
		case queue <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	w.close()
	for _, o := range sum.Outcomes {
		if o == nil {
			continue
		}
		sum.Updated += o.Saved.Updated
		if !o.OK() {
			sum.Failed++
		}
	}
	sum.Duration = p.now().Sub(start)
	return sum, ctx.Err()
}

// serverAskedToWait reports whether the source's last answer was a 429 or
// 503 whose wait has not yet passed.
func serverAskedToWait(st breachwire.SourceState, now time.Time) bool {
	return (st.LastStatus == 429 || st.LastStatus == 503) && st.Failures > 0 && st.NextCheck.After(now)
}

// states loads every source's saved state, keyed by source id.
func (p *Pipeline) states(ctx context.Context) (map[string]breachwire.SourceState, error) {
	list, err := p.Store.SourceStates(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]breachwire.SourceState, len(list))
	for _, st := range list {
		m[st.SourceID] = st
	}
	return m, nil
}

func (p *Pipeline) logOutcome(o *Outcome) {
	attrs := []any{slog.String("source", o.Source.Name), slog.Duration("took", o.Duration)}
	switch {
	case o.Err != nil:
		p.logger().Warn("source failed", append(attrs, slog.Int("failures", o.State.Failures),
			slog.Time("next_check", o.State.NextCheck), slog.Any("error", o.Err))...)
	case o.Deferred:
		p.logger().Info("source deferred: the server asked to wait", append(attrs, slog.Time("next_check", o.State.NextCheck))...)
	case o.NotModified:
		p.logger().Debug("source not modified", attrs...)
	default:
		p.logger().Info("source read", append(attrs, slog.Int("new", o.Saved.New),
			slog.Int("updated", o.Saved.Updated), slog.Int("pages", o.Pages))...)
	}
}
