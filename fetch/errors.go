package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors for the conditions callers branch on, wrapped with the
// URL concerned so that the message is fit to show on the source's status.
// Other failures (a refused connection, a reset, the caller's context) are
// returned wrapped as they come; non-success statuses are a *StatusError.
var (
	// ErrTooLarge: the body, measured after decoding gzip, is larger than
	// Options.MaxBody (RELIABILITY B2).
	ErrTooLarge = errors.New("response too large")
	// ErrEmptyBody: a successful response without content (B3).
	ErrEmptyBody = errors.New("empty body")
	// ErrPrivateAddress: the dialled IP is loopback, private, link-local,
	// unique-local, carrier-grade NAT, metadata or another non-public
	// address and is not on the allow-list (A1-A5).
	ErrPrivateAddress = errors.New("private network refused")
	// ErrPortNotAllowed: the destination port is not in
	// Options.AllowedPorts and the destination is not allow-listed (A5).
	ErrPortNotAllowed = errors.New("port not allowed")
	// ErrNetworkNotAllowed: a dial on anything but TCP was attempted (A5).
	ErrNetworkNotAllowed = errors.New("network not allowed")
	// ErrTooManyRedirects: more than Options.MaxRedirects hops, or a
	// redirect loop (B4).
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrScheme: a URL (given, or a redirect target) that is not http or
	// https (A6).
	ErrScheme = errors.New("only http and https URLs are fetched")
	// ErrDowngrade: a redirect from https to http (B5).
	ErrDowngrade = errors.New("redirect from https to http refused")
	// ErrBadURL: a URL that cannot be parsed or has no host, or a host
	// written in a non-canonical numeric form such as 0x7f000001 (A5).
	ErrBadURL = errors.New("invalid URL")
	// ErrNotAFeed: a feed source answered with something that is not RSS,
	// Atom or JSON Feed, for example an HTML page (C5).
	ErrNotAFeed = errors.New("not a feed")
	// ErrNotASitemap: a sitemap source answered with something that is not
	// a sitemap or sitemap index.
	ErrNotASitemap = errors.New("not a sitemap")
	// ErrMalformed: the document has the right type but cannot be parsed.
	ErrMalformed = errors.New("malformed document")
	// ErrBlocked: the server answered with a bot-protection challenge, such
	// as Cloudflare's "Just a moment..." page (B8). A *StatusError with
	// Blocked set matches it.
	ErrBlocked = errors.New("blocked by bot protection")
	// ErrTLS: the TLS handshake failed: expired, self-signed or wrong-host
	// certificate, or no common protocol (B9).
	ErrTLS = errors.New("TLS error")
	// ErrTimeout: the exchange did not finish within Options.Timeout (B1).
	ErrTimeout = errors.New("timed out")
	// ErrNotHTML: an article URL answered with something other than an HTML
	// page, for example a PDF.
	ErrNotHTML = errors.New("not an HTML page")
	// ErrNoText: the article page holds no text the selectors or the
	// readability fallback could find.
	ErrNoText = errors.New("no article text found")
	// ErrSelector: a CSS selector in the source's configuration does not
	// parse.
	ErrSelector = errors.New("invalid selector")
)

// MaxRetryAfter is the longest delay a Retry-After header can impose; longer
// (absurd) values are clamped to it (RELIABILITY B6).
const MaxRetryAfter = 24 * time.Hour

// StatusError is an HTTP response with a status that is neither success nor
// 304 Not Modified. RetryAfter carries the server's Retry-After delay, parsed
// and clamped to [0, MaxRetryAfter] (zero when absent or unreadable); the
// scheduler must not try again earlier (see NextCheck). Blocked is set when
// the response is a bot-protection challenge; errors.Is(err, ErrBlocked) then
// reports true.
type StatusError struct {
	Code       int
	RetryAfter time.Duration
	Blocked    bool
}

// Error returns "HTTP 503 Service Unavailable, retry after 2m0s" or "blocked by
// bot protection (HTTP 403)".
func (e *StatusError) Error() string {
	if e.Blocked {
		return fmt.Sprintf("%s (HTTP %d)", ErrBlocked, e.Code)
	}
	s := "HTTP " + strconv.Itoa(e.Code)
	if text := http.StatusText(e.Code); text != "" {
		s += " " + text
	}
	if e.RetryAfter > 0 {
		s += ", retry after " + e.RetryAfter.String()
	}
	return s
}

// Is reports whether the error is a bot-protection challenge when target is
// ErrBlocked.
func (e *StatusError) Is(target error) bool {
	return target == ErrBlocked && e.Blocked
}

// RetryAfter returns the Retry-After delay carried by err (a *StatusError in
// its chain), or zero.
func RetryAfter(err error) time.Duration {
	var se *StatusError
	if errors.As(err, &se) {
		return se.RetryAfter
	}
	return 0
}

// StatusCode returns the HTTP status carried by err (a *StatusError in its
// chain), or zero.
func StatusCode(err error) int {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code
	}
	return 0
}

// parseRetryAfter reads a Retry-After value (RFC 9110 section 10.2.3): a
// number of seconds or an HTTP date. Negative, unreadable and past values
// give zero; values beyond MaxRetryAfter are clamped to it.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if isDigits(v) {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > int64(MaxRetryAfter/time.Second) {
			return MaxRetryAfter // overflow or absurd
		}
		return time.Duration(secs) * time.Second
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	return clampDuration(t.Sub(now), 0, MaxRetryAfter)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func clampDuration(d, lo, hi time.Duration) time.Duration {
	return max(lo, min(d, hi))
}
