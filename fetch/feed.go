package fetch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/atom"

	"breachwire"
)

// docType is what a body turned out to be, judged from its content alone
// (never the URL or the Content-Type, RELIABILITY C5).
type docType int

const (
	docUnknown docType = iota
	docRSS
	docAtom
	docJSON
	docHTML
	docSitemap
	docSitemapIndex
	docJSONOther
)

func (d docType) String() string {
	switch d {
	case docRSS:
		return "rss"
	case docAtom:
		return "atom"
	case docJSON:
		return "json"
	case docHTML:
		return "html"
	case docSitemap, docSitemapIndex:
		return "sitemap"
	case docJSONOther:
		return "JSON"
	}
	return "unknown"
}

// sniffLimit bounds how far sniff looks for the root element, past
// declarations, comments and a DOCTYPE (which may carry an internal subset).
const sniffLimit = 1 << 20

// sniff returns the document type and, for XML, the root element's name as
// written (for example "rss" or "rdf:RDF").
func sniff(body []byte) (docType, string) {
	b := head(body, sniffLimit)
	i := 0
	for i < len(b) {
		switch c := b[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF || c == 0xFE || c == 0xFF || c == 0:
			i++
			continue
		case c == '{':
			return sniffJSON(body), ""
		case c != '<':
			if bytes.Contains(bytes.ToLower(head(b[i:], 4096)), []byte("<html")) {
				return docHTML, ""
			}
			return docUnknown, ""
		}
		rest := b[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end := bytes.Index(rest, []byte("?>"))
			if end < 0 {
				return docUnknown, ""
			}
			i += end + 2
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest, []byte("-->"))
			if end < 0 {
				return docUnknown, ""
			}
			i += end + 3
		case len(rest) >= 9 && strings.EqualFold(string(rest[:9]), "<!doctype"):
			name := strings.Fields(string(head(rest[9:], 64)))
			if len(name) > 0 && strings.HasPrefix(strings.ToLower(name[0]), "html") {
				return docHTML, ""
			}
			end := doctypeEnd(rest)
			if end < 0 {
				return docUnknown, ""
			}
			i += end
		default:
			j := 1
			for j < len(rest) && isNameByte(rest[j]) {
				j++
			}
			name := string(rest[1:j])
			return classifyRoot(name), name
		}
	}
	return docUnknown, ""
}

func isNameByte(c byte) bool {
	return c == ':' || c == '_' || c == '-' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80
}

// doctypeEnd returns the index just past a <!DOCTYPE ...> declaration,
// skipping an internal subset in brackets.
func doctypeEnd(b []byte) int {
	depth := 0
	for i, c := range b {
		switch c {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				return i + 1
			}
		}
	}
	return -1
}

func classifyRoot(name string) docType {
	local := strings.ToLower(name)
	if i := strings.LastIndexByte(local, ':'); i >= 0 {
		local = local[i+1:]
	}
	switch local {
	case "rss", "rdf":
		return docRSS
	case "feed":
		return docAtom
	case "urlset":
		return docSitemap
	case "sitemapindex":
		return docSitemapIndex
	case "":
		return docUnknown
	}
	if atom.Lookup([]byte(local)) != 0 {
		return docHTML
	}
	return docUnknown
}

// sniffJSON tells a JSON Feed (version https://jsonfeed.org/..., or an
// items array) from other JSON. Invalid JSON is left to the parser, which
// reports it as malformed.
func sniffJSON(body []byte) docType {
	var probe struct {
		Version any             `json:"version"`
		Items   json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		if _, ok := err.(*json.SyntaxError); ok {
			return docJSON
		}
	}
	if v, ok := probe.Version.(string); (ok && strings.Contains(v, "jsonfeed")) || len(probe.Items) > 0 {
		return docJSON
	}
	return docJSONOther
}

// trimAfterRoot cuts anything after the root element's end tag, such as a
// script a CDN appended after </rss> (C5).
func trimAfterRoot(body []byte, root string) []byte {
	if root == "" {
		return body
	}
	i := bytes.LastIndex(body, []byte("</"+root))
	if i < 0 {
		return body
	}
	j := bytes.IndexByte(body[i:], '>')
	if j < 0 {
		return body
	}
	return body[:i+j+1]
}

// notA builds the "not a feed (got HTML)" error.
func notA(sentinel error, got docType, root string) error {
	switch got {
	case docHTML:
		return fmt.Errorf("%w (got HTML)", sentinel)
	case docSitemap, docSitemapIndex:
		return fmt.Errorf("%w (got a sitemap)", sentinel)
	case docRSS, docAtom, docJSON:
		return fmt.Errorf("%w (got a %s feed)", sentinel, got)
	case docJSONOther:
		return fmt.Errorf("%w (got JSON that is not a JSON Feed)", sentinel)
	}
	if root != "" {
		return fmt.Errorf("%w (got XML with root <%s>)", sentinel, capRunes(root, 40))
	}
	return fmt.Errorf("%w (got neither XML nor JSON)", sentinel)
}

// parseFeed reads RSS, Atom or JSON Feed from a fetched body. The format is
// detected from the content; base (the final URL) resolves relative links.
func parseFeed(body []byte, contentType string, base *url.URL, lim limits) (items []breachwire.Item, format string, err error) {
	body = toUTF8(body, contentType, true)
	kind, root := sniff(body)
	switch kind {
	case docRSS, docAtom:
		body = stripInvalidXMLChars(trimAfterRoot(body, root))
	case docJSON:
	default:
		return nil, "", notA(ErrNotAFeed, kind, root)
	}
	f, err := parseWithGofeed(body)
	if err != nil {
		return nil, kind.String(), err
	}
	return feedItems(f, base, lim), kind.String(), nil
}

// parseWithGofeed runs a new gofeed parser (one per call: parsers are not
// shared, RELIABILITY H1) on the body. A panic inside the parser on hostile
// input is reported as a malformed document.
func parseWithGofeed(body []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%w: feed parser failed: %v", ErrMalformed, r)
		}
	}()
	fp := gofeed.NewParser()
	fp.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	f, err = fp.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return f, nil
}

// feedItems translates gofeed items into breachwire items; gofeed types stop
// here.
func feedItems(f *gofeed.Feed, base *url.URL, lim limits) []breachwire.Item {
	items := make([]breachwire.Item, 0, len(f.Items))
	for _, gi := range f.Items {
		if gi == nil {
			continue
		}
		it := breachwire.Item{
			GUID:    strings.TrimSpace(cleanControl(gi.GUID)),
			URL:     resolveLink(base, firstLink(gi)),
			Title:   inlineText(gi.Title, lim.titleRunes),
			Summary: stripBoilerplate(htmlToText(gi.Description, lim.textBytes)),
			Text:    stripBoilerplate(htmlToText(gi.Content, lim.textBytes)),
			Author:  inlineText(author(gi), 200),
		}
		if it.URL != "" {
			it.CanonicalURL = CanonicalURL(it.URL)
		}
		if it.Title == "" {
			it.Title = titleFromText(it.Summary+"\n"+it.Text, lim.titleRunes)
		}
		raw, parsed := gi.Published, gi.PublishedParsed
		if strings.TrimSpace(raw) == "" {
			raw, parsed = gi.Updated, gi.UpdatedParsed
		}
		if t, ok := parseDate(raw); ok {
			parsed = &t // our reading knows more zone abbreviations
		}
		it.Published, it.PublishedRaw = itemDates(raw, parsed)
		if gi.UpdatedParsed != nil {
			it.Updated = plausibleDate(*gi.UpdatedParsed)
		}
		it.Categories = cleanCategories(gi.Categories, 100)
		items = append(items, it)
	}
	assignKeys(items)
	return items
}

func firstLink(gi *gofeed.Item) string {
	if strings.TrimSpace(gi.Link) != "" {
		return gi.Link
	}
	for _, l := range gi.Links {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	for _, e := range gi.Enclosures {
		if e != nil && strings.TrimSpace(e.URL) != "" {
			return e.URL
		}
	}
	return ""
}

func author(gi *gofeed.Item) string {
	for _, p := range gi.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			return p.Name
		}
	}
	if gi.Author != nil && gi.Author.Name != "" {
		return gi.Author.Name
	}
	if gi.DublinCoreExt != nil {
		for _, c := range gi.DublinCoreExt.Creator {
			if strings.TrimSpace(c) != "" {
				return c
			}
		}
	}
	return ""
}
