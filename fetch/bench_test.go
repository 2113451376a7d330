package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"breachwire"
)

const (
	benchFeeds    = 200
	benchPerFeed  = 50
	benchHostKeys = 8
)

// benchFeed builds an RSS document like a press feed: 50 items with title,
// link with tracking parameters, GUID, date, categories and an HTML teaser.
func benchFeed(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed %d</title><link>https://press%d.example/</link><description>Security news</description>`, n, n)
	t0 := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < benchPerFeed; i++ {
		d := t0.Add(-time.Duration(i) * time.Hour)
		fmt.Fprintf(&b, `<item><title>Hospital %d-%d fined after ransomware attack exposed %d patients</title>`+
			`<link>https://press%d.example/news/%d?utm_source=rss&amp;utm_medium=feed</link><guid isPermaLink="false">https://press%d.example/?p=%d</guid>`+
			`<pubDate>%s</pubDate><dc:creator>Reporter %d</dc:creator><category>Data breach</category><category>Ransomware</category>`+
			`<description><![CDATA[<p>The regulator fined the hospital after attackers entered through an account without multi-factor authentication.</p><p>The data of %d patients was stolen, including medical records. [&#8230;]</p>]]></description></item>`,
			n, i, 1000+i, n, i, n, i, d.Format(time.RFC1123Z), i%7, 1000+i)
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

func benchServer(b *testing.B) (*http.Server, net.Listener, int64) {
	feeds := make([][]byte, benchFeeds)
	var total int64
	for i := range feeds {
		feeds[i] = benchFeed(i)
		total += int64(len(feeds[i]))
	}
	srv := serve(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		if err != nil || n < 0 || n >= benchFeeds {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(feeds[n])
	}))
	return srv.Config, srv.Listener, total
}

// BenchmarkFetch fetches and parses 200 feeds of 50 items each from a
// loopback server, with no host gap and no article pages. One op is the
// whole pass; items/s is the figure to compare with the store's write rate.
//
//	go test -run '^$' -bench BenchmarkFetch -benchmem ./fetch
func BenchmarkFetch(b *testing.B) {
	_, ln, total := benchServer(b)
	addr := ln.Addr().String()
	_, portStr, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(portStr)

	// run fetches every feed once per op with the given number of workers,
	// and runs extra (if any) alongside each pass. It reports items/s and
	// the peak heap, sampled every millisecond.
	run := func(b *testing.B, c *Client, workers int, url func(i int) string, extra func()) {
		b.SetBytes(total)
		b.ReportAllocs()
		stop := make(chan struct{})
		var peak atomic.Uint64
		var sampler sync.WaitGroup
		sampler.Add(1)
		go func() {
			defer sampler.Done()
			var ms runtime.MemStats
			t := time.NewTicker(time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					runtime.ReadMemStats(&ms)
					if ms.HeapAlloc > peak.Load() {
						peak.Store(ms.HeapAlloc)
					}
				}
			}
		}()
		b.ResetTimer()
		var items atomic.Int64
		for n := 0; n < b.N; n++ {
			var wg sync.WaitGroup
			if extra != nil {
				wg.Add(1)
				go func() { defer wg.Done(); extra() }()
			}
			next := atomic.Int64{}
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						i := int(next.Add(1) - 1)
						if i >= benchFeeds {
							return
						}
						res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, url(i)), breachwire.SourceState{})
						if err != nil {
							b.Error(err)
							return
						}
						items.Add(int64(len(res.Items)))
					}
				}()
			}
			wg.Wait()
		}
		b.StopTimer()
		close(stop)
		sampler.Wait()
		if got := items.Load(); got != int64(b.N*benchFeeds*benchPerFeed) {
			b.Fatalf("parsed %d items, want %d", got, b.N*benchFeeds*benchPerFeed)
		}
		b.ReportMetric(float64(items.Load())/b.Elapsed().Seconds(), "items/s")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
	}

	b.Run("one-host", func(b *testing.B) {
		c := New(Options{Allow: []string{addr}, HostGap: 0, Timeout: 10 * time.Second})
		b.Cleanup(c.Close)
		run(b, c, 1, func(i int) string { return fmt.Sprintf("http://%s/feed/%d", addr, i) }, nil)
	})
	b.Run("one-host-with-bomb-and-endless-body", func(b *testing.B) {
		// Two hostile sources in every pass, fetched alongside: the peak
		// heap stays bounded by the body cap.
		bombBody := gzipBomb(b)
		hostile := serve(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/bomb" {
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(bombBody)
				return
			}
			chunk := []byte(strings.Repeat("<item>endless</item>", 1000))
			for i := 0; i < 100000; i++ {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}))
		c := New(Options{Allow: []string{addr, hostile.Listener.Addr().String()}, HostGap: 0, Timeout: 10 * time.Second})
		b.Cleanup(c.Close)
		run(b, c, 1, func(i int) string { return fmt.Sprintf("http://%s/feed/%d", addr, i) }, func() {
			for _, p := range []string{"/bomb", "/endless"} {
				if _, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, hostile.URL+p), breachwire.SourceState{}); !errors.Is(err, ErrTooLarge) {
					b.Errorf("%s: %v, want ErrTooLarge", p, err)
				}
			}
		})
	})
	b.Run("8-hosts-4-workers", func(b *testing.B) {
		answers := map[string][]netip.Addr{}
		for h := 0; h < benchHostKeys; h++ {
			answers[fmt.Sprintf("press%d.bench.test", h)] = []netip.Addr{netip.MustParseAddr("127.0.0.1")}
		}
		c := New(Options{
			Resolver: fakeDNS(b, answers), Allow: []string{"127.0.0.0/8"}, AllowedPorts: []int{port},
			HostGap: 0, Timeout: 10 * time.Second,
		})
		b.Cleanup(c.Close)
		run(b, c, 4, func(i int) string {
			return fmt.Sprintf("http://press%d.bench.test:%d/feed/%d", i%benchHostKeys, port, i)
		}, nil)
	})
}
