package fetch

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"breachwire"
)

func articleServer(t *testing.T) (*Client, string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/news/security/jadepuffer", fileHandler(t, "article-selector.html", "text/html; charset=utf-8"))
	mux.HandleFunc("/ico/software-provider-fined", fileHandler(t, "article-readability.html", "text/html"))
	mux.HandleFunc("/cnil/sanction", fileHandler(t, "article-latin1.html", "text/html"))
	mux.HandleFunc("/cnil/sanction-labelled", fileHandler(t, "article-latin1.html", "text/html; charset=windows-1252"))
	mux.HandleFunc("/penalty.pdf", fileHandler(t, "article.pdf", "application/pdf"))
	mux.HandleFunc("/edpb/news", fileHandler(t, "snapshots/edpb-article-reduced-2026-09-11.html", "text/html"))
	mux.HandleFunc("/empty-page", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><head><title>Nothing</title></head><body><script>x()</script></body></html>"))
	})
	srv := serve(t, mux)
	return testClient(t, Options{}, srv), srv.URL
}

// TestArticle_BodySelector: the source's body selector gives the main text
// with paragraph breaks, without scripts, hidden blocks or page chrome.
func TestArticle_BodySelector(t *testing.T) {
	c, base := articleServer(t)
	src := source(breachwire.FormatFeed, base+"/feed/")
	src.Selectors.Body = "div.articleBody"
	page, err := c.ArticlePage(context.Background(), src, base+"/news/security/jadepuffer")
	if err != nil {
		t.Fatal(err)
	}
	want := "A ransomware operation tracked as JadePuffer used an AI agent to automate an entire attack,\nfrom initial access to encryption.\n\n" +
		"The attackers gained access through a VPN account that did not have multi-factor authentication enabled.\n\n" +
		"Data of 2 million people stolen\n\n" +
		"The company said the personal data of 2 million people was stolen."
	if page.Text != want {
		t.Fatalf("text =\n%q\nwant\n%q", page.Text, want)
	}
	if page.Title != "JadePuffer ransomware used AI agent to automate entire attack" || !page.Published.Equal(date(t, "2026-07-04T14:16:38Z")) {
		t.Fatalf("title %q published %v", page.Title, page.Published)
	}
	text, err := c.Article(context.Background(), src, base+"/news/security/jadepuffer")
	if err != nil || text != want {
		t.Fatalf("Article = %q, %v", text, err)
	}
	t.Run("selector not applied off-site", func(t *testing.T) {
		other := source(breachwire.FormatFeed, "https://www.other-site.example/feed/")
		other.Selectors.Body = "footer"
		page, err := c.ArticlePage(context.Background(), other, base+"/news/security/jadepuffer")
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(page.Text, "Copyright") {
			t.Fatalf("another site's selector was applied: %q", page.Text)
		}
	})
}

// TestArticle_ReadabilityFallback: without a selector the readability
// fallback finds the article and leaves out navigation, cookie banner and
// footer, keeping paragraphs apart.
func TestArticle_ReadabilityFallback(t *testing.T) {
	c, base := articleServer(t)
	page, err := c.ArticlePage(context.Background(), source(breachwire.FormatSitemap, base+"/sitemap.xml"), base+"/ico/software-provider-fined")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"79,404 people", "multi-factor authentication. The regulator said", "890 people"} {
		if !strings.Contains(page.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, page.Text)
		}
	}
	for _, unwanted := range []string{"We use cookies", "Privacy notice", "Wycliffe House", "For organisations"} {
		if strings.Contains(page.Text, unwanted) {
			t.Errorf("text keeps page chrome %q", unwanted)
		}
	}
	if n := strings.Count(page.Text, "\n\n"); n < 4 {
		t.Errorf("paragraph breaks lost (%d blank lines):\n%s", n, page.Text)
	}
	if page.Title != "Software provider fined after ransomware attack" {
		t.Errorf("title %q", page.Title)
	}
}

// TestArticle_C4_Charsets: a windows-1252 page, labelled late in a meta
// element or in the header, is decoded once.
func TestArticle_C4_Charsets(t *testing.T) {
	c, base := articleServer(t)
	for _, p := range []string{"/cnil/sanction", "/cnil/sanction-labelled"} {
		t.Run(p, func(t *testing.T) {
			page, err := c.ArticlePage(context.Background(), nil, base+p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(page.Text, "La formation restreinte de la CNIL a prononcé une amende de 500 000 euros à l’encontre d’un hôpital privé.") {
				t.Fatalf("text not decoded: %q", page.Text)
			}
			if page.Title != "Sanction" {
				t.Fatalf("title %q", page.Title)
			}
		})
	}
}

// TestArticle_NotHTMLAndNoText: a PDF (the ICO's penalty notices) and a page
// with nothing to read give distinct errors.
func TestArticle_NotHTMLAndNoText(t *testing.T) {
	c, base := articleServer(t)
	_, err := c.Article(context.Background(), nil, base+"/penalty.pdf")
	if !errors.Is(err, ErrNotHTML) || !strings.Contains(err.Error(), "not an HTML page (got PDF)") {
		t.Fatalf("pdf: %v", err)
	}
	_, err = c.Article(context.Background(), nil, base+"/empty-page")
	if !errors.Is(err, ErrNoText) {
		t.Fatalf("empty page: %v", err)
	}
	_, err = c.Article(context.Background(), nil, base+"/missing")
	if StatusCode(err) != 404 {
		t.Fatalf("missing page: %v", err)
	}
}

// TestArticle_EDPBSnapshot reads the real EDPB capture: the article's date is
// the .node-article-full__date time, not the related-news <time> elements.
func TestArticle_EDPBSnapshot(t *testing.T) {
	c, base := articleServer(t)
	src := source(breachwire.FormatFeed, base+"/feed/news_en")
	src.Selectors = breachwire.Selectors{Date: ".node-article-full__date time[datetime]", DateAttr: "datetime"}
	page, err := c.ArticlePage(context.Background(), src, base+"/edpb/news")
	if err != nil {
		t.Fatal(err)
	}
	if page.Title != "Health data breach: the CNIL fined Hôpital Privé de la Loire 500 000 EUR" {
		t.Errorf("title %q", page.Title)
	}
	if !page.Published.Equal(date(t, "2026-09-09T12:00:00Z")) || page.PublishedRaw != "2026-09-09T12:00:00Z" {
		t.Errorf("published %v (%q)", page.Published, page.PublishedRaw)
	}
}

func TestNeedsFullText(t *testing.T) {
	long := strings.Repeat("The regulator found that basic controls were missing. ", 30)
	tests := []struct {
		name string
		src  breachwire.Source
		item breachwire.Item
		want bool
	}{
		{"no url", breachwire.Source{}, breachwire.Item{Summary: "short"}, false},
		{"forced", breachwire.Source{FullText: true}, breachwire.Item{URL: "https://x.example/1", Text: long}, true},
		{"full text present", breachwire.Source{}, breachwire.Item{URL: "https://x.example/1", Summary: "Teaser [...]", Text: long}, false},
		{"nothing", breachwire.Source{}, breachwire.Item{URL: "https://x.example/1"}, true},
		{"short summary", breachwire.Source{}, breachwire.Item{URL: "https://x.example/1", Summary: "A council was reprimanded."}, true},
		{"long summary", breachwire.Source{}, breachwire.Item{URL: "https://x.example/1", Summary: long}, false},
		{"long teaser with ellipsis", breachwire.Source{}, breachwire.Item{URL: "https://x.example/1", Summary: long + " and then […]"}, true},
		{"long teaser with read more", breachwire.Source{}, breachwire.Item{URL: "https://x.example/1", Summary: long + " Read more »"}, true},
		{"continue reading", breachwire.Source{}, breachwire.Item{URL: "https://x.example/1", Summary: long + "Continue reading →"}, true},
		{"short text, long summary", breachwire.Source{}, breachwire.Item{URL: "https://x.example/1", Summary: long, Text: "Short."}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NeedsFullText(&tt.src, tt.item); got != tt.want {
				t.Fatalf("NeedsFullText = %v, want %v", got, tt.want)
			}
		})
	}
}
