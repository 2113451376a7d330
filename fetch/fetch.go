package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"breachwire"
)

// Result is what one read of a source gave.
type Result struct {
	// URL is the final URL after redirects.
	URL string
	// Status is the HTTP status of the final response (200, 304...).
	Status int
	// NotModified is set for a 304 answer to a conditional request: a
	// success that changes nothing; Items is empty.
	NotModified bool
	// ETag and LastModified are the validators to store for the next
	// conditional request, byte for byte as the server sent them. After a
	// 200 without validators they are empty (never invented, RELIABILITY
	// B7); after a 304 they are the ones sent, unless the 304 carried new
	// ones.
	ETag         string
	LastModified string
	// PermanentRedirect is the target of an unbroken chain of 301/308
	// redirects from the source URL, or "". It is reported for the caller
	// to record (SourceState.RedirectURL), never applied silently (B5).
	PermanentRedirect string
	// Format is what the document was: "rss", "atom", "json", "html" or
	// "sitemap".
	Format string
	// Items are the document's items that pass the source's include and
	// exclude patterns, newest first, at most the source's MaxItems (or
	// Options.MaxItems).
	Items []breachwire.Item
	// Total counts the items in the document; Filtered those dropped by
	// the include and exclude patterns.
	Total    int
	Filtered int
}

// Fetch reads a source: one conditional GET of src.URL (the validators in
// st are sent back byte for byte) and, for a sitemap index, its children.
// The body is read according to src.Format:
//
//   - feed: RSS, Atom or JSON Feed, told apart by the content; an HTML page
//     gives ErrNotAFeed ("not a feed (got HTML)").
//   - html: a listing page read with src.Selectors (a feed served instead is
//     read as a feed).
//   - sitemap: a sitemap or sitemap index, filtered by src.Pattern.
//
// Errors wrap the package's sentinels or a *StatusError. When a response was
// received, the returned *Result is non-nil even with an error, carrying the
// status, final URL and any permanent redirect, so the caller can record
// them; its Items are then empty.
func (c *Client) Fetch(ctx context.Context, src *breachwire.Source, st breachwire.SourceState) (*Result, error) {
	if src == nil {
		return nil, errors.New("fetch: nil source")
	}
	accept := acceptFeed
	switch src.Format {
	case breachwire.FormatHTML:
		accept = acceptHTML
	case breachwire.FormatSitemap:
		accept = acceptSitemap
	case breachwire.FormatFeed, "":
	default:
		return nil, fmt.Errorf("fetch: source %q: unknown format %q", src.Name, src.Format)
	}
	get := c.get
	if strings.HasPrefix(src.URL, "file:") {
		get = c.getFile
	}
	resp, err := get(ctx, request{url: src.URL, accept: accept, etag: st.ETag, lastModified: st.LastModified})
	var res *Result
	if resp != nil {
		res = &Result{URL: resp.url.String(), Status: resp.status, PermanentRedirect: resp.permanentTo}
	}
	if err != nil {
		return res, err
	}
	if resp.status == http.StatusNotModified {
		res.NotModified = true
		res.ETag, res.LastModified = st.ETag, st.LastModified
		if v, ok := headerExact(resp.header, "ETag"); ok {
			res.ETag = v
		}
		if v, ok := headerExact(resp.header, "Last-Modified"); ok {
			res.LastModified = v
		}
		return res, nil
	}
	res.ETag, _ = headerExact(resp.header, "ETag")
	res.LastModified, _ = headerExact(resp.header, "Last-Modified")

	lim := c.limitsFor(src)
	ctype := resp.header.Get("Content-Type")
	var items []breachwire.Item
	switch src.Format {
	case breachwire.FormatHTML:
		if kind, _ := sniff(resp.body); kind == docRSS || kind == docAtom || kind == docJSON {
			items, res.Format, err = parseFeed(resp.body, ctype, resp.url, lim)
		} else {
			res.Format = "html"
			items, err = parseListing(resp.body, ctype, resp.url, src, lim)
		}
		err = prefixed(resp, err)
	case breachwire.FormatSitemap:
		res.Format = "sitemap"
		items, err = c.readSitemap(ctx, resp.body, ctype, resp.url, src)
	default:
		items, res.Format, err = parseFeed(resp.body, ctype, resp.url, lim)
		err = prefixed(resp, err)
	}
	if err != nil {
		return res, err
	}
	res.Total = len(items)
	res.Items, res.Filtered = finish(src, items, lim.items)
	return res, nil
}

// headerExact returns a header's first value as received (net/http only
// trims surrounding space), reporting whether it was present.
func headerExact(h http.Header, key string) (string, bool) {
	v, ok := h[http.CanonicalHeaderKey(key)]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// prefixed names the package and the document in a parse error.
func prefixed(resp *response, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("fetch: %s: %w", resp.url.Redacted(), err)
}
