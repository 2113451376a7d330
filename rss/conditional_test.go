package rss

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"breachwire"
)

func TestETag(t *testing.T) {
	a, p := advanced(), plain()
	base := ETag(RSS, testMeta, []breachwire.Article{a, p})
	if !regexp.MustCompile(`^"[A-Za-z0-9_-]{24}"$`).MatchString(base) {
		t.Fatalf("ETag %s is not a strong quoted tag", base)
	}
	if again := ETag(RSS, testMeta, []breachwire.Article{advanced(), plain()}); again != base {
		t.Errorf("ETag not stable: %s then %s", base, again)
	}
	rewritten := advanced()
	rewritten.Seq++
	otherMeta := testMeta
	otherMeta.SelfURL += "&mfa=absent"
	for name, tag := range map[string]string{
		"seq changed":     ETag(RSS, testMeta, []breachwire.Article{rewritten, p}),
		"order changed":   ETag(RSS, testMeta, []breachwire.Article{p, a}),
		"article dropped": ETag(RSS, testMeta, []breachwire.Article{a}),
		"format":          ETag(Atom, testMeta, []breachwire.Article{a, p}),
		"meta":            ETag(RSS, otherMeta, []breachwire.Article{a, p}),
	} {
		if tag == base {
			t.Errorf("%s: ETag unchanged", name)
		}
	}
}

// TestETag_EqualTagsEqualBytes: the promise of a strong tag, checked for the
// cases that give equal tags.
func TestETag_EqualTagsEqualBytes(t *testing.T) {
	list := []breachwire.Article{advanced(), plain()}
	for _, f := range []Format{RSS, Atom} {
		a := render(t, f, testMeta, list)
		b := render(t, f, testMeta, []breachwire.Article{advanced(), plain()})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: equal ETags, different bytes", f)
		}
	}
	// An empty feed has no clock reading in it either.
	if a := render(t, Atom, FeedMeta{}, nil); !bytes.Contains(a, []byte("<updated>2000-01-01T00:00:00Z</updated>")) {
		t.Errorf("empty feed's date is not the fixed stand-in:\n%s", a)
	}
}

func TestConditional(t *testing.T) {
	etag := `"abc"`
	mod := time.Date(2025, 3, 28, 8, 0, 0, 500, time.UTC)
	tests := []struct {
		name    string
		method  string
		headers map[string]string
		want304 bool
	}{
		{"no conditions", "GET", nil, false},
		{"etag matches", "GET", map[string]string{"If-None-Match": `"abc"`}, true},
		{"weak form matches", "GET", map[string]string{"If-None-Match": `W/"abc"`}, true},
		{"in a list", "GET", map[string]string{"If-None-Match": `"x", "a,b", "abc"`}, true},
		{"star", "GET", map[string]string{"If-None-Match": `*`}, true},
		{"other etag", "GET", map[string]string{"If-None-Match": `"abd"`}, false},
		{"unquoted garbage", "GET", map[string]string{"If-None-Match": `abc`}, false},
		{"etag wins over date", "GET", map[string]string{"If-None-Match": `"old"`, "If-Modified-Since": mod.Add(time.Hour).Format(http.TimeFormat)}, false},
		{"same second", "GET", map[string]string{"If-Modified-Since": mod.Format(http.TimeFormat)}, true},
		{"later date", "HEAD", map[string]string{"If-Modified-Since": mod.Add(time.Hour).Format(http.TimeFormat)}, true},
		{"earlier date", "GET", map[string]string{"If-Modified-Since": mod.Add(-time.Second).Format(http.TimeFormat)}, false},
		{"bad date", "GET", map[string]string{"If-Modified-Since": "yesterday"}, false},
		{"post ignores", "POST", map[string]string{"If-None-Match": `"abc"`}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/feed.rss", nil)
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			w.Header().Set("Content-Type", ContentTypeRSS)
			got := Conditional(w, r, etag, mod)
			if got != tt.want304 {
				t.Fatalf("Conditional = %v, want %v", got, tt.want304)
			}
			if w.Header().Get("ETag") != etag || w.Header().Get("Last-Modified") != "Fri, 28 Mar 2025 08:00:00 GMT" {
				t.Errorf("headers = %v", w.Header())
			}
			if tt.want304 && (w.Code != http.StatusNotModified || w.Header().Get("Content-Type") != "") {
				t.Errorf("code %d, content type %q", w.Code, w.Header().Get("Content-Type"))
			}
		})
	}
}
