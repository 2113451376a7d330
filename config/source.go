package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"strings"
	"time"
	"unicode"

	"github.com/andybalholm/cascadia"
	"github.com/goccy/go-yaml/ast"

	"breachwire"
)

// Limits on the text of a source, so that a typo (a pasted page) is caught.
const (
	maxNameLen    = 100
	maxURLLen     = 2048
	maxPatternLen = 1000
	maxIDLen      = 64
)

// DefaultInterval is the polling interval of a source of this kind that gives
// none.
func DefaultInterval(k breachwire.Kind) time.Duration {
	if k == breachwire.KindRegulator {
		return DefaultRegulatorInterval
	}
	return DefaultPressInterval
}

func (c *Config) decodeSources(d *decoder, path string, n ast.Node) {
	n = d.resolve(n, path)
	if isNull(n) {
		return
	}
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.add(lineOf(n), path, "expected a list of sources (each starting with '- name:'), got %s", describe(n))
		return
	}
	for i, item := range seq.Values {
		p := index(path, i)
		d.lines[p] = lineOf(d.resolve(item, p))
		s, ok := decodeSource(d, p, item)
		if !ok {
			// Keep later sources at their index in the file, so that
			// problems name the right entries. The entry's own problem
			// was recorded; Parse drops Validate's reports under it.
			s = breachwire.Source{}
		}
		c.Sources = append(c.Sources, s)
	}
}

// decodeSource reads one entry of sources. ok is false when the entry is not
// a mapping at all.
func decodeSource(d *decoder, path string, n ast.Node) (breachwire.Source, bool) {
	var s breachwire.Source
	interval := false
	text := func(dst *string) func(string, ast.Node) {
		return func(p string, v ast.Node) {
			if x, ok := d.str(p, v); ok {
				*dst = strings.TrimSpace(x)
			}
		}
	}
	regexps := func(dst *[]*regexp.Regexp) func(string, ast.Node) {
		return func(p string, v ast.Node) {
			list, lines := d.strList(p, v)
			for i, item := range list {
				re, err := compileRegexp(item)
				if err != nil {
					d.add(lines[i], index(p, i), "%v", err)
					continue
				}
				*dst = append(*dst, re)
			}
		}
	}
	ok := d.fields(n, path, map[string]func(string, ast.Node){
		"name": text(&s.Name),
		"kind": func(p string, v ast.Node) {
			if x, ok := d.str(p, v); ok {
				s.Kind = breachwire.Kind(strings.ToLower(strings.TrimSpace(x)))
			}
		},
		"country": func(p string, v ast.Node) {
			if x, ok := d.str(p, v); ok {
				s.Country = strings.ToUpper(strings.TrimSpace(x))
			}
		},
		"url": text(&s.URL),
		"format": func(p string, v ast.Node) {
			if x, ok := d.str(p, v); ok {
				s.Format = breachwire.Format(strings.ToLower(strings.TrimSpace(x)))
			}
		},
		"pattern": func(p string, v ast.Node) {
			x, ok := d.str(p, v)
			if !ok || x == "" {
				return
			}
			re, err := compileRegexp(x)
			if err != nil {
				d.add(lineOf(v), p, "%v", err)
				return
			}
			s.Pattern = re
		},
		"interval": func(p string, v ast.Node) {
			if x, ok := d.duration(p, v); ok {
				s.Interval, interval = x, true
			}
		},
		"selectors": func(p string, v ast.Node) {
			sel := &s.Selectors
			d.fields(v, p, map[string]func(string, ast.Node){
				"item":      text(&sel.Item),
				"title":     text(&sel.Title),
				"link":      text(&sel.Link),
				"date":      text(&sel.Date),
				"date_attr": text(&sel.DateAttr),
				"body":      text(&sel.Body),
			})
		},
		"include":   regexps(&s.Include),
		"exclude":   regexps(&s.Exclude),
		"full_text": d.setBool(&s.FullText),
		"max_items": d.setInt(&s.MaxItems),
	})
	if !ok {
		return s, false
	}
	s.ID = Slug(s.Name)
	if s.Format == "" {
		s.Format = breachwire.FormatFeed
	}
	if !interval {
		s.Interval = DefaultInterval(s.Kind)
	}
	return s, true
}

// compileRegexp compiles a pattern with a message fit for a user.
func compileRegexp(s string) (*regexp.Regexp, error) {
	if len(s) > maxPatternLen {
		return nil, fmt.Errorf("the pattern is %d bytes long; the limit is %d", len(s), maxPatternLen)
	}
	re, err := regexp.Compile(s)
	if err != nil {
		var se *syntax.Error
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%q is not a regular expression: %s %q", s, se.Code, se.Expr)
		}
		return nil, fmt.Errorf("%q is not a regular expression: %v", s, err)
	}
	return re, nil
}

func (c *Config) validateSources(at reporter) {
	ids := map[string]int{}
	urls := map[string]int{}
	for i, s := range c.Sources {
		p := index("sources", i)
		switch {
		case s.Name == "":
			at(p+".name", "missing: every source needs a name")
		case len(s.Name) > maxNameLen:
			at(p+".name", "is %d bytes long; the limit is %d", len(s.Name), maxNameLen)
		case strings.IndexFunc(s.Name, unicode.IsControl) >= 0:
			at(p+".name", "%q contains a control character", s.Name)
		case s.ID == "":
			at(p+".name", "%q gives an empty id; use some letters or digits", s.Name)
		default:
			if j, dup := ids[s.ID]; dup {
				if c.Sources[j].Name == s.Name {
					at(p+".name", "%q is already the name of sources[%d]", s.Name, j)
				} else {
					at(p+".name", "%q gives the id %q, the same as sources[%d] (%q); names must differ in more than case and punctuation", s.Name, s.ID, j, c.Sources[j].Name)
				}
			} else {
				ids[s.ID] = i
			}
		}
		switch s.Kind {
		case breachwire.KindRegulator, breachwire.KindPress:
		case "":
			at(p+".kind", "missing: say regulator or press")
		default:
			at(p+".kind", "%q is not regulator or press", string(s.Kind))
		}
		if s.Country != "" && !validCountry(s.Country) {
			at(p+".country", "%q is not a two-letter ISO 3166 country code (or EU)", s.Country)
		}
		switch {
		case s.URL == "":
			at(p+".url", "missing: every source needs a URL")
		case len(s.URL) > maxURLLen:
			at(p+".url", "is %d bytes long; the limit is %d", len(s.URL), maxURLLen)
		default:
			if strings.HasPrefix(s.URL, "file:") && c.Settings.AllowFiles {
				// A local file, for the offline demo and for feeds another
				// program writes to disk: trusted like the rest of this
				// file, and resolved against its directory.
				abs, msg := c.resolveFileURL(s.URL)
				if msg != "" {
					at(p+".url", "%s", msg)
					break
				}
				c.Sources[i].URL = abs
			} else if msg := checkHTTPURL(s.URL); msg != "" {
				if strings.HasPrefix(s.URL, "file:") {
					msg += " (set settings.allow_files: true to read local files)"
				}
				at(p+".url", "%s", msg)
				break
			}
			key := sourceKey(s)
			if j, dup := urls[key]; dup {
				at(p+".url", "%q is already read by sources[%d] (%q)", s.URL, j, c.Sources[j].Name)
			} else {
				urls[key] = i
			}
		}
		switch s.Format {
		case breachwire.FormatFeed:
		case breachwire.FormatHTML:
			if s.Selectors.Item == "" {
				at(p+".selectors.item", "missing: an html source needs an item selector, one element per listed article")
			}
		case breachwire.FormatSitemap:
			if s.Pattern == nil {
				at(p+".pattern", "missing: a sitemap source needs a pattern to pick the article URLs out of the sitemap")
			}
		default:
			at(p+".format", "%q is not feed, html or sitemap (RSS, Atom and JSON Feed are all 'feed')", string(s.Format))
		}
		if s.Interval < MinInterval || s.Interval > MaxInterval {
			at(p+".interval", "%s is out of range (%s to %s)", FormatDuration(s.Interval), FormatDuration(MinInterval), FormatDuration(MaxInterval))
		} else if s.Interval > c.Settings.MaxBackoff {
			at(p+".interval", "%s is longer than settings.max_backoff (%s), so a failing source would be polled more often than a healthy one", FormatDuration(s.Interval), FormatDuration(c.Settings.MaxBackoff))
		}
		for _, f := range []struct{ key, sel string }{
			{"item", s.Selectors.Item}, {"title", s.Selectors.Title}, {"link", s.Selectors.Link},
			{"date", s.Selectors.Date}, {"body", s.Selectors.Body},
		} {
			if f.sel == "" {
				continue
			}
			if _, err := cascadia.Compile(f.sel); err != nil {
				at(p+".selectors."+f.key, "%q is not a CSS selector: %v", f.sel, err)
			}
		}
		if a := s.Selectors.DateAttr; a != "" && !validAttr(a) {
			at(p+".selectors.date_attr", "%q is not an attribute name (such as datetime or content)", a)
		}
		if s.MaxItems < 0 || s.MaxItems > MaxMaxItems {
			at(p+".max_items", "%d is out of range (0 for settings.max_items, up to %d)", s.MaxItems, MaxMaxItems)
		}
	}
}

func validCountry(s string) bool {
	if s == "EU" {
		return true
	}
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

func validAttr(s string) bool {
	for i, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == ':' ||
			i > 0 && (r >= '0' && r <= '9' || r == '-' || r == '.')
		if !ok {
			return false
		}
	}
	return s != ""
}

// sourceKey identifies what a source reads: its normalised URL plus the
// pattern and filters that select from it, so that two sources may read one
// sitemap with different patterns but not the same feed twice.
func sourceKey(s breachwire.Source) string {
	var b strings.Builder
	b.WriteString(NormalizeURL(s.URL))
	b.WriteString("\x00")
	if s.Pattern != nil {
		b.WriteString(s.Pattern.String())
	}
	for _, list := range [][]*regexp.Regexp{s.Include, s.Exclude} {
		b.WriteString("\x00")
		for _, re := range list {
			b.WriteString(re.String())
			b.WriteString("\x01")
		}
	}
	return b.String()
}

// NormalizeURL lightly normalises a feed URL for comparison: the scheme
// (http and https count as the same feed), the case of the host, a default
// port, a trailing slash, the fragment and the order of query parameters do
// not matter. The result is a comparison key, not a URL to fetch.
func NormalizeURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(s)
	}
	host := strings.ToLower(u.Hostname())
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		host += ":" + port
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	query := u.RawQuery
	if q, err := url.ParseQuery(u.RawQuery); err == nil {
		query = q.Encode()
	}
	if query != "" {
		return host + path + "?" + query
	}
	return host + path
}

// latin folds the accented Latin letters common in European source names to
// ASCII, so that "CNIL actualités" and "CNIL actualites" get one id.
var latin = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a", "æ", "ae",
	"ç", "c", "è", "e", "é", "e", "ê", "e", "ë", "e", "ì", "i", "í", "i", "î", "i", "ï", "i",
	"ñ", "n", "ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ø", "o", "œ", "oe",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ý", "y", "ÿ", "y", "ß", "ss",
)

// Slug turns a source name into its id: lower case, accented Latin letters
// folded to ASCII, every run of other characters that are not letters or
// digits replaced by one '-', at most 64 bytes. The id keys the source's
// state in the store, so this function must never change its output for a
// name it already accepts.
func Slug(name string) string {
	s := latin.Replace(strings.ToLower(name))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			if b.Len()+len(string(r)) > maxIDLen {
				break
			}
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return strings.TrimSuffix(b.String(), "-")
}

// resolveFileURL turns a file: source URL into an absolute file:// URL,
// reading a relative path against the configuration file's directory. It
// returns what is wrong when the file cannot be read.
func (c *Config) resolveFileURL(raw string) (string, string) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Sprintf("%q is not a URL: %v", raw, errors.Unwrap(err))
	}
	if u.Host != "" && u.Host != "localhost" {
		return "", fmt.Sprintf("%q: a file URL cannot name a host", raw)
	}
	path := u.Path
	if path == "" {
		path = u.Opaque
	}
	if path == "" {
		return "", fmt.Sprintf("%q names no file", raw)
	}
	if !filepath.IsAbs(path) {
		base := "."
		if c.File != "" {
			base = filepath.Dir(c.File)
		}
		path = filepath.Join(base, path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Sprintf("%q: %v", raw, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Sprintf("%q: cannot read %s: %v", raw, abs, errors.Unwrap(err))
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Sprintf("%q: %s is not a regular file", raw, abs)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), ""
}
