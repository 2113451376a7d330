package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"breachwire"
)

// TestFetch_B7_ConditionalGetRoundTrip: validators are stored from a 200,
// sent back byte for byte, and a 304 is a success that changes nothing. A 200
// without validators gives empty ones (never invented).
func TestFetch_B7_ConditionalGetRoundTrip(t *testing.T) {
	const etag = `W/"5f3a-Ab+c/=="`
	const lastMod = "Fri, 03 Jul 2026 15:10:42 GMT"
	var mu sync.Mutex
	var seen []http.Header
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Clone())
		mu.Unlock()
		if r.URL.Path == "/plain" {
			w.Write(fixture(t, "wordpress.xml"))
			return
		}
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml; charset=UTF-8")
		w.Write(fixture(t, "wordpress.xml"))
	}))
	c := testClient(t, Options{}, srv)
	src := source(breachwire.FormatFeed, srv.URL+"/feed")

	first, err := c.Fetch(context.Background(), src, breachwire.SourceState{})
	if err != nil {
		t.Fatalf("first fetch: %v", err)
	}
	if first.Status != 200 || first.NotModified || len(first.Items) != 2 {
		t.Fatalf("first fetch: status %d, not modified %v, %d items", first.Status, first.NotModified, len(first.Items))
	}
	if first.ETag != etag || first.LastModified != lastMod {
		t.Fatalf("validators = %q, %q; want %q, %q", first.ETag, first.LastModified, etag, lastMod)
	}
	if h := seen[0]; h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Fatalf("first request sent validators it did not have: %v", h)
	}

	st := breachwire.SourceState{ETag: first.ETag, LastModified: first.LastModified}
	second, err := c.Fetch(context.Background(), src, st)
	if err != nil {
		t.Fatalf("second fetch: %v", err)
	}
	if !second.NotModified || second.Status != 304 || len(second.Items) != 0 {
		t.Fatalf("second fetch: status %d, not modified %v, %d items", second.Status, second.NotModified, len(second.Items))
	}
	if second.ETag != etag || second.LastModified != lastMod {
		t.Fatalf("304 changed the validators: %q, %q", second.ETag, second.LastModified)
	}
	if h := seen[1]; h.Get("If-None-Match") != etag || h.Get("If-Modified-Since") != lastMod {
		t.Fatalf("validators not sent byte for byte: %q, %q", h.Get("If-None-Match"), h.Get("If-Modified-Since"))
	}

	plain, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/plain"), breachwire.SourceState{})
	if err != nil {
		t.Fatalf("fetch without validators: %v", err)
	}
	if plain.ETag != "" || plain.LastModified != "" {
		t.Fatalf("validators invented: %q, %q", plain.ETag, plain.LastModified)
	}
}

// TestFetch_UserAgentAndAccept: the configured User-Agent goes out on every
// request.
func TestFetch_UserAgentAndAccept(t *testing.T) {
	var ua, accept atomic.Value
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.UserAgent())
		accept.Store(r.Header.Get("Accept"))
		w.Write([]byte(tinyFeed))
	}))
	const want = "breachwire/1.0 (+https://example.org/contact)"
	c := testClient(t, Options{UserAgent: want}, srv)
	if _, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL), breachwire.SourceState{}); err != nil {
		t.Fatal(err)
	}
	if ua.Load() != want {
		t.Fatalf("User-Agent = %q, want %q", ua.Load(), want)
	}
	if a := accept.Load().(string); !strings.Contains(a, "application/rss+xml") {
		t.Fatalf("Accept = %q", a)
	}
}

// TestFetch_B1_NeverAnswers: a server that accepts and never sends headers
// is cut off by the exchange deadline, and the fetch returns promptly.
func TestFetch_B1_NeverAnswers(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	c := testClient(t, Options{Timeout: 300 * time.Millisecond}, srv)
	start := time.Now()
	_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL), breachwire.SourceState{})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error = %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("fetch took %v despite a 300ms deadline", d)
	}
}

// TestFetch_B1_SlowDrip: a body sent a byte at a time never beats the total
// deadline, which covers reading the body.
func TestFetch_B1_SlowDrip(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.WriteHeader(200)
		w.Write([]byte("<?xml version=\"1.0\"?><rss>"))
		for i := 0; i < 1000; i++ {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
			w.Write([]byte(" "))
			w.(http.Flusher).Flush()
		}
	}))
	c := testClient(t, Options{Timeout: 300 * time.Millisecond}, srv)
	_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL), breachwire.SourceState{})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error = %v, want ErrTimeout", err)
	}
}

// TestFetch_B1_CallerDeadline: the caller's context wins over the client's
// timeout and is reported as itself.
func TestFetch_B1_CallerDeadline(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	c := testClient(t, Options{Timeout: time.Minute}, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.Fetch(ctx, source(breachwire.FormatFeed, srv.URL), breachwire.SourceState{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want context.DeadlineExceeded", err)
	}
}

// TestFetch_B2_EndlessBody: a body that never ends stops at the cap with
// ErrTooLarge.
func TestFetch_B2_EndlessBody(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		chunk := bytes.Repeat([]byte("<item>endless</item>"), 1000)
		w.Write([]byte("<rss><channel>"))
		for i := 0; i < 100000; i++ { // bounded: at most 2 GB, stops when the client leaves
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	c := testClient(t, Options{MaxBody: 1 << 20}, srv)
	_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL), breachwire.SourceState{})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error = %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), "response too large (more than 1 MiB after decoding)") {
		t.Fatalf("message = %q", err)
	}
}

// TestFetch_B2_LyingContentLength: a Content-Length above the cap is refused
// before reading; one that promises more than is sent is an error, not a
// truncated parse.
func TestFetch_B2_LyingContentLength(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/huge":
			w.Header().Set("Content-Length", strconv.Itoa(50<<20))
			w.Write([]byte(tinyFeed))
		case "/short":
			w.Header().Set("Content-Length", strconv.Itoa(len(tinyFeed)+500))
			w.Write([]byte(tinyFeed))
		}
	}))
	c := testClient(t, Options{MaxBody: 1 << 20}, srv)
	if _, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/huge"), breachwire.SourceState{}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("huge Content-Length: error = %v, want ErrTooLarge", err)
	}
	if _, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/short"), breachwire.SourceState{}); err == nil {
		t.Fatal("short body accepted as complete")
	}
}

var (
	bombOnce sync.Once
	bomb     []byte
)

// gzipBomb is 64 MiB of zeros as 64 concatenated gzip members of 1 MiB each
// (about 64 KiB in all; gzip readers read multi-member streams).
func gzipBomb(t testing.TB) []byte {
	bombOnce.Do(func() {
		var member bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
		zw.Write(make([]byte, 1<<20))
		zw.Close()
		bomb = bytes.Repeat(member.Bytes(), 64)
	})
	return bomb
}

// TestFetch_B2_GzipBomb: a small gzip body that decodes to 64 MiB stops at
// the cap measured after decoding, with bounded memory, whether it comes as
// Content-Encoding (decoded by net/http) or as a .gz file (decoded by us).
func TestFetch_B2_GzipBomb(t *testing.T) {
	b := gzipBomb(t)
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/encoded" {
			if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				t.Errorf("client did not ask for gzip")
			}
			w.Header().Set("Content-Encoding", "gzip")
		}
		w.Header().Set("Content-Type", "application/xml")
		w.Write(b)
	}))
	const maxBody = 1 << 20
	c := testClient(t, Options{MaxBody: maxBody}, srv)
	for _, path := range []string{"/encoded", "/file.xml.gz"} {
		t.Run(path, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+path), breachwire.SourceState{})
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error = %v, want ErrTooLarge", err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16*maxBody {
				t.Fatalf("allocated %d bytes for a %d-byte cap: memory not bounded", alloc, maxBody)
			}
		})
	}
	t.Run("small gzip file decodes", func(t *testing.T) {
		small := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			zw := gzip.NewWriter(w)
			zw.Write([]byte(tinyFeed))
			zw.Close()
		}))
		c := testClient(t, Options{}, small)
		res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, small.URL+"/feed.xml.gz"), breachwire.SourceState{})
		if err != nil || len(res.Items) != 1 {
			t.Fatalf("gzip file: %v", err)
		}
	})
}

// TestFetch_B3_EmptyBody: an empty 200, a Content-Length 0 and a 204 give
// ErrEmptyBody.
func TestFetch_B3_EmptyBody(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/empty":
		case "/zero":
			w.Header().Set("Content-Length", "0")
		case "/blank":
			w.Write([]byte("  \n\t \n"))
		case "/204":
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	c := testClient(t, Options{}, srv)
	for _, p := range []string{"/empty", "/zero", "/blank", "/204"} {
		t.Run(p, func(t *testing.T) {
			_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+p), breachwire.SourceState{})
			if !errors.Is(err, ErrEmptyBody) {
				t.Fatalf("error = %v, want ErrEmptyBody", err)
			}
		})
	}
}

// TestFetch_B4_Redirects: a loop is detected, a long chain stops at the
// limit, and a short chain is followed.
func TestFetch_B4_Redirects(t *testing.T) {
	var hops atomic.Int64
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hops.Add(1)
		switch {
		case r.URL.Path == "/feed":
			http.Redirect(w, r, "/feed/", http.StatusMovedPermanently)
		case r.URL.Path == "/feed/":
			http.Redirect(w, r, "/feed", http.StatusMovedPermanently)
		case strings.HasPrefix(r.URL.Path, "/chain/"):
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/chain/"))
			if n == 0 {
				w.Write([]byte(tinyFeed))
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusFound)
		}
	}))
	c := testClient(t, Options{MaxRedirects: 5}, srv)
	t.Run("loop", func(t *testing.T) {
		hops.Store(0)
		_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/feed"), breachwire.SourceState{})
		if !errors.Is(err, ErrTooManyRedirects) || !strings.Contains(err.Error(), "redirect loop") {
			t.Fatalf("error = %v, want a redirect loop", err)
		}
		if hops.Load() > 3 {
			t.Fatalf("loop followed %d times", hops.Load())
		}
	})
	t.Run("long chain", func(t *testing.T) {
		hops.Store(0)
		_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/chain/50"), breachwire.SourceState{})
		if !errors.Is(err, ErrTooManyRedirects) {
			t.Fatalf("error = %v, want ErrTooManyRedirects", err)
		}
		if hops.Load() != 6 {
			t.Fatalf("requests = %d, want 6 (1 + 5 redirects)", hops.Load())
		}
	})
	t.Run("within limit", func(t *testing.T) {
		res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/chain/5"), breachwire.SourceState{})
		if err != nil {
			t.Fatalf("5 redirects with limit 5: %v", err)
		}
		if res.URL != srv.URL+"/chain/0" {
			t.Fatalf("final URL = %q", res.URL)
		}
		if res.PermanentRedirect != "" {
			t.Fatalf("302 chain reported as permanent: %q", res.PermanentRedirect)
		}
	})
}

// TestFetch_B5_PermanentRedirect: a 301/308 chain is followed and reported
// (not applied); a temporary hop in the chain stops the report at it.
func TestFetch_B5_PermanentRedirect(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/security/headlines.atom":
			http.Redirect(w, r, "/api/v1/article?remapper=rss", http.StatusMovedPermanently)
		case "/old":
			http.Redirect(w, r, "/newer", http.StatusPermanentRedirect)
		case "/newer":
			http.Redirect(w, r, "/api/v1/article?remapper=rss&tmp=1", http.StatusFound)
		case "/api/v1/article":
			w.Header().Set("Content-Type", "text/xml")
			w.Write(fixture(t, "snapshots/theregister-2026-07-05.xml"))
		}
	}))
	c := testClient(t, Options{}, srv)
	res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/security/headlines.atom"), breachwire.SourceState{})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if want := srv.URL + "/api/v1/article?remapper=rss"; res.PermanentRedirect != want || res.URL != want {
		t.Fatalf("permanent redirect %q, final URL %q; want both %q", res.PermanentRedirect, res.URL, want)
	}
	// Redirected to another format: the .atom URL serves RSS, read by content.
	if res.Format != "rss" || len(res.Items) != 3 {
		t.Fatalf("format %q with %d items, want rss with 3", res.Format, len(res.Items))
	}
	res, err = c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/old"), breachwire.SourceState{})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if res.PermanentRedirect != srv.URL+"/newer" {
		t.Fatalf("permanent redirect = %q, want the 308 target only", res.PermanentRedirect)
	}
}

// TestFetch_B5_NoDowngrade: https never redirects to http.
func TestFetch_B5_NoDowngrade(t *testing.T) {
	plain, hits := countingServer(t, tinyFeed)
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+"/feed", http.StatusMovedPermanently)
	}))
	t.Cleanup(tlsSrv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(tlsSrv.Certificate())
	c := testClient(t, Options{RootCAs: pool}, tlsSrv, plain)
	_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, tlsSrv.URL+"/feed"), breachwire.SourceState{})
	if !errors.Is(err, ErrDowngrade) {
		t.Fatalf("error = %v, want ErrDowngrade", err)
	}
	if hits.Load() != 0 {
		t.Fatal("the http target was requested")
	}
}

// TestFetch_B6_RetryAfter: 429 and 503 come back as a *StatusError carrying
// the Retry-After delay, read from seconds or an HTTP date and clamped.
func TestFetch_B6_RetryAfter(t *testing.T) {
	now := time.Date(2026, 7, 5, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		code       int
		retryAfter string
		want       time.Duration
	}{
		{"429 seconds", 429, "120", 2 * time.Minute},
		{"429 http date", 429, now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"503 seconds", 503, "3600", time.Hour},
		{"503 without header", 503, "", 0},
		{"429 garbage", 429, "soon, please", 0},
		{"429 negative", 429, "-30", 0},
		{"429 date in the past", 429, now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"429 absurd", 429, "999999999", MaxRetryAfter},
		{"429 overflow", 429, "99999999999999999999999", MaxRetryAfter},
		{"429 far date", 429, now.AddDate(1, 0, 0).Format(http.TimeFormat), MaxRetryAfter},
		{"500 ignores header", 500, "120", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.code)
			}))
			c := testClient(t, Options{Now: func() time.Time { return now }}, srv)
			res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL), breachwire.SourceState{})
			var se *StatusError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want *StatusError", err)
			}
			if se.Code != tt.code || se.RetryAfter != tt.want {
				t.Fatalf("StatusError{%d, %v}, want {%d, %v}", se.Code, se.RetryAfter, tt.code, tt.want)
			}
			if RetryAfter(err) != tt.want || StatusCode(err) != tt.code {
				t.Fatalf("helpers disagree: %v, %d", RetryAfter(err), StatusCode(err))
			}
			if res == nil || res.Status != tt.code {
				t.Fatalf("result status not reported with the error: %+v", res)
			}
		})
	}
}

// TestFetch_B8_BotChallenge: a Cloudflare-style challenge is reported as
// "blocked by bot protection", not as a parse error.
func TestFetch_B8_BotChallenge(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/mitigated":
			w.Header().Set("Cf-Mitigated", "challenge")
			w.WriteHeader(http.StatusForbidden)
		case "/page":
			w.Header().Set("Server", "cloudflare")
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>`))
		case "/forbidden":
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte("Forbidden"))
		}
	}))
	c := testClient(t, Options{}, srv)
	for _, p := range []string{"/mitigated", "/page"} {
		t.Run(p, func(t *testing.T) {
			_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+p), breachwire.SourceState{})
			if !errors.Is(err, ErrBlocked) || !strings.Contains(err.Error(), "blocked by bot protection") {
				t.Fatalf("error = %v, want blocked by bot protection", err)
			}
		})
	}
	t.Run("plain 403", func(t *testing.T) {
		_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/forbidden"), breachwire.SourceState{})
		if errors.Is(err, ErrBlocked) || StatusCode(err) != 403 {
			t.Fatalf("error = %v, want a plain HTTP 403", err)
		}
		if !strings.Contains(err.Error(), "HTTP 403 Forbidden") {
			t.Fatalf("message = %q", err)
		}
	})
}

// TestFetch_B9_TLSError: an untrusted certificate is reported as a TLS error.
func TestFetch_B9_TLSError(t *testing.T) {
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(tinyFeed))
	}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	c := testClient(t, Options{}, tlsSrv) // system roots only: self-signed is untrusted
	_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, tlsSrv.URL), breachwire.SourceState{})
	if !errors.Is(err, ErrTLS) {
		t.Fatalf("error = %v, want ErrTLS", err)
	}
	t.Run("trusted", func(t *testing.T) {
		pool := x509.NewCertPool()
		pool.AddCert(tlsSrv.Certificate())
		c := testClient(t, Options{RootCAs: pool}, tlsSrv)
		if _, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, tlsSrv.URL), breachwire.SourceState{}); err != nil {
			t.Fatalf("trusted TLS: %v", err)
		}
	})
	t.Run("plain http on a TLS URL", func(t *testing.T) {
		plain, _ := countingServer(t, tinyFeed)
		c := testClient(t, Options{}, plain)
		_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, strings.Replace(plain.URL, "http:", "https:", 1)), breachwire.SourceState{})
		if !errors.Is(err, ErrTLS) {
			t.Fatalf("error = %v, want ErrTLS", err)
		}
	})
}

// TestFetch_H2_PerHostSerialisationAndGap: concurrent fetches of one host
// never overlap, and each starts at least HostGap after the previous ended.
func TestFetch_H2_PerHostSerialisationAndGap(t *testing.T) {
	const gap = 40 * time.Millisecond
	var (
		mu       sync.Mutex
		inFlight int
		overlap  bool
		starts   []time.Time
		ends     []time.Time
	)
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		if inFlight > 1 {
			overlap = true
		}
		starts = append(starts, time.Now())
		mu.Unlock()
		time.Sleep(5 * time.Millisecond)
		w.Write([]byte(tinyFeed))
		mu.Lock()
		inFlight--
		ends = append(ends, time.Now())
		mu.Unlock()
	}))
	c := testClient(t, Options{HostGap: gap}, srv)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, fmt.Sprintf("%s/feed/%d", srv.URL, i)), breachwire.SourceState{})
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if overlap {
		t.Fatal("two requests to one host overlapped")
	}
	for i := 1; i < len(starts); i++ {
		if d := starts[i].Sub(ends[i-1]); d < gap {
			t.Fatalf("request %d started %v after the previous ended, want at least %v", i, d, gap)
		}
	}
	if n := c.hosts.size(); n > 1 {
		t.Fatalf("host table holds %d entries after the burst", n)
	}
}

// TestFetch_H2_OtherHostsNotBlocked: a slow host does not hold back another
// host. The handler for host A waits until host B has been served; were the
// limit global, this would deadlock until the deadline.
func TestFetch_H2_OtherHostsNotBlocked(t *testing.T) {
	bServed := make(chan struct{})
	a := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-bServed:
		case <-r.Context().Done():
			return
		}
		w.Write([]byte(tinyFeed))
	}))
	b := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(tinyFeed))
	}))
	bURL := "http://localhost:" + strconv.Itoa(srvPort(t, b)) // another host name
	c := testClient(t, Options{HostGap: time.Hour, Timeout: 5 * time.Second, Allow: []string{"localhost:" + strconv.Itoa(srvPort(t, b))}}, a)
	done := make(chan error, 1)
	go func() {
		_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, a.URL), breachwire.SourceState{})
		done <- err
	}()
	if _, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, bURL), breachwire.SourceState{}); err != nil {
		t.Fatalf("host B: %v", err)
	}
	close(bServed)
	if err := <-done; err != nil {
		t.Fatalf("host A: %v", err)
	}
}

// TestHostLimiter_ContextWhileWaiting: a request waiting for its host's turn
// gives up with the context, and the table is cleaned up.
func TestHostLimiter_ContextWhileWaiting(t *testing.T) {
	l := newHostLimiter(time.Hour)
	release, err := l.acquire(context.Background(), "Example.org")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := l.acquire(ctx, "example.org."); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second acquire = %v, want deadline exceeded", err)
	}
	release()
	release() // idempotent
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	if _, err := l.acquire(ctx2, "example.org"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("acquire within the gap = %v, want to wait out the gap", err)
	}
	if l.size() != 1 {
		t.Fatalf("size = %d, want 1 (kept until its gap passes)", l.size())
	}
	l0 := newHostLimiter(0)
	r, _ := l0.acquire(context.Background(), "a.example")
	r()
	if l0.size() != 0 {
		t.Fatalf("idle host kept with no gap: size %d", l0.size())
	}
}
