package main

import (
	"log/slog"
	"mime"
	"net"
	"net/http"
	"time"

	"breachwire/digest"
)

// newWebHandler builds the web interface over the app's store and index.
func newWebHandler(app *App, sched *digest.Scheduler) (http.Handler, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.Handle("POST /api/backup", loopbackOnly(backupHandler(app)))
	return mux, nil
}

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

// newHTTPServer sets every timeout a server facing slow or hostile clients
// needs (RELIABILITY F4).
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}
