package config

import (
	"bytes"
	"errors"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"breachwire"
)

// one is a valid source to which a case appends the key under test.
const one = "sources:\n  - name: A\n    kind: press\n    url: https://a.example/feed\n"

// TestParse_Errors holds the exact message of every validation error: the
// file, the line, the key and what to do. Each case is a whole file.
func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{"UnknownTopLevelKey", "sourcs:\n  - name: x\n",
			`feeds.yaml:1: sourcs: unknown key (did you mean sources?)`},
		{"UnknownSourceKeyTypo", one + "    intreval: 1h\n",
			`feeds.yaml:5: sources[0].intreval: unknown key (did you mean interval?)`},
		{"UnknownSourceKeyListsKnown", one + "    zzzzzz: 1\n",
			`feeds.yaml:5: sources[0].zzzzzz: unknown key (known: country, exclude, format, full_text, include, interval, kind, max_items, name, pattern, selectors, url)`},
		{"UnknownSelectorKey", one + "    selectors: {itme: li}\n",
			`feeds.yaml:5: sources[0].selectors.itme: unknown key (did you mean item?)`},
		{"WrongTypeList", "settings:\n  timeout: [1s]\n",
			`feeds.yaml:2: settings.timeout: expected a duration such as 6h, got a list`},
		{"WrongTypeBool", "settings:\n  allow_private: yes\n",
			`feeds.yaml:2: settings.allow_private: expected true or false, got "yes"`},
		{"WrongTypeNumber", "settings:\n  max_redirects: ten\n",
			`feeds.yaml:2: settings.max_redirects: expected a whole number, got "ten"`},
		{"WrongTypeMapping", "settings: [1]\n",
			`feeds.yaml:1: settings: expected a mapping (key: value), got a list`},
		{"WrongTypeText", one + "    country: [GB]\n",
			`feeds.yaml:5: sources[0].country: expected text, got a list`},
		{"DurationInWords", one + "    interval: 6 hours\n",
			`feeds.yaml:5: sources[0].interval: "6 hours" is not a duration (use 6h)`},
		{"DurationDays", one + "    interval: 2 days\n",
			`feeds.yaml:5: sources[0].interval: "2 days" is not a duration (use 48h)`},
		{"DurationWithoutUnit", one + "    interval: 3600\n",
			`feeds.yaml:5: sources[0].interval: "3600" is not a duration (use 3600s)`},
		{"BadSize", "settings:\n  max_body: 10 megs\n",
			`feeds.yaml:2: settings.max_body: "10 megs" is not a size (use a number with B, KiB, MiB or GiB, such as 10MiB)`},
		{"A6_NonHTTPSchemes", "sources:\n" +
			"  - {name: A, kind: press, url: ftp://x/feed}\n" +
			"  - {name: B, kind: press, url: /feed}\n" +
			"  - {name: C, kind: press, url: 'https://u:p@x.example/feed'}\n" +
			"  - {name: D, kind: press, url: 'https://x.example/a b'}\n" +
			"  - {name: E, kind: press, url: 'https://'}\n" +
			"  - {name: F, kind: press, url: 'file:///etc/passwd'}\n" +
			"  - {name: G, kind: press, url: 'javascript:alert(1)'}\n",
			`feeds.yaml:2: sources[0].url: "ftp://x/feed": scheme "ftp" is not http or https
feeds.yaml:3: sources[1].url: "/feed" is not an absolute URL (start it with https://)
feeds.yaml:4: sources[2].url: "https://REDACTED@x.example/feed" carries a user name or password; credentials do not belong in feeds.yaml
feeds.yaml:5: sources[3].url: "https://x.example/a b" contains spaces
feeds.yaml:6: sources[4].url: "https://" has no host
feeds.yaml:7: sources[5].url: "file:///etc/passwd": scheme "file" is not http or https (set settings.allow_files: true to read local files)
feeds.yaml:8: sources[6].url: "javascript:alert(1)": scheme "javascript" is not http or https`},
		{"DuplicateNames", one +
			"  - name: A\n    kind: press\n    url: https://b.example/\n" +
			"  - name: a!\n    kind: press\n    url: https://c.example/\n",
			`feeds.yaml:5: sources[1].name: "A" is already the name of sources[0]
feeds.yaml:8: sources[2].name: "a!" gives the id "a", the same as sources[0] ("A"); names must differ in more than case and punctuation`},
		{"DuplicateURLAfterNormalising", one + "  - name: B\n    kind: press\n    url: HTTP://A.example:80/feed/#x\n",
			`feeds.yaml:7: sources[1].url: "HTTP://A.example:80/feed/#x" is already read by sources[0] ("A")`},
		{"BadRegexps", one + "    pattern: '(unclosed'\n    include: [ok, '[z-a]']\n    exclude: '*'\n",
			`feeds.yaml:5: sources[0].pattern: "(unclosed" is not a regular expression: missing closing ) "(unclosed"
feeds.yaml:6: sources[0].include[1]: "[z-a]" is not a regular expression: invalid character class range "z-a"
feeds.yaml:7: sources[0].exclude[0]: "*" is not a regular expression: missing argument to repetition operator "*"`},
		{"BadCSSSelectors", "sources:\n  - name: A\n    kind: press\n    url: https://a.example/\n    format: html\n" +
			"    selectors:\n      item: 'div['\n      body: 'p >'\n      date_attr: '1x'\n",
			`feeds.yaml:7: sources[0].selectors.item: "div[" is not a CSS selector: expected identifier, found EOF instead
feeds.yaml:8: sources[0].selectors.body: "p >" is not a CSS selector: expected selector, found EOF instead
feeds.yaml:9: sources[0].selectors.date_attr: "1x" is not an attribute name (such as datetime or content)`},
		{"HTMLWithoutItemSelector", "sources:\n  - name: A\n    kind: press\n    url: https://a.example/\n    format: html\n",
			`feeds.yaml:2: sources[0].selectors.item: missing: an html source needs an item selector, one element per listed article`},
		{"SitemapWithoutPattern", "sources:\n  - name: A\n    kind: regulator\n    url: https://a.example/sitemap.xml\n    format: sitemap\n",
			`feeds.yaml:2: sources[0].pattern: missing: a sitemap source needs a pattern to pick the article URLs out of the sitemap`},
		{"MissingAndBadEnums", "sources:\n  - country: GBR\n  - name: B\n    kind: newspaper\n    url: https://b.example/\n    format: rss\n",
			`feeds.yaml:2: sources[0].name: missing: every source needs a name
feeds.yaml:2: sources[0].kind: missing: say regulator or press
feeds.yaml:2: sources[0].country: "GBR" is not a two-letter ISO 3166 country code (or EU)
feeds.yaml:2: sources[0].url: missing: every source needs a URL
feeds.yaml:4: sources[1].kind: "newspaper" is not regulator or press
feeds.yaml:6: sources[1].format: "rss" is not feed, html or sitemap (RSS, Atom and JSON Feed are all 'feed')`},
		{"EmptyEntry", "sources:\n  -\n",
			`feeds.yaml:2: sources[0].name: missing: every source needs a name
feeds.yaml:2: sources[0].kind: missing: say regulator or press
feeds.yaml:2: sources[0].url: missing: every source needs a URL`},
		{"IntervalBounds", one + "    interval: 1m\n  - name: B\n    kind: regulator\n    url: https://b.example/\n    interval: 48h\n",
			`feeds.yaml:5: sources[0].interval: 1m is out of range (5m to 168h)
feeds.yaml:9: sources[1].interval: 48h is longer than settings.max_backoff (24h), so a failing source would be polled more often than a healthy one`},
		{"MaxItems", one + "    max_items: -1\n",
			`feeds.yaml:5: sources[0].max_items: -1 is out of range (0 for settings.max_items, up to 10000)`},
		{"Timeouts", "settings:\n  timeout: 5s\n  connect_timeout: 10s\n  header_timeout: 1h\n",
			`feeds.yaml:3: settings.connect_timeout: 10s is longer than settings.timeout (5s), which bounds the whole request
feeds.yaml:4: settings.header_timeout: 1h is out of range (100ms to 10m)`},
		{"SettingsBounds", "settings:\n  user_agent: \"a\\nb\"\n  max_body: 1B\n  max_items: 0\n  workers: 100\n  max_redirects: 11\n  host_gap: -1s\n  allow_ports: [80, 0]\n",
			`feeds.yaml:2: settings.user_agent: contains a character that cannot be sent in a header ("\n" at byte 1)
feeds.yaml:3: settings.max_body: 1B is out of range (1KiB to 1GiB)
feeds.yaml:4: settings.max_items: 0 is out of range (1 to 10000)
feeds.yaml:5: settings.workers: 100 is out of range (1 to 64)
feeds.yaml:6: settings.max_redirects: 11 is out of range (0 to 10)
feeds.yaml:7: settings.host_gap: -1s is out of range (0s to 1m)
feeds.yaml:8: settings.allow_ports[1]: 0 is not a port (1 to 65535)`},
		{"A1_AllowRules", "settings:\n  allow:\n    - localhost:8080\n    - 10.0.0.0/33\n    - example.org\n    - '127.0.0.1:0'\n",
			`feeds.yaml:3: settings.allow[0]: "localhost:8080": write an IP address, not a host name (names are resolved when dialling and cannot be trusted)
feeds.yaml:4: settings.allow[1]: "10.0.0.0/33" is not a CIDR, IP address or IP:port
feeds.yaml:5: settings.allow[2]: "example.org": write an IP address or CIDR, not a host name (names are resolved when dialling and cannot be trusted)
feeds.yaml:6: settings.allow[3]: "127.0.0.1:0": port 0 is not a port`},
		{"ServerAddrAndBaseURL", "server:\n  addr: localhost\n  base_url: 'https://x.example/?a=1'\n",
			`feeds.yaml:2: server.addr: "localhost" is not host:port (for example 127.0.0.1:8080 or :8080)
feeds.yaml:3: server.base_url: "https://x.example/?a=1" must not have a query or fragment`},
		{"ServerPortAndRelativeBaseURL", "server:\n  addr: ':99999'\n  base_url: 'x.example'\n",
			`feeds.yaml:2: server.addr: ":99999": "99999" is not a port number
feeds.yaml:3: server.base_url: "x.example" is not an absolute URL (start it with https://)`},
		{"InlinePassword", "digest:\n  smtp:\n    host: smtp.example.org\n    password: hunter2\n",
			`feeds.yaml:4: digest.smtp.password: passwords are not read from feeds.yaml; put it in an environment variable and name that variable in password_env`},
		{"Subscriptions", "digest:\n  subscriptions:\n    - name: a\n      to: [bob]\n      time: '25:00'\n      timezone: Mars/Base\n" +
			"      filters: {mfa: maybe, regulatr: ICO, min_fine: lots}\n    - name: A\n",
			`feeds.yaml:1: digest.smtp.host: missing: subscriptions are configured, so the digest needs an SMTP server
feeds.yaml:1: digest.from: missing: subscriptions are configured, so the digest needs a sender address
feeds.yaml:4: digest.subscriptions[0].to[0]: "bob" is not an email address
feeds.yaml:5: digest.subscriptions[0].time: "25:00" is not a time of day (use HH:MM on a 24-hour clock, quoted, such as "07:00")
feeds.yaml:6: digest.subscriptions[0].timezone: "Mars/Base" is not an IANA time zone (such as Europe/London or UTC)
feeds.yaml:7: digest.subscriptions[0].filters.mfa: "maybe" is not absent, present or mentioned
feeds.yaml:7: digest.subscriptions[0].filters.regulatr: unknown filter (did you mean regulator?)
feeds.yaml:7: digest.subscriptions[0].filters.min_fine: "lots" is not a non-negative number such as 1000000, 250k or 1.5m
feeds.yaml:8: digest.subscriptions[1].name: "A" is already the name of digest.subscriptions[0]
feeds.yaml:8: digest.subscriptions[1].to: missing: list at least one recipient`},
		{"LocalTimezoneRefused", "digest:\n  subscriptions:\n    - {name: a, to: a@b.example, timezone: Local}\n",
			`feeds.yaml:1: digest.smtp.host: missing: subscriptions are configured, so the digest needs an SMTP server
feeds.yaml:1: digest.from: missing: subscriptions are configured, so the digest needs a sender address
feeds.yaml:3: digest.subscriptions[0].timezone: "Local" is not an IANA time zone (such as Europe/London or UTC)`},
		{"FilterAcrossKeys", "digest:\n  smtp: {host: smtp.example.org}\n  from: a@b.example\n  subscriptions:\n" +
			"    - name: x\n      to: a@b.example\n      filters:\n        since: 2025-01-01\n        until: 2024-01-01\n",
			`feeds.yaml:8: digest.subscriptions[0].filters: until (2024-01-01) is not after since (2025-01-01)`},
		{"SMTPCredentialsInClear", "digest:\n  smtp: {host: mail.example.org, tls: none, username: u, password_env: 'X Y'}\n  from: 'not an address'\n",
			`feeds.yaml:2: digest.smtp.password_env: "X Y" is not an environment variable name (letters, digits and _)
feeds.yaml:2: digest.smtp.tls: none would send the SMTP credentials in clear text to mail.example.org; use starttls or tls
feeds.yaml:3: digest.from: "not an address" is not an email address such as "breachwire <breachwire@example.org>"`},
		{"SMTPModeHostPort", "digest:\n  smtp: {host: 'mail.example.org:25', tls: yes, port: 70000}\n",
			`feeds.yaml:2: digest.smtp.tls: "yes" is not starttls, tls or none
feeds.yaml:2: digest.smtp.port: 70000 is not a port (1 to 65535)
feeds.yaml:2: digest.smtp.host: "mail.example.org:25" is not a host name (give the port in digest.smtp.port)`},
		{"PasswordEnvWithoutUsername", "digest:\n  smtp:\n    host: smtp.example.org\n    password_env: PW\n",
			`feeds.yaml:2: digest.smtp.username: missing: password_env is set, so the server needs a user name to go with it`},
		{"TopLevelList", "- a\n- b\n",
			`feeds.yaml:1: expected a mapping (key: value), got a list`},
		{"YAMLSyntax", "a: [1,\n",
			`feeds.yaml:1: YAML syntax: sequence end token ']' not found`},
		{"DuplicateKey", one + "    url: https://b.example/\n",
			`feeds.yaml:5: YAML syntax: mapping key "url" already defined at [4:5]`},
		{"TwoDocuments", "settings: {}\n---\nsources: []\n",
			`feeds.yaml:3: only one YAML document is allowed (remove the second '---')`},
		{"SourcesNotAList", "sources: 3\n",
			`feeds.yaml:1: sources: expected a list of sources (each starting with '- name:'), got the number 3`},
		{"EntryNotAMappingKeepsIndexes", "sources:\n  - 3\n  - name: B\n    kind: press\n    url: ftp://b\n",
			`feeds.yaml:2: sources[0]: expected a mapping (key: value), got the number 3
feeds.yaml:5: sources[1].url: "ftp://b": scheme "ftp" is not http or https`},
		{"UnknownAlias", "sources:\n  - *nope\n",
			`feeds.yaml:2: sources[0]: alias *nope names no anchor`},
		{"SelfMerge", "sources:\n  - &a {<<: *a, name: A}\n",
			`feeds.yaml:2: sources[0]: merge keys (<<) nested too deeply`},
		{"TooLarge", "# " + strings.Repeat("x", MaxFileSize) + "\n",
			`feeds.yaml: the file is larger than the limit of 4194304 bytes; is --config pointing at feeds.yaml?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("feeds.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse accepted the file; sources: %+v", c.Sources)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("wrong error\n got: %s\nwant: %s", got, tt.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false")
			}
			if code := breachwire.ErrorCode(err); code != breachwire.ECodeInvalid {
				t.Errorf("ErrorCode = %q, want %q", code, breachwire.ECodeInvalid)
			}
			if msg := breachwire.ErrorMessage(err); msg != tt.want {
				t.Errorf("ErrorMessage differs from Error: %q", msg)
			}
		})
	}
}

// TestParse_ListsEveryProblem checks that a file with mistakes in every
// section gets them all in one error, in line order, and no Config.
func TestParse_ListsEveryProblem(t *testing.T) {
	data := `settings:
  timeout: 30 seconds
  max_body: huge
sources:
  - name: ICO news
    kind: regulator
    url: https://ico.org.uk/sitemap.xml
    format: sitemap
  - name: The Register
    kind: press
    url: https://www.theregister.com/security/headlines.atom
    interval: 6 hours
    colour: red
server:
  addr: nowhere
digest:
  smtp: {host: smtp.example.org, password: x}
`
	c, err := Parse("feeds.yaml", []byte(data))
	if c != nil {
		t.Errorf("Parse returned a Config with an error")
	}
	var inv *InvalidError
	if !errors.As(err, &inv) {
		t.Fatalf("err = %v, want *InvalidError", err)
	}
	var got []string
	for _, p := range inv.Problems {
		got = append(got, p.Key)
	}
	want := []string{"settings.timeout", "settings.max_body", "sources[0].pattern", "sources[1].interval",
		"sources[1].colour", "server.addr", "digest.smtp.password"}
	if !slices.Equal(got, want) {
		t.Errorf("problem keys = %q\nwant %q", got, want)
	}
	for i := 1; i < len(inv.Problems); i++ {
		if inv.Problems[i].Line < inv.Problems[i-1].Line {
			t.Errorf("problems out of line order: %v", inv.Problems)
		}
	}
}

func TestInvalidError_CapsTheList(t *testing.T) {
	var b strings.Builder
	b.WriteString("settings:\n")
	for i := range maxProblems + 5 {
		b.WriteString("  k" + strings.Repeat("q", i) + ": 1\n")
	}
	_, err := Parse("feeds.yaml", []byte(b.String()))
	if err == nil {
		t.Fatal("Parse accepted unknown keys")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxProblems+1 || lines[maxProblems] != "... and 5 more problems" {
		t.Errorf("got %d lines ending %q", len(lines), lines[len(lines)-1])
	}
}

// TestParse_Values reads every key and checks the typed result.
func TestParse_Values(t *testing.T) {
	data := `settings:
  user_agent: "breachwire/{version} (+https://ops.example/contact)"
  allow_private: true
  allow: [127.0.0.1, "10.0.0.0/8", "[::1]:8080", "::ffff:192.168.1.9"]
  allow_ports: [80, 443, 8443]
  host_gap: 500ms
  timeout: 1m
  connect_timeout: 5s
  header_timeout: 15s
  max_body: 512KiB
  max_redirects: 3
  max_items: 50
  max_backoff: 48h
  workers: 8
sources:
  - name: ICO news
    kind: Regulator
    country: gb
    url: https://ico.org.uk/sitemap.xml
    format: sitemap
    pattern: "/news-and-blogs/\\d{4}/"
    include: fine
    exclude: ["(?i)podcast", webinar]
    full_text: true
    max_items: 20
  - name: Listing
    kind: press
    url: https://listing.example/news
    format: HTML
    interval: 90m
    selectors:
      item: "article.card"
      title: "h3"
      link: "a"
      date: "time"
      date_attr: datetime
      body: "div.body"
server:
  addr: ":9090"
  base_url: https://breachwire.example/
digest:
  smtp: {host: smtp.example.org, tls: tls, username: bw, password_env: BW_PASS}
  from: "breachwire <bw@example.org>"
  subscriptions:
    - name: ICO without MFA
      to: [a@example.org, "B <b@example.org>"]
      time: "6:30"
      timezone: Europe/London
      filters: {regulator: [ICO], mfa: absent, min_fine: 1m, since: 7d}
`
	c, err := Parse("feeds.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Settings
	if s.UserAgentFor("1.2.3") != "breachwire/1.2.3 (+https://ops.example/contact)" {
		t.Errorf("UserAgentFor = %q", s.UserAgentFor("1.2.3"))
	}
	if !s.AllowPrivate || s.HostGap != 500*time.Millisecond || s.Timeout != time.Minute ||
		s.ConnectTimeout != 5*time.Second || s.HeaderTimeout != 15*time.Second || s.MaxBody != 512<<10 ||
		s.MaxRedirects != 3 || s.MaxItems != 50 || s.MaxBackoff != 48*time.Hour || s.Workers != 8 {
		t.Errorf("settings = %+v", s)
	}
	if !slices.Equal(s.AllowPorts, []int{80, 443, 8443}) {
		t.Errorf("allow_ports = %v", s.AllowPorts)
	}
	var rules []string
	for _, r := range s.Allow {
		rules = append(rules, r.String())
	}
	if want := []string{"127.0.0.1", "10.0.0.0/8", "[::1]:8080", "192.168.1.9"}; !slices.Equal(rules, want) {
		t.Errorf("allow = %q, want %q", rules, want)
	}
	if len(c.Sources) != 2 {
		t.Fatalf("got %d sources", len(c.Sources))
	}
	ico := c.Sources[0]
	if ico.ID != "ico-news" || ico.Kind != breachwire.KindRegulator || ico.Country != "GB" ||
		ico.Format != breachwire.FormatSitemap || ico.Interval != DefaultRegulatorInterval ||
		!ico.FullText || ico.MaxItems != 20 {
		t.Errorf("ico = %+v", ico)
	}
	if !ico.Pattern.MatchString("https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2025/03/x/") {
		t.Errorf("pattern %v does not match a news URL", ico.Pattern)
	}
	if !ico.Accepts("ICO fine for Advanced", "u") || ico.Accepts("Fine podcast", "u") || ico.Accepts("Reprimand", "u") {
		t.Errorf("include/exclude not applied: include %v exclude %v", ico.Include, ico.Exclude)
	}
	l := c.Sources[1]
	want := breachwire.Selectors{Item: "article.card", Title: "h3", Link: "a", Date: "time", DateAttr: "datetime", Body: "div.body"}
	if l.Format != breachwire.FormatHTML || l.Interval != 90*time.Minute || l.Selectors != want || l.Country != "" {
		t.Errorf("listing = %+v", l)
	}
	if c.Server.Addr != ":9090" || c.Server.BaseURL != "https://breachwire.example/" {
		t.Errorf("server = %+v", c.Server)
	}
	g := c.Digest
	if g.SMTP.Host != "smtp.example.org" || g.SMTP.Port != 465 || g.SMTP.TLS != TLSImplicit ||
		g.SMTP.Username != "bw" || g.SMTP.PasswordEnv != "BW_PASS" || g.SMTP.Addr() != "smtp.example.org:465" {
		t.Errorf("smtp = %+v", g.SMTP)
	}
	sub := g.Subscriptions[0]
	if sub.Name != "ICO without MFA" || !slices.Equal(sub.To, []string{"a@example.org", "B <b@example.org>"}) ||
		sub.Time != "06:30" || sub.Hour != 6 || sub.Minute != 30 || sub.Location.String() != "Europe/London" {
		t.Errorf("subscription = %+v", sub)
	}
	now := time.Date(2025, 3, 27, 12, 0, 0, 0, time.UTC)
	f, err := sub.Filter(now)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.Regulator, []string{"ICO"}) || f.MFA != "absent" || f.MinFine != 1e6 || !f.Since.Equal(now.Add(-7*24*time.Hour)) {
		t.Errorf("filter = %+v", f)
	}
	if len(c.Warnings) != 0 {
		t.Errorf("warnings = %v", c.Warnings)
	}
}

// TestParse_Defaults checks what a minimal file gets from New and from the
// per-kind interval defaults.
func TestParse_Defaults(t *testing.T) {
	c, err := Parse("feeds.yaml", []byte(one+"  - name: CNIL actualités\n    kind: regulator\n    url: https://www.cnil.fr/fr/rss.xml\n"))
	if err != nil {
		t.Fatal(err)
	}
	def := New()
	if !slices.Equal(c.Settings.AllowPorts, def.Settings.AllowPorts) || c.Settings.MaxBody != 10<<20 ||
		c.Settings.MaxRedirects != 10 || c.Settings.Timeout != 30*time.Second || c.Settings.HostGap != 2*time.Second ||
		c.Settings.UserAgent != DefaultUserAgent || c.Settings.AllowPrivate {
		t.Errorf("settings = %+v", c.Settings)
	}
	a, cnil := c.Sources[0], c.Sources[1]
	if a.Interval != time.Hour || a.Format != breachwire.FormatFeed || a.ID != "a" {
		t.Errorf("press source = %+v", a)
	}
	if cnil.Interval != 6*time.Hour || cnil.ID != "cnil-actualites" {
		t.Errorf("regulator source = %+v", cnil)
	}
	if c.Server.Addr != "127.0.0.1:8080" || c.Digest.SMTP.Port != 587 || c.Digest.SMTP.TLS != TLSStartTLS {
		t.Errorf("server %+v smtp %+v", c.Server, c.Digest.SMTP)
	}
	var keys []string
	for _, w := range c.Warnings {
		keys = append(keys, w.Key)
	}
	if !slices.Equal(keys, []string{"settings.user_agent"}) {
		t.Errorf("warnings = %v, want only the placeholder contact", c.Warnings)
	}
}

func TestParse_AnchorsAndMergeKeys(t *testing.T) {
	data := `x-press: &press {kind: press, interval: 2h, exclude: [sponsored]}
sources:
  - <<: *press
    name: A
    url: https://a.example/feed
  - <<: *press
    name: B
    url: https://b.example/feed
    interval: 90m
`
	c, err := Parse("feeds.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if c.Sources[0].Kind != breachwire.KindPress || c.Sources[0].Interval != 2*time.Hour || len(c.Sources[0].Exclude) != 1 {
		t.Errorf("merged source = %+v", c.Sources[0])
	}
	if c.Sources[1].Interval != 90*time.Minute {
		t.Errorf("explicit key lost to the merge: %v", c.Sources[1].Interval)
	}
}

func TestParse_WarnsAboutIgnoredSelectors(t *testing.T) {
	c, err := Parse("feeds.yaml", []byte(one+"    selectors: {item: li, body: main}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range c.Warnings {
		got = append(got, w.String())
	}
	want := []string{
		`feeds.yaml:5: sources[0].selectors.item: is ignored: only html sources have a listing to select items from`,
		`feeds.yaml: settings.user_agent: "breachwire/{version} (+https://example.org/contact)" has no real contact; edit it to name a URL or address where site owners can reach you`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLoad_DefaultFeedsYAML loads the feeds.yaml shipped at the repository
// root: it must be valid and hold the 28 sources marked verified or likely
// in the feed catalogue.
func TestLoad_DefaultFeedsYAML(t *testing.T) {
	c, err := Load(filepath.Join("..", "feeds.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	wantRegulators := []string{"ICO news", "ICO enforcement", "NCSC news", "EDPB news", "CNIL actualités",
		"DPC Ireland press releases", "Autoriteit Persoonsgegevens", "AEPD noticias", "Garante privacy",
		"FTC press releases", "HHS OCR resolution agreements", "HHS OCR breach portal", "SEC press releases",
		"SEC litigation releases", "CISA advisories", "CISA news", "OPC Canada news"}
	wantPress := []string{"BBC Technology", "The Register security", "BleepingComputer", "The Record", "SecurityWeek",
		"Krebs on Security", "Dark Reading", "Infosecurity Magazine", "Computer Weekly security", "HIPAA Journal",
		"TechCrunch security"}
	var regulators, press []string
	byName := map[string]breachwire.Source{}
	for _, s := range c.Sources {
		byName[s.Name] = s
		switch s.Kind {
		case breachwire.KindRegulator:
			regulators = append(regulators, s.Name)
			if s.Interval < 6*time.Hour || s.Interval > 12*time.Hour {
				t.Errorf("%s: regulator interval %v, want 6h to 12h", s.Name, s.Interval)
			}
		case breachwire.KindPress:
			press = append(press, s.Name)
			if s.Interval < time.Hour || s.Interval > 2*time.Hour {
				t.Errorf("%s: press interval %v, want 1h to 2h", s.Name, s.Interval)
			}
		}
		if s.Country == "" {
			t.Errorf("%s: no country", s.Name)
		}
		if s.Format == breachwire.FormatHTML && s.Selectors.Item == "" {
			t.Errorf("%s: html without item selector", s.Name)
		}
	}
	if len(c.Sources) != 28 || !slices.Equal(regulators, wantRegulators) || !slices.Equal(press, wantPress) {
		t.Errorf("%d sources\nregulators %q\npress %q", len(c.Sources), regulators, press)
	}
	// The ICO publishes no feed: both ICO sources read the sitemap, each
	// with its own pattern.
	news, enf := byName["ICO news"], byName["ICO enforcement"]
	for _, s := range []breachwire.Source{news, enf} {
		if s.Format != breachwire.FormatSitemap || s.URL != "https://ico.org.uk/sitemap.xml" {
			t.Errorf("%s: format %s url %s, want the ICO sitemap", s.Name, s.Format, s.URL)
		}
	}
	newsURL := "https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2025/03/ico-fines-software-provider/"
	enfURL := "https://ico.org.uk/action-weve-taken/enforcement/advanced-computer-software-group-ltd/"
	if news.Pattern == nil || enf.Pattern == nil || !news.Pattern.MatchString(newsURL) || news.Pattern.MatchString(enfURL) ||
		!enf.Pattern.MatchString(enfURL) || enf.Pattern.MatchString(newsURL) ||
		enf.Pattern.MatchString("https://ico.org.uk/action-weve-taken/enforcement/") {
		t.Errorf("ICO patterns do not separate news %v from enforcement %v", news.Pattern, enf.Pattern)
	}
	if s := byName["BleepingComputer"]; !s.FullText || s.Selectors.Body != "div.articleBody" {
		t.Errorf("BleepingComputer = %+v, want full text with its body selector", s)
	}
	if s := byName["DPC Ireland press releases"]; !s.Pattern.MatchString("https://www.dataprotection.ie/en/news-media/press-releases/dpc-fines-x") ||
		s.Pattern.MatchString("https://www.dataprotection.ie/en/news-media/press-releases?page=2") {
		t.Errorf("DPC pattern %v", s.Pattern)
	}
	if len(c.Warnings) != 1 || c.Warnings[0].Key != "settings.user_agent" {
		t.Errorf("warnings = %v, want only the placeholder contact", c.Warnings)
	}
	if ua := c.Settings.UserAgentFor("0.1.0"); !strings.HasPrefix(ua, "breachwire/0.1.0 (+https://") {
		t.Errorf("user agent %q", ua)
	}
}

func TestLoad_Errors(t *testing.T) {
	dir := t.TempDir()
	t.Run("NotFound", func(t *testing.T) {
		_, err := Load(filepath.Join(dir, "missing.yaml"))
		if !errors.Is(err, fs.ErrNotExist) || breachwire.ErrorCode(err) != breachwire.ECodeNotFound {
			t.Errorf("err = %v (code %q)", err, breachwire.ErrorCode(err))
		}
		if !strings.Contains(breachwire.ErrorMessage(err), "missing.yaml not found") {
			t.Errorf("message %q does not name the file", breachwire.ErrorMessage(err))
		}
	})
	t.Run("Directory", func(t *testing.T) {
		_, err := Load(dir)
		if err == nil || breachwire.ErrorCode(err) != breachwire.ECodeInvalid || errors.Is(err, ErrInvalid) {
			t.Errorf("err = %v (code %q)", err, breachwire.ErrorCode(err))
		}
	})
	t.Run("TooLarge", func(t *testing.T) {
		path := filepath.Join(dir, "huge.yaml")
		if err := os.WriteFile(path, bytes.Repeat([]byte("# padding\n"), MaxFileSize/10+1), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "larger than the limit") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("InvalidNamesThePath", func(t *testing.T) {
		path := filepath.Join(dir, "feeds.yaml")
		if err := os.WriteFile(path, []byte("sources: {}\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path)
		if want := path + ":1: sources: expected a list of sources (each starting with '- name:'), got a mapping"; err == nil || err.Error() != want {
			t.Errorf("err = %v, want %s", err, want)
		}
	})
}

// TestValidate_ConfigBuiltInCode covers configs that tests of other packages
// build without a file: Validate applies the same rules, without lines.
func TestValidate_ConfigBuiltInCode(t *testing.T) {
	c := New()
	c.Settings.Allow = []AllowRule{{Prefix: netip.MustParsePrefix("127.0.0.0/8")}}
	c.Sources = []breachwire.Source{{ID: "a", Name: "A", Kind: breachwire.KindPress, URL: "http://127.0.0.1:8080/feed",
		Format: breachwire.FormatFeed, Interval: time.Hour}}
	if err := c.Validate(); err != nil {
		t.Fatalf("valid config refused: %v", err)
	}
	c.Sources = append(c.Sources, breachwire.Source{ID: "b", Name: "B", Kind: breachwire.KindPress, URL: "gopher://x",
		Format: breachwire.FormatHTML, Interval: time.Hour})
	err := c.Validate()
	want := `sources[1].url: "gopher://x": scheme "gopher" is not http or https
sources[1].selectors.item: missing: an html source needs an item selector, one element per listed article`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

func TestDump_RoundTrip(t *testing.T) {
	c, err := Load(filepath.Join("..", "feeds.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var first bytes.Buffer
	if err := c.Dump(&first); err != nil {
		t.Fatal(err)
	}
	c2, err := Parse("dump.yaml", first.Bytes())
	if err != nil {
		t.Fatalf("the dump is not a valid feeds.yaml: %v\n%s", err, first.String())
	}
	if len(c2.Sources) != len(c.Sources) {
		t.Fatalf("%d sources after the round trip, want %d", len(c2.Sources), len(c.Sources))
	}
	for i, s := range c.Sources {
		s2 := c2.Sources[i]
		if s.ID != s2.ID || s.Name != s2.Name || s.URL != s2.URL || s.Kind != s2.Kind || s.Country != s2.Country ||
			s.Format != s2.Format || s.Interval != s2.Interval || s.Selectors != s2.Selectors || s.FullText != s2.FullText ||
			reString(s.Pattern) != reString(s2.Pattern) {
			t.Errorf("source %d changed:\n%+v\n%+v", i, s, s2)
		}
	}
	if c.Settings.UserAgent != c2.Settings.UserAgent || c.Settings.MaxBody != c2.Settings.MaxBody || c.Server != c2.Server {
		t.Errorf("settings changed: %+v / %+v", c.Settings, c2.Settings)
	}
	var second bytes.Buffer
	if err := c2.Dump(&second); err != nil {
		t.Fatal(err)
	}
	strip := func(s string) string { return s[strings.Index(s, "\nsettings:"):] }
	if strip(first.String()) != strip(second.String()) {
		t.Errorf("dumping the dump changed it:\n%s\n---\n%s", first.String(), second.String())
	}
}

func TestDump_MasksSecrets(t *testing.T) {
	data := one + "  - name: B\n    kind: press\n    url: 'https://b.example/feed?apikey=s3cr3t-key&lang=en'\n" +
		"server:\n  base_url: https://bw.example/\n" +
		"digest:\n  smtp: {host: smtp.example.org, username: bw, password_env: BW_TEST_PASSWORD}\n"
	t.Setenv("BW_TEST_PASSWORD", "hunter2-password")
	c, err := Parse("feeds.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := c.Dump(&out); err != nil {
		t.Fatal(err)
	}
	dump := out.String()
	for _, secret := range []string{"s3cr3t-key", "hunter2-password"} {
		if strings.Contains(dump, secret) {
			t.Errorf("dump leaks %q:\n%s", secret, dump)
		}
	}
	for _, want := range []string{"apikey=REDACTED&lang=en", "$BW_TEST_PASSWORD is set", "password_env: BW_TEST_PASSWORD"} {
		if !strings.Contains(dump, want) {
			t.Errorf("dump lacks %q:\n%s", want, dump)
		}
	}
	if pw, err := c.Digest.SMTP.Password(); err != nil || pw != "hunter2-password" {
		t.Errorf("Password() = %q, %v", pw, err)
	}
	c.Digest.SMTP.PasswordEnv = "BW_TEST_UNSET_PASSWORD"
	if _, err := c.Digest.SMTP.Password(); !errors.Is(err, ErrNoPassword) {
		t.Errorf("Password() with the variable unset: %v, want ErrNoPassword", err)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ name, want string }{
		{"ICO news", "ico-news"},
		{"CNIL actualités", "cnil-actualites"},
		{"  The Register -- security!  ", "the-register-security"},
		{"UK ICO - enforcement action (monetary penalties, reprimands, notices)", "uk-ico-enforcement-action-monetary-penalties-reprimands-notices"},
		{"Straße & Œuvre", "strasse-oeuvre"},
		{"日本のニュース", "日本のニュース"},
		{"!!!", ""},
		{strings.Repeat("abc ", 40), "abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Slug(tt.name); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.name, got, tt.want)
			}
			if len(Slug(tt.name)) > maxIDLen {
				t.Errorf("slug longer than %d", maxIDLen)
			}
		})
	}
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ a, b string }{
		{"https://krebsonsecurity.com/feed/", "http://KrebsOnSecurity.com/feed"},
		{"https://a.example:443/x?b=2&a=1#frag", "https://a.example/x?a=1&b=2"},
		{"https://a.example/", "https://a.example"},
	}
	for _, tt := range tests {
		if NormalizeURL(tt.a) != NormalizeURL(tt.b) {
			t.Errorf("%q and %q normalise to %q and %q", tt.a, tt.b, NormalizeURL(tt.a), NormalizeURL(tt.b))
		}
	}
	for _, pair := range [][2]string{
		{"https://a.example/feed", "https://a.example/feed2"},
		{"https://a.example:8443/feed", "https://a.example/feed"},
		{"https://a.example/rss?t=news", "https://a.example/rss?t=all"},
	} {
		if NormalizeURL(pair[0]) == NormalizeURL(pair[1]) {
			t.Errorf("%q and %q should differ", pair[0], pair[1])
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"10MiB", 10 << 20}, {"10 mib", 10 << 20}, {"512KiB", 512 << 10}, {"1GiB", 1 << 30},
		{"2MB", 2e6}, {"1kb", 1000}, {"1048576", 1 << 20}, {"1.5MiB", 3 << 19}, {"100B", 100}, {"4m", 4 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSize(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "MiB", "-1MiB", "ten", "1e400", "NaN"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
	for n, want := range map[int64]string{10 << 20: "10MiB", 1 << 30: "1GiB", 1536: "1536B", 3 << 10: "3KiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		6 * time.Hour: "6h", 90 * time.Minute: "1h30m", 30 * time.Minute: "30m", 2 * time.Second: "2s",
		500 * time.Millisecond: "500ms", 0: "0s", time.Hour + 30*time.Second: "1h0m30s",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
		if back, err := time.ParseDuration(FormatDuration(d)); err != nil || back != d {
			t.Errorf("FormatDuration(%v) does not parse back: %v %v", d, back, err)
		}
	}
}

// TestAllowRule_A1 checks the allow list the dial guard consults before
// refusing a private address.
func TestAllowRule_A1(t *testing.T) {
	var s Settings
	for _, r := range []string{"127.0.0.1:8080", "10.0.0.0/8", "[::1]:9000"} {
		rule, err := ParseAllowRule(r)
		if err != nil {
			t.Fatal(err)
		}
		s.Allow = append(s.Allow, rule)
	}
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"127.0.0.1:8081", false},
		{"127.0.0.2:8080", false},
		{"10.1.2.3:22", true},
		{"[::ffff:10.1.2.3]:80", true},
		{"[::1]:9000", true},
		{"[::1]:9001", false},
		{"192.168.1.1:80", false},
		{"169.254.169.254:80", false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := s.Allowed(netip.MustParseAddrPort(tt.addr)); got != tt.want {
				t.Errorf("Allowed(%s) = %v, want %v", tt.addr, got, tt.want)
			}
		})
	}
}

func TestSubscription_Next(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	sub := Subscription{Hour: 7, Minute: 0, Location: london}
	tests := []struct {
		name     string
		after    time.Time
		wantUTC  string
		wantHour int
	}{
		{"LaterToday", time.Date(2025, 3, 27, 5, 0, 0, 0, time.UTC), "2025-03-27T07:00:00Z", 7},
		{"AtTheTimeGivesTomorrow", time.Date(2025, 3, 27, 7, 0, 0, 0, time.UTC), "2025-03-28T07:00:00Z", 7},
		// Clocks go forward on 30 March 2025: 07:00 BST is 06:00 UTC.
		{"AcrossTheSpringChange", time.Date(2025, 3, 29, 8, 0, 0, 0, time.UTC), "2025-03-30T06:00:00Z", 7},
		{"Summer", time.Date(2025, 7, 1, 6, 30, 0, 0, time.UTC), "2025-07-02T06:00:00Z", 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sub.Next(tt.after)
			if got.UTC().Format(time.RFC3339) != tt.wantUTC || got.In(london).Hour() != tt.wantHour {
				t.Errorf("Next(%v) = %v, want %s", tt.after, got.UTC(), tt.wantUTC)
			}
		})
	}
}

func reString(re *regexp.Regexp) string {
	if re == nil {
		return ""
	}
	return re.String()
}

func TestParse_FileSources(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "feed.xml"), []byte("<rss/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(dir, "demo.yaml")
	yml := "settings:\n  allow_files: true\nsources:\n  - {name: Local, kind: press, url: 'file:feed.xml'}\n"
	c, err := Parse(cfgPath, []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	if want := "file://" + filepath.ToSlash(filepath.Join(dir, "feed.xml")); c.Sources[0].URL != want {
		t.Errorf("url = %q, want %q", c.Sources[0].URL, want)
	}
	_, err = Parse(cfgPath, []byte("settings:\n  allow_files: true\nsources:\n  - {name: Local, kind: press, url: 'file:missing.xml'}\n"))
	if err == nil || !strings.Contains(err.Error(), "demo.yaml:4: sources[0].url") || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("missing file: error = %v", err)
	}
}
