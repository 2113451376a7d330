package rss

import (
	"encoding/xml"
	"io"
	"time"

	"breachwire"
)

const atomNS = "http://www.w3.org/2005/Atom"

type atomLink struct {
	Href  string `xml:"href,attr"`
	Rel   string `xml:"rel,attr,omitempty"`
	Type  string `xml:"type,attr,omitempty"`
	Title string `xml:"title,attr,omitempty"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr"`
	Label  string `xml:"label,attr,omitempty"`
}

type atomGenerator struct {
	Value string `xml:",chardata"`
}

type atomFeed struct {
	XMLName   xml.Name       `xml:"feed"`
	NS        string         `xml:"xmlns,attr"`
	BWNS      string         `xml:"xmlns:bw,attr"`
	Lang      string         `xml:"xml:lang,attr"`
	ID        string         `xml:"id"`
	Title     atomText       `xml:"title"`
	Subtitle  *atomText      `xml:"subtitle"`
	Updated   string         `xml:"updated"`
	Author    atomPerson     `xml:"author"`
	Generator *atomGenerator `xml:"generator"`
	Links     []atomLink     `xml:"link"`
	Entries   []atomEntry    `xml:"entry"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Author     *atomPerson    `xml:"author"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
	facts
}

// epoch stands in for the date of a feed with no articles and no
// meta.Updated: Atom requires a date, and a clock reading would make equal
// feeds differ byte for byte under one ETag.
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteAtom writes the articles, in the order given, as an Atom 1.0 feed
// with the same content as WriteRSS: entry id GUID; title as text; an
// alternate link to the original article and, when meta.BaseURL is set, a
// related link to the article's page; published from Article.Date; updated
// from the article's last change; categories with the same schemes; an HTML
// summary opening with FactLine; and the facts in the bw namespace.
func WriteAtom(w io.Writer, meta FeedMeta, articles []breachwire.Article) error {
	updated := feedUpdated(&meta, articles)
	if updated.IsZero() {
		updated = epoch
	}
	f := atomFeed{
		NS:      atomNS,
		BWNS:    Namespace,
		Lang:    meta.language(),
		ID:      feedID(&meta),
		Title:   atomText{Type: "text", Value: meta.title()},
		Updated: updated.Format(time.RFC3339),
		Author:  atomPerson{Name: "breachwire"},
	}
	if d := cleanText(meta.Description); d != "" {
		f.Subtitle = &atomText{Type: "text", Value: d}
	}
	if g := oneLine(meta.Generator); g != "" {
		f.Generator = &atomGenerator{Value: g}
	}
	if self := cleanURL(meta.SelfURL); self != "" {
		f.Links = append(f.Links, atomLink{Href: self, Rel: "self", Type: "application/atom+xml"})
	}
	if home := meta.homeURL(); home != "" {
		f.Links = append(f.Links, atomLink{Href: home, Rel: "alternate", Type: "text/html"})
	}
	for i := range articles {
		a := &articles[i]
		e := atomEntry{
			ID:      GUID(a.ID),
			Title:   atomText{Type: "text", Value: itemTitle(a)},
			Updated: atomDate(articleUpdated(a)),
			facts:   factsOf(a, meta.BaseURL),
		}
		if d := a.Date(); !d.IsZero() {
			e.Published = d.UTC().Format(time.RFC3339)
		}
		if name := oneLine(a.Author); name != "" {
			e.Author = &atomPerson{Name: name}
		} else if src := oneLine(a.SourceName); src != "" {
			e.Author = &atomPerson{Name: src}
		}
		if link := itemLink(a, meta.BaseURL); link != "" {
			e.Links = append(e.Links, atomLink{Href: link, Rel: "alternate", Type: "text/html"})
		}
		if page := PageURL(meta.BaseURL, a.ID); page != "" && page != itemLink(a, meta.BaseURL) {
			e.Links = append(e.Links, atomLink{Href: page, Rel: "related", Type: "text/html", Title: "breachwire"})
		}
		for _, c := range categoriesOf(&a.Facts) {
			e.Categories = append(e.Categories, atomCategory{Term: c.term, Scheme: c.scheme, Label: c.label})
		}
		if d := description(a, meta.BaseURL); d != "" {
			e.Summary = &atomText{Type: "html", Value: d}
		}
		f.Entries = append(f.Entries, e)
	}
	return encode(w, &f)
}

func atomDate(t time.Time) string {
	if t.IsZero() {
		t = epoch
	}
	return t.UTC().Format(time.RFC3339)
}

// feedID is the feed's Atom id: its self URL when known (a saved search is
// its URL), else a tag URI.
func feedID(m *FeedMeta) string {
	if self := cleanURL(m.SelfURL); self != "" {
		return self
	}
	return "tag:breachwire,2026:feed"
}
