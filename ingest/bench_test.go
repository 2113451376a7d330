package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"breachwire"
	"breachwire/fetch"
	"breachwire/store"
)

// benchFeeds serves n RSS feeds of items items each at /f/<i>.xml, every item
// with a full text of about 1.5 KB (so no article page is fetched), plus a
// gzip bomb at /bomb and an endless body at /endless.
func benchFeeds(n, items int) http.Handler {
	bodies := make([][]byte, n)
	para := "The regulator fined the company £1.2m after a ransomware attack exposed the records of 48,000 customers. " +
		"Investigators found that multi-factor authentication was not enabled on the remote access gateway and that " +
		"security patches had not been applied for months. The company said it had since improved its controls. "
	for i := range bodies {
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed %d</title><link>https://feed%d.example/</link>`, i, i)
		for j := range items {
			fmt.Fprintf(&b, `<item><title>Breach report %d-%d: company fined after attack</title><link>https://feed%d.example/a/%d</link><guid>feed%d-item%d</guid><pubDate>Mon, 02 Nov 2026 10:%02d:00 +0000</pubDate><content:encoded><![CDATA[<p>%s</p><p>%s</p><p>%s</p>]]></content:encoded></item>`,
				i, j, i, j, i, j, j%60, para, para, para)
		}
		b.WriteString(`</channel></rss>`)
		bodies[i] = []byte(b.String())
	}
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestSpeed)
	zeros := make([]byte, 1<<20)
	for range 256 {
		zw.Write(zeros)
	}
	zw.Close()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		case r.URL.Path == "/endless":
			chunk := bytes.Repeat([]byte("<item><title>x</title></item>"), 2048)
			w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel>`))
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		default:
			var i int
			if _, err := fmt.Sscanf(r.URL.Path, "/f/%d.xml", &i); err != nil || i < 0 || i >= len(bodies) {
				http.NotFound(w, r)
				return
			}
			w.Write(bodies[i])
		}
	})
}

// BenchmarkPass is issue 2's ingest benchmark: one pass over 200 feeds of
// 50 items each served on loopback, host gap zero, no article pages, into
// a fresh database each iteration. It reports articles stored per second
// and the peak heap in use during the pass; the "hostile" case adds a gzip
// bomb and an endless body to the sources.
func BenchmarkPass(b *testing.B) {
	const feeds, items = 200, 50
	srv := httptest.NewServer(benchFeeds(feeds, items))
	defer srv.Close()
	for _, hostile := range []bool{false, true} {
		name := "healthy"
		if hostile {
			name = "hostile"
		}
		b.Run(name, func(b *testing.B) {
			var sources []*breachwire.Source
			for i := range feeds {
				sources = append(sources, &breachwire.Source{ID: fmt.Sprintf("f%d", i), Name: fmt.Sprintf("feed %d", i),
					URL: fmt.Sprintf("%s/f/%d.xml", srv.URL, i), Format: breachwire.FormatFeed, Interval: time.Hour})
			}
			if hostile {
				sources = append(sources,
					&breachwire.Source{ID: "bomb", Name: "bomb", URL: srv.URL + "/bomb", Format: breachwire.FormatFeed, Interval: time.Hour},
					&breachwire.Source{ID: "endless", Name: "endless", URL: srv.URL + "/endless", Format: breachwire.FormatFeed, Interval: time.Hour})
			}
			client := fetch.New(fetch.Options{Allow: []string{strings.TrimPrefix(srv.URL, "http://")}, MaxItems: items})
			defer client.Close()
			var peak atomic.Uint64
			stored := 0
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				p := &Pipeline{Client: client, Store: db, Workers: 4}
				runtime.GC()
				stop := make(chan struct{})
				sampled := make(chan struct{})
				go func() {
					defer close(sampled)
					var ms runtime.MemStats
					for {
						runtime.ReadMemStats(&ms)
						if ms.HeapInuse > peak.Load() {
							peak.Store(ms.HeapInuse)
						}
						select {
						case <-stop:
							return
						case <-time.After(5 * time.Millisecond):
						}
					}
				}()
				b.StartTimer()
				start := time.Now()
				sum, err := p.Pass(context.Background(), sources, nil)
				elapsed += time.Since(start)
				b.StopTimer()
				close(stop)
				<-sampled
				if err != nil {
					b.Fatal(err)
				}
				stored += sum.New
				if sum.New != feeds*items {
					b.Fatalf("stored %d articles, want %d (failed sources: %d)", sum.New, feeds*items, sum.Failed)
				}
				if hostile && sum.Failed != 2 {
					b.Fatalf("%d sources failed, want the bomb and the endless body", sum.Failed)
				}
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(stored)/elapsed.Seconds(), "articles/s")
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
		})
	}
}
