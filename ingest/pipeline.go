// Package ingest takes sources from configuration to stored, extracted
// articles: it fetches each source, fetches article pages for new teaser
// items, extracts facts, and hands the results to a single writer that
// stores each source's items and state in one transaction. It runs one pass
// (breachwire fetch) or a scheduler that polls each source on its own
// interval (breachwire serve).
//
// A broken, slow or hostile source never holds up the others: each source
// runs with its own deadline and its own recover, in a bounded worker pool
// (RELIABILITY H1).
package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"breachwire"
	"breachwire/extract"
	"breachwire/fetch"
	"breachwire/store"
)

// Defaults for a Pipeline's zero fields.
const (
	DefaultWorkers       = 4
	DefaultSourceTimeout = 2 * time.Minute
	// DefaultMaxPages bounds the article pages fetched for one source in
	// one pass; the rest are fetched on later passes.
	DefaultMaxPages = 30
)

// Pipeline runs sources through fetch, extract and store. Set the exported
// fields before the first call; a Pipeline is then safe for concurrent use.
type Pipeline struct {
	Client *fetch.Client
	Store  *store.DB
	Logger *slog.Logger
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Workers is how many sources are read at once.
	Workers int
	// SourceTimeout bounds one source's whole turn: the feed and its
	// article pages.
	SourceTimeout time.Duration
	// MaxPages bounds the article pages fetched per source per pass.
	MaxPages int
	// StartSpread spreads the first checks of sources never checked before
	// over this long after the scheduler starts, so that a first start does
	// not send every request at the same instant (RELIABILITY H2; requests
	// to one host are serialised and spaced by the fetch client anyway).
	// Zero means five seconds.
	StartSpread time.Duration
	// MaxBackoff caps the wait before the next check after failures (and
	// after a long Retry-After); zero means fetch's own cap. A source is
	// never disabled: it is always checked again within this time.
	MaxBackoff time.Duration
	// OnStored, if set, is called after each commit that wrote articles,
	// with the last change sequence number; serve uses it to wake the
	// indexer.
	OnStored func(seq uint64)
}

// Outcome is what happened to one source in a pass.
type Outcome struct {
	Source      *breachwire.Source
	State       breachwire.SourceState // after the pass
	Err         error                  // the fetch or store error, if any
	NotModified bool
	// Deferred is set when the source was not read because its server
	// asked to wait (429 or 503 with Retry-After) until State.NextCheck.
	Deferred   bool
	Saved      store.Saved
	Pages      int // article pages fetched
	PageErrors int // article pages that failed (the feed summary is kept)
	Duration   time.Duration
}

// OK reports whether the source was read and stored.
func (o *Outcome) OK() bool { return o.Err == nil }

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Pipeline) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// job is a source's fetched and extracted pass, waiting for the writer.
type job struct {
	out   *Outcome
	state breachwire.SourceState
	items []store.Incoming
	// failed is set when the fetch failed: only the state is saved.
	failed bool
	done   chan struct{}
}

// read runs the network and extraction half of one source's turn: fetch the
// source, fetch article pages for new teaser items, extract facts. It never
// panics: a panic in any library is turned into the source's error.
func (p *Pipeline) read(ctx context.Context, src *breachwire.Source, prev breachwire.SourceState) (j *job) {
	start := p.now()
	out := &Outcome{Source: src}
	j = &job{out: out, state: prev, done: make(chan struct{})}
	j.state.SourceID = src.ID
	defer func() {
		if r := recover(); r != nil {
			err := fmt.Errorf("ingest: source %q: panic: %v", src.Name, r)
			p.logger().Error("source panicked", slog.String("source", src.Name), slog.Any("panic", r),
				slog.String("stack", string(debug.Stack())))
			p.fail(j, prev, err, start)
		}
		out.Duration = p.now().Sub(start)
	}()
	timeout := p.SourceTimeout
	if timeout <= 0 {
		timeout = DefaultSourceTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	res, err := p.Client.Fetch(ctx, src, prev)
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("source deadline of %s exceeded: %w", timeout, err)
		}
		p.fail(j, prev, err, start)
		return j
	}
	now := p.now()
	st := &j.state
	st.LastAttempt, st.LastOK, st.Failures, st.LastError = now, now, 0, ""
	st.LastStatus = res.Status
	st.NextCheck = p.nextCheck(prev, src, nil, now)
	if res.PermanentRedirect != "" {
		if st.RedirectURL != res.PermanentRedirect {
			st.RedirectURL, st.RedirectSince = res.PermanentRedirect, now
		}
	} else {
		st.RedirectURL, st.RedirectSince = "", time.Time{}
	}
	if res.NotModified {
		out.NotModified = true
		return j
	}
	st.ETag, st.LastModified = res.ETag, res.LastModified
	items := res.Items
	known, err := p.Store.Known(ctx, src.ID, items)
	if err != nil {
		p.fail(j, prev, fmt.Errorf("ingest: look up known items: %w", err), start)
		return j
	}
	maxPages := p.MaxPages
	if maxPages <= 0 {
		maxPages = DefaultMaxPages
	}
	j.items = make([]store.Incoming, 0, len(items))
	for i := range items {
		it := items[i]
		untitled := it.Title == ""
		if !known[i] && out.Pages < maxPages && ctx.Err() == nil && needsPage(src, it) {
			out.Pages++
			if err := p.readPage(ctx, src, &it); err != nil {
				out.PageErrors++
				p.logger().Debug("article page failed", slog.String("source", src.Name),
					slog.String("url", it.URL), slog.Any("error", err))
			}
		}
		if known[i] && it.Text == "" && it.Title == "" {
			// a sitemap or listing entry already stored: nothing new to
			// say about it without its page
			continue
		}
		if untitled && !src.Accepts(it.Title, it.URL) {
			// fetch applied the patterns to the URL; the title came from
			// the page
			continue
		}
		j.items = append(j.items, store.Incoming{Item: it, Facts: Extract(it), ExtractorVersion: extract.Version})
	}
	return j
}

// needsPage reports whether a new item's article page should be fetched:
// when the feed gave only a teaser, or the item has no title (sitemap
// entries) or no date.
func needsPage(src *breachwire.Source, it breachwire.Item) bool {
	if it.URL == "" || strings.HasPrefix(src.URL, "file:") {
		// a local file source is offline by intent: its links point at
		// the web, but its items are all there is
		return false
	}
	return fetch.NeedsFullText(src, it) || it.Title == "" ||
		(src.Format != breachwire.FormatFeed && it.Published.IsZero())
}

// readPage fetches an item's article page and fills its text, and its title
// and date when the listing gave none.
func (p *Pipeline) readPage(ctx context.Context, src *breachwire.Source, it *breachwire.Item) error {
	page, err := p.Client.ArticlePage(ctx, src, it.URL)
	if err != nil {
		return err
	}
	if page.Text != "" {
		it.Text = page.Text
	}
	if it.Title == "" {
		it.Title = page.Title
	}
	if it.Published.IsZero() && !page.Published.IsZero() {
		it.Published = page.Published
	}
	return nil
}

// Extract runs the extractor over an item's title and text (or its summary
// when the page text is missing).
func Extract(it breachwire.Item) breachwire.Facts {
	text := it.Text
	if text == "" {
		text = it.Summary
	}
	return extract.Extract(extract.Input{Title: it.Title, Text: extract.PlainText(text)})
}

// fail records a failed attempt on the job: failures counted, the error
// kept, the next check backed off.
func (p *Pipeline) fail(j *job, prev breachwire.SourceState, err error, start time.Time) {
	now := p.now()
	st := prev
	st.SourceID = j.out.Source.ID
	st.LastAttempt = now
	st.Failures = prev.Failures + 1
	st.LastError = err.Error()
	st.LastStatus = fetch.StatusCode(err)
	st.NextCheck = p.nextCheck(prev, j.out.Source, err, now)
	j.state, j.items, j.failed = st, nil, true
	j.out.Err = err
}

// nextCheck is fetch.NextCheck capped at MaxBackoff from now (but never
// sooner than the source's own interval after a success).
func (p *Pipeline) nextCheck(prev breachwire.SourceState, src *breachwire.Source, err error, now time.Time) time.Time {
	t := fetch.NextCheck(prev, src.Interval, err, now)
	if p.MaxBackoff > 0 && err != nil {
		if limit := now.Add(max(p.MaxBackoff, src.Interval)); t.After(limit) {
			t = limit
		}
	}
	return t
}

// writer stores jobs one commit at a time, grouping the jobs that are
// waiting when it starts a commit (bbolt has a single writer; one goroutine
// doing all writes keeps fsyncs few and ordering simple).
type writer struct {
	p    *Pipeline
	jobs chan *job
	wg   sync.WaitGroup
}

func (p *Pipeline) startWriter(ctx context.Context) *writer {
	w := &writer{p: p, jobs: make(chan *job, 64)}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		w.loop(ctx)
	}()
	return w
}

func (w *writer) loop(ctx context.Context) {
	for j := range w.jobs {
		batch := []*job{j}
	drain:
		for len(batch) < 32 {
			select {
			case j2, ok := <-w.jobs:
				if !ok {
					break drain
				}
				batch = append(batch, j2)
			default:
				break drain
			}
		}
		w.write(ctx, batch)
	}
}

// write commits a batch: failed jobs save their state alone (validators
// untouched), the others their items and state together.
func (w *writer) write(ctx context.Context, batch []*job) {
	// A cancelled pass still records what it read: the store write is
	// short and losing it would refetch everything.
	ctx = context.WithoutCancel(ctx)
	var passes []store.Pass
	var passJobs []*job
	for _, j := range batch {
		if j.failed {
			if err := w.p.Store.SaveSourceState(ctx, j.state); err != nil {
				w.p.logger().Error("saving source state failed", slog.String("source", j.out.Source.Name), slog.Any("error", err))
			}
			j.out.State = j.state
			close(j.done)
			continue
		}
		passes = append(passes, store.Pass{Source: j.out.Source, State: j.state, Items: j.items})
		passJobs = append(passJobs, j)
	}
	if len(passes) > 0 {
		saved, err := w.p.Store.SaveFetches(ctx, passes)
		var last uint64
		wrote := false
		for i, j := range passJobs {
			j.out.State = j.state
			if i < len(saved) {
				j.out.Saved = saved[i]
				if saved[i].Seq > last {
					last = saved[i].Seq
				}
				if saved[i].New+saved[i].Updated > 0 {
					wrote = true
				}
			}
			if err != nil && (i >= len(saved) || saved[i].IDs == nil) {
				j.out.Err = fmt.Errorf("ingest: store: %w", err)
			}
			if j.out.Err == nil {
				j.out.State.LastNew = j.out.Saved.New
			}
			close(j.done)
		}
		if err != nil {
			w.p.logger().Error("storing articles failed", slog.Any("error", err))
		}
		if wrote && w.p.OnStored != nil {
			w.p.OnStored(last)
		}
	}
}

func (w *writer) close() {
	close(w.jobs)
	w.wg.Wait()
}
