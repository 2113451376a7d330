package ingest

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"

	"breachwire"
	"breachwire/extract"
	"breachwire/store"
)

// Run is the scheduler of breachwire serve: it reads each source when its
// next check is due (the saved schedule survives restarts, RELIABILITY B7),
// at most Workers at a time, until ctx is done. Sources never checked start
// at a random moment within StartSpread so that a start-up does not
// hit every host at once (H2). On return every source turn has finished
// (cancelled ones too) and every result is stored.
func (p *Pipeline) Run(ctx context.Context, sources []*breachwire.Source) error {
	states, err := p.states(ctx)
	if err != nil {
		return err
	}
	workers := p.Workers
	if workers <= 0 {
		workers = DefaultWorkers
	}
	now := p.now()
	spread := p.StartSpread
	if spread <= 0 {
		spread = 5 * time.Second
	}
	next := make(map[string]time.Time, len(sources))
	for _, s := range sources {
		t := states[s.ID].NextCheck
		if t.IsZero() {
			t = now.Add(time.Duration(rand.Int64N(int64(min(s.Interval, spread)) + 1)))
		}
		next[s.ID] = t
	}
	w := p.startWriter(ctx)
	defer w.close()
	results := make(chan *Outcome)
	running := map[string]bool{}
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		now := p.now()
		var wake time.Time
		for _, s := range sources {
			if running[s.ID] {
				continue
			}
			t := next[s.ID]
			if !t.After(now) && len(running) < workers {
				running[s.ID] = true
				go func(src *breachwire.Source, prev breachwire.SourceState) {
					j := p.read(ctx, src, prev)
					w.jobs <- j
					<-j.done
					results <- j.out
				}(s, states[s.ID])
				continue
			}
			if wake.IsZero() || t.Before(wake) {
				wake = t
			}
		}
		d := time.Minute
		if !wake.IsZero() {
			d = max(wake.Sub(now), 10*time.Millisecond)
		}
		timer.Reset(d)
		select {
		case o := <-results:
			delete(running, o.Source.ID)
			states[o.Source.ID] = o.State
			next[o.Source.ID] = o.State.NextCheck
			p.logOutcome(o)
		case <-timer.C:
		case <-ctx.Done():
			for len(running) > 0 {
				o := <-results
				delete(running, o.Source.ID)
			}
			p.logger().Info("scheduler stopped")
			return nil
		}
	}
}

// Reextract extracts stored articles again when their facts come from an
// older extractor, in batches, from the stored text: nothing is fetched. It
// returns the number of articles updated. progress, if not nil, is called
// after each batch.
func (p *Pipeline) Reextract(ctx context.Context, progress func(done int)) (int, error) {
	done, idle := 0, 0
	for ctx.Err() == nil && idle < 3 {
		stale, err := p.Store.Stale(ctx, extract.Version, 200)
		if err != nil {
			return done, err
		}
		if len(stale) == 0 {
			break
		}
		updates := make([]store.FactsUpdate, 0, len(stale))
		for _, a := range stale {
			it := breachwire.Item{Title: a.Title, Text: a.Text, Summary: a.Summary}
			updates = append(updates, store.FactsUpdate{ID: a.ID, Facts: Extract(it), Version: extract.Version, Seq: a.Seq})
		}
		n, err := p.Store.UpdateFactsBatch(ctx, updates)
		done += n
		if err != nil {
			return done, err
		}
		if n == 0 {
			// every article changed under us since Stale read it: try
			// again, a few times
			idle++
			continue
		}
		idle = 0
		if progress != nil {
			progress(done)
		}
		if p.OnStored != nil {
			if seq, err := p.Store.LastSeq(ctx); err == nil {
				p.OnStored(seq)
			}
		}
	}
	if done > 0 {
		p.logger().Info("re-extraction finished", slog.Int("articles", done))
	}
	return done, ctx.Err()
}
