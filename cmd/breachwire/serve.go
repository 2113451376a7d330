package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"breachwire/digest"
)

func init() {
	register(command{"serve", "run the scheduler, the web server and the daily digest until stopped", runServe})
}

// shutdownTimeout bounds the web server's graceful shutdown.
const shutdownTimeout = 10 * time.Second

// serveInfo is written to <data>/serve.json while serve runs, so that other
// commands (search, sources) can ask the running server instead of opening
// the locked database.
type serveInfo struct {
	Addr string `json:"addr"`
	PID  int    `json:"pid"`
}

func serveInfoPath(data string) string { return filepath.Join(data, "serve.json") }

// readServeInfo returns the running server's address, or "" when none is
// recorded.
func readServeInfo(data string) string {
	b, err := os.ReadFile(serveInfoPath(data))
	if err != nil {
		return ""
	}
	var si serveInfo
	if json.Unmarshal(b, &si) != nil {
		return ""
	}
	return si.Addr
}

func runServe(ctx context.Context, g *Globals, env *Env, args []string) error {
	fs := newFlagSet("serve", "usage: breachwire serve [--addr HOST:PORT] [--no-fetch]\n\n"+
		"Runs until SIGINT or SIGTERM: the scheduler reads each source on its own interval, new\n"+
		"articles are indexed as they are stored, the web server answers on --addr, and each digest\n"+
		"subscription is mailed daily at its time. Articles extracted by an older extractor are\n"+
		"extracted again in the background at start.\n\n", g, env)
	addr := fs.String("addr", "", "listen `address` (default server.addr from the configuration, else 127.0.0.1:8080)")
	noFetch := fs.Bool("no-fetch", false, "serve what is stored without fetching sources")
	spread := fs.Duration("spread", 5*time.Second, "spread the first checks of never-read sources over this `duration`")
	if err := parseArgs(fs, env, args, 0, 0); err != nil {
		return err
	}
	app := newApp(g, env)
	defer app.Close()
	if err := app.loadConfig(); err != nil {
		return err
	}
	if *addr == "" {
		*addr = app.Config.Server.Addr
	}
	if *addr == "" {
		*addr = "127.0.0.1:8080"
	}
	if err := app.openStore(false); err != nil {
		return err
	}
	if err := app.openIndex(); err != nil {
		return err
	}
	if err := app.newClient(); err != nil {
		return err
	}
	srv, err := newServer(ctx, app)
	if err != nil {
		return err
	}
	srv.spread = *spread
	return srv.run(ctx, *addr, !*noFetch)
}

// server is a running serve: the pieces and the goroutines that tie them.
type server struct {
	app     *App
	wake    chan struct{} // the indexer's doorbell
	handler http.Handler
	digest  *digest.Scheduler
	spread  time.Duration
}

func newServer(ctx context.Context, app *App) (*server, error) {
	s := &server{app: app, wake: make(chan struct{}, 1)}
	if len(app.Config.Digest.Subscriptions) > 0 {
		sched, err := app.digestScheduler(nil, nil)
		if err != nil {
			// The web and the fetching are still worth running; the
			// problem is logged loudly and shown on /sources.
			app.Logger.Error("email digest disabled", slog.Any("error", err))
		} else {
			s.digest = sched
		}
	}
	h, err := newWebHandler(app, s.digest)
	if err != nil {
		return nil, err
	}
	s.handler = h
	return s, nil
}

// ring wakes the indexer; it never blocks.
func (s *server) ring(uint64) {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// run serves until ctx is done, then shuts down in order: stop scheduling
// and let running fetches end (they are cancelled), shut the web server
// down with a deadline, index what was stored last, and let the caller
// close the index and the database.
func (s *server) run(ctx context.Context, addr string, fetching bool) error {
	app := s.app
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	info, _ := json.Marshal(serveInfo{Addr: ln.Addr().String(), PID: os.Getpid()})
	if err := os.WriteFile(serveInfoPath(app.Globals.Data), info, 0o644); err != nil {
		ln.Close()
		return fmt.Errorf("write %s: %w", serveInfoPath(app.Globals.Data), err)
	}
	defer os.Remove(serveInfoPath(app.Globals.Data))

	work, stopWork := context.WithCancel(ctx)
	defer stopWork()
	var wg sync.WaitGroup
	indexerDone := make(chan struct{})
	go func() {
		defer close(indexerDone)
		s.indexer(work)
	}()
	p := app.pipeline()
	p.OnStored = s.ring
	p.StartSpread = s.spread
	wg.Add(1)
	go func() {
		defer wg.Done()
		if _, err := p.Reextract(work, nil); err != nil && !errors.Is(err, context.Canceled) {
			app.Logger.Error("re-extraction failed", slog.Any("error", err))
		}
	}()
	if fetching {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sources, _ := app.sources("")
			if err := p.Run(work, sources); err != nil {
				app.Logger.Error("scheduler stopped", slog.Any("error", err))
			}
		}()
	}
	if s.digest != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.digest.Run(work); err != nil && !errors.Is(err, context.Canceled) {
				app.Logger.Error("digest scheduler stopped", slog.Any("error", err))
			}
		}()
	}

	hs := newHTTPServer(s.handler)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	app.Logger.Info("serving", slog.String("addr", "http://"+ln.Addr().String()+"/"),
		slog.Int("sources", len(app.Config.Sources)), slog.Bool("fetching", fetching))

	var serveErr error
	select {
	case <-ctx.Done():
		app.Logger.Info("shutting down")
	case serveErr = <-served:
		app.Logger.Error("web server stopped", slog.Any("error", serveErr))
	}
	stopWork()
	wg.Wait() // scheduler, re-extraction and digest finished; their writes are stored
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		app.Logger.Warn("web server shutdown", slog.Any("error", err))
	}
	<-indexerDone
	// index what the last passes stored, so nothing waits for the next start
	if err := app.indexNew(context.WithoutCancel(ctx)); err != nil {
		app.Logger.Warn("search index not updated at shutdown", slog.Any("error", err))
	}
	app.Logger.Info("stopped")
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}

// indexer keeps the search index up to date: everything the store holds
// beyond the index's watermark at start (a crash leaves nothing unindexed),
// then whatever each commit adds, at most once a second.
func (s *server) indexer(ctx context.Context) {
	s.ring(0)
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		}
		if err := s.app.indexNew(ctx); err != nil && ctx.Err() == nil {
			s.app.Logger.Error("indexing failed", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}
