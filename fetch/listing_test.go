package fetch

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"testing"

	"breachwire"
)

// TestFetch_HTMLListing reads a regulator's listing page (a table of press
// releases, as the NY DFS page is built) with selectors: relative links
// resolved, tracking parameters dropped from the canonical URL, the pattern
// applied, dates read from text, rows without a usable link skipped.
func TestFetch_HTMLListing(t *testing.T) {
	srv := serve(t, fileHandler(t, "listing.html", "text/html; charset=utf-8"))
	c := testClient(t, Options{}, srv)
	src := source(breachwire.FormatHTML, srv.URL+"/reports_and_publications/press_releases")
	src.Selectors = breachwire.Selectors{Item: "tr.data-row", Title: "td a", Link: "td a", Date: "td:first-child"}
	src.Pattern = regexp.MustCompile(`/press_releases/pr\d+`)
	res, err := c.Fetch(context.Background(), src, breachwire.SourceState{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != "html" {
		t.Fatalf("format %q", res.Format)
	}
	want := []struct{ title, url, date string }{
		{"Superintendent Announces $2 Million Penalty Against Insurer for Cybersecurity Failures", srv.URL + "/reports_and_publications/press_releases/pr20260430", "2026-04-30T00:00:00Z"},
		{"Department Secures Settlement After Data Breach Exposed 150,000 Consumers", srv.URL + "/reports_and_publications/press_releases/pr20260414?utm_source=homepage", "2026-04-14T00:00:00Z"},
		{"DFS Issues Guidance on Multi-Factor Authentication", "https://www.dfs.ny.gov/reports_and_publications/press_releases/pr20260302#main", "2026-03-02T00:00:00Z"},
		{"Undated Release", srv.URL + "/reports_and_publications/press_releases/pr20260215", ""},
	}
	if len(res.Items) != len(want) {
		for _, it := range res.Items {
			t.Logf("%q %q", it.Title, it.URL)
		}
		t.Fatalf("%d items, want %d", len(res.Items), len(want))
	}
	for i, w := range want {
		it := res.Items[i]
		if it.Title != w.title || it.URL != w.url {
			t.Errorf("item %d: %q %q, want %q %q", i, it.Title, it.URL, w.title, w.url)
		}
		if w.date == "" {
			if !it.Published.IsZero() || it.PublishedRaw != "not a date" {
				t.Errorf("item %d: published %v raw %q", i, it.Published, it.PublishedRaw)
			}
		} else if !it.Published.Equal(date(t, w.date)) {
			t.Errorf("item %d: published %v, want %s", i, it.Published, w.date)
		}
		if it.Key != it.CanonicalURL || it.Key == "" {
			t.Errorf("item %d: key %q canonical %q", i, it.Key, it.CanonicalURL)
		}
		if !NeedsFullText(src, it) {
			t.Errorf("listing item without text does not ask for the article")
		}
	}
	if res.Items[1].CanonicalURL != srv.URL+"/reports_and_publications/press_releases/pr20260414" {
		t.Errorf("canonical %q", res.Items[1].CanonicalURL)
	}
}

// TestFetch_HTMLListing_Cards reads card listings (EDPB style) where the
// same link appears on an image and a heading, with <base href> and an
// ordinal date.
func TestFetch_HTMLListing_Cards(t *testing.T) {
	srv := serve(t, fileHandler(t, "listing-cards.html", "text/html"))
	c := testClient(t, Options{}, srv)
	src := source(breachwire.FormatHTML, srv.URL+"/news_en")
	src.Selectors = breachwire.Selectors{Item: ".views-row", Title: "h4.node__title a", Link: "h4.node__title a", Date: ".news-date"}
	res, err := c.Fetch(context.Background(), src, breachwire.SourceState{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 2 {
		t.Fatalf("%d items", len(res.Items))
	}
	it := res.Items[0]
	if it.URL != "https://www.edpb.europa.eu/news/news/2026/health-data-breach-cnil-fined-hopital-prive-de-la-loire-500-000-eur_en" {
		t.Errorf("url %q (base href ignored?)", it.URL)
	}
	if it.Title != "Health data breach: the CNIL fined Hôpital Privé de la Loire 500 000 EUR" || !it.Published.Equal(date(t, "2026-09-11T00:00:00Z")) {
		t.Errorf("title %q published %v", it.Title, it.Published)
	}
	if !res.Items[1].Published.Equal(date(t, "2026-09-03T00:00:00Z")) {
		t.Errorf("ordinal date read as %v", res.Items[1].Published)
	}

	t.Run("no item selector: links by pattern, deduplicated", func(t *testing.T) {
		src := source(breachwire.FormatHTML, srv.URL+"/news_en")
		src.Pattern = regexp.MustCompile(`/news/news/`)
		res, err := c.Fetch(context.Background(), src, breachwire.SourceState{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Items) != 2 || res.Items[0].Title != "Health data breach: the CNIL fined Hôpital Privé de la Loire 500 000 EUR" {
			t.Fatalf("items %+v", res.Items)
		}
	})
}

// TestFetch_HTMLListing_C4_Latin1LateMeta: a Latin-1 page whose charset
// meta comes after the first kilobyte is decoded before goquery sees it.
func TestFetch_HTMLListing_C4_Latin1LateMeta(t *testing.T) {
	srv := serve(t, fileHandler(t, "listing-latin1.html", "text/html"))
	c := testClient(t, Options{}, srv)
	src := source(breachwire.FormatHTML, srv.URL+"/fr/actualites")
	src.Selectors = breachwire.Selectors{Item: "ul.news li", Link: "a", Title: "a", Date: "time", DateAttr: "datetime"}
	res, err := c.Fetch(context.Background(), src, breachwire.SourceState{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 2 || res.Items[0].Title != "Sanction de 500 000 € contre un hôpital" || res.Items[1].Title != "Mise en demeure d’une société" {
		t.Fatalf("items %+v", res.Items)
	}
	if !res.Items[0].Published.Equal(date(t, "2026-09-09T00:00:00Z")) {
		t.Fatalf("date from attribute: %v", res.Items[0].Published)
	}
}

// TestFetch_HTMLListing_BadSelector: a selector that does not parse is an
// error naming it, not an empty result.
func TestFetch_HTMLListing_BadSelector(t *testing.T) {
	srv := serve(t, fileHandler(t, "listing.html", "text/html"))
	c := testClient(t, Options{}, srv)
	src := source(breachwire.FormatHTML, srv.URL)
	src.Selectors = breachwire.Selectors{Item: "tr[class="}
	_, err := c.Fetch(context.Background(), src, breachwire.SourceState{})
	if !errors.Is(err, ErrSelector) {
		t.Fatalf("error = %v, want ErrSelector", err)
	}
}

// TestFetch_HTMLSourceServingAFeed: an html source that now serves a feed
// (redirected to another format) is read as a feed.
func TestFetch_HTMLSourceServingAFeed(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/news", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news.rss", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/news.rss", fileHandler(t, "wordpress.xml", "application/rss+xml"))
	srv := serve(t, mux)
	c := testClient(t, Options{}, srv)
	res, err := c.Fetch(context.Background(), source(breachwire.FormatHTML, srv.URL+"/news"), breachwire.SourceState{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != "rss" || len(res.Items) != 2 || res.PermanentRedirect != srv.URL+"/news.rss" {
		t.Fatalf("format %q, %d items, redirect %q", res.Format, len(res.Items), res.PermanentRedirect)
	}
}
