package digest

import (
	"cmp"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"breachwire"
)

// Format is an output format of an edition.
type Format string

// The formats of an edition: the two parts of the email.
const (
	FormatText Format = "text"
	FormatHTML Format = "html"
)

// DefaultMaxItems is how many articles an email lists when Options.MaxItems
// is zero; the rest are counted and linked to on the web.
const DefaultMaxItems = 50

// MaxSummaryRunes caps an item's summary in the email.
const MaxSummaryRunes = 320

// Options shape every edition; they come from the configuration.
type Options struct {
	// BaseURL is the public URL of the breachwire server
	// (server.base_url). When set, each item links to its page there and
	// the email links to the web digest; otherwise items link to the
	// original articles.
	BaseURL string
	// Converter compares fines in different currencies (nil: by amount).
	Converter breachwire.Converter
	// MaxItems caps the items listed; zero means DefaultMaxItems.
	MaxItems int
}

func (o *Options) maxItems() int {
	if o.MaxItems > 0 {
		return o.MaxItems
	}
	return DefaultMaxItems
}

// Edition is one digest for one subscription, ready to render.
type Edition struct {
	// Subscription names the subscription; empty for an ad-hoc digest.
	Subscription string
	// Filter is the subscription's filter; Filtered says whether it selects
	// anything less than everything, in which case every item says why it
	// was included.
	Filter   breachwire.Filter
	Filtered bool
	// Digest holds every article of the window, ranked and grouped.
	Digest breachwire.Digest
	// Items are the listed items, highest severity first; More counts the
	// articles left out by Options.MaxItems.
	Items []Item
	More  int
	// Location is the time zone dates are shown in.
	Location *time.Location
	opts     Options
}

// Item is a listed article with what the email shows of it.
type Item struct {
	breachwire.DigestItem
	// Title, Source and Summary are the article's text cleaned to one line
	// (Summary clipped to MaxSummaryRunes).
	Title, Source, Summary string
	// Facts is the one-line fact summary, empty when nothing was extracted.
	Facts string
	// Matches says why the item passed the subscription's filter.
	Matches []string
	// Link is the item's page on the server when a base URL is configured,
	// else the original article; Original is the original article's URL.
	// Both are http(s) or empty.
	Link, Original string
	// Date is the article's effective date in the edition's time zone.
	Date time.Time
}

// Compose builds the edition of a subscription named name with filter f
// from the articles of the window [since, until). loc is the time zone
// dates are shown in (nil: UTC).
func Compose(name string, f breachwire.Filter, articles []breachwire.Article, since, until time.Time, loc *time.Location, opts Options) *Edition {
	if loc == nil {
		loc = time.UTC
	}
	e := &Edition{
		Subscription: oneLine(name),
		Filter:       f,
		Filtered:     !f.IsZero(),
		Digest:       breachwire.BuildDigest(articles, since, until, opts.Converter),
		Location:     loc,
		opts:         opts,
	}
	for i, it := range e.Digest.Items {
		if i >= opts.maxItems() {
			e.More = len(e.Digest.Items) - i
			break
		}
		e.Items = append(e.Items, e.item(it))
	}
	return e
}

func (e *Edition) item(it breachwire.DigestItem) Item {
	a := &it.Article
	out := Item{
		DigestItem: it,
		Title:      oneLine(a.Title),
		Source:     oneLine(a.SourceName),
		Summary:    clip(oneLine(a.Summary), MaxSummaryRunes),
		Facts:      oneLine(strings.Join(it.Reasons, " · ")),
		Original:   cleanURL(a.URL),
		Date:       a.Date().In(e.Location),
	}
	if out.Title == "" {
		out.Title = "(untitled)"
	}
	out.Link = PageURL(e.opts.BaseURL, a.ID)
	if out.Link == "" {
		out.Link = out.Original
	}
	if e.Filtered {
		reasons, _ := Explain(e.Filter, a, e.opts.Converter)
		for _, r := range reasons {
			if r = oneLine(r); r != "" {
				out.Matches = append(out.Matches, r)
			}
		}
	}
	return out
}

// ArticleIDs returns the ids of the listed items, the articles the edition
// mails.
func (e *Edition) ArticleIDs() []uint64 {
	ids := make([]uint64, len(e.Items))
	for i := range e.Items {
		ids[i] = e.Items[i].Article.ID
	}
	return ids
}

// Empty reports whether the edition lists nothing.
func (e *Edition) Empty() bool { return len(e.Items) == 0 }

// Group is a section of the email: a heading and its items.
type Group struct {
	Key, Title string
	Items      []Item
}

// Groups returns the listed items by digest group, in the web digest's
// order of groups, leaving out empty ones.
func (e *Edition) Groups() []Group {
	var out []Group
	for _, g := range breachwire.DigestGroups {
		var items []Item
		for _, it := range e.Items {
			if it.Group == g.Key {
				items = append(items, it)
			}
		}
		if len(items) > 0 {
			out = append(out, Group{Key: g.Key, Title: g.Title, Items: items})
		}
	}
	return out
}

// Figures returns the headline figures as short phrases: "12 articles",
// "£3.07m + €500,000 in fines", "79,404 affected", "MFA absent in 3".
// Figures with nothing to count are left out, except the article count.
func (e *Edition) Figures() []string {
	fig := e.Digest.Figures
	out := []string{plural(fig.Articles, "article", "articles")}
	if fines := finesPhrase(fig.Fines); fines != "" {
		out = append(out, fines+" in fines")
	}
	if fig.People > 0 {
		out = append(out, breachwire.FormatCount(fig.People)+" affected")
	}
	if fig.MFAAbsent > 0 {
		out = append(out, "MFA absent in "+strconv.Itoa(fig.MFAAbsent))
	}
	return out
}

// finesPhrase sums fines per currency, largest first, three currencies at
// most: "£3.07m + €500,000", "£3.07m + €500,000 + $1m + 2 more".
func finesPhrase(fines map[string]float64) string {
	type sum struct {
		cur string
		amt float64
	}
	var sums []sum
	for c, a := range fines {
		if a > 0 {
			sums = append(sums, sum{c, a})
		}
	}
	slices.SortFunc(sums, func(a, b sum) int {
		if c := cmp.Compare(b.amt, a.amt); c != 0 {
			return c
		}
		return strings.Compare(a.cur, b.cur)
	})
	var parts []string
	for i, s := range sums {
		if i == 3 {
			parts = append(parts, strconv.Itoa(len(sums)-3)+" more")
			break
		}
		parts = append(parts, breachwire.FormatMoney(s.amt, s.cur))
	}
	return strings.Join(parts, " + ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return breachwire.FormatCount(int64(n)) + " " + many
}

// Title is the digest's name: "breachwire digest" and the subscription's
// name when there is one.
func (e *Edition) Title() string {
	if e.Subscription == "" {
		return "breachwire digest"
	}
	return "breachwire digest: " + e.Subscription
}

// Day is the edition's date: the end of its window in its time zone,
// "Sat 28 Nov 2026".
func (e *Edition) Day() string {
	return e.until().Format("Mon 2 Jan 2006")
}

func (e *Edition) until() time.Time {
	return e.Digest.Until.In(e.Location)
}

// Window describes the period covered: "27 Nov 07:00 to 28 Nov 07:00
// (Europe/London)".
func (e *Edition) Window() string {
	s, u := e.Digest.Since.In(e.Location), e.until()
	layout := "2 Jan 15:04"
	if s.Year() != u.Year() {
		layout = "2 Jan 2006 15:04"
	}
	zone := e.Location.String()
	if zone == "Local" {
		zone = u.Format("MST") // the machine's zone has no IANA name to show
	}
	return s.Format(layout) + " to " + u.Format(layout) + " (" + zone + ")"
}

// Subject is the email's subject: the digest's name, its date and the
// headline figures, on one line.
func (e *Edition) Subject() string {
	return oneLine(e.Title() + ", " + e.Day() + ": " + strings.Join(e.Figures(), " · "))
}

// FilterText describes the subscription's filter ("regulator=ICO,
// mfa=absent"), empty when it selects everything.
func (e *Edition) FilterText() string {
	if !e.Filtered {
		return ""
	}
	v := e.Filter.Values()
	v.Del("sort")
	v.Del("limit")
	v.Del("page")
	v.Del("since")
	v.Del("until")
	var parts []string
	for _, k := range breachwire.FilterKeys {
		if vals, ok := v[k]; ok {
			parts = append(parts, k+"="+strings.Join(vals, ","))
		}
	}
	return oneLine(strings.Join(parts, ", "))
}

// WebURL is the web digest or, for a filtered subscription, the search
// with its filters on the server; empty without a base URL.
func (e *Edition) WebURL() string {
	base := strings.TrimRight(cleanURL(e.opts.BaseURL), "/")
	if base == "" {
		return ""
	}
	if !e.Filtered {
		return base + "/"
	}
	v := e.Filter.Values()
	v.Del("limit")
	v.Del("page")
	v.Set("since", e.Digest.Since.UTC().Format(time.RFC3339))
	if !e.Digest.Until.IsZero() {
		v.Set("until", e.Digest.Until.UTC().Format(time.RFC3339))
	}
	return base + "/search?" + v.Encode()
}

// Render writes the edition in the given format.
func (e *Edition) Render(w io.Writer, f Format) error {
	switch f {
	case FormatText:
		return e.WriteText(w)
	case FormatHTML:
		return e.WriteHTML(w)
	}
	return breachwire.Errorf(breachwire.ECodeInvalid, "digest: unknown format %q (text or html)", f)
}

// PageURL is an article's page on the breachwire server, or "" when base
// is empty or not an http(s) URL.
func PageURL(base string, id uint64) string {
	base = strings.TrimRight(cleanURL(base), "/")
	if base == "" {
		return ""
	}
	return base + "/articles/" + strconv.FormatUint(id, 10)
}

// cleanURL returns s when it is an absolute http(s) URL without control
// characters, else "": source links go into href attributes and the text
// part, and a javascript: URL must not.
func cleanURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsFunc(s, unicode.IsControl) || strings.ContainsAny(s, " \"<>") {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}

// oneLine removes control characters and invalid UTF-8 from s and makes
// every run of white space one space: what a source sends as a title must
// not break a line of the text part or a header.
func oneLine(s string) string {
	var b strings.Builder
	space := false
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				continue
			}
		}
		switch {
		case unicode.IsSpace(r) || r == '\u2028' || r == '\u2029':
			space = true
		case unicode.IsControl(r) || r == 0xfffe || r == 0xffff || unicode.Is(unicode.Cf, r) && r != '\u200d':
			// dropped: C0, C1, bidi overrides and other format characters
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clip shortens s to at most n runes at a word boundary, with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := len(r)
	for i := len(r) - 1; i > n*3/4; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ") + "…"
}
