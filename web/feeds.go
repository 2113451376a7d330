package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"

	"breachwire"
	"breachwire/index"
	"breachwire/rss"
)

// feedLimit is the number of items in an output feed when the URL does not
// say: enough for a day's news on a busy day.
const feedLimit = 50

// mountFeeds registers the output feeds. They take the same filters as
// /search, so a saved search is a feed URL
// (/feed.rss?regulator=ICO&min_fine=1000000); without a sort they are
// newest first.
func (s *Server) mountFeeds(mux *http.ServeMux) {
	mux.HandleFunc("GET /feed.rss", s.feedHandler(rss.RSS))
	mux.HandleFunc("GET /feed.atom", s.feedHandler(rss.Atom))
}

func (s *Server) feedHandler(format rss.Format) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f, err := s.parseFeedFilter(q)
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
		articles, err := FeedArticles(r.Context(), s.index, s.store, f)
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
		meta := s.feedMeta(r.URL.Path, q)
		etag := rss.ETag(format, meta, articles)
		if rss.Conditional(w, r, etag, rss.LastModified(articles)) {
			return
		}
		var buf bytes.Buffer
		if err := rss.Write(&buf, format, meta, articles); err != nil {
			s.apiFail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", format.ContentType())
		w.Header().Set("Cache-Control", "no-cache")
		if r.Method != http.MethodHead {
			_, _ = w.Write(buf.Bytes())
		}
	}
}

// parseFeedFilter is parseSearch with the feed's defaults.
func (s *Server) parseFeedFilter(q url.Values) (breachwire.Filter, error) {
	f, err := s.parseSearch(q)
	if err != nil {
		return f, err
	}
	FeedDefaults(&f, q)
	return f, nil
}

// FeedDefaults applies an output feed's defaults to a filter read from q:
// newest first and feedLimit items, unless q says otherwise.
func FeedDefaults(f *breachwire.Filter, q url.Values) {
	if q.Get("sort") == "" {
		f.Sort = breachwire.SortDate
	}
	if q.Get("limit") == "" {
		f.Limit = feedLimit
	}
}

// feedMeta describes a feed: its title names the filters, and its self link
// is the feed URL with them, absolute when a base URL is configured.
func (s *Server) feedMeta(path string, q url.Values) rss.FeedMeta {
	title := "breachwire"
	if len(q) > 0 {
		title += ": " + q.Encode()
	}
	self := path
	if len(q) > 0 {
		self += "?" + q.Encode()
	}
	return rss.FeedMeta{Title: title, Description: "Cyber incidents, fines and failed controls, extracted by breachwire",
		BaseURL: s.baseURL, SelfURL: s.absURL(self), Generator: "breachwire " + s.version}
}

// ArticleLoader loads stored articles by id; *store.DB is one.
type ArticleLoader interface {
	Articles(ctx context.Context, ids []uint64) ([]breachwire.Article, error)
}

// FeedArticles runs a search and loads its hits from the store, in the
// search's order, for an output feed (the web handlers and `breachwire
// search --rss` share it).
func FeedArticles(ctx context.Context, ix *index.Index, db ArticleLoader, f breachwire.Filter) ([]breachwire.Article, error) {
	res, err := ix.Search(ctx, f)
	if err != nil {
		return nil, err
	}
	ids := make([]uint64, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return db.Articles(ctx, ids)
}
