package config

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"

	"breachwire"
)

// Redacted is what a masked secret reads as in a dump.
const Redacted = "REDACTED"

// secretParam matches query parameter names that usually carry a credential
// (an API key in a feed URL).
var secretParam = regexp.MustCompile(`(?i)(key|token|secret|pass|auth|sig|session|credential)`)

// redactURL masks the user information and secret-looking query values of a
// URL, for dumps and error messages.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	changed := false
	if u.User != nil {
		u.User = url.User(Redacted)
		changed = true
	}
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err == nil {
			for k := range q {
				if secretParam.MatchString(k) {
					q[k] = []string{Redacted}
					changed = true
				}
			}
			if changed {
				u.RawQuery = q.Encode()
			}
		}
	}
	if !changed {
		return s
	}
	return u.String()
}

// The dump types mirror feeds.yaml's keys, so that a dump is itself a valid
// feeds.yaml holding the effective values.
type (
	dumpFile struct {
		Settings dumpSettings `yaml:"settings"`
		Sources  []dumpSource `yaml:"sources"`
		Server   dumpServer   `yaml:"server"`
		Digest   dumpDigest   `yaml:"digest"`
	}
	dumpSettings struct {
		UserAgent      string   `yaml:"user_agent"`
		AllowPrivate   bool     `yaml:"allow_private"`
		AllowFiles     bool     `yaml:"allow_files,omitempty"`
		Allow          []string `yaml:"allow"`
		AllowPorts     []int    `yaml:"allow_ports,flow"`
		HostGap        string   `yaml:"host_gap"`
		Timeout        string   `yaml:"timeout"`
		ConnectTimeout string   `yaml:"connect_timeout"`
		HeaderTimeout  string   `yaml:"header_timeout"`
		MaxBody        string   `yaml:"max_body"`
		MaxRedirects   int      `yaml:"max_redirects"`
		MaxItems       int      `yaml:"max_items"`
		MaxBackoff     string   `yaml:"max_backoff"`
		Workers        int      `yaml:"workers"`
	}
	dumpSource struct {
		Name      string         `yaml:"name"`
		Kind      string         `yaml:"kind"`
		Country   string         `yaml:"country,omitempty"`
		URL       string         `yaml:"url"`
		Format    string         `yaml:"format"`
		Pattern   string         `yaml:"pattern,omitempty"`
		Interval  string         `yaml:"interval"`
		Selectors *dumpSelectors `yaml:"selectors,omitempty"`
		Include   []string       `yaml:"include,omitempty"`
		Exclude   []string       `yaml:"exclude,omitempty"`
		FullText  bool           `yaml:"full_text,omitempty"`
		MaxItems  int            `yaml:"max_items,omitempty"`
	}
	dumpSelectors struct {
		Item     string `yaml:"item,omitempty"`
		Title    string `yaml:"title,omitempty"`
		Link     string `yaml:"link,omitempty"`
		Date     string `yaml:"date,omitempty"`
		DateAttr string `yaml:"date_attr,omitempty"`
		Body     string `yaml:"body,omitempty"`
	}
	dumpServer struct {
		Addr    string `yaml:"addr"`
		BaseURL string `yaml:"base_url"`
	}
	dumpDigest struct {
		SMTP          dumpSMTP           `yaml:"smtp"`
		From          string             `yaml:"from"`
		Subscriptions []dumpSubscription `yaml:"subscriptions"`
	}
	dumpSMTP struct {
		Host        string `yaml:"host"`
		Port        int    `yaml:"port"`
		TLS         string `yaml:"tls"`
		Username    string `yaml:"username"`
		PasswordEnv string `yaml:"password_env"`
	}
	dumpSubscription struct {
		Name     string              `yaml:"name"`
		To       []string            `yaml:"to"`
		Time     string              `yaml:"time"`
		Timezone string              `yaml:"timezone"`
		Filters  map[string][]string `yaml:"filters"`
	}
)

// Dump writes the effective configuration (every default filled in) as
// feeds.yaml text, with secrets masked: credentials and secret-looking query
// parameters in URLs read REDACTED. The SMTP password is never in the file;
// the dump says whether its environment variable is set. It backs
// `--config-dump`, for checking what breachwire understood and for bug
// reports.
func (c *Config) Dump(w io.Writer) error {
	s := c.Settings
	f := dumpFile{
		Settings: dumpSettings{
			UserAgent:      s.UserAgent,
			AllowPrivate:   s.AllowPrivate,
			AllowFiles:     s.AllowFiles,
			Allow:          []string{},
			AllowPorts:     s.AllowPorts,
			HostGap:        FormatDuration(s.HostGap),
			Timeout:        FormatDuration(s.Timeout),
			ConnectTimeout: FormatDuration(s.ConnectTimeout),
			HeaderTimeout:  FormatDuration(s.HeaderTimeout),
			MaxBody:        FormatSize(s.MaxBody),
			MaxRedirects:   s.MaxRedirects,
			MaxItems:       s.MaxItems,
			MaxBackoff:     FormatDuration(s.MaxBackoff),
			Workers:        s.Workers,
		},
		Sources: []dumpSource{},
		Server:  dumpServer{Addr: c.Server.Addr, BaseURL: redactURL(c.Server.BaseURL)},
		Digest: dumpDigest{
			SMTP: dumpSMTP{
				Host: c.Digest.SMTP.Host, Port: c.Digest.SMTP.Port, TLS: c.Digest.SMTP.TLS,
				Username: c.Digest.SMTP.Username, PasswordEnv: c.Digest.SMTP.PasswordEnv,
			},
			From:          c.Digest.From,
			Subscriptions: []dumpSubscription{},
		},
	}
	for _, r := range s.Allow {
		f.Settings.Allow = append(f.Settings.Allow, r.String())
	}
	for _, src := range c.Sources {
		ds := dumpSource{
			Name: src.Name, Kind: string(src.Kind), Country: src.Country, URL: redactURL(src.URL),
			Format: string(src.Format), Interval: FormatDuration(src.Interval),
			FullText: src.FullText, MaxItems: src.MaxItems,
		}
		if src.Pattern != nil {
			ds.Pattern = src.Pattern.String()
		}
		if sel := src.Selectors; sel != (breachwire.Selectors{}) {
			ds.Selectors = &dumpSelectors{Item: sel.Item, Title: sel.Title, Link: sel.Link, Date: sel.Date, DateAttr: sel.DateAttr, Body: sel.Body}
		}
		for _, re := range src.Include {
			ds.Include = append(ds.Include, re.String())
		}
		for _, re := range src.Exclude {
			ds.Exclude = append(ds.Exclude, re.String())
		}
		f.Sources = append(f.Sources, ds)
	}
	for _, sub := range c.Digest.Subscriptions {
		f.Digest.Subscriptions = append(f.Digest.Subscriptions, dumpSubscription{
			Name: sub.Name, To: sub.To, Time: sub.Time, Timezone: sub.Timezone, Filters: sub.Filters,
		})
	}
	out, err := yaml.MarshalWithOptions(f, yaml.Indent(2), yaml.IndentSequence(true))
	if err != nil {
		return fmt.Errorf("config: dump: %w", err)
	}
	var head strings.Builder
	fmt.Fprintf(&head, "# Effective configuration read from %s, defaults filled in.\n", orDefault(c.File, "(no file)"))
	fmt.Fprintf(&head, "# Secrets are masked (%s); the SMTP password is never in this file", Redacted)
	if env := c.Digest.SMTP.PasswordEnv; env != "" {
		state := "is not set"
		if _, ok := os.LookupEnv(env); ok {
			state = "is set"
		}
		fmt.Fprintf(&head, ": $%s %s", env, state)
	}
	head.WriteString(".\n")
	if _, err := io.WriteString(w, head.String()); err != nil {
		return fmt.Errorf("config: dump: %w", err)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("config: dump: %w", err)
	}
	return nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
