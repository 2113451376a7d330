package web

import (
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"breachwire/rss"
)

// TestFeeds: /feed.rss and /feed.atom take the search filters, newest
// first, are well-formed with the facts in the breachwire namespace, and
// answer conditional requests with 304 (issue 5).
func TestFeeds(t *testing.T) {
	e := newTestEnv(t)
	for _, tc := range []struct {
		path, ctype, root string
	}{
		{"/feed.rss?regulator=ICO", "application/rss+xml", "rss"},
		{"/feed.atom?regulator=ICO", "application/atom+xml", "feed"},
	} {
		t.Run(tc.root, func(t *testing.T) {
			resp, body := e.get(t, tc.path)
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.ctype) {
				t.Fatalf("GET %s: %d %s", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			var doc struct{ XMLName xml.Name }
			if err := xml.Unmarshal([]byte(body), &doc); err != nil || doc.XMLName.Local != tc.root {
				t.Fatalf("not a well-formed %s document: %v", tc.root, err)
			}
			// the ICO articles, newest first, and nothing else
			hostile := strings.Index(body, e.articleGUID(t, urlHostile))
			advanced := strings.Index(body, e.articleGUID(t, urlAdvanced))
			if hostile < 0 || advanced < 0 || hostile > advanced {
				t.Errorf("items out of order or missing (hostile at %d, advanced at %d)", hostile, advanced)
			}
			if strings.Contains(body, e.articleGUID(t, urlFirewall)) {
				t.Error("an NCSC article is in the ICO feed")
			}
			mustContain(t, tc.path, body, "urn:breachwire:ns:1", "3070000", "GBP", "final")
			mustNotContain(t, tc.path, body, "<script")

			etag := resp.Header.Get("ETag")
			if etag == "" {
				t.Fatal("no ETag")
			}
			req, _ := http.NewRequest(http.MethodGet, e.http.URL+tc.path, nil)
			req.Header.Set("If-None-Match", etag)
			again, err := e.http.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			again.Body.Close()
			if again.StatusCode != http.StatusNotModified {
				t.Errorf("conditional request: %d, want 304", again.StatusCode)
			}
		})
	}
	resp, body := e.get(t, "/feed.rss?sort=random")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "sort") {
		t.Errorf("bad filter: %d %s", resp.StatusCode, body)
	}
}

// articleGUID is the feed guid of a corpus article.
func (e *testEnv) articleGUID(t *testing.T, url string) string {
	t.Helper()
	return strings.ReplaceAll(rss.GUID(e.id(t, url)), "&", "&amp;")
}
