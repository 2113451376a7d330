// Package farm is a fixture farm for end-to-end tests and benchmarks: one
// loopback HTTP server that serves real feed snapshots from a directory with
// validators (ETag and Last-Modified, answering conditional requests with
// 304), an HTML listing page, a sitemap, article pages, and endpoints that
// misbehave in the ways RELIABILITY.md describes. It records every request so
// tests can check what the client sent.
package farm

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Request is one request the farm received.
type Request struct {
	Path        string
	IfNoneMatch string
	IfModSince  string
	UserAgent   string
	Status      int
	At          time.Time
}

// Farm is a running fixture server. Close it when done.
type Farm struct {
	*httptest.Server
	// Feeds are the snapshot files served under /feeds/, by file name.
	Feeds []string
	// Articles is the number of article pages the listing and sitemap
	// link to.
	Articles int

	files   map[string][]byte
	modTime time.Time
	mu      sync.Mutex
	log     []Request
	stop    chan struct{}
}

// lastModified is the fixed Last-Modified of every served file, so that
// validators are stable across runs.
var lastModified = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// New starts a farm serving the *.xml, *.json and *.atom files of dir under
// /feeds/. It listens on 127.0.0.1.
func New(dir string) (*Farm, error) {
	f := &Farm{files: map[string][]byte{}, modTime: lastModified, Articles: 6, stop: make(chan struct{})}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("farm: %w", err)
	}
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".xml" && ext != ".json" && ext != ".atom") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("farm: %w", err)
		}
		f.files[e.Name()] = b
		f.Feeds = append(f.Feeds, e.Name())
	}
	sort.Strings(f.Feeds)
	gzipBomb() // compressing 64 MiB is slow under -race: not on a request's time
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	return f, nil
}

// Close stops the server, releasing handlers that are hanging on purpose.
func (f *Farm) Close() {
	close(f.stop)
	f.Server.CloseClientConnections()
	f.Server.Close()
}

// HostPort is the farm's address, for a fetch allow-list entry.
func (f *Farm) HostPort() string {
	return strings.TrimPrefix(f.URL, "http://")
}

// Requests returns the requests received so far, in order.
func (f *Farm) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.log...)
}

// RequestsTo returns the requests received for one path.
func (f *Farm) RequestsTo(path string) []Request {
	var out []Request
	for _, r := range f.Requests() {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Flush() {
	if fl, ok := r.ResponseWriter.(http.Flusher); ok {
		fl.Flush()
	}
}

func (f *Farm) serve(w http.ResponseWriter, r *http.Request) {
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		f.mu.Lock()
		f.log = append(f.log, Request{Path: r.URL.Path, IfNoneMatch: r.Header.Get("If-None-Match"),
			IfModSince: r.Header.Get("If-Modified-Since"), UserAgent: r.UserAgent(), Status: rec.status, At: time.Now()})
		f.mu.Unlock()
	}()
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/feeds/"):
		b, ok := f.files[strings.TrimPrefix(p, "/feeds/")]
		if !ok {
			http.NotFound(rec, r)
			return
		}
		f.conditional(rec, r, b, "application/xml")
	case p == "/listing.html":
		f.conditional(rec, r, []byte(f.listing()), "text/html; charset=utf-8")
	case p == "/sitemap.xml":
		f.conditional(rec, r, []byte(f.sitemap()), "application/xml")
	case strings.HasPrefix(p, "/articles/"):
		var n int
		if _, err := fmt.Sscanf(p, "/articles/%d.html", &n); err != nil || n < 1 || n > f.Articles {
			http.NotFound(rec, r)
			return
		}
		f.conditional(rec, r, []byte(article(n)), "text/html; charset=utf-8")
	case p == "/bad/hang":
		// accepts the connection and never answers (B1)
		select {
		case <-r.Context().Done():
		case <-f.stop:
		}
	case p == "/bad/drip":
		// one byte every 500ms, forever (B1)
		rec.Header().Set("Content-Type", "application/rss+xml")
		rec.WriteHeader(http.StatusOK)
		rec.Write([]byte("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"))
		for {
			select {
			case <-r.Context().Done():
				return
			case <-f.stop:
				return
			case <-time.After(500 * time.Millisecond):
				rec.Write([]byte(" "))
				rec.Flush()
			}
		}
	case p == "/bad/endless":
		// an endless body: fast, never ends (B2)
		rec.Header().Set("Content-Type", "application/rss+xml")
		chunk := bytes.Repeat([]byte("<item><title>x</title></item>"), 1024)
		rec.Write([]byte("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"))
		for r.Context().Err() == nil {
			if _, err := rec.Write(chunk); err != nil {
				return
			}
		}
	case p == "/bad/bomb":
		// 64 KB of gzip that decodes to 64 MiB (B2)
		rec.Header().Set("Content-Type", "application/rss+xml")
		rec.Header().Set("Content-Encoding", "gzip")
		rec.Write(gzipBomb())
	case strings.HasPrefix(p, "/bad/loop"):
		// a redirect loop (B4)
		next := "/bad/loop-b"
		if p == "/bad/loop-b" {
			next = "/bad/loop"
		}
		http.Redirect(rec, r, next, http.StatusFound)
	case p == "/bad/to-private":
		// a redirect into the metadata address (A4)
		http.Redirect(rec, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	case p == "/bad/html":
		// an HTML page where a feed should be (C5)
		rec.Header().Set("Content-Type", "text/html")
		rec.Write([]byte("<!doctype html><html><head><title>Sign in</title></head><body><form>Sign in</form></body></html>"))
	case p == "/bad/malformed":
		rec.Header().Set("Content-Type", "application/rss+xml")
		rec.Write([]byte("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>broken</item></rss"))
	case p == "/bad/429":
		rec.Header().Set("Retry-After", "3600")
		http.Error(rec, "slow down", http.StatusTooManyRequests)
	case p == "/bad/empty":
		rec.Header().Set("Content-Type", "application/rss+xml")
		rec.WriteHeader(http.StatusOK)
	default:
		http.NotFound(rec, r)
	}
}

// conditional serves b with a strong ETag and a fixed Last-Modified,
// answering 304 when the request carries either validator.
func (f *Farm) conditional(w http.ResponseWriter, r *http.Request, b []byte, ctype string) {
	sum := sha256.Sum256(b)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	lm := f.modTime.Format(http.TimeFormat)
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", lm)
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		if inm == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else if r.Header.Get("If-Modified-Since") == lm {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(b)
}

// listing is an HTML listing page of the articles, in the markup of a
// regulator's news page: relative links and dates in <time>.
func (f *Farm) listing() string {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>News</title></head><body><main><ul class=\"news\">\n")
	for n := 1; n <= f.Articles; n++ {
		fmt.Fprintf(&b, "<li class=\"news-item\"><a href=\"/articles/%d.html\">%s</a> <time datetime=\"%s\">%s</time></li>\n",
			n, articleTitle(n), articleDate(n).Format("2006-01-02"), articleDate(n).Format("2 January 2006"))
	}
	b.WriteString("</ul></main></body></html>\n")
	return b.String()
}

// sitemap lists the article pages (with lastmod) and pages the pattern of a
// sitemap source should leave out.
func (f *Farm) sitemap() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for n := 1; n <= f.Articles; n++ {
		fmt.Fprintf(&b, "<url><loc>%s/articles/%d.html</loc><lastmod>%s</lastmod></url>\n", f.URL, n, articleDate(n).Format("2006-01-02"))
	}
	fmt.Fprintf(&b, "<url><loc>%s/about/contact/</loc><lastmod>2026-01-01</lastmod></url>\n", f.URL)
	b.WriteString("</urlset>\n")
	return b.String()
}

func articleTitle(n int) string {
	return fmt.Sprintf("Regulator fines Example Company %d Ltd after data breach", n)
}

func articleDate(n int) time.Time {
	return time.Date(2026, 10, n, 10, 0, 0, 0, time.UTC)
}

// article is an article page with navigation and boilerplate around the
// main text.
func article(n int) string {
	return fmt.Sprintf(`<!doctype html><html><head><meta charset="utf-8"><title>%[1]s | Regulator</title>
<meta property="og:title" content="%[1]s"><meta property="article:published_time" content="%[2]s"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>%[1]s</h1>
<p>The regulator has fined Example Company %[3]d Ltd £%[3]d00,000 after a cyber attack exposed the personal data of %[3]d,250 customers.</p>
<p>The company had not enabled multi-factor authentication on its remote access service, and the attackers used a stolen password to log in.</p>
<p>The regulator said organisations must take basic steps to protect the information they hold.</p>
</article><footer>Copyright. Cookies. Accessibility.</footer></body></html>`,
		articleTitle(n), articleDate(n).Format(time.RFC3339), n)
}

var (
	bombOnce sync.Once
	bomb     []byte
)

func gzipBomb() []byte {
	bombOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		zeros := make([]byte, 1<<20)
		for range 64 {
			zw.Write(zeros)
		}
		zw.Close()
		bomb = buf.Bytes()
	})
	return bomb
}
