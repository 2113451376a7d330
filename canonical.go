package breachwire

import (
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// never the resource: two URLs that differ only in them are the same article.
// Keys are lower case; parameters starting with "utm_" are matched by prefix.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "li_fat_id": true,
	"mc_cid": true, "mc_eid": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true,
	"igshid": true, "oly_enc_id": true, "oly_anon_id": true, "vero_id": true,
	"_ga": true, "_gl": true, "ref_src": true, "ref_url": true,
	"cmpid": true, "ncid": true, "sr_share": true, "at_medium": true, "at_campaign": true,
}

func isTrackingParam(key string) bool {
	k := strings.ToLower(key)
	return strings.HasPrefix(k, "utm_") || trackingParams[k]
}

// CanonicalURL returns the form of an http(s) URL used to recognise the same
// article behind different links (DESIGN.md dedupe; RELIABILITY D1, D3): the
// scheme and host in lower case, a trailing dot and the default port dropped,
// credentials and the fragment removed, tracking parameters (utm_*, fbclid,
// gclid, mc_cid and similar) removed and the remaining query parameters
// sorted. An empty path becomes "/". The path keeps its case and escaping.
//
// Input that is not an absolute http or https URL is returned trimmed of
// surrounding space and otherwise unchanged. CanonicalURL is pure and
// idempotent: CanonicalURL(CanonicalURL(s)) == CanonicalURL(s). It lives in
// the root package because both fetch and store compute it.
func CanonicalURL(raw string) string {
	s := strings.TrimSpace(raw)
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" {
		return s
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return s
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimRight(host, ".")
	if host == "" {
		return s
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port := u.Port(); port != "" && !(scheme == "http" && port == "80") && !(scheme == "https" && port == "443") {
		host += ":" + port
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(host)
	b.WriteString(path)
	if q := canonicalQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	// A query may end in spaces that url.Parse let through; trimming them
	// keeps the function idempotent, since the input is trimmed first.
	return strings.TrimSpace(b.String())
}

// canonicalQuery drops empty and tracking parameters from a raw query and
// sorts the rest, keeping each parameter's escaping as it was written.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		key, _, _ := strings.Cut(p, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		if isTrackingParam(key) {
			continue
		}
		kept = append(kept, p)
	}
	sort.Strings(kept)
	return strings.Join(kept, "&")
}
