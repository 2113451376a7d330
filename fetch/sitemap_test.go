package fetch

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"testing"

	"breachwire"
)

// TestFetch_Sitemap reads a urlset as the ICO's news is read: filtered by
// pattern, newest lastmod first, duplicates merged, title from the slug.
func TestFetch_Sitemap(t *testing.T) {
	srv := serve(t, fileHandler(t, "sitemap.xml", "application/xml"))
	c := testClient(t, Options{}, srv)
	src := source(breachwire.FormatSitemap, srv.URL+"/sitemap.xml")
	src.Pattern = regexp.MustCompile(`/about-the-ico/media-centre/news-and-blogs/\d{4}/`)
	res, err := c.Fetch(context.Background(), src, breachwire.SourceState{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ url, title, date string }{
		{"https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2026/05/reprimand-for-council/", "Reprimand for council", "2026-05-02T00:00:00Z"},
		{"https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2026/03/software-provider-fined-after-ransomware-attack/", "Software provider fined after ransomware attack", "2026-03-27T09:00:00Z"},
		{"https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2025/11/older-story/", "Older story", "2025-11-10T00:00:00Z"},
		{"https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2026/06/no-lastmod/", "No lastmod", ""},
	}
	if res.Format != "sitemap" || len(res.Items) != len(want) {
		for _, it := range res.Items {
			t.Logf("%s %v", it.URL, it.Published)
		}
		t.Fatalf("format %q, %d items, want %d", res.Format, len(res.Items), len(want))
	}
	for i, w := range want {
		it := res.Items[i]
		if it.URL != w.url || it.Title != w.title || it.Key != it.CanonicalURL {
			t.Errorf("item %d: %q %q key %q", i, it.URL, it.Title, it.Key)
		}
		if (w.date == "" && !it.Published.IsZero()) || (w.date != "" && !it.Published.Equal(date(t, w.date))) {
			t.Errorf("item %d: published %v, want %q", i, it.Published, w.date)
		}
	}
	src.MaxItems = 2
	res, err = c.Fetch(context.Background(), src, breachwire.SourceState{})
	if err != nil || len(res.Items) != 2 || res.Items[0].URL != want[0].url {
		t.Fatalf("capped: %v, %d items", err, len(res.Items))
	}
}

// TestFetch_SitemapIndex follows an index to its children, newest first,
// including a gzipped child, skipping one that is missing and ignoring
// those beyond MaxSitemaps.
func TestFetch_SitemapIndex(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/sitemap.xml", fileHandler(t, "sitemap-index.xml", "application/xml"))
	mux.HandleFunc("/sitemap-enforcement.xml", fileHandler(t, "sitemap-enforcement.xml", "application/xml"))
	mux.HandleFunc("/sitemap-pages.xml", fileHandler(t, "sitemap-pages.xml", "application/xml"))
	mux.HandleFunc("/sitemap-news.xml.gz", fileHandler(t, "sitemap-news.xml.gz", "application/x-gzip"))
	srv := serve(t, mux)
	c := testClient(t, Options{MaxSitemaps: 3}, srv)
	src := source(breachwire.FormatSitemap, srv.URL+"/sitemap.xml")
	src.Pattern = regexp.MustCompile(`/action-weve-taken/enforcement/[^/]+/$`)
	res, err := c.Fetch(context.Background(), src, breachwire.SourceState{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"https://ico.org.uk/action-weve-taken/enforcement/telecoms-firm-fined/",
		"https://ico.org.uk/action-weve-taken/enforcement/a-council-reprimand/",
		"https://ico.org.uk/action-weve-taken/enforcement/advanced-computer-software-group-ltd/",
	}
	if len(res.Items) != len(want) {
		t.Fatalf("%d items, want %d: %+v", len(res.Items), len(want), res.Items)
	}
	for i, w := range want {
		if res.Items[i].URL != w {
			t.Errorf("item %d: %q, want %q", i, res.Items[i].URL, w)
		}
	}

	t.Run("every child failing is an error", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.HandleFunc("/sitemap.xml", fileHandler(t, "sitemap-index.xml", "application/xml"))
		srv := serve(t, mux)
		c := testClient(t, Options{}, srv)
		_, err := c.Fetch(context.Background(), source(breachwire.FormatSitemap, srv.URL+"/sitemap.xml"), breachwire.SourceState{})
		if StatusCode(err) != 404 {
			t.Fatalf("error = %v, want the children's 404", err)
		}
	})
}

// TestFetch_NotASitemap: a sitemap source answering with HTML says so.
func TestFetch_NotASitemap(t *testing.T) {
	srv := serve(t, fileHandler(t, "html-as-feed.html", "application/xml"))
	c := testClient(t, Options{}, srv)
	_, err := c.Fetch(context.Background(), source(breachwire.FormatSitemap, srv.URL), breachwire.SourceState{})
	if !errors.Is(err, ErrNotASitemap) {
		t.Fatalf("error = %v, want ErrNotASitemap", err)
	}
}
