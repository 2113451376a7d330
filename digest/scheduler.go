package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"breachwire"
)

// Status is where a digest run stands; the values are the store's.
type Status string

// Run statuses. A run is saved as pending before the first attempt to send
// it, so that a crash while sending is seen on restart; it ends as sent, or
// stays failed with NextRetry set while sending fails.
const (
	StatusPending Status = "pending"
	StatusSent    Status = "sent"
	StatusFailed  Status = "failed"
)

// Record is one digest run of one subscription, as the store keeps it.
type Record struct {
	// ID numbers the subscription's runs; zero asks SaveRecord for a new
	// run, any other value updates that run.
	ID           uint64
	Subscription string
	// Since and Until are the window the run covers (Until exclusive).
	Since, Until time.Time
	CreatedAt    time.Time
	SentAt       time.Time
	Recipients   []string
	// ArticleIDs are the articles the run mails. A run saved as sent with
	// none had nothing to send, and sent nothing.
	ArticleIDs []uint64
	Status     Status
	Attempts   int
	LastError  string
	NextRetry  time.Time
}

// ErrNoRecord is wrapped by Records.LastRecord when the subscription has no
// run with the statuses asked for.
var ErrNoRecord = errors.New("digest: no digest recorded")

// Records is the store of digest runs, which makes the schedule survive
// restarts. cmd/breachwire adapts store.DB to it.
type Records interface {
	// LastRecord returns the subscription's newest run with one of the
	// statuses (any status when none is given), or an error wrapping
	// ErrNoRecord.
	LastRecord(ctx context.Context, subscription string, statuses ...Status) (Record, error)
	// SaveRecord stores a new run (ID 0) or a new state of one, and returns
	// it as stored. Saving a run as sent adds its articles to the
	// subscription's sent-set in the same transaction.
	SaveRecord(ctx context.Context, rec Record) (Record, error)
	// Unsent returns the ids among ids that no sent run of the subscription
	// mailed, in the order given.
	Unsent(ctx context.Context, subscription string, ids []uint64) ([]uint64, error)
}

// Finder returns the articles a filter selects, its Since and Until being
// effective dates (breachwire.Article.Date). cmd/breachwire adapts the
// search index and the store to it.
type Finder interface {
	Find(ctx context.Context, f breachwire.Filter) ([]breachwire.Article, error)
}

// Mailer sends a message; *Sender is one.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// Subscription is one daily digest as the scheduler needs it.
// cmd/breachwire builds it from config.Subscription, whose Filter and Next
// methods fit the function fields.
type Subscription struct {
	Name string
	To   []string
	// Location is the time zone dates are shown in.
	Location *time.Location
	// Filter returns the subscription's search filter with relative dates
	// anchored at now; nil selects everything.
	Filter func(now time.Time) (breachwire.Filter, error)
	// Next returns the first send time strictly after t; it must be safe
	// across daylight-saving changes (config.Subscription.Next is).
	Next func(t time.Time) time.Time
}

// Defaults of SchedulerConfig.
const (
	DefaultRetryMin    = time.Minute
	DefaultRetryMax    = time.Hour
	DefaultFirstWindow = 24 * time.Hour
	DefaultLookback    = 72 * time.Hour
	DefaultMaxWait     = time.Minute
)

// SchedulerConfig is what a Scheduler works with. Finder, Records, Mailer
// and every subscription's Next are required.
type SchedulerConfig struct {
	Subscriptions []Subscription
	Finder        Finder
	Records       Records
	Mailer        Mailer
	// Options shape every edition (base URL, converter, item cap).
	Options Options
	Logger  *slog.Logger
	// Now is the clock; nil means time.Now. Tests pass their own.
	Now func() time.Time
	// RetryMin and RetryMax bound the backoff after a failed send: the
	// n-th failure waits RetryMin·2^(n-1), at most RetryMax.
	RetryMin, RetryMax time.Duration
	// FirstWindow is how far back a subscription's first digest reaches.
	FirstWindow time.Duration
	// Lookback widens the search below a digest's window so that an
	// article first seen in the window but published (effective date)
	// before it is still mailed; articles mailed before are left out by
	// the sent-set.
	Lookback time.Duration
	// MaxWait caps how long Run sleeps before looking at the wall clock
	// again, so that a machine waking from suspend sends on time.
	MaxWait time.Duration
}

// Scheduler sends each subscription's digest daily; see the package doc.
type Scheduler struct {
	cfg   SchedulerConfig
	start time.Time
	mu    sync.Mutex
	// hold delays a subscription whose run could not even be recorded
	// (the store failing), so that Run does not spin on it.
	hold map[string]time.Time
}

// NewScheduler checks cfg and fills in defaults. The time it is called
// anchors the first digest of a subscription that never had one: it is
// due at the first send time after it.
func NewScheduler(cfg SchedulerConfig) (*Scheduler, error) {
	if cfg.Finder == nil || cfg.Records == nil || cfg.Mailer == nil {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "digest: scheduler needs a finder, a record store and a mailer")
	}
	seen := map[string]bool{}
	for _, s := range cfg.Subscriptions {
		key := strings.ToLower(s.Name)
		if s.Name == "" || seen[key] {
			return nil, breachwire.Errorf(breachwire.ECodeInvalid, "digest: subscription names must be present and distinct, got %q", s.Name)
		}
		seen[key] = true
		if s.Next == nil {
			return nil, breachwire.Errorf(breachwire.ECodeInvalid, "digest: subscription %q has no schedule", s.Name)
		}
		if len(s.To) == 0 {
			return nil, breachwire.Errorf(breachwire.ECodeInvalid, "digest: subscription %q has no recipients", s.Name)
		}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.RetryMin, DefaultRetryMin)
	def(&cfg.RetryMax, DefaultRetryMax)
	def(&cfg.FirstWindow, DefaultFirstWindow)
	def(&cfg.Lookback, DefaultLookback)
	def(&cfg.MaxWait, DefaultMaxWait)
	return &Scheduler{cfg: cfg, start: cfg.Now(), hold: map[string]time.Time{}}, nil
}

// Subscription returns the subscription named name (ignoring case).
func (s *Scheduler) Subscription(name string) (Subscription, bool) {
	for _, sub := range s.cfg.Subscriptions {
		if strings.EqualFold(sub.Name, name) {
			return sub, true
		}
	}
	return Subscription{}, false
}

// Run sends digests as they fall due until ctx is done, then returns nil.
// Failures are logged and recorded; they do not stop it.
func (s *Scheduler) Run(ctx context.Context) error {
	if len(s.cfg.Subscriptions) == 0 {
		<-ctx.Done()
		return nil
	}
	for {
		next, err := s.RunDue(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			s.cfg.Logger.Warn("digest pass failed", slog.Any("error", err))
		}
		wait := min(next.Sub(s.cfg.Now()), s.cfg.MaxWait)
		if wait < 0 {
			wait = 0
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// RunDue sends every subscription's digest that is due now and returns when
// the next one falls due. The error joins the failures of this pass; each
// is also logged and recorded.
func (s *Scheduler) RunDue(ctx context.Context) (time.Time, error) {
	var next time.Time
	var errs []error
	for _, sub := range s.cfg.Subscriptions {
		if err := ctx.Err(); err != nil {
			return next, err
		}
		due, err := s.Due(ctx, sub)
		if err != nil {
			errs = append(errs, err)
			due = s.holdFor(sub.Name)
		}
		if err == nil && !due.After(s.cfg.Now()) {
			if _, err := s.deliver(ctx, sub, time.Time{}); err != nil {
				errs = append(errs, err)
			}
			if due, err = s.Due(ctx, sub); err != nil {
				due = s.holdFor(sub.Name)
			}
		}
		if next.IsZero() || due.Before(next) {
			next = due
		}
	}
	return next, errors.Join(errs...)
}

// holdFor keeps a subscription whose records cannot be read from being
// tried again before RetryMin has passed.
func (s *Scheduler) holdFor(name string) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.cfg.Now().Add(s.cfg.RetryMin)
	s.hold[strings.ToLower(name)] = t
	return t
}

// Due returns when the subscription's next digest should be sent: the retry
// time of a run still pending or failed (now, for one interrupted before it
// was recorded as failed); otherwise the first send time after the last
// run, or after the scheduler started when there was none. A time in the
// past means it is due now: a machine that was off at send time sends once
// when it comes back.
func (s *Scheduler) Due(ctx context.Context, sub Subscription) (time.Time, error) {
	s.mu.Lock()
	held := s.hold[strings.ToLower(sub.Name)]
	s.mu.Unlock()
	last, err := s.cfg.Records.LastRecord(ctx, sub.Name)
	switch {
	case errors.Is(err, ErrNoRecord):
		return later(sub.Next(s.start), held), nil
	case err != nil:
		return time.Time{}, fmt.Errorf("digest: last run of %q: %w", sub.Name, err)
	}
	if last.Status != StatusSent {
		return later(last.NextRetry, held), nil
	}
	anchor := last.SentAt
	if anchor.IsZero() {
		anchor = last.Until
	}
	return later(sub.Next(anchor), held), nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// Deliver sends the named subscription's digest now, whatever its schedule,
// and records it. since, when not zero, replaces the start of the window
// (the sent-set still keeps articles from being mailed twice). The record
// returned says what happened: sent with no articles means there was
// nothing to send.
func (s *Scheduler) Deliver(ctx context.Context, name string, since time.Time) (Record, error) {
	sub, ok := s.Subscription(name)
	if !ok {
		return Record{}, breachwire.Errorf(breachwire.ECodeNotFound, "digest: no subscription named %q", name)
	}
	return s.deliver(ctx, sub, since)
}

// Preview composes the named subscription's next digest without sending or
// recording anything: the articles since the last digest sent (or since,
// when not zero) that were not mailed yet.
func (s *Scheduler) Preview(ctx context.Context, name string, since time.Time) (*Edition, error) {
	sub, ok := s.Subscription(name)
	if !ok {
		return nil, breachwire.Errorf(breachwire.ECodeNotFound, "digest: no subscription named %q", name)
	}
	now := s.cfg.Now()
	if since.IsZero() {
		var err error
		if since, err = s.windowStart(ctx, sub, now, nil); err != nil {
			return nil, err
		}
	}
	e, _, err := s.compose(ctx, sub, since, now)
	return e, err
}

// windowStart is where a digest's window begins: the end of the last sent
// run, else the start of a run still open, else FirstWindow before now.
func (s *Scheduler) windowStart(ctx context.Context, sub Subscription, now time.Time, open *Record) (time.Time, error) {
	sent, err := s.cfg.Records.LastRecord(ctx, sub.Name, StatusSent)
	switch {
	case err == nil && !sent.Until.IsZero():
		return sent.Until, nil
	case err != nil && !errors.Is(err, ErrNoRecord):
		return time.Time{}, fmt.Errorf("digest: last sent run of %q: %w", sub.Name, err)
	}
	if open != nil && !open.Since.IsZero() {
		return open.Since, nil
	}
	return now.Add(-s.cfg.FirstWindow), nil
}

// compose finds the subscription's articles new in [since, until) and not
// mailed before, and composes them.
func (s *Scheduler) compose(ctx context.Context, sub Subscription, since, until time.Time) (*Edition, breachwire.Filter, error) {
	var f breachwire.Filter
	if sub.Filter != nil {
		var err error
		if f, err = sub.Filter(until); err != nil {
			return nil, f, fmt.Errorf("digest: filter of %q: %w", sub.Name, err)
		}
	}
	articles, err := Gather(ctx, s.cfg.Finder, f, since, until, s.cfg.Lookback)
	if err != nil {
		return nil, f, fmt.Errorf("digest: articles for %q: %w", sub.Name, err)
	}
	ids := make([]uint64, len(articles))
	for i := range articles {
		ids[i] = articles[i].ID
	}
	unsent, err := s.cfg.Records.Unsent(ctx, sub.Name, ids)
	if err != nil {
		return nil, f, fmt.Errorf("digest: sent-set of %q: %w", sub.Name, err)
	}
	keep := make(map[uint64]bool, len(unsent))
	for _, id := range unsent {
		keep[id] = true
	}
	fresh := articles[:0]
	for _, a := range articles {
		if keep[a.ID] {
			fresh = append(fresh, a)
		}
	}
	return Compose(sub.Name, f, fresh, since, until, sub.Location, s.cfg.Options), f, nil
}

// Gather returns the articles f selects that are new in [since, until): an
// effective date in the window, or first seen in it with an effective date
// at most lookback earlier (an article published yesterday and fetched
// today). The filter's own dates narrow the window further; its sort,
// limit and page are replaced (by date, breachwire.MaxLimit, page 1).
func Gather(ctx context.Context, finder Finder, f breachwire.Filter, since, until time.Time, lookback time.Duration) ([]breachwire.Article, error) {
	q := f
	q.Since = since.Add(-lookback)
	if f.Since.After(q.Since) {
		q.Since = f.Since
	}
	q.Until = until
	if !f.Until.IsZero() && f.Until.Before(until) {
		q.Until = f.Until
	}
	q.Sort, q.Limit, q.Page = breachwire.SortDate, breachwire.MaxLimit, 1
	if !q.Until.After(q.Since) {
		return nil, nil
	}
	found, err := finder.Find(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []breachwire.Article
	seen := map[uint64]bool{}
	for _, a := range found {
		d := a.Date()
		inWindow := !d.Before(since) && d.Before(until)
		seenInWindow := !a.FirstSeen.Before(since) && a.FirstSeen.Before(until)
		if (inWindow || seenInWindow) && !seen[a.ID] {
			seen[a.ID] = true
			out = append(out, a)
		}
	}
	return out, nil
}

// deliver composes, records and sends one digest; see Deliver.
func (s *Scheduler) deliver(ctx context.Context, sub Subscription, since time.Time) (Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	log := s.cfg.Logger.With(slog.String("subscription", sub.Name))
	now := s.cfg.Now()
	rec := Record{Subscription: sub.Name}
	open, err := s.cfg.Records.LastRecord(ctx, sub.Name)
	switch {
	case err == nil && open.Status != StatusSent:
		rec = open // retry the run still open
	case err != nil && !errors.Is(err, ErrNoRecord):
		s.hold[strings.ToLower(sub.Name)] = now.Add(s.cfg.RetryMin)
		return rec, fmt.Errorf("digest: last run of %q: %w", sub.Name, err)
	}
	if rec.ID != 0 && rec.Attempts > 0 && rec.NextRetry.IsZero() {
		log.Warn("digest: the previous attempt was interrupted before it was recorded; sending again",
			slog.Uint64("run", rec.ID), slog.Int("attempts", rec.Attempts))
	}
	if since.IsZero() {
		if since, err = s.windowStart(ctx, sub, now, &rec); err != nil {
			return s.failed(ctx, log, rec, now, err)
		}
	}
	e, _, err := s.compose(ctx, sub, since, now)
	if err != nil {
		return s.failed(ctx, log, rec, now, err)
	}
	rec.Since, rec.Until = since, now
	rec.ArticleIDs = e.ArticleIDs()
	rec.LastError, rec.NextRetry = "", time.Time{}
	if e.Empty() {
		// Nothing to mail: the window is closed without a message, so that
		// the next digest starts here.
		rec.Status, rec.SentAt, rec.Recipients = StatusSent, now, nil
		saved, err := s.cfg.Records.SaveRecord(ctx, rec)
		if err != nil {
			return rec, s.holdErr(sub.Name, now, fmt.Errorf("digest: record empty run of %q: %w", sub.Name, err))
		}
		log.Info("digest: nothing new, nothing sent", slog.Time("since", since))
		return saved, nil
	}
	rec.Recipients = append([]string(nil), sub.To...)
	rec.Status = StatusPending
	rec.Attempts++
	if rec, err = s.cfg.Records.SaveRecord(ctx, rec); err != nil {
		return rec, s.holdErr(sub.Name, now, fmt.Errorf("digest: record run of %q before sending: %w", sub.Name, err))
	}
	msg, err := MessageOf(e, sub.To, now)
	if err == nil {
		err = s.cfg.Mailer.Send(ctx, msg)
	}
	if err != nil {
		return s.failed(ctx, log, rec, now, err)
	}
	rec.Status, rec.SentAt = StatusSent, s.cfg.Now()
	saved, err := s.cfg.Records.SaveRecord(ctx, rec)
	if err != nil {
		// Sent but not recorded: the run stays pending and is sent again,
		// which is better than never sending it.
		return rec, s.holdErr(sub.Name, now, fmt.Errorf("digest: record run %d of %q as sent: %w", rec.ID, sub.Name, err))
	}
	log.Info("digest sent", slog.Uint64("run", saved.ID), slog.Int("articles", len(saved.ArticleIDs)),
		slog.Int("recipients", len(saved.Recipients)), slog.Int("attempts", saved.Attempts))
	return saved, nil
}

// failed records a run that could not be sent, with the error and the time
// of the next attempt, and returns the run so recorded and err.
func (s *Scheduler) failed(ctx context.Context, log *slog.Logger, rec Record, now time.Time, err error) (Record, error) {
	if rec.Attempts == 0 {
		rec.Attempts = 1
	}
	rec.Status = StatusFailed
	rec.LastError = oneLine(err.Error())
	rec.NextRetry = now.Add(s.Backoff(rec.Attempts))
	if rec.Since.IsZero() {
		rec.Since, rec.Until = now.Add(-s.cfg.FirstWindow), now
	}
	log.Warn("digest not sent", slog.Any("error", err), slog.Int("attempts", rec.Attempts), slog.Time("next_retry", rec.NextRetry))
	saved, serr := s.cfg.Records.SaveRecord(ctx, rec)
	if serr != nil {
		return rec, s.holdErr(rec.Subscription, now, errors.Join(err, fmt.Errorf("digest: record failure: %w", serr)))
	}
	return saved, err
}

// holdErr remembers in memory, when the store itself fails, not to try the
// subscription again before RetryMin.
func (s *Scheduler) holdErr(name string, now time.Time, err error) error {
	s.hold[strings.ToLower(name)] = now.Add(s.cfg.RetryMin)
	return err
}

// Backoff is the wait after the n-th failed attempt: RetryMin doubled for
// each earlier failure, at most RetryMax.
func (s *Scheduler) Backoff(n int) time.Duration {
	d := s.cfg.RetryMin
	for i := 1; i < n && d < s.cfg.RetryMax; i++ {
		d *= 2
	}
	return min(d, s.cfg.RetryMax)
}

// SubscriptionStatus is what a status page shows of a subscription.
type SubscriptionStatus struct {
	Name string
	// Last is the newest run of any status; LastSent the newest sent one.
	// Either is nil when there is none.
	Last, LastSent *Record
	// Due is when the next digest is due (in the past: now).
	Due time.Time
}

// Status reports every subscription's last runs and next due time, for
// /sources or a status page: a run whose status is failed carries the
// error and the time of the next retry.
func (s *Scheduler) Status(ctx context.Context) ([]SubscriptionStatus, error) {
	var out []SubscriptionStatus
	for _, sub := range s.cfg.Subscriptions {
		st := SubscriptionStatus{Name: sub.Name}
		if r, err := s.cfg.Records.LastRecord(ctx, sub.Name); err == nil {
			st.Last = &r
		} else if !errors.Is(err, ErrNoRecord) {
			return nil, err
		}
		if r, err := s.cfg.Records.LastRecord(ctx, sub.Name, StatusSent); err == nil {
			st.LastSent = &r
		} else if !errors.Is(err, ErrNoRecord) {
			return nil, err
		}
		due, err := s.Due(ctx, sub)
		if err != nil {
			return nil, err
		}
		st.Due = due
		out = append(out, st)
	}
	return out, nil
}
