// Package rss writes breachwire's output feeds: RSS 2.0 and Atom 1.0
// documents of stored articles, so that a saved search can be followed in any
// feed reader. Every item carries, besides its title, link and a readable
// description, the extracted facts as elements in the breachwire XML
// namespace (Namespace), so that a program can read fines, counts, regulators
// and MFA findings without parsing prose.
//
// Documents are produced with encoding/xml, never by concatenating strings:
// text from sources (titles, summaries, names) is escaped by the encoder after
// characters that XML 1.0 forbids have been removed, so a title holding
// "<script>", "]]>", a bare "&" or control characters leaves the document
// well-formed and inert (RELIABILITY E2, E3). The HTML of a description is
// built from escaped text as well, so markup in a source's title or summary
// is shown as text by a reader that renders descriptions as HTML.
//
// ETag, LastModified and Conditional let the web handler answer conditional
// requests with 304 Not Modified without rendering the feed.
package rss

import (
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"breachwire"
)

// Namespace is the XML namespace of the structured facts in both formats,
// bound to the prefix "bw". It is a name, not an address to fetch, and has
// no comma, so that Go programs can name it in encoding/xml struct tags
// (`xml:"urn:breachwire:ns:1 fine"`).
const Namespace = "urn:breachwire:ns:1"

// Category schemes: the domain attribute of an RSS category and the scheme of
// an Atom category, saying which kind of fact the category names.
const (
	SchemeRegulator     = Namespace + "#regulator"
	SchemeAttackType    = Namespace + "#attack_type"
	SchemeFailedControl = Namespace + "#failed_control"
)

// Media types of the two formats, for the Content-Type header.
const (
	ContentTypeRSS  = "application/rss+xml; charset=utf-8"
	ContentTypeAtom = "application/atom+xml; charset=utf-8"
)

// Format names an output format.
type Format string

// The output formats.
const (
	RSS  Format = "rss"
	Atom Format = "atom"
)

// ContentType returns the format's media type.
func (f Format) ContentType() string {
	if f == Atom {
		return ContentTypeAtom
	}
	return ContentTypeRSS
}

// formatVersion changes whenever the bytes written for the same articles
// change, so that ETags computed by an older binary never match.
const formatVersion = "1"

// MaxSummaryRunes caps the summary text in a description: a feed item is a
// pointer to the article, not a copy of it.
const MaxSummaryRunes = 1000

// FeedMeta describes the feed as a whole. Every field is optional; the
// zero value gives a feed titled "breachwire" with relative links left out.
type FeedMeta struct {
	// Title and Description of the feed; Title defaults to "breachwire".
	Title       string
	Description string
	// BaseURL is the public URL of the breachwire server (the
	// configuration's server.base_url, for example
	// "https://breachwire.example.org"). When set, each item links to its
	// page on the server (bw:page, and an Atom link rel="related") and the
	// feed links to the server's home page.
	BaseURL string
	// SelfURL is the absolute URL of this feed, filters included
	// ("https://breachwire.example.org/feed.rss?regulator=ICO"), written as
	// the feed's self link so that a reader can resubscribe to the saved
	// search.
	SelfURL string
	// Language is the feed's language tag; default "en".
	Language string
	// Generator names the program, for example "breachwire 1.4.0".
	Generator string
	// Updated is the feed's modification time; zero means LastModified of
	// the articles.
	Updated time.Time
}

func (m *FeedMeta) title() string {
	if t := oneLine(m.Title); t != "" {
		return t
	}
	return "breachwire"
}

func (m *FeedMeta) language() string {
	if l := oneLine(m.Language); l != "" {
		return l
	}
	return "en"
}

// homeURL is the web page the feed belongs to: the base URL, else the
// origin of the self URL, else nothing.
func (m *FeedMeta) homeURL() string {
	if b := strings.TrimRight(cleanURL(m.BaseURL), "/"); b != "" {
		return b + "/"
	}
	if u, err := url.Parse(cleanURL(m.SelfURL)); err == nil && u.Scheme != "" && u.Host != "" {
		return u.Scheme + "://" + u.Host + "/"
	}
	return ""
}

// PageURL is the URL of an article's page on the breachwire server, or ""
// when base is empty.
func PageURL(base string, id uint64) string {
	base = strings.TrimRight(cleanURL(base), "/")
	if base == "" {
		return ""
	}
	return base + "/articles/" + strconv.FormatUint(id, 10)
}

// GUID is the stable identifier of an article in both formats. It is not a
// permalink and does not depend on the configured base URL, so moving the
// server does not make every item look new.
func GUID(id uint64) string {
	return "tag:breachwire,2026:article/" + strconv.FormatUint(id, 10)
}

// FactLine is the one-line fact summary of an article:
// "£3.07m fine (final) · ICO · 79,404 people · MFA absent · ransomware".
// It is empty when nothing was extracted.
func FactLine(f *breachwire.Facts) string {
	return oneLine(strings.Join(breachwire.FactSummary(f), " · "))
}

// LastModified is the newest time any of the articles was seen or updated,
// for the Last-Modified header and the feed's own date; zero for none.
func LastModified(articles []breachwire.Article) time.Time {
	var t time.Time
	for i := range articles {
		t = latest(t, articleUpdated(&articles[i]))
	}
	return t
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// articleUpdated is when the article last changed as far as the feed can
// tell: its own updated date or first-seen time, whichever is later, and
// never before its effective date.
func articleUpdated(a *breachwire.Article) time.Time {
	t := latest(a.FirstSeen, a.Date())
	if !a.Updated.IsZero() && !a.Updated.After(a.FirstSeen.Add(24*time.Hour)) {
		t = latest(t, a.Updated)
	}
	return t.UTC()
}

// description is the HTML of an item's description: the fact line, the
// summary and, when the server's URL is known, a link to its page. Every
// piece of text is HTML-escaped here and the whole is XML-escaped by the
// encoder.
func description(a *breachwire.Article, base string) string {
	var b strings.Builder
	if line := FactLine(&a.Facts); line != "" {
		b.WriteString("<p><strong>")
		b.WriteString(html.EscapeString(line))
		b.WriteString("</strong></p>")
	}
	if s := clip(cleanText(a.Summary), MaxSummaryRunes); s != "" {
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(s))
		b.WriteString("</p>")
	}
	src := oneLine(a.SourceName)
	page := PageURL(base, a.ID)
	if src != "" || page != "" {
		b.WriteString("<p>")
		if src != "" {
			b.WriteString("Source: ")
			b.WriteString(html.EscapeString(src))
		}
		if page != "" {
			if src != "" {
				b.WriteString(" · ")
			}
			b.WriteString(`<a href="`)
			b.WriteString(html.EscapeString(page))
			b.WriteString(`">Facts and evidence on breachwire</a>`)
		}
		b.WriteString("</p>")
	}
	return b.String()
}

// facts are the breachwire-namespace elements of an item, shared by both
// formats. Repeated elements hold every value; the fine and the count are
// the article's largest (the headline figures), as attributes so that a
// generic feed library reads them as a map.
type facts struct {
	ID             uint64    `xml:"bw:id"`
	Source         string    `xml:"bw:source,omitempty"`
	Kind           string    `xml:"bw:kind,omitempty"`
	Fine           *fine     `xml:"bw:fine"`
	Affected       *affected `xml:"bw:affected"`
	Regulators     []string  `xml:"bw:regulator"`
	Organisations  []string  `xml:"bw:organisation"`
	MFA            string    `xml:"bw:mfa,omitempty"`
	FailedControls []string  `xml:"bw:failed_control"`
	AttackTypes    []string  `xml:"bw:attack_type"`
	ThreatActors   []string  `xml:"bw:threat_actor"`
	CVEs           []string  `xml:"bw:cve"`
	Sectors        []string  `xml:"bw:sector"`
	Countries      []string  `xml:"bw:country"`
	Page           string    `xml:"bw:page,omitempty"`
}

type fine struct {
	Amount    string `xml:"amount,attr"`
	Currency  string `xml:"currency,attr"`
	Status    string `xml:"status,attr"`
	Regulator string `xml:"regulator,attr,omitempty"`
}

type affected struct {
	Count     string `xml:"count,attr"`
	What      string `xml:"what,attr"`
	Qualifier string `xml:"qualifier,attr,omitempty"`
}

func factsOf(a *breachwire.Article, base string) facts {
	f := &a.Facts
	out := facts{
		ID:             a.ID,
		Source:         oneLine(a.SourceName),
		Kind:           oneLine(string(a.Kind)),
		Regulators:     lines(f.Regulators),
		Organisations:  lines(f.Organisations),
		FailedControls: lines(f.FailedControls()),
		AttackTypes:    lines(f.AttackTypes),
		ThreatActors:   lines(f.ThreatActors),
		CVEs:           lines(f.CVEs),
		Sectors:        lines(f.Sectors),
		Countries:      lines(f.Countries),
		Page:           PageURL(base, a.ID),
	}
	if x := f.LargestFine(); x != nil {
		out.Fine = &fine{
			Amount:    strconv.FormatFloat(x.Amount, 'f', -1, 64),
			Currency:  oneLine(x.Currency),
			Status:    oneLine(x.Status),
			Regulator: oneLine(x.Regulator),
		}
	}
	if x := f.LargestAffected(); x != nil {
		out.Affected = &affected{
			Count:     strconv.FormatInt(x.Count, 10),
			What:      oneLine(x.What),
			Qualifier: oneLine(x.Qualifier),
		}
	}
	if f.MFA != nil {
		out.MFA = oneLine(f.MFA.Status)
	}
	return out
}

// category is one category of an item in either format: the scheme says
// which kind of fact it is.
type category struct {
	scheme, term, label string
}

func categoriesOf(f *breachwire.Facts) []category {
	var out []category
	for _, r := range lines(f.Regulators) {
		out = append(out, category{SchemeRegulator, r, "Regulator: " + r})
	}
	for _, t := range lines(f.AttackTypes) {
		out = append(out, category{SchemeAttackType, t, "Attack: " + strings.ReplaceAll(t, "_", " ")})
	}
	for _, c := range lines(f.FailedControls()) {
		out = append(out, category{SchemeFailedControl, c, breachwire.ControlTitle(c) + " absent"})
	}
	return out
}

// encode writes the XML declaration and v, indented, ending with a newline.
func encode(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("rss: write: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("rss: encode: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("rss: encode: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("rss: write: %w", err)
	}
	return nil
}

// Write writes the articles as a feed in the given format.
func Write(w io.Writer, format Format, meta FeedMeta, articles []breachwire.Article) error {
	switch format {
	case RSS:
		return WriteRSS(w, meta, articles)
	case Atom:
		return WriteAtom(w, meta, articles)
	}
	return breachwire.Errorf(breachwire.ECodeInvalid, "rss: unknown feed format %q (rss or atom)", format)
}

// cleanText removes what XML 1.0 cannot carry or a reader should not see:
// invalid UTF-8, C0 and C1 control characters other than tab, newline and
// carriage return, surrogates and the non-characters U+FFFE and U+FFFF.
func cleanText(s string) string {
	clean := true
	for i, r := range s {
		if !keep(r) || (r == utf8.RuneError && isInvalidAt(s, i)) {
			clean = false
			break
		}
	}
	if clean {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		if r == utf8.RuneError && isInvalidAt(s, i) {
			continue
		}
		if keep(r) {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

func isInvalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size <= 1
}

func keep(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return false
	case r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff:
		return false
	}
	return true
}

// oneLine is cleanText with every run of white space (CR and LF included)
// made one space: titles, names and terms are one line.
func oneLine(s string) string {
	s = cleanText(s)
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// lines applies oneLine to each value, dropping empty ones.
func lines(in []string) []string {
	var out []string
	for _, s := range in {
		if s = oneLine(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// clip shortens s to at most n runes, at a word boundary when one is near,
// marking the cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := len(r)
	for i := len(r) - 1; i > n*4/5; i-- {
		if unicode.IsSpace(r[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(r[:cut]), unicode.IsSpace) + "…"
}

// cleanURL returns s as one line when it is an absolute http(s) URL, else
// "": links taken from sources go into href attributes, and a javascript: or
// data: URL must not (RELIABILITY E1).
func cleanURL(s string) string {
	s = oneLine(s)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}
