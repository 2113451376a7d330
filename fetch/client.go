package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client fetches sources and article pages politely and safely. It is the
// only way breachwire reaches the network: every request, whether a feed, a
// child sitemap or an article page, goes through the same guarded transport,
// limits and per-host politeness. A Client is safe for concurrent use; create
// one with New and share it.
type Client struct {
	opts  Options
	guard *guard
	hosts *hostLimiter
	http  *http.Client
}

// New returns a Client configured by opts (zero fields take their defaults).
// Call Options.Validate first to catch allow-list typos.
func New(opts Options) *Client {
	opts = opts.withDefaults()
	g := newGuard(opts)
	return &Client{
		opts:  opts,
		guard: g,
		hosts: newHostLimiter(opts.HostGap),
		http:  newHTTPClient(opts, g),
	}
}

// Close releases idle connections. The Client stays usable.
func (c *Client) Close() {
	c.http.CloseIdleConnections()
}

// newHTTPClient is the one place where breachwire creates an http.Client or
// an http.Transport (RELIABILITY A8; TestOneClientFactory enforces it).
//
// Changed from the standard library's defaults: no proxy from the
// environment (a proxy would hide the real destination from the guard, A7);
// every dial goes through the guard in net.Dialer.Control; HTTP/2 is
// attempted although DialContext is custom; each phase has a timeout;
// redirects are not followed by net/http but by Client.get, which re-checks
// and paces every hop; no cookie jar.
func newHTTPClient(o Options, g *guard) *http.Client {
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		d := net.Dialer{
			Timeout:   o.DialTimeout,
			KeepAlive: 30 * time.Second,
			Resolver:  o.Resolver,
			Control:   g.control(g.allowsName(addr)),
		}
		return d.DialContext(ctx, network, addr)
	}
	t := &http.Transport{
		Proxy:                  nil,
		DialContext:            dial,
		ForceAttemptHTTP2:      true,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: o.RootCAs},
		TLSHandshakeTimeout:    o.TLSHandshakeTimeout,
		ResponseHeaderTimeout:  o.ResponseHeaderTimeout,
		ExpectContinueTimeout:  time.Second,
		MaxIdleConns:           64,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        60 * time.Second,
		MaxResponseHeaderBytes: 256 << 10,
	}
	return &http.Client{
		Transport: t,
		Timeout:   o.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// Accept headers per kind of document.
const (
	acceptFeed    = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
	acceptHTML    = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
	acceptSitemap = "application/xml, text/xml;q=0.9, */*;q=0.5"
)

// request describes one GET.
type request struct {
	url          string
	accept       string
	etag         string // sent as If-None-Match, byte for byte
	lastModified string // sent as If-Modified-Since, byte for byte
}

// response is a finished exchange: the body is read (capped, gzip decoded)
// and the connection released.
type response struct {
	url         *url.URL // final URL after redirects
	status      int
	header      http.Header
	body        []byte
	permanentTo string // target of an unbroken chain of 301/308 from the start
}

// get performs a GET, following redirects itself so that each hop is
// checked (scheme, downgrade, numeric host forms), paced per host and
// stripped of credentials when it leaves the original host. A 2xx or 304
// response is returned; any other status is a *StatusError. When a response
// was received, it is returned along with an error, so the caller can record
// the status and final URL.
func (c *Client) get(ctx context.Context, r request) (*response, error) {
	u, err := checkURL(r.url)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	origin, first := hostKey(u.Hostname()), u.Redacted()
	seen := map[string]bool{u.String(): true}
	permanentTo, permanent := "", true
	for hop := 0; ; hop++ {
		resp, err := c.exchange(ctx, u, r)
		if err != nil {
			return nil, err
		}
		resp.permanentTo = permanentTo
		resp.url = withoutUser(u) // links and reports never carry credentials
		loc := resp.header.Get("Location")
		if !isRedirect(resp.status) || loc == "" {
			if err := c.statusError(resp); err != nil {
				return resp, fmt.Errorf("fetch: GET %s: %w", u.Redacted(), err)
			}
			return resp, nil
		}
		if hop >= c.opts.MaxRedirects {
			return resp, fmt.Errorf("fetch: GET %s: %w (more than %d)", first, ErrTooManyRedirects, c.opts.MaxRedirects)
		}
		next, err := u.Parse(strings.TrimSpace(loc))
		if err != nil {
			return resp, fmt.Errorf("fetch: redirect from %s: %w: %v", u.Redacted(), ErrBadURL, err)
		}
		if _, err := checkURL(next.String()); err != nil {
			return resp, fmt.Errorf("fetch: redirect from %s: %w", u.Redacted(), err)
		}
		if u.Scheme == "https" && next.Scheme == "http" {
			return resp, fmt.Errorf("fetch: redirect from %s to %s: %w", u.Redacted(), next.Redacted(), ErrDowngrade)
		}
		if hostKey(next.Hostname()) != origin {
			next.User = nil // credentials never leave the original host (A9)
		}
		if seen[next.String()] {
			return resp, fmt.Errorf("fetch: GET %s: %w (redirect loop at %s)", first, ErrTooManyRedirects, next.Redacted())
		}
		seen[next.String()] = true
		if permanent && (resp.status == http.StatusMovedPermanently || resp.status == http.StatusPermanentRedirect) {
			permanentTo = withoutUser(next).String()
		} else {
			permanent = false
		}
		u = next
	}
}

// withoutUser returns a copy of u without credentials.
func withoutUser(u *url.URL) *url.URL {
	c := *u
	c.User = nil
	return &c
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// checkURL accepts absolute http and https URLs with a host, refusing numeric
// host forms that resolvers read differently (A5, A6). Its errors name the
// URL; the caller adds the package prefix.
func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%s: %w", redact(u), ErrScheme)
	}
	host := u.Hostname()
	if host == "" {
		return nil, fmt.Errorf("%s: %w: no host", redact(u), ErrBadURL)
	}
	if ip, ok := legacyIPv4(host); ok {
		if reason := nonPublic(ip); reason != "" {
			return nil, fmt.Errorf("%s: %w: %s (%s) is %s", redact(u), ErrPrivateAddress, host, ip, reason)
		}
		return nil, fmt.Errorf("%s: %w: host %s is a non-canonical IP address, write %s", redact(u), ErrBadURL, host, ip)
	}
	return u, nil
}

func redact(u *url.URL) string {
	if u.Scheme == "" && u.Host == "" {
		return u.String()
	}
	return u.Redacted()
}

// exchange sends one request to u once it is the host's turn, and reads the
// response body within Options.Timeout.
func (c *Client) exchange(ctx context.Context, u *url.URL, r request) (*response, error) {
	release, err := c.hosts.acquire(ctx, u.Hostname())
	if err != nil {
		return nil, fmt.Errorf("fetch: GET %s: waiting for the host's turn: %w", u.Redacted(), err)
	}
	defer release()

	hctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(hctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch: GET %s: %w: %v", u.Redacted(), ErrBadURL, err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	if r.accept != "" {
		req.Header.Set("Accept", r.accept)
	}
	if r.etag != "" {
		req.Header["If-None-Match"] = []string{r.etag}
	}
	if r.lastModified != "" {
		req.Header["If-Modified-Since"] = []string{r.lastModified}
	}
	// Accept-Encoding is left to net/http, which then asks for gzip and
	// decodes it transparently; the cap below applies to decoded bytes.

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.transportError(ctx, hctx, u, err)
	}
	defer resp.Body.Close()

	out := &response{url: u, status: resp.StatusCode, header: resp.Header}
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		if !resp.Uncompressed && resp.ContentLength > c.opts.MaxBody {
			return nil, fmt.Errorf("fetch: GET %s: %w (Content-Length %d, limit %d)", u.Redacted(), ErrTooLarge, resp.ContentLength, c.opts.MaxBody)
		}
		body, err := readCapped(resp.Body, c.opts.MaxBody)
		if err != nil {
			return nil, c.bodyError(ctx, hctx, u, err)
		}
		if body, err = gunzipIfCompressed(body, c.opts.MaxBody); err != nil {
			return nil, fmt.Errorf("fetch: GET %s: %w", u.Redacted(), err)
		}
		if len(bytes.TrimSpace(body)) == 0 {
			return nil, fmt.Errorf("fetch: GET %s: %w (HTTP %d)", u.Redacted(), ErrEmptyBody, resp.StatusCode)
		}
		out.body = body
	default:
		// Redirects, 304 and errors: keep a little of the body, enough to
		// recognise a bot-protection page, and drain no more.
		out.body, _ = readCapped(resp.Body, 64<<10)
	}
	return out, nil
}

// readCapped reads r to the end, failing with ErrTooLarge beyond max bytes.
// It never holds more than max+1 bytes of r.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, max+1))
	if n > max {
		return nil, fmt.Errorf("%w (more than %s after decoding)", ErrTooLarge, byteSize(max))
	}
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// gunzipIfCompressed decodes a body that is itself a gzip file, such as
// sitemap.xml.gz served without Content-Encoding, with the same cap on the
// decoded size (B2). Other bodies are returned unchanged.
func gunzipIfCompressed(body []byte, max int64) ([]byte, error) {
	if len(body) < 3 || body[0] != 0x1f || body[1] != 0x8b || body[2] != 8 {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%w: gzip: %v", ErrMalformed, err)
	}
	defer zr.Close()
	out, err := readCapped(zr, max)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: gzip: %v", ErrMalformed, err)
	}
	return out, nil
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// statusError turns a finished response into nil (2xx, 304) or a
// *StatusError, recognising bot-protection challenges.
func (c *Client) statusError(r *response) error {
	if (r.status >= 200 && r.status < 300) || r.status == http.StatusNotModified {
		return nil
	}
	se := &StatusError{Code: r.status, Blocked: isChallenge(r)}
	if r.status == http.StatusTooManyRequests || r.status == http.StatusServiceUnavailable {
		se.RetryAfter = parseRetryAfter(r.header.Get("Retry-After"), c.opts.Now())
	}
	return se
}

// isChallenge recognises a bot-protection interstitial (Cloudflare and
// similar) so that it is reported as such, not as a parse error (B8).
func isChallenge(r *response) bool {
	if strings.EqualFold(r.header.Get("Cf-Mitigated"), "challenge") {
		return true
	}
	if r.status != http.StatusForbidden && r.status != http.StatusServiceUnavailable && r.status != http.StatusTooManyRequests {
		return false
	}
	server := strings.ToLower(r.header.Get("Server"))
	body := strings.ToLower(string(r.body))
	if strings.Contains(server, "cloudflare") &&
		(strings.Contains(body, "just a moment") || strings.Contains(body, "challenge-platform") ||
			strings.Contains(body, "cf-chl") || strings.Contains(body, "attention required")) {
		return true
	}
	for _, marker := range []string{"captcha-delivery.com", "_incapsula_resource", "sucuri website firewall", "ddos-guard"} {
		if strings.Contains(body, marker) {
			return true
		}
	}
	return false
}

// transportError classifies a failed request: the caller's context, our
// timeout, the guard, TLS, or a plain network error.
func (c *Client) transportError(ctx, hctx context.Context, u *url.URL, err error) error {
	where := "GET " + u.Redacted()
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("fetch: %s: %w", where, ctx.Err())
	case errors.Is(err, ErrPrivateAddress), errors.Is(err, ErrPortNotAllowed), errors.Is(err, ErrNetworkNotAllowed):
		return fmt.Errorf("fetch: %s: %w", where, unwrapGuard(err))
	case hctx.Err() != nil || isTimeout(err):
		return fmt.Errorf("fetch: %s: %w after %s", where, ErrTimeout, c.opts.Timeout)
	}
	if msg, ok := tlsProblem(err); ok {
		return fmt.Errorf("fetch: %s: %w: %s", where, ErrTLS, msg)
	}
	// net/http wraps every transport error in a *url.Error that repeats
	// the method and URL we already name; keep only what went wrong
	// ("dial tcp: lookup ico.org.uk: no such host").
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("fetch: %s: %w", where, err)
}

// bodyError classifies a failure while reading the body.
func (c *Client) bodyError(ctx, hctx context.Context, u *url.URL, err error) error {
	where := "GET " + u.Redacted()
	switch {
	case errors.Is(err, ErrTooLarge):
		return fmt.Errorf("fetch: %s: %w", where, err)
	case ctx.Err() != nil:
		return fmt.Errorf("fetch: %s: reading body: %w", where, ctx.Err())
	case hctx.Err() != nil || isTimeout(err):
		return fmt.Errorf("fetch: %s: reading body: %w after %s", where, ErrTimeout, c.opts.Timeout)
	}
	return fmt.Errorf("fetch: %s: reading body: %w", where, err)
}

// unwrapGuard finds the guard's own error inside the url.Error and
// net.OpError layers, whose text repeats the address.
func unwrapGuard(err error) error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch e.(type) {
		case *url.Error, *net.OpError:
			continue
		}
		return e
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// tlsProblem reports a TLS failure in err's chain with a short description.
func tlsProblem(err error) (string, bool) {
	var (
		verr  *tls.CertificateVerificationError
		uaerr x509.UnknownAuthorityError
		herr  x509.HostnameError
		cierr x509.CertificateInvalidError
		rherr tls.RecordHeaderError
		alert tls.AlertError
	)
	switch {
	case errors.As(err, &uaerr):
		return "certificate signed by unknown authority", true
	case errors.As(err, &herr):
		return herr.Error(), true
	case errors.As(err, &cierr):
		return cierr.Error(), true
	case errors.As(err, &verr):
		return verr.Error(), true
	case errors.As(err, &rherr), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return "server did not answer with TLS", true
	case errors.As(err, &alert):
		return "handshake failed: " + alert.Error(), true
	case strings.Contains(err.Error(), "tls: "):
		return err.Error(), true
	}
	return "", false
}
