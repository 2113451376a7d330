package fetch

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"breachwire"
)

// TestErrorMessages pins the messages shown on a source's status, so that
// they stay readable: one package prefix, the URL, the reason.
func TestErrorMessages(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-file":
			w.Header().Set("Location", "file:///etc/passwd")
			w.WriteHeader(http.StatusFound)
		case "/to-octal":
			w.Header().Set("Location", "http://0177.0.0.1/admin")
			w.WriteHeader(http.StatusFound)
		case "/gone":
			w.WriteHeader(http.StatusGone)
		}
	}))
	c := testClient(t, Options{}, srv)
	tests := []struct{ url, want string }{
		{"ftp://example.org/feed", `fetch: ftp://example.org/feed: only http and https URLs are fetched`},
		{"http://2130706433/", `fetch: http://2130706433/: private network refused: 2130706433 (127.0.0.1) is loopback`},
		{"http://0x5db8d70e/", `fetch: http://0x5db8d70e/: invalid URL: host 0x5db8d70e is a non-canonical IP address, write 93.184.215.14`},
		{"http://127.0.0.1/feed", `fetch: GET http://127.0.0.1/feed: private network refused: 127.0.0.1 is loopback`},
		{srv.URL + "/to-file", "fetch: redirect from " + srv.URL + "/to-file: file:///etc/passwd: only http and https URLs are fetched"},
		{srv.URL + "/to-octal", "fetch: redirect from " + srv.URL + "/to-octal: http://0177.0.0.1/admin: private network refused: 0177.0.0.1 (127.0.0.1) is loopback"},
		{srv.URL + "/gone", "fetch: GET " + srv.URL + "/gone: HTTP 410 Gone"},
		{"http://user:secret@127.0.0.1/feed", "fetch: GET http://user:xxxxx@127.0.0.1/feed: private network refused: 127.0.0.1 is loopback"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, tt.url), breachwire.SourceState{})
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error\n  %v\nwant\n  %s", err, tt.want)
			}
		})
	}
}

// TestFetch_A9_CredentialsNotInResults: credentials in a source URL are used
// for the request but never appear in the final URL, the reported redirect
// or the items' links, which are stored and shown.
func TestFetch_A9_CredentialsNotInResults(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/feed", http.StatusMovedPermanently)
			return
		}
		if _, _, ok := r.BasicAuth(); !ok {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Write([]byte(`<rss version="2.0"><channel><title>t</title><item><title>a</title><link>/post/1</link></item></channel></rss>`))
	}))
	c := testClient(t, Options{}, srv)
	u := strings.Replace(srv.URL, "http://", "http://reader:s3cret@", 1) + "/old"
	res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, u), breachwire.SourceState{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{res.URL, res.PermanentRedirect, res.Items[0].URL, res.Items[0].Key} {
		if strings.Contains(s, "s3cret") || strings.Contains(s, "reader@") {
			t.Fatalf("credentials leaked into %q", s)
		}
	}
	if res.Items[0].URL != srv.URL+"/post/1" {
		t.Fatalf("link %q", res.Items[0].URL)
	}
}
