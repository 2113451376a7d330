package fetch

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"breachwire"
)

// TestFetch_C2_DeepNesting: 200,000 nested elements in a feed, and a
// hundred thousand nested divs in an article page, end in a clean error or a
// truncated parse, never a crash. The body cap bounds the depth.
func TestFetch_C2_DeepNesting(t *testing.T) {
	deepXML := `<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title><item><title>x</title><description>` +
		strings.Repeat("<a>", 200000) + `</description></item></channel></rss>`
	deepRoot := `<?xml version="1.0"?><rss version="2.0">` + strings.Repeat("<channel>", 200000)
	deepHTML := "<html><body>" + strings.Repeat("<div>", 100000) + "<p>Deep text.</p></body></html>"
	mux := http.NewServeMux()
	mux.HandleFunc("/deep.xml", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(deepXML)) })
	mux.HandleFunc("/deep-root.xml", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(deepRoot)) })
	mux.HandleFunc("/deep.html", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(deepHTML)) })
	srv := serve(t, mux)
	c := testClient(t, Options{}, srv)
	t.Run("deep description", func(t *testing.T) {
		res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/deep.xml"), breachwire.SourceState{})
		if err != nil && !errors.Is(err, ErrMalformed) {
			t.Fatalf("error = %v, want success or ErrMalformed", err)
		}
		if err == nil && (len(res.Items) != 1 || res.Items[0].Title != "x") {
			t.Fatalf("items %+v", res.Items)
		}
	})
	t.Run("deep root", func(t *testing.T) {
		_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/deep-root.xml"), breachwire.SourceState{})
		if !errors.Is(err, ErrMalformed) {
			t.Fatalf("error = %v, want ErrMalformed", err)
		}
	})
	t.Run("deep html", func(t *testing.T) {
		_, err := c.Article(context.Background(), nil, srv.URL+"/deep.html")
		if !errors.Is(err, ErrMalformed) {
			t.Fatalf("error = %v, want ErrMalformed", err)
		}
	})
}
