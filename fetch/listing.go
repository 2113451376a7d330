package fetch

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"

	"breachwire"
)

// defaultItemSelector is used when an html source names no item selector:
// every link on the page, filtered by the source's pattern.
const defaultItemSelector = "a[href]"

// compileSelectors checks the source's selectors, so that a typo is an error
// naming the selector rather than an empty result.
func compileSelectors(sel breachwire.Selectors) error {
	for _, s := range []struct{ name, v string }{
		{"item", sel.Item}, {"title", sel.Title}, {"link", sel.Link}, {"date", sel.Date}, {"body", sel.Body},
	} {
		if s.v == "" {
			continue
		}
		if _, err := cascadia.ParseGroup(s.v); err != nil {
			return fmt.Errorf("%w: %s selector %q: %v", ErrSelector, s.name, s.v, err)
		}
	}
	return nil
}

// parseHTMLDoc decodes a page to UTF-8 (goquery reads only UTF-8) and parses
// it. The page's <base href>, if any, replaces base.
func parseHTMLDoc(body []byte, contentType string, base *url.URL) (*goquery.Document, *url.URL, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(toUTF8(body, contentType, false)))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: HTML: %v", ErrMalformed, err)
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := base.Parse(strings.TrimSpace(href)); err == nil && (b.Scheme == "http" || b.Scheme == "https") {
			base = b
		}
	}
	return doc, base, nil
}

// parseListing reads an HTML listing page with the source's selectors: one
// element per Item; Title, Link and Date inside it (empty Title or Link:
// the item element itself; a Link that is no anchor: its first a[href]).
// Links are resolved against the page and filtered by src.Pattern; the same
// link listed twice (an image and a heading) gives one item.
func parseListing(body []byte, contentType string, base *url.URL, src *breachwire.Source, lim limits) ([]breachwire.Item, error) {
	sel := src.Selectors
	if err := compileSelectors(sel); err != nil {
		return nil, err
	}
	doc, base, err := parseHTMLDoc(body, contentType, base)
	if err != nil {
		return nil, err
	}
	itemSel := sel.Item
	if itemSel == "" {
		itemSel = defaultItemSelector
	}
	var items []breachwire.Item
	index := map[string]int{} // canonical URL -> position in items
	doc.Find(itemSel).Each(func(_ int, s *goquery.Selection) {
		link := resolveLink(base, hrefIn(s, sel.Link))
		if link == "" || (src.Pattern != nil && !src.Pattern.MatchString(link)) {
			return
		}
		titleSel := s
		if sel.Title != "" {
			titleSel = s.Find(sel.Title).First()
		}
		title := inlineText(nodesText(titleSel.Nodes, 4096), lim.titleRunes)
		var published, raw string
		if sel.Date != "" {
			d := s.Find(sel.Date).First()
			if sel.DateAttr != "" {
				raw, _ = d.Attr(sel.DateAttr)
			} else {
				raw = d.Text()
			}
			published = raw
		}
		canon := CanonicalURL(link)
		if i, ok := index[canon]; ok {
			if items[i].Title == "" {
				items[i].Title = title
			}
			if items[i].PublishedRaw == "" && published != "" {
				items[i].Published, items[i].PublishedRaw = itemDates(published, nil)
			}
			return
		}
		it := breachwire.Item{URL: link, CanonicalURL: canon, Title: title}
		it.Published, it.PublishedRaw = itemDates(published, nil)
		index[canon] = len(items)
		items = append(items, it)
	})
	for i := range items {
		if items[i].Title == "" {
			items[i].Title = titleFromURL(items[i].URL)
		}
	}
	assignKeys(items)
	return items, nil
}

// hrefIn finds an item's link: the href of the Link selector's first match,
// or of the item itself, or of the first anchor inside.
func hrefIn(s *goquery.Selection, linkSel string) string {
	el := s
	if linkSel != "" {
		el = s.Find(linkSel).First()
	}
	if href, ok := el.Attr("href"); ok {
		return href
	}
	if href, ok := el.Find("a[href]").First().Attr("href"); ok {
		return href
	}
	return ""
}
