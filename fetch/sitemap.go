package fetch

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"time"

	"breachwire"
)

// sitemapEntry is one <url> or <sitemap> element of the sitemap protocol
// (https://www.sitemaps.org/protocol.html).
type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

type sitemapDoc struct {
	URLs     []sitemapEntry `xml:"url"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

// decodeSitemap reads a urlset or sitemapindex document.
func decodeSitemap(body []byte, contentType string) (docType, *sitemapDoc, error) {
	body = toUTF8(body, contentType, true)
	kind, root := sniff(body)
	if kind != docSitemap && kind != docSitemapIndex {
		return kind, nil, notA(ErrNotASitemap, kind, root)
	}
	body = stripInvalidXMLChars(trimAfterRoot(body, root))
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var doc sitemapDoc
	if err := d.Decode(&doc); err != nil {
		return kind, nil, fmt.Errorf("%w: sitemap: %v", ErrMalformed, err)
	}
	return kind, &doc, nil
}

// datedEntry is a sitemap entry with its lastmod read.
type datedEntry struct {
	loc     string
	raw     string
	lastmod time.Time
}

func datedEntries(base *url.URL, in []sitemapEntry) []datedEntry {
	out := make([]datedEntry, 0, len(in))
	for _, e := range in {
		loc := resolveLink(base, e.Loc)
		if loc == "" {
			continue
		}
		t, raw := itemDates(e.LastMod, nil)
		out = append(out, datedEntry{loc: loc, raw: raw, lastmod: t})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].lastmod, out[j].lastmod
		if a.IsZero() || b.IsZero() {
			return !a.IsZero() && b.IsZero()
		}
		return a.After(b)
	})
	return out
}

// readSitemap turns a fetched sitemap, or a sitemap index and up to
// Options.MaxSitemaps of its children (newest lastmod first, fetched with
// the same client and politeness), into items: the URLs matching
// src.Pattern, with lastmod as their date. Sitemaps carry no titles: the
// title is derived from the URL's last segment until the article page is
// read. A child that fails is skipped; if every child fails, the first error
// is returned.
func (c *Client) readSitemap(ctx context.Context, body []byte, contentType string, base *url.URL, src *breachwire.Source) ([]breachwire.Item, error) {
	kind, doc, err := decodeSitemap(body, contentType)
	if err != nil {
		return nil, fmt.Errorf("fetch: %s: %w", base.Redacted(), err)
	}
	entries := datedEntries(base, doc.URLs)
	if kind == docSitemapIndex {
		children := datedEntries(base, doc.Sitemaps)
		if len(children) > c.opts.MaxSitemaps {
			children = children[:c.opts.MaxSitemaps]
		}
		var firstErr error
		ok := 0
		for _, child := range children {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("fetch: sitemap index %s: %w", base.Redacted(), err)
			}
			got, err := c.childSitemap(ctx, child.loc)
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			ok++
			entries = append(entries, got...)
		}
		if ok == 0 && firstErr != nil {
			return nil, firstErr
		}
		sort.SliceStable(entries, func(i, j int) bool { return entries[i].lastmod.After(entries[j].lastmod) })
	}
	items := make([]breachwire.Item, 0, len(entries))
	seen := map[string]bool{}
	for _, e := range entries {
		if src.Pattern != nil && !src.Pattern.MatchString(e.loc) {
			continue
		}
		canon := CanonicalURL(e.loc)
		if seen[canon] {
			continue
		}
		seen[canon] = true
		items = append(items, breachwire.Item{
			URL:          e.loc,
			CanonicalURL: canon,
			Title:        titleFromURL(e.loc),
			Published:    e.lastmod,
			PublishedRaw: e.raw,
			Updated:      e.lastmod,
		})
	}
	assignKeys(items)
	return items, nil
}

// childSitemap fetches one child of a sitemap index. Nested indexes are not
// followed (the protocol does not allow them).
func (c *Client) childSitemap(ctx context.Context, loc string) ([]datedEntry, error) {
	resp, err := c.get(ctx, request{url: loc, accept: acceptSitemap})
	if err != nil {
		return nil, err
	}
	if resp.status == 304 {
		return nil, errors.New("fetch: unexpected 304 for " + loc)
	}
	kind, doc, err := decodeSitemap(resp.body, resp.header.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("fetch: %s: %w", resp.url.Redacted(), err)
	}
	if kind == docSitemapIndex {
		return nil, fmt.Errorf("fetch: %s: %w (nested sitemap index)", resp.url.Redacted(), ErrNotASitemap)
	}
	return datedEntries(resp.url, doc.URLs), nil
}
