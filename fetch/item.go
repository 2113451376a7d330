package fetch

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"breachwire"
)

// CanonicalURL is breachwire.CanonicalURL, re-exported so that fetch's
// callers find it next to Item.CanonicalURL. The implementation lives in the
// root package because store computes it too and may not import fetch.
func CanonicalURL(raw string) string { return breachwire.CanonicalURL(raw) }

// maxKeyBytes bounds a GUID used verbatim as a key; longer GUIDs are hashed.
const maxKeyBytes = 512

// maxCategories bounds the categories kept per item.
const maxCategories = 20

// limits are the per-document caps in force for one source.
type limits struct {
	items      int
	titleRunes int
	textBytes  int
}

func (c *Client) limitsFor(src *breachwire.Source) limits {
	l := limits{items: c.opts.MaxItems, titleRunes: c.opts.MaxTitleRunes, textBytes: c.opts.MaxTextBytes}
	if src != nil && src.MaxItems > 0 {
		l.items = src.MaxItems
	}
	return l
}

// resolveLink trims a link, resolves it against base and returns it only if
// it is an absolute http(s) URL (RELIABILITY D4, A6).
func resolveLink(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// assignKeys gives every item its dedupe key, in document order (D1, D2):
// the GUID; else the canonical URL; else a hash of title and date (and the
// text, when both are empty). A key already taken in this document is told
// apart by the item's canonical URL, then by its position, so that nothing is
// overwritten or lost.
func assignKeys(items []breachwire.Item) {
	seen := make(map[string]bool, len(items))
	for i := range items {
		it := &items[i]
		key := it.GUID
		if len(key) > maxKeyBytes {
			key = "guid-sha256:" + hashHex(key)
		}
		if key == "" {
			key = it.CanonicalURL
		}
		if key == "" {
			seed := it.Title + "\x00" + it.PublishedRaw
			if strings.TrimSpace(it.Title+it.PublishedRaw) == "" {
				seed += "\x00" + it.Summary + "\x00" + it.Text
			}
			key = "sha256:" + hashHex(seed)
		}
		if seen[key] && it.CanonicalURL != "" && key != it.CanonicalURL {
			if k := key + "#" + it.CanonicalURL; !seen[k] {
				key = k
			}
		}
		if seen[key] {
			base := key
			for n := i; seen[key]; n++ {
				key = base + "#" + strconv.Itoa(n)
			}
		}
		seen[key] = true
		it.Key = key
	}
}

func hashHex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// finish applies the source's include and exclude patterns, orders the items
// newest first (undated items after dated ones, in document order) and keeps
// the first limit. Keys must already be assigned. It returns the items kept
// and how many the patterns dropped.
func finish(src *breachwire.Source, items []breachwire.Item, limit int) ([]breachwire.Item, int) {
	kept := items[:0]
	dropped := 0
	for _, it := range items {
		if src != nil && !src.Accepts(it.Title, it.URL) {
			dropped++
			continue
		}
		kept = append(kept, it)
	}
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i].Published, kept[j].Published
		if a.IsZero() || b.IsZero() {
			return !a.IsZero() && b.IsZero()
		}
		return a.After(b)
	})
	if limit > 0 && len(kept) > limit {
		// Copy so the dropped tail of a huge document can be collected.
		kept = append([]breachwire.Item(nil), kept[:limit]...)
	}
	return kept, dropped
}

// cleanCategories trims, de-duplicates and caps categories.
func cleanCategories(in []string, maxRunes int) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range in {
		c = inlineText(c, maxRunes)
		k := strings.ToLower(c)
		if c == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c)
		if len(out) == maxCategories {
			break
		}
	}
	return out
}

// titleFromText is the fallback title of an item without one: the start of
// its summary or text.
func titleFromText(s string, maxRunes int) string {
	if i := strings.Index(s, "\n"); i >= 0 {
		s = s[:i]
	}
	return capRunes(strings.TrimSpace(s), min(maxRunes, 120))
}

// titleFromURL derives a title from the last path segment of a URL, for
// sitemap entries, which carry none: ".../2026/03/ico-fines-advanced/" gives
// "Ico fines advanced". The article page's title should replace it.
func titleFromURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	slug := segs[len(segs)-1]
	for _, ext := range []string{".html", ".htm", ".aspx", ".php"} {
		slug = strings.TrimSuffix(slug, ext)
	}
	if s, err := url.PathUnescape(slug); err == nil {
		slug = s
	}
	slug = strings.Join(strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' || r == '+' || r == ' ' }), " ")
	if slug == "" {
		return u.Host
	}
	r, size := utf8.DecodeRuneInString(slug)
	return string(unicode.ToUpper(r)) + slug[size:]
}

// itemDates fills Published and PublishedRaw from a raw string and an
// already parsed time, dropping placeholders.
func itemDates(raw string, parsed *time.Time) (time.Time, string) {
	raw = strings.TrimSpace(cleanControl(raw))
	if len(raw) > 200 {
		raw = raw[:200]
	}
	var t time.Time
	if parsed != nil {
		t = *parsed
	} else if p, ok := parseDate(raw); ok {
		t = p
	}
	return plausibleDate(t), raw
}
