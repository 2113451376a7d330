// Package web serves breachwire's pages and JSON API: the digest (/), the
// search (/search), one article with its facts highlighted in its text
// (/articles/{id}), the health of the sources (/sources), JSON for each of
// them under /api/, and /healthz.
//
// Pages are rendered on the server with html/template from templates
// embedded in the binary and parsed once by New; there is no JavaScript at
// all, so every page works with it turned off, and the Content Security
// Policy forbids scripts outright. Every string from a feed (titles, text,
// links, names) reaches a page only through html/template's escaping; the
// one exception, the search snippets, is re-escaped here (see markedHTML).
//
// The package reads from the store and the search index only; it never
// writes. Its handlers are safe for concurrent use.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"breachwire"
	"breachwire/index"
	"breachwire/store"
)

// SubscriptionStatus is the state of one email digest subscription, shown on
// /sources and by /api/subscriptions. The digest package knows it; Deps
// reaches it through a function so that web does not import digest.
type SubscriptionStatus struct {
	Name string `json:"name"`
	// Schedule says when it is sent, for example "07:00 Europe/London".
	Schedule   string    `json:"schedule,omitempty"`
	Recipients int       `json:"recipients"`
	LastSent   time.Time `json:"last_sent,omitzero"`
	NextRun    time.Time `json:"next_run,omitzero"`
	// Pending counts the articles matching the subscription that were not
	// mailed yet.
	Pending   int    `json:"pending"`
	LastError string `json:"last_error,omitempty"`
}

// Deps are what the web server reads. Store, Index and Sources are
// required; the rest have defaults.
type Deps struct {
	Store *store.DB
	Index *index.Index
	// Sources are the configured sources, for names and the /sources page.
	Sources []breachwire.Source
	// BaseURL is the public URL of the server, used for absolute links
	// (feeds); empty means links relative to the request.
	BaseURL string
	// Logger receives the errors of requests that fail on our side
	// (status 500); nil discards them.
	Logger *slog.Logger
	// Now is the clock of the digest windows and relative dates; nil means
	// time.Now.
	Now func() time.Time
	// Version is shown in the footer.
	Version string
	// DigestStatus, when set, gives the email digest subscriptions' state
	// for /sources and /api/subscriptions.
	DigestStatus func(ctx context.Context) ([]SubscriptionStatus, error)
}

// Server holds the parsed templates, the routes and the dependencies. Make
// one with New.
type Server struct {
	store        *store.DB
	index        *index.Index
	sources      []breachwire.Source
	sourceNames  map[string]string
	baseURL      string
	log          *slog.Logger
	now          func() time.Time
	version      string
	digestStatus func(ctx context.Context) ([]SubscriptionStatus, error)

	pages   map[string]*pageTemplate
	assets  map[string]asset
	handler http.Handler

	// fines caches the fines-per-month chart, which takes a dozen index
	// searches, until the index changes or the month turns.
	finesMu sync.Mutex
	fines   finesCache
}

// Request limits (RELIABILITY F3) beyond those of breachwire.ParseFilter.
const (
	// maxRawQuery bounds the query string of any request.
	maxRawQuery = 8 << 10
	// maxListValues bounds the values of one list filter (regulator=...).
	maxListValues = 20
	// requestTimeout bounds the work of one request.
	requestTimeout = 15 * time.Second
	// maxDigestArticles bounds the articles a digest reads from the store.
	maxDigestArticles = 5000
)

// New checks the dependencies, parses every template and indexes the
// embedded assets; a template that does not parse is an error here, at
// start, never at the first request.
func New(deps Deps) (*Server, error) {
	if deps.Store == nil || deps.Index == nil {
		return nil, errors.New("web: Deps.Store and Deps.Index are required")
	}
	s := &Server{
		store: deps.Store, index: deps.Index, sources: deps.Sources,
		baseURL: strings.TrimRight(deps.BaseURL, "/"), log: deps.Logger, now: deps.Now,
		version: deps.Version, digestStatus: deps.DigestStatus,
		sourceNames: make(map[string]string, len(deps.Sources)),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	for _, src := range deps.Sources {
		s.sourceNames[src.ID] = src.Name
	}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	s.handler = s.secure(s.routes())
	return s, nil
}

// Handler returns the handler of every route, wrapped with the security
// headers, the request limits and panic recovery.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleDigest)
	mux.HandleFunc("GET /search", s.handleSearch)
	mux.HandleFunc("GET /articles/{id}", s.handleArticle)
	mux.HandleFunc("GET /sources", s.handleSources)
	mux.HandleFunc("GET /static/{name}", s.handleStatic)
	mux.HandleFunc("GET /api/digest", s.handleAPIDigest)
	mux.HandleFunc("GET /api/search", s.handleAPISearch)
	mux.HandleFunc("GET /api/articles/{id}", s.handleAPIArticle)
	mux.HandleFunc("GET /api/sources", s.handleAPISources)
	mux.HandleFunc("GET /api/subscriptions", s.handleAPISubscriptions)
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	mux.HandleFunc("/api/", s.handleAPINotFound)
	mux.HandleFunc("/", s.handleNotFound)
	s.mountFeeds(mux)
	return mux
}

// absURL makes a site path absolute with BaseURL when one is configured.
func (s *Server) absURL(path string) string { return s.baseURL + path }

// contentSecurityPolicy allows our own stylesheet and images (and data:
// images) and nothing else: no script of any kind, no framing, no form
// posting elsewhere. Inline SVG in the page is markup, not a resource, so it
// needs no exception.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// secure sets the security headers on every response (errors included),
// refuses oversized query strings, bounds each request's time and turns a
// panic into a 500.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("web: panic", slog.String("path", r.URL.Path), slog.Any("panic", v))
				s.fail(w, r, fmt.Errorf("web: panic: %v", v))
			}
		}()
		if len(r.URL.RawQuery) > maxRawQuery {
			err := breachwire.Errorf(breachwire.ECodeInvalid,
				"the query string is %d bytes long; the limit is %d", len(r.URL.RawQuery), maxRawQuery)
			if strings.HasPrefix(r.URL.Path, "/api/") {
				s.apiFail(w, r, err)
			} else {
				s.fail(w, r, err)
			}
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// NewHTTPServer returns an http.Server for handler with every timeout set,
// since the zero values mean none: a slow client cannot hold a connection
// open by trickling its headers (ReadHeaderTimeout), its body (ReadTimeout)
// or by never reading the answer (WriteTimeout), and idle keep-alive
// connections are closed after IdleTimeout. Headers are capped at 64 KiB.
func NewHTTPServer(addr string, handler http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      requestTimeout + 15*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.store.Count(r.Context()); err != nil {
		s.log.Error("web: healthz: store", slog.Any("error", err))
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	if _, err := s.index.DocCount(); err != nil {
		s.log.Error("web: healthz: index", slog.Any("error", err))
		http.Error(w, "index unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.fail(w, r, &statusError{http.StatusMethodNotAllowed, "only GET and HEAD are served"})
		return
	}
	s.fail(w, r, breachwire.Errorf(breachwire.ECodeNotFound, "there is no page at %s", r.URL.Path))
}

func (s *Server) handleAPINotFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.apiFail(w, r, &statusError{http.StatusMethodNotAllowed, "only GET and HEAD are served"})
		return
	}
	s.apiFail(w, r, breachwire.Errorf(breachwire.ECodeNotFound, "no API endpoint %s (see /api/search, /api/articles/{id}, /api/sources, /api/digest)", r.URL.Path))
}

// sourceName is the configured name of a source, else the name stored with
// the article, else the ID.
func (s *Server) sourceName(id, stored string) string {
	if n := s.sourceNames[id]; n != "" {
		return n
	}
	if stored != "" {
		return stored
	}
	return id
}
