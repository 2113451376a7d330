package fetch

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"time"
)

// Defaults applied by New to zero Options fields. They follow Miniflux and
// the RELIABILITY notes: generous enough for slow government sites, short
// enough that one tarpit cannot hold a worker for long.
const (
	// DefaultUserAgent names the program but has no contact: the
	// configuration should always set one (settings.user_agent).
	DefaultUserAgent             = "breachwire/dev (self-hosted cyber incident aggregator)"
	DefaultTimeout               = 30 * time.Second
	DefaultDialTimeout           = 10 * time.Second
	DefaultTLSHandshakeTimeout   = 10 * time.Second
	DefaultResponseHeaderTimeout = 20 * time.Second
	DefaultMaxBody               = 10 << 20 // 10 MiB, decoded
	DefaultMaxRedirects          = 10
	DefaultMaxItems              = 100
	DefaultMaxTitleRunes         = 500
	DefaultMaxTextBytes          = 512 << 10
	DefaultMaxSitemaps           = 10
)

// Options configure a Client. The zero value of every field means its
// default (the Default... constants); Options are copied by New and not
// retained.
type Options struct {
	// UserAgent is sent on every request. It should name breachwire and
	// give a contact URL, as SEC and other regulators ask of automated
	// clients.
	UserAgent string

	// AllowPrivate lets requests reach loopback, private, link-local and
	// other non-public addresses. Off by default (RELIABILITY A1). Ports
	// are still restricted to AllowedPorts.
	AllowPrivate bool
	// AllowFiles lets a source URL be a file: URL read from disk (the
	// offline demo). Links, redirects and article pages are never files.
	AllowFiles bool
	// Allow lists destinations allowed despite the private-address guard:
	// CIDR prefixes ("10.0.0.0/8"), single IPs ("192.168.1.5"), or
	// host:port pairs ("127.0.0.1:8080", "[::1]:8080", "feeds.lan:3000").
	// A prefix lifts the address check only; a host:port lifts both the
	// address and the port check for exactly that destination, which is how
	// tests reach httptest servers on loopback.
	Allow []string
	// AllowedPorts are the destination ports allowed; empty means 80 and
	// 443.
	AllowedPorts []int

	// HostGap is the least time between the end of one request to a host
	// and the start of the next to the same host. Requests to one host
	// never overlap, whatever the gap. Zero means no gap.
	HostGap time.Duration

	// Timeout bounds one HTTP exchange: dial, TLS, headers and the whole
	// body. Waiting for the host's turn is not counted. Redirect hops each
	// get their own Timeout; the caller's context bounds the total.
	Timeout time.Duration
	// DialTimeout bounds the TCP connect.
	DialTimeout time.Duration
	// TLSHandshakeTimeout bounds the TLS handshake.
	TLSHandshakeTimeout time.Duration
	// ResponseHeaderTimeout bounds the wait for response headers once the
	// request is written.
	ResponseHeaderTimeout time.Duration

	// MaxBody caps the body in bytes, measured after gzip decoding.
	MaxBody int64
	// MaxRedirects caps redirect hops per request.
	MaxRedirects int
	// MaxItems caps the items taken from one document (newest first) when
	// the source sets no MaxItems.
	MaxItems int
	// MaxTitleRunes caps an item's title; MaxTextBytes its summary and its
	// text, each (RELIABILITY C8).
	MaxTitleRunes int
	MaxTextBytes  int
	// MaxSitemaps caps how many child sitemaps of a sitemap index are read
	// (newest lastmod first).
	MaxSitemaps int

	// Resolver resolves host names; nil means net.DefaultResolver. Tests
	// inject one to make a public-looking name resolve to loopback.
	Resolver *net.Resolver
	// RootCAs are the certificate authorities trusted for https; nil means
	// the system pool. Tests and private CAs set it. Certificate checks are
	// never turned off.
	RootCAs *x509.CertPool
	// Now returns the current time, for reading Retry-After dates; nil means
	// time.Now.
	Now func() time.Time
}

// withDefaults returns o with zero fields replaced by their defaults.
func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if len(o.AllowedPorts) == 0 {
		o.AllowedPorts = []int{80, 443}
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.DialTimeout <= 0 {
		o.DialTimeout = DefaultDialTimeout
	}
	if o.TLSHandshakeTimeout <= 0 {
		o.TLSHandshakeTimeout = DefaultTLSHandshakeTimeout
	}
	if o.ResponseHeaderTimeout <= 0 {
		o.ResponseHeaderTimeout = DefaultResponseHeaderTimeout
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.MaxItems <= 0 {
		o.MaxItems = DefaultMaxItems
	}
	if o.MaxTitleRunes <= 0 {
		o.MaxTitleRunes = DefaultMaxTitleRunes
	}
	if o.MaxTextBytes <= 0 {
		o.MaxTextBytes = DefaultMaxTextBytes
	}
	if o.MaxSitemaps <= 0 {
		o.MaxSitemaps = DefaultMaxSitemaps
	}
	if o.HostGap < 0 {
		o.HostGap = 0
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Validate reports every problem in o: allow-list entries that do not parse,
// ports out of range, negative limits. New does not validate (an invalid
// allow entry simply allows nothing), so the configuration loader should
// call Validate and refuse to start on an error.
func (o Options) Validate() error {
	var errs []error
	for _, e := range o.Allow {
		if kind, _, _ := parseAllowEntry(e); kind == allowInvalid {
			errs = append(errs, fmt.Errorf("fetch: allow entry %q is neither a CIDR prefix, an IP nor host:port", e))
		}
	}
	for _, p := range o.AllowedPorts {
		if p <= 0 || p >= 1<<16 {
			errs = append(errs, fmt.Errorf("fetch: allowed port %d is out of range", p))
		}
	}
	for _, f := range []struct {
		name string
		v    int64
	}{
		{"timeout", int64(o.Timeout)}, {"dial timeout", int64(o.DialTimeout)},
		{"TLS handshake timeout", int64(o.TLSHandshakeTimeout)},
		{"response header timeout", int64(o.ResponseHeaderTimeout)},
		{"host gap", int64(o.HostGap)}, {"max body", o.MaxBody},
		{"max redirects", int64(o.MaxRedirects)}, {"max items", int64(o.MaxItems)},
		{"max title runes", int64(o.MaxTitleRunes)}, {"max text bytes", int64(o.MaxTextBytes)},
		{"max sitemaps", int64(o.MaxSitemaps)},
	} {
		if f.v < 0 {
			errs = append(errs, fmt.Errorf("fetch: %s must not be negative", f.name))
		}
	}
	return errors.Join(errs...)
}
