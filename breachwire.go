// Package breachwire holds the domain types shared by every other package:
// sources and their fetch state, stored articles, the facts extracted from
// them, search filters and the error type. It imports only the standard
// library, so that fetch, extract, store, index, web and digest can depend on
// it without depending on each other (see DESIGN.md, "Layout").
package breachwire

import (
	"regexp"
	"time"
)

// Kind says whether a source is a regulator (an authority publishing its own
// enforcement and guidance) or the press.
type Kind string

// The two kinds of source.
const (
	KindRegulator Kind = "regulator"
	KindPress     Kind = "press"
)

// Format says how a source is read.
type Format string

// The source formats. FormatFeed covers RSS, Atom and JSON Feed: which one is
// detected from the content, never from the URL.
const (
	FormatFeed    Format = "feed"
	FormatHTML    Format = "html"
	FormatSitemap Format = "sitemap"
)

// Selectors are the CSS selectors (goquery syntax) used to read an HTML
// listing page and article pages. Item selects one element per listed
// article; Title, Link and Date are evaluated inside each item (an empty
// Title or Link means the item element itself); Body selects the main text on
// an article page. DateAttr names the attribute holding the date (for
// example "datetime"); empty means the element's text.
type Selectors struct {
	Item     string `json:"item,omitempty" yaml:"item"`
	Title    string `json:"title,omitempty" yaml:"title"`
	Link     string `json:"link,omitempty" yaml:"link"`
	Date     string `json:"date,omitempty" yaml:"date"`
	DateAttr string `json:"date_attr,omitempty" yaml:"date_attr"`
	Body     string `json:"body,omitempty" yaml:"body"`
}

// Source is one configured feed, listing page or sitemap. Sources are
// immutable after the configuration is loaded and validated; they are safe to
// share between goroutines.
type Source struct {
	// ID is a stable slug derived from Name; it keys the source's state in
	// the store, so renaming a source starts its state afresh.
	ID      string
	Name    string
	Kind    Kind
	Country string // ISO 3166-1 alpha-2, or EU
	URL     string
	Format  Format
	// Pattern filters sitemap URLs (and, for html sources, listed links);
	// nil keeps every URL.
	Pattern   *regexp.Regexp
	Interval  time.Duration
	Selectors Selectors
	// FullText forces the article page to be fetched for every item, even
	// when the feed carries more than a teaser.
	FullText bool
	// Include and Exclude are applied to the title and URL of each item at
	// ingest: an item is kept when it matches any Include pattern (or there
	// are none) and no Exclude pattern.
	Include []*regexp.Regexp
	Exclude []*regexp.Regexp
	// MaxItems caps how many items of one document are taken (newest
	// first); zero means the fetch package's default.
	MaxItems int
}

// Accepts reports whether an item with this title and URL passes the source's
// include and exclude patterns.
func (s *Source) Accepts(title, url string) bool {
	for _, re := range s.Exclude {
		if re.MatchString(title) || re.MatchString(url) {
			return false
		}
	}
	if len(s.Include) == 0 {
		return true
	}
	for _, re := range s.Include {
		if re.MatchString(title) || re.MatchString(url) {
			return true
		}
	}
	return false
}

// SourceState is what breachwire remembers about a source between passes.
// ETag and LastModified are kept byte for byte as the server sent them.
type SourceState struct {
	SourceID     string    `json:"source_id"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastAttempt  time.Time `json:"last_attempt,omitzero"`
	LastOK       time.Time `json:"last_ok,omitzero"`
	NextCheck    time.Time `json:"next_check,omitzero"`
	Failures     int       `json:"failures"`
	LastError    string    `json:"last_error,omitempty"`
	// LastStatus is the HTTP status of the last response (0 when none).
	LastStatus int `json:"last_status,omitempty"`
	// Items counts the articles stored from this source; LastNew how many
	// the last successful pass added.
	Items   int `json:"items"`
	LastNew int `json:"last_new"`
	// RedirectURL and RedirectSince record a permanent redirect seen on
	// every fetch since RedirectSince (RELIABILITY B5); it is reported, not
	// applied silently.
	RedirectURL   string    `json:"redirect_url,omitempty"`
	RedirectSince time.Time `json:"redirect_since,omitzero"`
}

// Article is one stored item. ID is assigned by the store on first insert and
// never changes; Seq is the store's change sequence number of the article's
// latest write, which the search index uses as its watermark.
type Article struct {
	ID           uint64    `json:"id"`
	Seq          uint64    `json:"seq"`
	SourceID     string    `json:"source_id"`
	SourceName   string    `json:"source"`
	Kind         Kind      `json:"kind"`
	Country      string    `json:"country,omitempty"`
	URL          string    `json:"url"`
	GUID         string    `json:"guid,omitempty"`
	Title        string    `json:"title"`
	Author       string    `json:"author,omitempty"`
	Summary      string    `json:"summary,omitempty"`
	Text         string    `json:"text,omitempty"`
	Published    time.Time `json:"published,omitzero"`
	PublishedRaw string    `json:"published_raw,omitempty"`
	FirstSeen    time.Time `json:"first_seen"`
	Updated      time.Time `json:"updated,omitzero"`
	// Categories are the feed's own categories or tags.
	Categories []string `json:"categories,omitempty"`
	// Facts are the extractor's output for Title and Text; ExtractorVersion
	// is the version that produced them, so a newer extractor knows what to
	// redo.
	Facts            Facts `json:"facts"`
	ExtractorVersion int   `json:"extractor_version"`
}

// Date is the date used to order and window the article: the published date
// when it is plausible, else the first-seen time. A published date in the
// future (beyond a day of clock skew) or before 1995 is not plausible
// (RELIABILITY C7).
func (a *Article) Date() time.Time {
	p := a.Published
	if p.IsZero() || p.Year() < 1995 || p.After(a.FirstSeen.Add(24*time.Hour)) {
		return a.FirstSeen
	}
	return p
}

// Item is one entry read from a source by the fetch package, before it is
// stored. Key is the dedupe key (GUID, else canonical URL, else a hash of
// title and date); CanonicalURL has tracking parameters and the fragment
// removed.
type Item struct {
	Key          string
	GUID         string
	URL          string
	CanonicalURL string
	Title        string
	Author       string
	Summary      string
	Text         string
	Published    time.Time
	PublishedRaw string
	Updated      time.Time
	Categories   []string
}
