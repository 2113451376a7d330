package rss

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"hash"
	"net/http"
	"strings"
	"time"

	"breachwire"
)

// ETag returns a strong entity tag for the feed that Write would produce for
// these arguments, computed without rendering it: the articles' ids and Seqs
// (the store gives an article a new Seq on every write, so a changed
// article changes the tag), their order, the feed metadata, the format and
// the version of this package's output. Equal tags mean byte-identical
// documents, which is what a strong tag promises.
func ETag(format Format, meta FeedMeta, articles []breachwire.Article) string {
	h := sha256.New()
	str := func(s string) {
		writeU64(h, uint64(len(s)))
		h.Write([]byte(s))
	}
	str(formatVersion)
	str(string(format))
	str(meta.Title)
	str(meta.Description)
	str(meta.BaseURL)
	str(meta.SelfURL)
	str(meta.Language)
	str(meta.Generator)
	str(meta.Updated.UTC().Format(time.RFC3339Nano))
	writeU64(h, uint64(len(articles)))
	for i := range articles {
		writeU64(h, articles[i].ID)
		writeU64(h, articles[i].Seq)
	}
	sum := h.Sum(nil)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
}

func writeU64(h hash.Hash, v uint64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	h.Write(b[:])
}

// Conditional prepares a feed response: it sets the ETag, Last-Modified
// (when modified is not zero) and Cache-Control headers on w, and when r's
// conditional headers show that the client already holds this version it
// answers 304 Not Modified and returns true; the caller then writes nothing
// more. If-None-Match is compared first, with the weak comparison RFC 9110
// prescribes for it; If-Modified-Since is consulted only when there is no
// If-None-Match, and only for GET and HEAD.
//
// Last-Modified is the newest first-seen or updated time of the articles
// (LastModified): a change that does not move it, such as facts extracted
// anew, is seen by clients that send If-None-Match, as every common feed
// reader does.
func Conditional(w http.ResponseWriter, r *http.Request, etag string, modified time.Time) bool {
	hd := w.Header()
	if etag != "" {
		hd.Set("ETag", etag)
	}
	if !modified.IsZero() {
		hd.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	hd.Set("Cache-Control", "no-cache")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if inm := r.Header.Values("If-None-Match"); len(inm) > 0 {
		if etag == "" || !noneMatchHas(inm, etag) {
			return false
		}
		notModified(w)
		return true
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" || modified.IsZero() {
		return false
	}
	t, err := http.ParseTime(ims)
	if err != nil {
		return false
	}
	// HTTP dates have whole seconds.
	if modified.UTC().Truncate(time.Second).After(t) {
		return false
	}
	notModified(w)
	return true
}

func notModified(w http.ResponseWriter) {
	hd := w.Header()
	hd.Del("Content-Type")
	hd.Del("Content-Length")
	w.WriteHeader(http.StatusNotModified)
}

// noneMatchHas reports whether the If-None-Match field values list etag or
// "*", comparing weakly (W/"x" matches "x").
func noneMatchHas(values []string, etag string) bool {
	want := strings.TrimPrefix(etag, "W/")
	for _, v := range values {
		for _, tag := range splitTags(v) {
			if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
				return true
			}
		}
	}
	return false
}

// splitTags splits an If-None-Match value into entity tags, allowing commas
// inside quoted tags.
func splitTags(v string) []string {
	var out []string
	for {
		v = strings.TrimLeft(v, " \t,")
		if v == "" {
			return out
		}
		if v[0] == '*' {
			out = append(out, "*")
			v = v[1:]
			continue
		}
		prefix := ""
		if strings.HasPrefix(v, "W/") {
			prefix, v = "W/", v[2:]
		}
		if !strings.HasPrefix(v, `"`) {
			// Not a valid entity tag; skip to the next comma.
			i := strings.IndexByte(v, ',')
			if i < 0 {
				return out
			}
			v = v[i:]
			continue
		}
		end := strings.IndexByte(v[1:], '"')
		if end < 0 {
			return out
		}
		out = append(out, prefix+v[:end+2])
		v = v[end+2:]
	}
}
