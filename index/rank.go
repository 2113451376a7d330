package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
)

// ranked is the first phase of a search: the page's matches in order (IDs
// and scores only), the number of matches, and the facet counts.
type ranked struct {
	hits   search.DocumentMatchCollection
	total  uint64
	facets map[string]*int // "name=value" -> count
}

// rankShards ranks on every shard at once and merges: the hits by the sort
// order (each shard returned its first from+size), totals and facet counts
// by adding up.
func rankShards(ctx context.Context, parts shards, q query.Query, size, from int, order search.SortOrder, scored bool) (*ranked, error) {
	results := make([]*ranked, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, bi := range parts {
		// A sort order holds per-search state: one copy per shard.
		wg.Go(func() { results[i], errs[i] = rank(ctx, bi, q, from+size, 0, order.Copy(), scored) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := &ranked{facets: map[string]*int{}}
	for _, r := range results {
		out.total += r.total
		out.hits = append(out.hits, r.hits...)
		for term, n := range r.facets {
			if p, ok := out.facets[term]; ok {
				*p += *n
			} else {
				out.facets[term] = n
			}
		}
	}
	isScore, desc := order.CacheIsScore(), order.CacheDescending()
	slices.SortStableFunc(out.hits, func(a, b *search.DocumentMatch) int {
		return order.Compare(isScore, desc, a, b)
	})
	out.hits = out.hits[min(from, len(out.hits)):min(from+size, len(out.hits))]
	return out, nil
}

// rank runs the query through bleve's top-N collector with our facet
// counter. It is what bleve's SearchInContext does for a request without
// highlighting or stored fields, minus its terms facet builder, which
// converts every visited term of every match to a new string: on a search
// matching most of the corpus that conversion was a third of the time.
func rank(ctx context.Context, bi bleve.Index, q query.Query, size, from int, order search.SortOrder, scored bool) (*ranked, error) {
	adv, err := bi.Advanced()
	if err != nil {
		return nil, err
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open reader: %w", err)
	}
	defer reader.Close()
	opts := search.SearcherOptions{}
	if !scored {
		opts.Score = "none"
	}
	s, err := q.Searcher(ctx, reader, bi.Mapping(), opts)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	coll := collector.NewTopNCollector(size, from, order)
	counter := &facetCounter{field: fFacet, counts: make(map[string]*int, 256)}
	fb := search.NewFacetsBuilder(reader)
	fb.Add(fFacet, counter)
	coll.SetFacetsBuilder(fb)
	if err := coll.Collect(ctx, s, reader); err != nil {
		return nil, err
	}
	return &ranked{hits: coll.Results(), total: coll.Total(), facets: counter.counts}, nil
}

// facetCounter is a bleve facet builder that counts every term of a field,
// allocating once per distinct term rather than once per visited term.
type facetCounter struct {
	field  string
	counts map[string]*int
}

func (c *facetCounter) StartDoc() {}
func (c *facetCounter) EndDoc()   {}

func (c *facetCounter) UpdateVisitor(term []byte) {
	if p, ok := c.counts[string(term)]; ok { // no allocation for the lookup
		*p++
		return
	}
	n := 1
	c.counts[string(term)] = &n
}

func (c *facetCounter) Result() *search.FacetResult { return &search.FacetResult{Field: c.field} }
func (c *facetCounter) Field() string               { return c.field }
func (c *facetCounter) Size() int                   { return 64 * len(c.counts) }
