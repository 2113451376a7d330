package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"breachwire"
	"breachwire/config"
	"breachwire/fetch"
	"breachwire/index"
	"breachwire/ingest"
	"breachwire/store"
)

// version is set at build time with -ldflags "-X main.version=..."; the
// module version from the build info is used otherwise.
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// App holds what a command opened: configuration, database, fetch client,
// logger. Commands open only what they need; Close releases it all in the
// reverse order (RELIABILITY G4: the database last).
type App struct {
	Globals *Globals
	Env     *Env
	Config  *config.Config
	Store   *store.DB
	Client  *fetch.Client
	Index   *index.Index
	Logger  *slog.Logger
	closers []func() error
}

func newApp(g *Globals, env *Env) *App {
	return &App{Globals: g, Env: env, Logger: newLogger(env.Stderr, g)}
}

// newLogger writes text logs (or JSON with --log-json) at --log-level.
func newLogger(w io.Writer, g *Globals) *slog.Logger {
	level := slog.LevelInfo
	if g.LogLevel != "" {
		_ = level.UnmarshalText([]byte(g.LogLevel)) // checked by the flag
	}
	opts := &slog.HandlerOptions{Level: level}
	if g.LogJSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// loadConfig reads and validates --config; warnings are logged.
func (a *App) loadConfig() error {
	if a.Config != nil {
		return nil
	}
	c, err := config.Load(a.Globals.Config)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return breachwire.Errorf(breachwire.ECodeInvalid, "configuration file %s not found (use --config FILE; the repository's feeds.yaml is the default source list)", a.Globals.Config)
		}
		return err
	}
	// shown whatever the log level: they ask the user to change something
	for _, w := range c.Warnings {
		fmt.Fprintf(a.Env.Stderr, "breachwire: warning: %s\n", w.String())
	}
	a.Config = c
	return nil
}

// dbPath is the database file in the data directory.
func (a *App) dbPath() string { return filepath.Join(a.Globals.Data, "breachwire.db") }

// indexPath is the search index directory in the data directory.
func (a *App) indexPath() string { return filepath.Join(a.Globals.Data, "index") }

// openStore opens the database, creating the data directory if needed.
func (a *App) openStore(readOnly bool) error {
	return a.openStoreTimeout(readOnly, 0)
}

// openStoreTimeout is openStore waiting at most timeout for the file lock
// (zero: the store's default).
func (a *App) openStoreTimeout(readOnly bool, timeout time.Duration) error {
	if a.Store != nil {
		return nil
	}
	if !readOnly {
		if err := os.MkdirAll(a.Globals.Data, 0o750); err != nil {
			return breachwire.Errorf(breachwire.ECodeInvalid, "cannot create the data directory %s: %v", a.Globals.Data, err)
		}
	}
	db, err := store.Open(a.dbPath(), store.Options{ReadOnly: readOnly, Timeout: timeout})
	if err != nil {
		return err
	}
	a.Store = db
	a.closers = append(a.closers, db.Close)
	return nil
}

// newClient builds the one fetch client from the configuration's settings.
func (a *App) newClient() error {
	s := a.Config.Settings
	opts := fetch.Options{
		UserAgent:             s.UserAgentFor(buildVersion()),
		AllowPrivate:          s.AllowPrivate,
		AllowFiles:            s.AllowFiles,
		AllowedPorts:          s.AllowPorts,
		HostGap:               s.HostGap,
		Timeout:               s.Timeout,
		DialTimeout:           s.ConnectTimeout,
		TLSHandshakeTimeout:   s.ConnectTimeout,
		ResponseHeaderTimeout: s.HeaderTimeout,
		MaxBody:               s.MaxBody,
		MaxRedirects:          s.MaxRedirects,
		MaxItems:              s.MaxItems,
	}
	for _, r := range s.Allow {
		opts.Allow = append(opts.Allow, r.String())
	}
	if err := opts.Validate(); err != nil {
		return breachwire.Errorf(breachwire.ECodeInvalid, "%s: settings: %v", a.Config.File, err)
	}
	a.Client = fetch.New(opts)
	a.closers = append(a.closers, func() error { a.Client.Close(); return nil })
	return nil
}

// pipeline wires fetch, extract and store for ingest.
func (a *App) pipeline() *ingest.Pipeline {
	return &ingest.Pipeline{
		Client:     a.Client,
		Store:      a.Store,
		Logger:     a.Logger,
		Workers:    a.Config.Settings.Workers,
		MaxBackoff: a.Config.Settings.MaxBackoff,
	}
}

// sources returns the configured sources, or the one named.
func (a *App) sources(name string) ([]*breachwire.Source, error) {
	var out []*breachwire.Source
	var names []string
	for i := range a.Config.Sources {
		s := &a.Config.Sources[i]
		names = append(names, s.Name)
		if name == "" || strings.EqualFold(s.Name, name) || s.ID == name {
			out = append(out, s)
		}
	}
	if name != "" && len(out) == 0 {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "no source named %q in %s (sources: %s)", name, a.Config.File, strings.Join(names, "; "))
	}
	return out, nil
}

// Close releases everything the app opened, newest first.
func (a *App) Close() error {
	var errs []error
	for i := len(a.closers) - 1; i >= 0; i-- {
		if err := a.closers[i](); err != nil {
			errs = append(errs, err)
		}
	}
	a.closers = nil
	return errors.Join(errs...)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// openIndex opens (or creates) the search index in the data directory.
func (a *App) openIndex() error {
	if a.Index != nil {
		return nil
	}
	ix, err := index.Open(a.indexPath())
	if err != nil {
		return err
	}
	a.Index = ix
	a.closers = append(a.closers, ix.Close)
	return nil
}

// indexNew brings the search index up to date with the store: everything
// written after the index's watermark is indexed.
func (a *App) indexNew(ctx context.Context) error {
	if err := a.openIndex(); err != nil {
		return err
	}
	n, err := a.Index.Reconcile(ctx, a.Store)
	if n > 0 {
		a.Logger.Debug("search index updated", slog.Int("articles", n))
	}
	return err
}
