package rss

import (
	"encoding/xml"
	"io"
	"time"

	"breachwire"
)

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	AtomNS  string     `xml:"xmlns:atom,attr"`
	BWNS    string     `xml:"xmlns:bw,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	Generator     string    `xml:"generator,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          *atomLink `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssCategory struct {
	Domain string `xml:"domain,attr"`
	Value  string `xml:",chardata"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link,omitempty"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate,omitempty"`
	Categories  []rssCategory `xml:"category"`
	Description string        `xml:"description,omitempty"`
	facts
}

// WriteRSS writes the articles, in the order given, as an RSS 2.0 document.
// Each item has the article's title; a link to the original article (or to
// its page on the server when the original is not an http(s) URL); a guid
// that is not a permalink (GUID); pubDate from Article.Date (published,
// falling back to first seen); categories for regulators, attack types and
// failed controls (domain attributes SchemeRegulator, SchemeAttackType,
// SchemeFailedControl); an HTML description opening with FactLine; and the
// facts in the bw namespace (see Namespace and the README, "Feeds and the daily email").
func WriteRSS(w io.Writer, meta FeedMeta, articles []breachwire.Article) error {
	doc := rssDoc{
		Version: "2.0",
		AtomNS:  atomNS,
		BWNS:    Namespace,
		Channel: rssChannel{
			Title:       meta.title(),
			Link:        meta.homeURL(),
			Description: cleanText(meta.Description),
			Language:    meta.language(),
			Generator:   oneLine(meta.Generator),
		},
	}
	if doc.Channel.Description == "" {
		doc.Channel.Description = doc.Channel.Title
	}
	if t := feedUpdated(&meta, articles); !t.IsZero() {
		doc.Channel.LastBuildDate = t.Format(time.RFC1123Z)
	}
	if self := cleanURL(meta.SelfURL); self != "" {
		doc.Channel.Self = &atomLink{Href: self, Rel: "self", Type: "application/rss+xml"}
	}
	for i := range articles {
		a := &articles[i]
		it := rssItem{
			Title:       itemTitle(a),
			Link:        itemLink(a, meta.BaseURL),
			GUID:        rssGUID{IsPermaLink: "false", Value: GUID(a.ID)},
			Description: description(a, meta.BaseURL),
			facts:       factsOf(a, meta.BaseURL),
		}
		if d := a.Date(); !d.IsZero() {
			it.PubDate = d.UTC().Format(time.RFC1123Z)
		}
		for _, c := range categoriesOf(&a.Facts) {
			it.Categories = append(it.Categories, rssCategory{Domain: c.scheme, Value: c.term})
		}
		doc.Channel.Items = append(doc.Channel.Items, it)
	}
	return encode(w, &doc)
}

// feedUpdated is the feed's own date: meta.Updated, else the newest change
// among the articles, in UTC.
func feedUpdated(meta *FeedMeta, articles []breachwire.Article) time.Time {
	if !meta.Updated.IsZero() {
		return meta.Updated.UTC()
	}
	return LastModified(articles)
}

// itemTitle is the article's title on one line, or a stand-in naming its
// source when the title is empty (a feed item needs a title to be listed).
func itemTitle(a *breachwire.Article) string {
	if t := oneLine(a.Title); t != "" {
		return t
	}
	if s := oneLine(a.SourceName); s != "" {
		return "(untitled article from " + s + ")"
	}
	return "(untitled article)"
}

// itemLink is the original article's URL when it is http(s), else the
// article's page on the server, else "".
func itemLink(a *breachwire.Article, base string) string {
	if u := cleanURL(a.URL); u != "" {
		return u
	}
	return PageURL(base, a.ID)
}
