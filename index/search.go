package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"breachwire"
)

// Search limits.
const (
	// MaxWindow is the deepest result a page may reach (page*limit):
	// deeper pages cost a sort of everything before them.
	MaxWindow = 10000
	// FacetSize is how many values each facet lists, most frequent first.
	FacetSize = 30
	// DefaultTimeout bounds a search whose context has no deadline.
	DefaultTimeout = 10 * time.Second
	// snippetFragments is how many highlighted fragments of the text a
	// snippet joins.
	snippetFragments = 2
)

// Results is one page of a search.
type Results struct {
	// Total is the number of articles matching, over all pages.
	Total uint64 `json:"total"`
	Page  int    `json:"page"`
	Limit int    `json:"limit"`
	Hits  []Hit  `json:"hits"`
	// Facets holds, for each filter with facets (regulator, kind, source,
	// attack, mfa, control, sector, country), the counts of its values over
	// all matching articles, most frequent first.
	Facets map[string][]FacetValue `json:"facets"`
	Took   time.Duration           `json:"took_ns"`
}

// FacetValue is a value of a filter and how many matching articles have it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Hit is one matching article.
type Hit struct {
	ID    uint64  `json:"id"`
	Score float64 `json:"score"`
	// Title is plain text. TitleHTML and Snippet are HTML-safe: the
	// article's words are escaped and only the <mark> elements around
	// matched words are markup.
	Title     string        `json:"title"`
	TitleHTML template.HTML `json:"title_html"`
	Snippet   template.HTML `json:"snippet"`
	Badges
}

// Search runs a filter: free text (see parseQuery for the syntax), every
// filter field, sort, pagination, facets and snippets. Bad input gives a
// *breachwire.Error with code invalid. A context without a deadline gets
// DefaultTimeout.
//
// It runs two bleve searches: the first ranks, counts and facets every
// match without term locations; the second loads and highlights the page's
// hits only. (Asking bleve for highlights in one search makes it read the
// term locations of every match, not just of the page.)
//
// Results are cached until the next write to the index (see resultCache);
// treat them as read-only.
func (x *Index) Search(ctx context.Context, f breachwire.Filter) (*Results, error) {
	key := cacheKey(f)
	r, gen := x.cache.get(key)
	if r != nil {
		return r, nil
	}
	r, err := x.search(ctx, f)
	if err != nil {
		return nil, err
	}
	x.cache.put(key, gen, r)
	return r, nil
}

// search is Search without the cache.
func (x *Index) search(ctx context.Context, f breachwire.Filter) (*Results, error) {
	p, err := x.plan(f)
	if err != nil {
		return nil, err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	parts, err := x.acquire()
	if err != nil {
		return nil, err
	}
	defer x.mu.RUnlock()
	start := time.Now()
	sr, err := rankShards(ctx, parts, p.query, p.limit, p.from, p.sort, p.highlight != nil)
	if err != nil {
		return nil, searchError(ctx, err)
	}
	res := &Results{
		Total:  sr.total,
		Page:   p.page,
		Limit:  p.limit,
		Hits:   make([]Hit, 0, len(sr.hits)),
		Facets: facetValues(sr.facets),
	}
	defer func() { res.Took = time.Since(start) }()
	if len(sr.hits) == 0 {
		return res, nil
	}
	ids := make([]string, len(sr.hits))
	for i, dm := range sr.hits {
		ids[i] = dm.ID
	}
	var q query.Query = query.NewDocIDQuery(ids)
	if p.highlight != nil {
		bq := query.NewBooleanQuery([]query.Query{q}, nil, nil)
		bq.AddShould(p.highlight)
		q = bq
	}
	load := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	load.Fields = []string{fTitle, fBadges}
	if p.highlight != nil {
		load.Highlight = bleve.NewHighlightWithStyle("html")
		load.Highlight.AddField(fTitle)
		load.Highlight.AddField(fText)
	}
	lr, err := bleve.NewIndexAlias(parts...).SearchInContext(ctx, load)
	if err != nil {
		return nil, searchError(ctx, err)
	}
	loaded := make(map[string]*search.DocumentMatch, len(lr.Hits))
	for _, dm := range lr.Hits {
		loaded[dm.ID] = dm
	}
	for _, dm := range sr.hits {
		full, ok := loaded[dm.ID]
		if !ok {
			// Deleted between the two searches.
			continue
		}
		h, err := hit(full)
		if err != nil {
			return nil, err
		}
		h.Score = dm.Score
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}

// facetValues splits the "name=value" counts into the facets of each
// filter, most frequent first (ties by value), FacetSize at most each.
func facetValues(counts map[string]*int) map[string][]FacetValue {
	out := make(map[string][]FacetValue, len(facetNames))
	for _, name := range facetNames {
		out[name] = []FacetValue{}
	}
	for term, n := range counts {
		name, value, ok := strings.Cut(term, "=")
		if vals, known := out[name]; ok && known {
			out[name] = append(vals, FacetValue{Value: value, Count: *n})
		}
	}
	for name, vals := range out {
		slices.SortFunc(vals, func(a, b FacetValue) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
		out[name] = vals[:min(len(vals), FacetSize)]
	}
	return out
}

func searchError(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		err = fmt.Errorf("%w (%v)", ctxErr, err)
	}
	return fmt.Errorf("index: search: %w", err)
}

// plan is a filter turned into a bleve query and what to do with it.
type plan struct {
	query       query.Query
	sort        search.SortOrder
	highlight   query.Query // the words to highlight, or nil when nothing ranks
	page, limit int
	from        int
}

// plan turns a filter into the ranking request and the query whose
// matches are highlighted.
func (x *Index) plan(f breachwire.Filter) (*plan, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = breachwire.DefaultLimit
	}
	limit = min(limit, breachwire.MaxLimit)
	page := max(f.Page, 1)
	if page > breachwire.MaxPage {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "page: %d is beyond the last page allowed (%d)", page, breachwire.MaxPage)
	}
	from := (page - 1) * limit
	if from+limit > MaxWindow {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid,
			"page: only the first %d results can be paged through (page %d of %d); narrow the search with filters", MaxWindow, page, limit)
	}
	text, positive, err := x.textQuery(f.Q)
	if err != nil {
		return nil, err
	}
	scored := positive != nil
	filters, err := filterQueries(f)
	if err != nil {
		return nil, err
	}
	var q query.Query
	switch {
	case text != nil && len(filters) > 0:
		// A conjunction lets the rarest clause lead (the others skip
		// ahead to its matches); filters score next to nothing, so
		// ranking is by the words alone.
		// Range filters (dates, amounts) are disjunctions of many
		// terms, slow to skip through: they only check the candidates.
		conj := []query.Query{text}
		var check []query.Query
		for _, fq := range filters {
			switch fq.(type) {
			case *query.DateRangeQuery, *query.NumericRangeQuery, *rangeFilter:
				check = append(check, fq)
			default:
				unscored(fq)
				conj = append(conj, fq)
			}
		}
		if len(check) > 0 {
			bq := query.NewBooleanQuery(conj, nil, nil)
			bq.AddFilter(query.NewConjunctionQuery(check))
			q = bq
		} else {
			q = query.NewConjunctionQuery(conj)
		}
	case text != nil:
		q = text
	case len(filters) > 0:
		q = query.NewConjunctionQuery(filters)
	default:
		q = query.NewMatchAllQuery()
	}

	srt, err := sortOrder(f.Sort, scored)
	if err != nil {
		return nil, err
	}
	return &plan{query: q, sort: srt, highlight: positive, page: page, limit: limit, from: from}, nil
}

// textQuery builds the bleve query for the free text, and the query of its
// required and optional clauses alone (what to highlight; nil when no
// clause can rank: no text, or only excluded terms).
func (x *Index) textQuery(q string) (*query.BooleanQuery, query.Query, error) {
	clauses, err := parseQuery(q)
	if err != nil {
		return nil, nil, err
	}
	an := x.mapping.AnalyzerNamed(analyzerEnglish)
	var mustQ, shouldQ, notQ []query.Query
	for _, c := range clauses {
		tokens := an.Analyze([]byte(c.text))
		if len(tokens) == 0 {
			// Only stop words or punctuation: nothing to look for.
			continue
		}
		either := query.NewDisjunctionQuery([]query.Query{
			fieldQuery(fTitle, c.text, tokens, 2),
			fieldQuery(fText, c.text, tokens, 1),
		})
		switch c.occur {
		case must:
			mustQ = append(mustQ, either)
		case mustNot:
			notQ = append(notQ, either)
		default:
			shouldQ = append(shouldQ, either)
		}
	}
	if len(mustQ)+len(shouldQ)+len(notQ) == 0 {
		return nil, nil, nil
	}
	bq := query.NewBooleanQuery(nil, nil, nil)
	if len(mustQ) > 0 {
		bq.AddMust(mustQ...)
	}
	if len(shouldQ) > 0 {
		bq.AddShould(shouldQ...)
	}
	if len(notQ) > 0 {
		bq.AddMustNot(notQ...)
	}
	var positive query.Query
	if pos := append(append([]query.Query(nil), mustQ...), shouldQ...); len(pos) > 0 {
		positive = query.NewDisjunctionQuery(pos)
	}
	return bq, positive, nil
}

// fieldQuery matches a term or phrase in one field. A single word is a
// term query on its analysed form (a one-word phrase search would read
// every position of the word); several words are a phrase.
func fieldQuery(field, text string, tokens analysis.TokenStream, boost float64) query.Query {
	if len(tokens) == 1 {
		t := query.NewTermQuery(string(tokens[0].Term))
		t.SetField(field)
		t.SetBoost(boost)
		return t
	}
	p := query.NewMatchPhraseQuery(text)
	p.SetField(field)
	p.SetBoost(boost)
	return p
}

// filterQueries builds one query per filter field; an article must match
// each, and within a field any of its values.
func filterQueries(f breachwire.Filter) ([]query.Query, error) {
	var qs []query.Query
	anyOf := func(field string, vals []string, norm func(string) string) {
		if len(vals) == 0 {
			return
		}
		var ds []query.Query
		for _, v := range vals {
			t := query.NewTermQuery(norm(v))
			t.SetField(field)
			ds = append(ds, t)
		}
		qs = append(qs, query.NewDisjunctionQuery(ds))
	}
	same := func(s string) string { return strings.TrimSpace(s) }
	lower := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

	anyOf(fRegulatorLC, f.Regulator, lower)
	anyOf(fKind, f.Kind, same)
	if len(f.Source) > 0 {
		var ds []query.Query
		for _, v := range f.Source {
			id := query.NewTermQuery(same(v))
			id.SetField(fSource)
			name := query.NewTermQuery(lower(v))
			name.SetField(fSourceName)
			ds = append(ds, id, name)
		}
		qs = append(qs, query.NewDisjunctionQuery(ds))
	}
	if f.MinFine > 0 {
		q, err := minFineQuery(f.MinFine, f.Currency)
		if err != nil {
			return nil, err
		}
		qs = append(qs, q)
	}
	if f.MinAffected > 0 {
		qs = append(qs, atLeast(fAffected, float64(f.MinAffected)))
	}
	if f.MFA != "" {
		t := query.NewTermQuery(lower(f.MFA))
		t.SetField(fMFA)
		qs = append(qs, t)
	}
	anyOf(fControl, f.Control, lower)
	anyOf(fAttack, f.Attack, lower)
	anyOf(fSector, f.Sector, lower)
	anyOf(fCountry, f.Country, upper)
	if len(f.Org) > 0 {
		var ds []query.Query
		for _, v := range f.Org {
			whole := query.NewTermQuery(lower(v))
			whole.SetField(fOrg)
			words := query.NewMatchPhraseQuery(v)
			words.SetField(fOrgText)
			ds = append(ds, whole, words)
		}
		qs = append(qs, query.NewDisjunctionQuery(ds))
	}
	if !f.Since.IsZero() || !f.Until.IsZero() {
		incl, excl := true, false
		d := query.NewDateRangeInclusiveQuery(f.Since, f.Until, &incl, &excl)
		d.SetField(fPublished)
		qs = append(qs, d)
	}
	return qs, nil
}

// unscored sets the boost of a filter query and its parts to a millionth,
// so that matching it adds next to nothing to a score. (Zero makes bleve's
// score normalisation divide by zero.)
func unscored(q query.Query) {
	switch q := q.(type) {
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			unscored(d)
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			unscored(c)
		}
	case *query.BooleanQuery:
		for _, part := range []query.Query{q.Must, q.Should, q.MustNot} {
			if part != nil {
				unscored(part)
			}
		}
	}
	if b, ok := q.(query.BoostableQuery); ok {
		b.SetBoost(1e-6)
	}
}

// minFineQuery matches articles whose largest fine is at least amount in
// currency: fines in that currency are compared as they are, other fines
// through their euro value at their year's rate against amount converted at
// the latest rates.
func minFineQuery(amount float64, currency string) (query.Query, error) {
	cur := upper(currency)
	if cur == "" {
		cur = "EUR"
	}
	eur, err := breachwire.ToEUR(amount, cur, breachwire.RateLastYear)
	if err != nil {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "currency: %q has no reference rate (known: %s)",
			currency, strings.Join(breachwire.Currencies(), ", "))
	}
	sameCur := query.NewTermQuery(cur)
	sameCur.SetField(fFineCur)
	native := query.NewConjunctionQuery([]query.Query{sameCur, atLeast(fFine, amount)})
	otherCur := query.NewTermQuery(cur)
	otherCur.SetField(fFineCur)
	converted := query.NewBooleanQuery([]query.Query{atLeast(fFineEUR, eur)}, nil, []query.Query{otherCur})
	return &rangeFilter{query.NewDisjunctionQuery([]query.Query{native, converted})}, nil
}

// rangeFilter marks a compound query made of range queries, so that plan
// puts it with the range filters.
type rangeFilter struct{ *query.DisjunctionQuery }

func atLeast(field string, v float64) query.Query {
	incl := true
	q := query.NewNumericRangeInclusiveQuery(&v, nil, &incl, nil)
	q.SetField(field)
	return q
}

// sortOrder gives the bleve sort for a Filter.Sort value. Ties fall back to
// the newest first, then the highest ID, so pages are stable.
func sortOrder(s string, scored bool) (search.SortOrder, error) {
	byKey := func(field string) *search.SortField {
		return &search.SortField{Field: field, Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}
	}
	// The date key ends with the article ID, so it breaks every tie (a sort
	// on the document ID would load the ID of every match).
	newest := byKey(fSortDate)
	score := &search.SortScore{Desc: true}
	switch s {
	case "", breachwire.SortRelevance:
		if !scored {
			return search.SortOrder{newest}, nil
		}
		return search.SortOrder{score, newest}, nil
	case breachwire.SortDate:
		return search.SortOrder{newest}, nil
	case breachwire.SortFine:
		return search.SortOrder{byKey(fSortFine), newest}, nil
	case breachwire.SortAffected:
		return search.SortOrder{byKey(fSortAffected), newest}, nil
	}
	return nil, breachwire.Errorf(breachwire.ECodeInvalid, "sort: %q is not relevance, date, fine or affected", s)
}

// hit turns a bleve match into a Hit.
func hit(dm *search.DocumentMatch) (Hit, error) {
	id, err := strconv.ParseUint(dm.ID, 10, 64)
	if err != nil {
		return Hit{}, fmt.Errorf("index: document ID %q is not an article ID", dm.ID)
	}
	h := Hit{ID: id, Score: dm.Score}
	h.Title, _ = dm.Fields[fTitle].(string)
	if raw, ok := dm.Fields[fBadges].(string); ok {
		if err := json.Unmarshal([]byte(raw), &h.Badges); err != nil {
			return Hit{}, fmt.Errorf("index: badges of article %d: %w", id, err)
		}
	}
	// bleve's html fragment formatter escapes the stored text and adds
	// only <mark> and </mark>; everything else is escaped here.
	if fr := dm.Fragments[fTitle]; len(fr) > 0 {
		h.TitleHTML = template.HTML(fr[0])
	} else {
		h.TitleHTML = template.HTML(html.EscapeString(h.Title))
	}
	if fr := dm.Fragments[fText]; len(fr) > 0 {
		h.Snippet = template.HTML(strings.Join(fr[:min(len(fr), snippetFragments)], " … "))
	} else {
		h.Snippet = template.HTML(html.EscapeString(h.Lead))
	}
	return h, nil
}
