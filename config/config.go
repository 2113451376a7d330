// Package config loads and validates feeds.yaml: the settings of the polite
// HTTP client, the sources to read, the web server and the daily digest.
//
// The whole file becomes one typed Config. Defaults live in New; Parse fills
// in what the file says; Validate checks every rule, including the ones that
// span several keys. A file with any problem is refused as a whole, and the
// error lists every problem with its file, line and key, so that nothing runs
// on a half-understood configuration:
//
//	feeds.yaml:42: sources[3].interval: "6 hours" is not a duration (use 6h)
//
// The package imports only the root package and the YAML library; the
// adapters (fetch, web, digest) receive the parts they need from cmd.
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/netip"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"

	"breachwire"
)

// MaxFileSize is the largest configuration file read. A real feeds.yaml is a
// few tens of kilobytes; the cap keeps a wrong --config (a database, a log)
// from being parsed.
const MaxFileSize = 4 << 20

// Defaults and bounds. They are exported so that the documentation, the
// --help text and the tests quote the same numbers.
const (
	DefaultUserAgent      = "breachwire/{version} (+https://example.org/contact)"
	DefaultHostGap        = 2 * time.Second
	DefaultTimeout        = 30 * time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultHeaderTimeout  = 20 * time.Second
	DefaultMaxBody        = 10 << 20
	DefaultMaxRedirects   = 10
	DefaultMaxItems       = 100
	DefaultMaxBackoff     = 24 * time.Hour
	DefaultWorkers        = 4
	DefaultAddr           = "127.0.0.1:8080"

	// DefaultPressInterval and DefaultRegulatorInterval are the polling
	// intervals of a source that gives none: the press publishes many
	// items a day, regulators a few a week.
	DefaultPressInterval     = time.Hour
	DefaultRegulatorInterval = 6 * time.Hour

	MinInterval   = 5 * time.Minute
	MaxInterval   = 7 * 24 * time.Hour
	MaxHostGap    = time.Minute
	MaxTimeout    = 10 * time.Minute
	MinMaxBody    = 1 << 10
	MaxMaxBody    = 1 << 30
	MaxRedirects  = 10
	MaxMaxItems   = 10000
	MinMaxBackoff = time.Minute
	MaxMaxBackoff = 30 * 24 * time.Hour
	MaxWorkers    = 64
)

// defaultAllowPorts are the ports a source may be fetched on unless an allow
// rule names another (RELIABILITY A5).
var defaultAllowPorts = []int{80, 443}

// Config is a loaded feeds.yaml. It is built once at start-up, validated, and
// passed to the constructors that need a part of it; nothing reads it through
// a global. It is not modified after Load returns.
type Config struct {
	// File is the path or name the configuration was read from; problems
	// name it.
	File     string
	Settings Settings
	Sources  []breachwire.Source
	Server   Server
	Digest   Digest
	// Warnings are things worth telling the user that do not stop
	// breachwire, such as the placeholder contact in the user agent.
	Warnings []Problem

	lines map[string]int // key path -> line, so that Validate can name lines
}

// Settings are the fetcher's limits and manners, shared by every source.
type Settings struct {
	// UserAgent is sent on every request. "{version}" is replaced with the
	// program's version by UserAgentFor. It must name a contact URL: some
	// sites (the SEC) refuse anonymous clients.
	UserAgent string
	// AllowPrivate lets sources on loopback, private and link-local
	// networks be fetched. Off by default (RELIABILITY A1).
	AllowPrivate bool
	// AllowFiles lets sources read local files through file: URLs (the
	// offline demo, or feeds another program writes to disk). Off by
	// default, so that no URL in feeds.yaml reads the disk unless the
	// file says so (RELIABILITY A6).
	AllowFiles bool
	// Allow lists networks (CIDRs or single addresses, optionally with a
	// port) that may be dialled even when AllowPrivate is false.
	Allow []AllowRule
	// AllowPorts are the ports any public address may be dialled on.
	AllowPorts     []int
	HostGap        time.Duration // least time between two requests to one host
	Timeout        time.Duration // whole request, body included
	ConnectTimeout time.Duration // TCP and TLS handshake
	HeaderTimeout  time.Duration // until the response headers arrive
	MaxBody        int64         // decoded body cap in bytes
	MaxRedirects   int
	MaxItems       int           // items taken from one document when the source gives no max_items
	MaxBackoff     time.Duration // cap on the wait after repeated failures
	Workers        int           // sources fetched at the same time
}

// UserAgentFor returns the user agent with "{version}" replaced by version.
func (s Settings) UserAgentFor(version string) string {
	return strings.ReplaceAll(s.UserAgent, "{version}", version)
}

// AllowRule is one entry of settings.allow: a network and, when Port is not
// zero, a single port on it.
type AllowRule struct {
	Prefix netip.Prefix
	Port   uint16
}

// Allows reports whether a dialled address matches the rule.
func (r AllowRule) Allows(ap netip.AddrPort) bool {
	return r.Prefix.Contains(ap.Addr().Unmap()) && (r.Port == 0 || r.Port == ap.Port())
}

// String writes the rule as it is written in feeds.yaml.
func (r AllowRule) String() string {
	s := r.Prefix.String()
	if r.Prefix.IsSingleIP() {
		s = r.Prefix.Addr().String()
	}
	if r.Port == 0 {
		return s
	}
	if r.Prefix.IsSingleIP() {
		return netip.AddrPortFrom(r.Prefix.Addr(), r.Port).String()
	}
	return s + ":" + strconv.Itoa(int(r.Port))
}

// Allowed reports whether any allow rule matches the dialled address. The
// fetch package's dial guard consults it before refusing a private address.
func (s Settings) Allowed(ap netip.AddrPort) bool {
	for _, r := range s.Allow {
		if r.Allows(ap) {
			return true
		}
	}
	return false
}

// ParseAllowRule reads "10.0.0.0/8", "192.168.1.5", "127.0.0.1:8080" or
// "[::1]:8080". Host names are refused: the dial guard checks the address
// actually dialled, and a name can resolve to anything.
func ParseAllowRule(s string) (AllowRule, error) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
			// The dial guard sees unmapped addresses.
			p = netip.PrefixFrom(a.Unmap(), p.Bits()-96)
		}
		return AllowRule{Prefix: p.Masked()}, nil
	}
	if a, err := netip.ParseAddr(s); err == nil {
		a = a.Unmap()
		return AllowRule{Prefix: netip.PrefixFrom(a, a.BitLen())}, nil
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		if ap.Port() == 0 {
			return AllowRule{}, fmt.Errorf("%q: port 0 is not a port", s)
		}
		a := ap.Addr().Unmap()
		return AllowRule{Prefix: netip.PrefixFrom(a, a.BitLen()), Port: ap.Port()}, nil
	}
	if host, _, err := net.SplitHostPort(s); err == nil {
		if _, err := netip.ParseAddr(host); err != nil {
			return AllowRule{}, fmt.Errorf("%q: write an IP address, not a host name (names are resolved when dialling and cannot be trusted)", s)
		}
	} else if strings.Trim(s, "0123456789.:/[]abcdefABCDEF") != "" {
		return AllowRule{}, fmt.Errorf("%q: write an IP address or CIDR, not a host name (names are resolved when dialling and cannot be trusted)", s)
	}
	return AllowRule{}, fmt.Errorf("%q is not a CIDR, IP address or IP:port", s)
}

// Server is the web server.
type Server struct {
	Addr string // host:port to listen on
	// BaseURL is the public URL of the server, for links in emails and
	// feeds; empty means links are relative (no email links).
	BaseURL string
}

// New returns a Config holding every default and no sources. Parse starts
// from it; tests and other packages may build a Config from it in code and
// call Validate.
func New() *Config {
	return &Config{
		Settings: Settings{
			UserAgent:      DefaultUserAgent,
			AllowPorts:     slices.Clone(defaultAllowPorts),
			HostGap:        DefaultHostGap,
			Timeout:        DefaultTimeout,
			ConnectTimeout: DefaultConnectTimeout,
			HeaderTimeout:  DefaultHeaderTimeout,
			MaxBody:        DefaultMaxBody,
			MaxRedirects:   DefaultMaxRedirects,
			MaxItems:       DefaultMaxItems,
			MaxBackoff:     DefaultMaxBackoff,
			Workers:        DefaultWorkers,
		},
		Server: Server{Addr: DefaultAddr},
		Digest: Digest{SMTP: SMTP{TLS: TLSStartTLS, Port: defaultSMTPPort(TLSStartTLS)}},
		lines:  map[string]int{},
	}
}

// Load reads and validates the configuration file at path. A file that
// cannot be read gives a *breachwire.Error (code not_found or invalid) with
// the cause in its chain; an invalid file gives an *InvalidError listing
// every problem. The returned Config's Warnings are for the caller to log.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, readError(path, err)
	}
	return Parse(path, data)
}

func readError(path string, err error) error {
	cause := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		cause = pe.Err
	}
	code, msg := breachwire.ECodeInvalid, fmt.Sprintf("cannot read the configuration %s: %v", path, cause)
	if errors.Is(err, fs.ErrNotExist) {
		code, msg = breachwire.ECodeNotFound, fmt.Sprintf("configuration %s not found (point --config at your feeds.yaml)", path)
	}
	return &loadError{user: breachwire.Errorf(code, "%s", msg), cause: fmt.Errorf("config: %w", err)}
}

// Parse reads a configuration from data; name is used in error messages
// (usually the file name). It returns an *InvalidError listing every problem
// when the configuration is not valid.
func Parse(name string, data []byte) (*Config, error) {
	c := New()
	c.File = name
	d := &decoder{problems: &problems{file: name}, lines: c.lines}
	if len(data) > MaxFileSize {
		d.add(0, "", "the file is larger than the limit of %d bytes; is --config pointing at feeds.yaml?", MaxFileSize)
		return nil, d.err()
	}
	body, ok := d.parseDocument(data)
	if !ok {
		return nil, d.err()
	}
	if body != nil {
		c.decode(d, body)
	}
	// The connect and header timeouts follow a shorter whole-request
	// timeout unless the file sets them.
	if _, set := c.lines["settings.connect_timeout"]; !set {
		c.Settings.ConnectTimeout = min(c.Settings.ConnectTimeout, c.Settings.Timeout)
	}
	if _, set := c.lines["settings.header_timeout"]; !set {
		c.Settings.HeaderTimeout = min(c.Settings.HeaderTimeout, c.Settings.Timeout)
	}
	// Validate even when decoding found problems, so that every problem is
	// listed at once; but drop its reports about keys that already have one
	// (a url of the wrong type is not also "missing").
	decoded := slices.Clone(d.list)
	var verr *InvalidError
	if errors.As(c.Validate(), &verr) {
		for _, p := range verr.Problems {
			if !covered(decoded, p.Key) {
				d.list = append(d.list, p)
			}
		}
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	c.Warnings = c.warnings()
	return c, nil
}

// covered reports whether one of the problems is about key or a key that
// contains it.
func covered(list []Problem, key string) bool {
	for _, p := range list {
		if p.Key == "" {
			continue
		}
		if key == p.Key || strings.HasPrefix(key, p.Key+".") || strings.HasPrefix(key, p.Key+"[") {
			return true
		}
	}
	return false
}

func (c *Config) decode(d *decoder, body ast.Node) {
	d.fields(body, "", map[string]func(string, ast.Node){
		"settings": func(p string, v ast.Node) { c.decodeSettings(d, p, v) },
		"sources":  func(p string, v ast.Node) { c.decodeSources(d, p, v) },
		"server":   func(p string, v ast.Node) { c.decodeServer(d, p, v) },
		"digest":   func(p string, v ast.Node) { c.decodeDigest(d, p, v) },
	})
}

func (c *Config) decodeSettings(d *decoder, path string, n ast.Node) {
	s := &c.Settings
	d.fields(n, path, map[string]func(string, ast.Node){
		"user_agent":    d.setString(&s.UserAgent),
		"allow_private": d.setBool(&s.AllowPrivate),
		"allow_files":   d.setBool(&s.AllowFiles),
		"allow": func(p string, v ast.Node) {
			list, lines := d.strList(p, v)
			for i, item := range list {
				r, err := ParseAllowRule(item)
				if err != nil {
					d.add(lines[i], index(p, i), "%v", err)
					continue
				}
				s.Allow = append(s.Allow, r)
			}
		},
		"allow_ports": func(p string, v ast.Node) {
			v = d.resolve(v, p)
			seq, ok := v.(*ast.SequenceNode)
			if !ok {
				if !isNull(v) {
					d.add(lineOf(v), p, "expected a list of ports such as [80, 443], got %s", describe(v))
				}
				return
			}
			s.AllowPorts = nil
			for i, item := range seq.Values {
				if port, ok := d.integer(index(p, i), item); ok {
					d.lines[index(p, i)] = lineOf(item)
					s.AllowPorts = append(s.AllowPorts, port)
				}
			}
		},
		"host_gap":        d.setDuration(&s.HostGap),
		"timeout":         d.setDuration(&s.Timeout),
		"connect_timeout": d.setDuration(&s.ConnectTimeout),
		"header_timeout":  d.setDuration(&s.HeaderTimeout),
		"max_body": func(p string, v ast.Node) {
			if x, ok := d.size(p, v); ok {
				s.MaxBody = x
			}
		},
		"max_redirects": d.setInt(&s.MaxRedirects),
		"max_items":     d.setInt(&s.MaxItems),
		"max_backoff":   d.setDuration(&s.MaxBackoff),
		"workers":       d.setInt(&s.Workers),
	})
}

func (c *Config) decodeServer(d *decoder, path string, n ast.Node) {
	d.fields(n, path, map[string]func(string, ast.Node){
		"addr":     d.setString(&c.Server.Addr),
		"base_url": d.setString(&c.Server.BaseURL),
	})
}

// line returns the line recorded for key, or for its nearest recorded
// parent: a missing key is reported at the mapping that lacks it.
func (c *Config) line(key string) int {
	for {
		if l, ok := c.lines[key]; ok {
			return l
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			return 0
		}
		key = key[:i]
	}
}

// Validate checks every rule on the typed configuration: bounds, formats,
// required keys and the rules that involve several keys (an html source
// needs an item selector, a sitemap source a pattern, timeouts fit in the
// whole-request timeout, no two sources share a name or a URL, a digest
// needs an SMTP host). It returns an *InvalidError listing every problem.
func (c *Config) Validate() error {
	ps := &problems{file: c.File}
	at := func(key, format string, args ...any) { ps.add(c.line(key), key, format, args...) }
	c.validateSettings(at)
	c.validateSources(at)
	c.validateServer(at)
	c.validateDigest(at)
	return ps.err()
}

type reporter func(key, format string, args ...any)

func (c *Config) validateSettings(at reporter) {
	s := c.Settings
	if s.UserAgent == "" {
		at("settings.user_agent", "must not be empty: name breachwire and a contact URL, e.g. %q", DefaultUserAgent)
	} else if i := strings.IndexFunc(s.UserAgent, func(r rune) bool { return r < 0x20 || r == 0x7f || r > 0x7e }); i >= 0 {
		at("settings.user_agent", "contains a character that cannot be sent in a header (%q at byte %d)", s.UserAgent[i:i+1], i)
	}
	for i, p := range s.AllowPorts {
		if p < 1 || p > 65535 {
			at(index("settings.allow_ports", i), "%d is not a port (1 to 65535)", p)
		}
	}
	between := func(key string, v, lo, hi time.Duration) {
		if v < lo || v > hi {
			at(key, "%s is out of range (%s to %s)", FormatDuration(v), FormatDuration(lo), FormatDuration(hi))
		}
	}
	between("settings.host_gap", s.HostGap, 0, MaxHostGap)
	between("settings.timeout", s.Timeout, time.Second, MaxTimeout)
	between("settings.connect_timeout", s.ConnectTimeout, 100*time.Millisecond, MaxTimeout)
	between("settings.header_timeout", s.HeaderTimeout, 100*time.Millisecond, MaxTimeout)
	between("settings.max_backoff", s.MaxBackoff, MinMaxBackoff, MaxMaxBackoff)
	for _, t := range []struct {
		key string
		v   time.Duration
	}{{"settings.connect_timeout", s.ConnectTimeout}, {"settings.header_timeout", s.HeaderTimeout}} {
		if t.v > s.Timeout && t.v <= MaxTimeout && s.Timeout >= time.Second {
			at(t.key, "%s is longer than settings.timeout (%s), which bounds the whole request", FormatDuration(t.v), FormatDuration(s.Timeout))
		}
	}
	if s.MaxBody < MinMaxBody || s.MaxBody > MaxMaxBody {
		at("settings.max_body", "%s is out of range (%s to %s)", FormatSize(s.MaxBody), FormatSize(MinMaxBody), FormatSize(MaxMaxBody))
	}
	if s.MaxRedirects < 0 || s.MaxRedirects > MaxRedirects {
		at("settings.max_redirects", "%d is out of range (0 to %d)", s.MaxRedirects, MaxRedirects)
	}
	if s.MaxItems < 1 || s.MaxItems > MaxMaxItems {
		at("settings.max_items", "%d is out of range (1 to %d)", s.MaxItems, MaxMaxItems)
	}
	if s.Workers < 1 || s.Workers > MaxWorkers {
		at("settings.workers", "%d is out of range (1 to %d)", s.Workers, MaxWorkers)
	}
}

func (c *Config) validateServer(at reporter) {
	if _, port, err := net.SplitHostPort(c.Server.Addr); err != nil {
		at("server.addr", "%q is not host:port (for example 127.0.0.1:8080 or :8080)", c.Server.Addr)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		at("server.addr", "%q: %q is not a port number", c.Server.Addr, port)
	}
	if c.Server.BaseURL != "" {
		if msg := checkHTTPURL(c.Server.BaseURL); msg != "" {
			at("server.base_url", "%s", msg)
		} else if u, _ := url.Parse(c.Server.BaseURL); u.RawQuery != "" || u.Fragment != "" {
			at("server.base_url", "%q must not have a query or fragment", c.Server.BaseURL)
		}
	}
}

// checkHTTPURL returns what is wrong with an absolute http(s) URL, or "".
func checkHTTPURL(s string) string {
	if strings.TrimSpace(s) != s || strings.ContainsAny(s, " \t\r\n") {
		return fmt.Sprintf("%q contains spaces", s)
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Sprintf("%q is not a URL: %v", s, errors.Unwrap(err))
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		if u.Scheme == "" {
			return fmt.Sprintf("%q is not an absolute URL (start it with https://)", s)
		}
		return fmt.Sprintf("%q: scheme %q is not http or https", s, u.Scheme)
	case u.Host == "" || u.Hostname() == "":
		return fmt.Sprintf("%q has no host", s)
	case u.User != nil:
		return fmt.Sprintf("%q carries a user name or password; credentials do not belong in feeds.yaml", redactURL(s))
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Sprintf("%q: %q is not a port number", s, p)
		}
	}
	return ""
}

// warnings returns the non-fatal notes about a valid configuration.
func (c *Config) warnings() []Problem {
	ps := &problems{file: c.File}
	at := func(key, format string, args ...any) { ps.add(c.line(key), key, format, args...) }
	ua := c.Settings.UserAgent
	if strings.Contains(ua, "example.org") || strings.Contains(ua, "example.com") || !strings.Contains(ua, "http") && !strings.Contains(ua, "@") {
		at("settings.user_agent", "%q has no real contact; edit it to name a URL or address where site owners can reach you", ua)
	}
	if len(c.Sources) == 0 {
		at("sources", "no sources are configured; breachwire has nothing to fetch")
	}
	for i, s := range c.Sources {
		if s.Format == breachwire.FormatHTML {
			continue
		}
		for _, f := range []struct{ key, val string }{{"item", s.Selectors.Item}, {"title", s.Selectors.Title}, {"link", s.Selectors.Link}, {"date", s.Selectors.Date}, {"date_attr", s.Selectors.DateAttr}} {
			if f.val != "" {
				at(index("sources", i)+".selectors."+f.key, "is ignored: only html sources have a listing to select items from")
			}
		}
	}
	return sortProblems(ps.list)
}
