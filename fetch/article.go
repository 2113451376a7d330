package fetch

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/publicsuffix"

	"breachwire"
)

// Page is an article page as read by ArticlePage.
type Page struct {
	// URL is the final URL after redirects.
	URL string
	// Title is the page's og:title, else its <title> without a trailing
	// " | Site name", else its first <h1>.
	Title string
	// Text is the main text, paragraphs separated by blank lines.
	Text string
	// Published is the page's publication date, when it states one.
	Published    time.Time
	PublishedRaw string
}

// Article fetches an article page with the same client, limits and per-host
// politeness as feeds, and returns its main text: the elements matched by
// src.Selectors.Body (applied only when the page is on the source's site),
// else what the readability algorithm finds. Paragraphs are separated by
// blank lines. Charsets other than UTF-8 are decoded. It returns ErrNotHTML
// for a PDF or other non-HTML answer and ErrNoText when nothing is found.
func (c *Client) Article(ctx context.Context, src *breachwire.Source, rawURL string) (string, error) {
	p, err := c.ArticlePage(ctx, src, rawURL)
	if err != nil {
		return "", err
	}
	return p.Text, nil
}

// ArticlePage is Article returning the page's title and date as well, which
// sitemap and listing sources need (their entries carry no title, or no
// date). On an html or sitemap source without an item selector,
// src.Selectors.Date (and DateAttr) select the date on the page; otherwise
// the article:published_time meta or the first <time datetime> is used.
func (c *Client) ArticlePage(ctx context.Context, src *breachwire.Source, rawURL string) (*Page, error) {
	if src == nil {
		src = &breachwire.Source{}
	}
	if err := compileSelectors(src.Selectors); err != nil {
		return nil, fmt.Errorf("fetch: source %q: %w", src.Name, err)
	}
	resp, err := c.get(ctx, request{url: rawURL, accept: acceptHTML})
	if err != nil {
		return nil, err
	}
	where := resp.url.Redacted()
	page := &Page{URL: resp.url.String()}
	ctype := resp.header.Get("Content-Type")
	media, _, _ := mime.ParseMediaType(ctype)
	kind, _ := sniff(resp.body)
	switch {
	case kind == docHTML || media == "text/html" || media == "application/xhtml+xml":
	case media == "text/plain" && utf8.Valid(resp.body):
		page.Text = capBytes(plainParagraphs(string(resp.body)), c.opts.MaxTextBytes)
		if page.Text == "" {
			return nil, fmt.Errorf("fetch: %s: %w", where, ErrNoText)
		}
		return page, nil
	default:
		got := media
		if got == "" {
			got = "unknown content"
		}
		if bytes.HasPrefix(resp.body, []byte("%PDF-")) {
			got = "PDF"
		}
		return nil, fmt.Errorf("fetch: %s: %w (got %s)", where, ErrNotHTML, got)
	}

	doc, base, err := parseHTMLDoc(resp.body, ctype, resp.url)
	if err != nil {
		return nil, fmt.Errorf("fetch: %s: %w", where, err)
	}
	page.Title = pageTitle(doc, c.opts.MaxTitleRunes)
	page.Published, page.PublishedRaw = pageDate(doc, src.Selectors)

	var text string
	if src.Selectors.Body != "" && sameSite(src.URL, page.URL) {
		text = nodesText(doc.Find(src.Selectors.Body).Nodes, c.opts.MaxTextBytes)
	}
	if text == "" {
		text = readable(doc, base, c.opts.MaxTextBytes)
	}
	text = capBytes(stripBoilerplate(text), c.opts.MaxTextBytes)
	if text == "" {
		return nil, fmt.Errorf("fetch: %s: %w", where, ErrNoText)
	}
	page.Text = text
	return page, nil
}

// readable extracts the main text with go-readability, falling back to the
// page's <article>, <main> or <body> when the algorithm finds nothing.
func readable(doc *goquery.Document, base *url.URL, maxBytes int) string {
	if t := readabilityText(doc, base, maxBytes); t != "" {
		return t
	}
	for _, sel := range []string{"article", "main", "body"} {
		if t := nodesText(doc.Find(sel).First().Nodes, maxBytes); t != "" {
			return t
		}
	}
	return ""
}

// readabilityText runs go-readability on the page. Its heuristics walk
// hostile markup; a panic there falls back to the plain selectors rather
// than failing the source (RELIABILITY H1).
func readabilityText(doc *goquery.Document, base *url.URL, maxBytes int) (text string) {
	if len(doc.Nodes) == 0 {
		return ""
	}
	defer func() {
		if recover() != nil {
			text = ""
		}
	}()
	p := readability.NewParser()
	// ParseDocument works on a copy: the fallback still sees the whole page.
	art, err := p.ParseDocument(doc.Nodes[0], base)
	if err != nil || art.Node == nil {
		return ""
	}
	return nodesText([]*xhtml.Node{art.Node}, maxBytes)
}

var titleSuffix = regexp.MustCompile(`\s+[|\-–—]\s+[^|\-–—]{2,80}$`)

func pageTitle(doc *goquery.Document, maxRunes int) string {
	if v, ok := doc.Find(`meta[property="og:title"]`).First().Attr("content"); ok && strings.TrimSpace(v) != "" {
		return inlineText(v, maxRunes)
	}
	if t := inlineText(doc.Find("title").First().Text(), maxRunes); t != "" {
		return titleSuffix.ReplaceAllString(t, "")
	}
	return inlineText(doc.Find("h1").First().Text(), maxRunes)
}

// pageDate finds an article page's publication date.
func pageDate(doc *goquery.Document, sel breachwire.Selectors) (time.Time, string) {
	if sel.Date != "" && sel.Item == "" {
		var raw string
		doc.Find(sel.Date).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if sel.DateAttr != "" {
				raw, _ = s.Attr(sel.DateAttr)
			} else {
				raw = s.Text()
			}
			return strings.TrimSpace(raw) == "" // keep looking past empty matches
		})
		if t, r := itemDates(raw, nil); !t.IsZero() {
			return t, r
		}
	}
	for _, q := range []struct{ sel, attr string }{
		{`meta[property="article:published_time"]`, "content"},
		{`meta[itemprop="datePublished"]`, "content"},
		{`meta[name="dcterms.date"]`, "content"},
		{`meta[name="date"]`, "content"},
		{`time[datetime]`, "datetime"},
	} {
		var raw string
		doc.Find(q.sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			raw, _ = s.Attr(q.attr)
			return strings.TrimSpace(raw) == ""
		})
		if t, r := itemDates(raw, nil); !t.IsZero() {
			return t, r
		}
	}
	return time.Time{}, ""
}

// sameSite reports whether two URLs belong to the same registrable domain
// (www.bleepingcomputer.com and bleepingcomputer.com; api.theregister.com
// and www.theregister.com), so a source's body selector is applied only to
// its own site's pages (STYLE 7).
func sameSite(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil {
		return false
	}
	ha, hb := hostKey(ua.Hostname()), hostKey(ub.Hostname())
	if ha == hb {
		return true
	}
	if net.ParseIP(ha) != nil || net.ParseIP(hb) != nil {
		return false
	}
	ra, err1 := publicsuffix.EffectiveTLDPlusOne(ha)
	rb, err2 := publicsuffix.EffectiveTLDPlusOne(hb)
	return err1 == nil && err2 == nil && ra == rb
}

// wpFooter is the paragraph WordPress appends to feed text: "The post X
// appeared first on Site."
var wpFooter = regexp.MustCompile(`(?m)\n*^The post .{1,400} appeared first on .{1,200}\.$`)

// stripBoilerplate removes feed and page boilerplate that is not content.
func stripBoilerplate(s string) string {
	if !strings.Contains(s, "appeared first on") {
		return s
	}
	return strings.TrimSpace(wpFooter.ReplaceAllString(s, ""))
}

// fullTextRunes is the length from which a feed's text counts as the
// article rather than a teaser.
const fullTextRunes = 1000

// contentRunes is the length from which a feed's full-content element
// (content:encoded, Atom content, JSON Feed content) that does not end like a
// teaser counts as the whole article: short regulator notices are often
// complete at a few hundred characters.
const contentRunes = 300

var teaserEnd = regexp.MustCompile(`(?i)(\[(\.\.\.|…)\]|\.\.\.|…|read more\W*|continue reading\W*|read the full (story|article)\W*|\(more…?\)|more »)$`)

// endsLikeTeaser reports whether s ends the way teasers do. Only the tail is
// matched: the pattern is anchored at the end, and running it over a whole
// article costs a backtracking attempt at every byte.
func endsLikeTeaser(s string) bool {
	const tail = 64 // longer than any teaser ending
	if len(s) > tail {
		s = s[len(s)-tail:]
	}
	return teaserEnd.MatchString(s)
}

// NeedsFullText reports whether the article page should be fetched for an
// item: always when the source sets FullText; never without a URL; else
// when the feed carries only a teaser: no text of fullTextRunes runes, and a
// summary that is short or ends like a teaser ("[...]", "…", "Read more").
// The ingest pipeline calls it for new items only.
func NeedsFullText(src *breachwire.Source, it breachwire.Item) bool {
	if it.URL == "" {
		return false
	}
	if src != nil && src.FullText {
		return true
	}
	text := strings.TrimSpace(stripBoilerplate(it.Text))
	if n := utf8.RuneCountInString(text); n >= fullTextRunes || (n >= contentRunes && !endsLikeTeaser(text)) {
		return false
	}
	summary := stripBoilerplate(it.Summary)
	if endsLikeTeaser(strings.TrimSpace(summary)) {
		return true
	}
	return utf8.RuneCountInString(summary) < fullTextRunes
}
