package config

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"

	"breachwire"
)

// SMTP TLS modes.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS (port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption: only for a relay on this machine
)

// ErrNoPassword is returned by SMTP.Password when the environment variable
// named by password_env is not set.
var ErrNoPassword = errors.New("config: SMTP password environment variable is not set")

// Digest is the daily email.
type Digest struct {
	SMTP SMTP
	// From is the sender, as an RFC 5322 address ("breachwire
	// <breachwire@example.org>").
	From          string
	Subscriptions []Subscription
}

// SMTP is the mail server the digest is sent through. The password is never
// in the file: PasswordEnv names the environment variable that holds it.
type SMTP struct {
	Host        string
	Port        int // default 587 for starttls, 465 for tls, 25 for none
	TLS         string
	Username    string
	PasswordEnv string
}

// Password reads the SMTP password from the environment variable named by
// PasswordEnv. It returns "" when no password is configured, and an error
// wrapping ErrNoPassword when the variable is named but unset.
func (s SMTP) Password() (string, error) {
	if s.PasswordEnv == "" {
		return "", nil
	}
	v, ok := os.LookupEnv(s.PasswordEnv)
	if !ok {
		return "", fmt.Errorf("%w: %s (named by digest.smtp.password_env)", ErrNoPassword, s.PasswordEnv)
	}
	return v, nil
}

// Subscription is one daily digest: who gets it, when, and which articles.
type Subscription struct {
	Name string
	To   []string // RFC 5322 addresses
	// Time is the local time of day to send, "HH:MM"; Hour and Minute are
	// the same, parsed.
	Time         string
	Hour, Minute int
	// Timezone is the IANA name the time is in; Location is it loaded.
	Timezone string
	Location *time.Location
	// Filters are the search filters (the names of breachwire.FilterKeys)
	// that select the digest's articles. They are kept as query values so
	// that relative dates (since=7d) are read at send time by Filter.
	Filters url.Values
}

// Filter returns the subscription's search filter, with relative dates
// anchored at now.
func (s Subscription) Filter(now time.Time) (breachwire.Filter, error) {
	return breachwire.ParseFilter(s.Filters, now)
}

// Next returns the first send time strictly after t, in the subscription's
// time zone. On a day when a daylight-saving change skips the time, it is
// the instant time.Date normalises to (the hour after).
func (s Subscription) Next(t time.Time) time.Time {
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	for day := 0; day < 3; day++ {
		at := time.Date(l.Year(), l.Month(), l.Day()+day, s.Hour, s.Minute, 0, 0, loc)
		if at.After(t) {
			return at
		}
	}
	return t.Add(24 * time.Hour) // not reached: one of three days is after t
}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func (c *Config) decodeDigest(d *decoder, path string, n ast.Node) {
	g := &c.Digest
	portSet := false
	d.fields(n, path, map[string]func(string, ast.Node){
		"smtp": func(p string, v ast.Node) {
			d.fields(v, p, map[string]func(string, ast.Node){
				"host": func(p string, v ast.Node) {
					if x, ok := d.str(p, v); ok {
						g.SMTP.Host = strings.TrimSpace(x)
					}
				},
				"port": func(p string, v ast.Node) {
					if x, ok := d.integer(p, v); ok {
						g.SMTP.Port, portSet = x, true
					}
				},
				"tls": func(p string, v ast.Node) {
					// tls: true / false are common guesses; they are
					// read as text and refused by Validate with the
					// list of modes.
					if x, ok := d.str(p, v); ok {
						g.SMTP.TLS = strings.ToLower(strings.TrimSpace(x))
					}
				},
				"username": d.setString(&g.SMTP.Username),
				"password_env": func(p string, v ast.Node) {
					if x, ok := d.str(p, v); ok {
						g.SMTP.PasswordEnv = strings.TrimSpace(x)
					}
				},
				"password": func(p string, v ast.Node) {
					d.add(lineOf(v), p, "passwords are not read from feeds.yaml; put it in an environment variable and name that variable in password_env")
				},
			})
		},
		"from": func(p string, v ast.Node) {
			if x, ok := d.str(p, v); ok {
				g.From = strings.TrimSpace(x)
			}
		},
		"subscriptions": func(p string, v ast.Node) {
			v = d.resolve(v, p)
			if isNull(v) {
				return
			}
			seq, ok := v.(*ast.SequenceNode)
			if !ok {
				d.add(lineOf(v), p, "expected a list of subscriptions (each starting with '- name:'), got %s", describe(v))
				return
			}
			for i, item := range seq.Values {
				ip := index(p, i)
				d.lines[ip] = lineOf(d.resolve(item, ip))
				g.Subscriptions = append(g.Subscriptions, decodeSubscription(d, ip, item))
			}
		},
	})
	if !portSet {
		g.SMTP.Port = defaultSMTPPort(g.SMTP.TLS)
	}
}

func decodeSubscription(d *decoder, path string, n ast.Node) Subscription {
	var s Subscription
	d.fields(n, path, map[string]func(string, ast.Node){
		"name": func(p string, v ast.Node) {
			if x, ok := d.str(p, v); ok {
				s.Name = strings.TrimSpace(x)
			}
		},
		"to": func(p string, v ast.Node) {
			list, lines := d.strList(p, v)
			for i, addr := range list {
				d.lines[index(p, i)] = lines[i]
				s.To = append(s.To, strings.TrimSpace(addr))
			}
		},
		"time": func(p string, v ast.Node) {
			x, ok := d.str(p, v)
			if !ok {
				return
			}
			// An unquoted 7:00 is read by some YAML 1.1 parsers as the
			// number 420; goccy keeps the text, which we parse here.
			h, m, err := parseClock(x)
			if err != nil {
				d.add(lineOf(v), p, "%v", err)
				return
			}
			s.Time, s.Hour, s.Minute = fmt.Sprintf("%02d:%02d", h, m), h, m
		},
		"timezone": func(p string, v ast.Node) {
			x, ok := d.str(p, v)
			if !ok {
				return
			}
			x = strings.TrimSpace(x)
			loc, err := loadLocation(x)
			if err != nil {
				d.add(lineOf(v), p, "%v", err)
				return
			}
			s.Timezone, s.Location = x, loc
		},
		"filters": func(p string, v ast.Node) {
			s.Filters = decodeFilters(d, p, v)
		},
	})
	if s.Time == "" {
		s.Time, s.Hour, s.Minute = "07:00", 7, 0
	}
	if s.Location == nil {
		s.Timezone, s.Location = "UTC", time.UTC
	}
	if s.Filters == nil {
		s.Filters = url.Values{}
	}
	return s
}

// parseClock reads "HH:MM" (or "H:MM") on a 24-hour clock.
func parseClock(s string) (int, int, error) {
	hs, ms, ok := strings.Cut(strings.TrimSpace(s), ":")
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if !ok || err1 != nil || err2 != nil || len(ms) != 2 || len(hs) > 2 || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, fmt.Errorf("%q is not a time of day (use HH:MM on a 24-hour clock, quoted, such as \"07:00\")", s)
	}
	return h, m, nil
}

// loadLocation loads an IANA zone, refusing "Local": a digest time must not
// depend on the machine it runs on.
func loadLocation(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("%q is not an IANA time zone (such as Europe/London or UTC)", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%q is not an IANA time zone (such as Europe/London or UTC)", name)
	}
	return loc, nil
}

// decodeFilters reads a mapping of search filter names to a value or a list
// of values, checking each with breachwire.ParseFilter so that a bad filter is
// reported at its own line.
func decodeFilters(d *decoder, path string, n ast.Node) url.Values {
	pairs, ok := d.mapping(n, path)
	if !ok {
		return nil
	}
	vals := url.Values{}
	now := time.Now()
	for _, pr := range pairs {
		kp := join(path, pr.key)
		d.lines[kp] = pr.line
		if !slices.Contains(breachwire.FilterKeys, pr.key) {
			d.add(pr.line, kp, "unknown filter%s", suggestWord(pr.key, breachwire.FilterKeys))
			continue
		}
		list, _ := d.strList(kp, pr.value)
		if len(list) == 0 {
			continue
		}
		one := url.Values{pr.key: list}
		if _, err := breachwire.ParseFilter(one, now); err != nil {
			d.add(pr.line, kp, "%s", strings.TrimPrefix(breachwire.ErrorMessage(err), pr.key+": "))
			continue
		}
		vals[pr.key] = list
	}
	if _, err := breachwire.ParseFilter(vals, now); err != nil {
		// A rule across filters, such as until before since.
		d.add(lineOf(n), path, "%s", breachwire.ErrorMessage(err))
	}
	return vals
}

func suggestWord(key string, words []string) string {
	m := make(map[string]func(string, ast.Node), len(words))
	for _, w := range words {
		m[w] = nil
	}
	return suggest(key, m)
}

func (c *Config) validateDigest(at reporter) {
	g := c.Digest
	s := g.SMTP
	switch s.TLS {
	case TLSStartTLS, TLSImplicit, TLSNone:
	default:
		at("digest.smtp.tls", "%q is not starttls, tls or none", s.TLS)
	}
	if s.Port < 0 || s.Port > 65535 {
		at("digest.smtp.port", "%d is not a port (1 to 65535)", s.Port)
	}
	if s.PasswordEnv != "" {
		if !envName.MatchString(s.PasswordEnv) {
			at("digest.smtp.password_env", "%q is not an environment variable name (letters, digits and _)", s.PasswordEnv)
		}
		if s.Username == "" {
			at("digest.smtp.username", "missing: password_env is set, so the server needs a user name to go with it")
		}
	}
	if s.TLS == TLSNone && (s.Username != "" || s.PasswordEnv != "") && !isLoopback(s.Host) {
		at("digest.smtp.tls", "none would send the SMTP credentials in clear text to %s; use starttls or tls", s.Host)
	}
	if s.Host != "" && strings.ContainsAny(s.Host, " /:@") {
		at("digest.smtp.host", "%q is not a host name (give the port in digest.smtp.port)", s.Host)
	}
	if g.From != "" {
		if _, err := mail.ParseAddress(g.From); err != nil {
			at("digest.from", "%q is not an email address such as \"breachwire <breachwire@example.org>\"", g.From)
		}
	}
	if len(g.Subscriptions) > 0 {
		if s.Host == "" {
			at("digest.smtp.host", "missing: subscriptions are configured, so the digest needs an SMTP server")
		}
		if g.From == "" {
			at("digest.from", "missing: subscriptions are configured, so the digest needs a sender address")
		}
	}
	names := map[string]int{}
	for i, sub := range g.Subscriptions {
		p := index("digest.subscriptions", i)
		if sub.Name == "" {
			at(p+".name", "missing: every subscription needs a name")
		} else if j, dup := names[strings.ToLower(sub.Name)]; dup {
			at(p+".name", "%q is already the name of digest.subscriptions[%d]", sub.Name, j)
		} else {
			names[strings.ToLower(sub.Name)] = i
		}
		if len(sub.To) == 0 {
			at(p+".to", "missing: list at least one recipient")
		}
		for j, addr := range sub.To {
			if _, err := mail.ParseAddress(addr); err != nil {
				at(index(p+".to", j), "%q is not an email address", addr)
			}
		}
		if sub.Hour < 0 || sub.Hour > 23 || sub.Minute < 0 || sub.Minute > 59 {
			at(p+".time", "%02d:%02d is not a time of day", sub.Hour, sub.Minute)
		}
		if sub.Location == nil {
			at(p+".timezone", "missing: give an IANA time zone such as Europe/London")
		}
	}
}

// defaultSMTPPort is the usual port of each TLS mode.
func defaultSMTPPort(mode string) int {
	switch mode {
	case TLSImplicit:
		return 465
	case TLSNone:
		return 25
	}
	return 587
}

// Addr returns host:port for dialling the SMTP server.
func (s SMTP) Addr() string {
	port := s.Port
	if port == 0 {
		port = defaultSMTPPort(s.TLS)
	}
	return net.JoinHostPort(s.Host, strconv.Itoa(port))
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	a, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && a.IsLoopback()
}
