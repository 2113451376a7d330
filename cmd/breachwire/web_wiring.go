package main

import (
	"context"
	"fmt"
	"log/slog"
	"mime"
	"net"
	"net/http"

	"breachwire/digest"
	"breachwire/web"
)

// newWebHandler builds the web interface over the app's store and index,
// with the digest scheduler's status on /sources when there is one, and the
// loopback-only hot backup endpoint that `breachwire backup` uses while
// serve holds the database.
func newWebHandler(app *App, sched *digest.Scheduler) (http.Handler, error) {
	deps := web.Deps{Store: app.Store, Index: app.Index, Sources: app.Config.Sources,
		BaseURL: app.Config.Server.BaseURL, Logger: app.Logger, Version: buildVersion()}
	if sched != nil {
		deps.DigestStatus = func(ctx context.Context) ([]web.SubscriptionStatus, error) {
			return subscriptionStatuses(ctx, app, sched)
		}
	}
	srv, err := web.New(deps)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("POST /api/backup", loopbackOnly(backupHandler(app)))
	mux.Handle("/", srv.Handler())
	return mux, nil
}

// subscriptionStatuses turns the digest scheduler's view into what /sources
// shows.
func subscriptionStatuses(ctx context.Context, app *App, sched *digest.Scheduler) ([]web.SubscriptionStatus, error) {
	list, err := sched.Status(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]web.SubscriptionStatus, 0, len(list))
	for _, st := range list {
		ws := web.SubscriptionStatus{Name: st.Name, NextRun: st.Due}
		if sub, err := app.subscription(st.Name); err == nil {
			ws.Schedule = fmt.Sprintf("%s %s", sub.Time, sub.Timezone)
			ws.Recipients = len(sub.To)
		}
		if st.LastSent != nil {
			ws.LastSent = st.LastSent.SentAt
		}
		if last := st.Last; last != nil && last.Status != digest.StatusSent {
			ws.Pending = len(last.ArticleIDs)
			ws.LastError = last.LastError
		}
		out = append(out, ws)
	}
	return out, nil
}

// newHTTPServer is the web package's server with every timeout a server
// facing slow or hostile clients needs (RELIABILITY F4).
func newHTTPServer(h http.Handler) *http.Server { return web.NewHTTPServer("", h) }

// backupHandler streams a consistent copy of the database, for
// `breachwire backup` while serve holds the file.
func backupHandler(app *App) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "breachwire.db"}))
		if _, err := app.Store.Backup(r.Context(), w); err != nil {
			app.Logger.Error("backup over HTTP failed", slog.Any("error", err))
			// the client checks the copy, so a cut stream is never kept
			panic(http.ErrAbortHandler)
		}
	})
}

// loopbackOnly refuses requests from anywhere but this machine: the
// database holds subscribers' addresses, and serve may listen on a public
// interface.
func loopbackOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			http.Error(w, "forbidden: only from this machine", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}
