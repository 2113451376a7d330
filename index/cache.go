package index

import (
	"maps"
	"slices"
	"strconv"
	"sync"

	"breachwire"
)

// cacheSize is how many search results the index keeps. The same searches
// come again and again: the search page's default, saved searches polled as
// feeds, the pages of one search.
const cacheSize = 64

// resultCache keeps recent results until the index changes: every write
// moves the generation on and empties it, so a cached result is always what
// the search would return now.
type resultCache struct {
	mu      sync.Mutex
	gen     uint64
	entries map[string]*Results
	order   []string // oldest first
}

func cacheKey(f breachwire.Filter) string {
	return f.Values().Encode() + "|" + f.Sort + "|" + strconv.Itoa(f.Limit) + "|" + strconv.Itoa(f.Page)
}

// get returns a copy of the cached result for key, and the generation to
// put a fresh result under.
func (c *resultCache) get(key string) (*Results, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.entries[key]; ok {
		return r.clone(), c.gen
	}
	return nil, c.gen
}

// put stores a copy of r, unless the index changed since gen.
func (c *resultCache) put(key string, gen uint64, r *Results) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.entries == nil {
		c.entries = make(map[string]*Results, cacheSize)
	}
	if _, ok := c.entries[key]; !ok {
		c.order = append(c.order, key)
	}
	c.entries[key] = r.clone()
	for len(c.order) > cacheSize {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}

// invalidate empties the cache; writers call it after every change.
func (c *resultCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.entries)
	c.order = c.order[:0]
}

// clone copies a result so that a caller changing it cannot change the
// cache. The badge lists inside hits are shared and must not be modified.
func (r *Results) clone() *Results {
	out := *r
	out.Hits = slices.Clone(r.Hits)
	out.Facets = maps.Clone(r.Facets)
	for k, v := range out.Facets {
		out.Facets[k] = slices.Clone(v)
	}
	return &out
}
