package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"breachwire"
	"breachwire/config"
	"breachwire/digest"
	"breachwire/store"
)

// This file adapts the store and the configuration to the digest package,
// which imports neither (DESIGN.md, "Layout").

// digestRecords is store.DB as digest.Records.
type digestRecords struct{ db *store.DB }

func (r digestRecords) LastRecord(ctx context.Context, subscription string, statuses ...digest.Status) (digest.Record, error) {
	ss := make([]store.DigestStatus, len(statuses))
	for i, s := range statuses {
		ss[i] = store.DigestStatus(s)
	}
	rec, err := r.db.LastDigest(ctx, subscription, ss...)
	if errors.Is(err, store.ErrNotFound) {
		return digest.Record{}, fmt.Errorf("%w: %w", digest.ErrNoRecord, err)
	}
	if err != nil {
		return digest.Record{}, err
	}
	return fromStoreRecord(rec), nil
}

func (r digestRecords) SaveRecord(ctx context.Context, rec digest.Record) (digest.Record, error) {
	saved, err := r.db.RecordDigest(ctx, toStoreRecord(rec))
	if err != nil {
		return rec, err
	}
	return fromStoreRecord(saved), nil
}

func (r digestRecords) Unsent(ctx context.Context, subscription string, ids []uint64) ([]uint64, error) {
	return r.db.Unsent(ctx, subscription, ids)
}

func toStoreRecord(r digest.Record) store.DigestRecord {
	return store.DigestRecord{
		ID: r.ID, Subscription: r.Subscription, Since: r.Since, Until: r.Until,
		CreatedAt: r.CreatedAt, SentAt: r.SentAt, Recipients: r.Recipients, ArticleIDs: r.ArticleIDs,
		Status: store.DigestStatus(r.Status), Attempts: r.Attempts, LastError: r.LastError, NextRetry: r.NextRetry,
	}
}

func fromStoreRecord(r store.DigestRecord) digest.Record {
	return digest.Record{
		ID: r.ID, Subscription: r.Subscription, Since: r.Since, Until: r.Until,
		CreatedAt: r.CreatedAt, SentAt: r.SentAt, Recipients: r.Recipients, ArticleIDs: r.ArticleIDs,
		Status: digest.Status(r.Status), Attempts: r.Attempts, LastError: r.LastError, NextRetry: r.NextRetry,
	}
}

// storeFinder answers a digest's query from the store alone: it walks the
// filter's window of effective dates (Store.Window, one short read
// transaction per page) and keeps the articles digest.Explain passes. It
// serves until the search index is wired in, and for `digest` while no
// index exists; free text is matched word by word, not ranked.
type storeFinder struct {
	db   *store.DB
	conv breachwire.Converter
}

func (f storeFinder) Find(ctx context.Context, q breachwire.Filter) ([]breachwire.Article, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = breachwire.DefaultLimit
	}
	var out []breachwire.Article
	for a, err := range f.db.Window(ctx, q.Since, q.Until) {
		if err != nil {
			return nil, err
		}
		if _, ok := digest.Explain(q, &a, f.conv); ok {
			out = append(out, a)
		}
	}
	switch q.Sort {
	case breachwire.SortFine, breachwire.SortAffected:
		slices.SortStableFunc(out, func(a, b breachwire.Article) int {
			return cmp.Compare(sortKey(&b, q.Sort), sortKey(&a, q.Sort))
		})
	}
	skip := (max(q.Page, 1) - 1) * limit
	if skip >= len(out) {
		return nil, nil
	}
	out = out[skip:]
	return out[:min(limit, len(out))], nil
}

func sortKey(a *breachwire.Article, sort string) float64 {
	if sort == breachwire.SortFine {
		if f := a.Facts.LargestFine(); f != nil {
			return f.Amount
		}
		return 0
	}
	if c := a.Facts.LargestAffected(); c != nil {
		return float64(c.Count)
	}
	return 0
}

// digestSubscriptions are the configured subscriptions as the scheduler
// takes them; config.Subscription's Filter and Next are DST-safe.
func digestSubscriptions(c *config.Config) []digest.Subscription {
	var out []digest.Subscription
	for _, s := range c.Digest.Subscriptions {
		out = append(out, digest.Subscription{
			Name: s.Name, To: s.To, Location: s.Location, Filter: s.Filter, Next: s.Next,
		})
	}
	return out
}

// digestOptions are the edition options from the configuration.
func digestOptions(c *config.Config) digest.Options {
	return digest.Options{BaseURL: c.Server.BaseURL, Converter: converter()}
}

// converter compares fines across currencies in digests, at the yearly
// reference rates of the root package's table.
func converter() breachwire.Converter { return breachwire.EUR }

// newSender builds the SMTP sender from digest.smtp, reading the password
// from the environment variable password_env names.
func newSender(c *config.Config, getenv func(string) string) (*digest.Sender, error) {
	s := c.Digest.SMTP
	if s.Host == "" {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "%s: digest.smtp.host is not set, so no digest can be sent", c.File)
	}
	password := ""
	if s.PasswordEnv != "" {
		password = getenv(s.PasswordEnv)
		if password == "" {
			return nil, breachwire.Errorf(breachwire.ECodeInvalid, "the SMTP password is read from the environment variable %s (digest.smtp.password_env in %s), which is not set", s.PasswordEnv, c.File)
		}
	}
	return digest.NewSender(digest.SMTP{
		Host: s.Host, Port: s.Port, TLS: s.TLS, Username: s.Username, Password: password, From: c.Digest.From,
	})
}

// digestScheduler builds the daily digest scheduler over the open store;
// `serve` runs it with go sched.Run(ctx). mailer nil means the configured
// SMTP server; now nil means the system clock (tests pass their own).
func (a *App) digestScheduler(mailer digest.Mailer, now func() time.Time) (*digest.Scheduler, error) {
	if mailer == nil && len(a.Config.Digest.Subscriptions) > 0 {
		s, err := newSender(a.Config, a.getenv)
		if err != nil {
			return nil, err
		}
		mailer = s
	}
	if mailer == nil {
		mailer = noMailer{}
	}
	return digest.NewScheduler(digest.SchedulerConfig{
		Subscriptions: digestSubscriptions(a.Config),
		Finder:        storeFinder{db: a.Store, conv: converter()},
		Records:       digestRecords{db: a.Store},
		Mailer:        mailer,
		Options:       digestOptions(a.Config),
		Logger:        a.Logger,
		Now:           now,
	})
}

// noMailer stands in when no subscription is configured: nothing is ever
// due, so it is never called.
type noMailer struct{}

func (noMailer) Send(context.Context, digest.Message) error {
	return breachwire.Errorf(breachwire.ECodeInvalid, "no SMTP server is configured")
}

func (a *App) getenv(k string) string {
	if a.Env != nil && a.Env.Getenv != nil {
		return a.Env.Getenv(k)
	}
	return ""
}

// subscription returns the configured subscription named name (ignoring
// case), or an error listing the names.
func (a *App) subscription(name string) (config.Subscription, error) {
	var names []string
	for _, s := range a.Config.Digest.Subscriptions {
		if equalFold(s.Name, name) {
			return s, nil
		}
		names = append(names, s.Name)
	}
	if len(names) == 0 {
		return config.Subscription{}, breachwire.Errorf(breachwire.ECodeInvalid, "%s has no digest.subscriptions", a.Config.File)
	}
	return config.Subscription{}, breachwire.Errorf(breachwire.ECodeInvalid, "no subscription named %q in %s (subscriptions: %s)", name, a.Config.File, strings.Join(names, "; "))
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }
