package extract

import "sync"

// analysis is the token-level reading of a document shared by the semantic
// matchers: tokens, the sentence of each token and every gazetteer phrase
// found. It is built once per document, on first use.
type analysis struct {
	text, lower string
	toks        []token
	sentOf      []int32 // sentence index of each token
	sentTok     []span  // token range [Start, End) of each sentence
	hits        []hit   // gazetteer phrases, in token order

	// The title is read the same way, apart from the text: it lends
	// context, but values found only there have no offsets.
	title      string
	titleToks  []token
	titleHits  []hit
	titleLower string

	cueHits   []hit     // the catCue hits, in token order (see cueRange)
	sentFacts []uint16  // per sentence, see sentInfo
	flags     [2]uint64 // bit i: flagWords[i] occurs in the text

	regs       []mention // regulatorMentions, once computed
	regVictims []string  // regulators named as the victim (organisations)
	regsDone   bool

	// scratch of the organisation reader, kept for reuse
	cover     []uint16
	orgMs     []orgMention
	lowerSet  hashSet
	orgEnts   []orgEntity
	orgOrder  []int
	orgScores []float64
	orgByName map[string]int
	orgHeads  map[string]int
}

// analyses recycles the buffers of finished analyses: the token and hit
// slices are the bulk of what reading an article allocates.
var analyses = sync.Pool{New: func() any { return new(analysis) }}

// release returns the document's analysis to the pool. Nothing may use it
// afterwards; the facts extracted hold no reference to its buffers (their
// strings are slices of the text).
func (d *doc) release() {
	a := d.an
	if a == nil {
		return
	}
	d.an = nil
	*a = analysis{toks: a.toks[:0], sentOf: a.sentOf[:0], sentTok: a.sentTok[:0], hits: a.hits[:0],
		titleToks: a.titleToks[:0], titleHits: a.titleHits[:0], cueHits: a.cueHits[:0], cover: a.cover[:0],
		sentFacts: a.sentFacts[:0], regs: a.regs[:0], orgEnts: a.orgEnts[:0], orgOrder: a.orgOrder[:0],
		orgScores: a.orgScores[:0], orgByName: a.orgByName, orgHeads: a.orgHeads,
		orgMs: a.orgMs[:0], lowerSet: a.lowerSet}
	analyses.Put(a)
}

// analyze returns the document's analysis, building it on first use.
func (d *doc) analyze() *analysis {
	if d.an != nil {
		return d.an
	}
	a := analyses.Get().(*analysis)
	a.text, a.lower = d.text, lowerASCII(d.text)
	a.toks = tokenize(a.text, a.lower, a.toks)
	a.sentOf = grow(a.sentOf, len(a.toks))
	a.sentTok = grow(a.sentTok, len(d.sents))
	si := 0
	for i := range a.toks {
		for si < len(d.sents)-1 && a.toks[i].start >= d.sents[si].End {
			si++
		}
		a.sentOf[i] = int32(si)
	}
	// token ranges per sentence
	for i := range a.sentTok {
		a.sentTok[i] = span{-1, -1}
	}
	for i := range a.toks {
		s := a.sentOf[i]
		if int(s) >= len(a.sentTok) {
			continue
		}
		if a.sentTok[s].Start < 0 {
			a.sentTok[s].Start = i
		}
		a.sentTok[s].End = i + 1
	}
	for i := range a.sentTok {
		if a.sentTok[i].Start < 0 {
			a.sentTok[i] = span{0, 0}
		}
	}
	g := gazetteer()
	a.hits = g.find(a.text, a.toks, a.hits[:0])
	a.cueHits = a.cueHits[:0]
	for _, h := range a.hits {
		switch h.cat {
		case catCue:
			a.cueHits = append(a.cueHits, h)
		case catFlag:
			a.flags[h.val/64] |= 1 << (h.val % 64)
		}
	}
	if d.title != "" {
		a.title = d.title
		a.titleLower = lowerASCII(d.title)
		a.titleToks = tokenize(a.title, a.titleLower, a.titleToks)
		a.titleHits = g.find(a.title, a.titleToks, a.titleHits[:0])
	}
	d.an = a
	return a
}

// grow returns s resized to n elements, reusing its array when it can.
func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// cueRange returns the cue hits whose first token lies in [s, e).
func (a *analysis) cueRange(s, e int) []hit {
	lo := sortSearch(len(a.cueHits), func(k int) bool { return a.cueHits[k].i >= s })
	hi := sortSearch(len(a.cueHits), func(k int) bool { return a.cueHits[k].i >= e })
	return a.cueHits[lo:hi]
}

func sortSearch(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if !f(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// tokText returns the text of tokens [i, j).
func (a *analysis) tokText(i, j int) string {
	if i >= j {
		return ""
	}
	return a.text[a.toks[i].start:a.toks[j-1].end]
}

// sentRange returns the token range of the sentence holding token i.
func (a *analysis) sentRange(i int) (int, int) {
	if len(a.sentTok) == 0 {
		return 0, len(a.toks)
	}
	s := a.sentTok[a.sentOf[i]]
	return s.Start, s.End
}

// norm returns the norm of token i, or "" outside the text.
func (a *analysis) norm(i int) string {
	if i < 0 || i >= len(a.toks) {
		return ""
	}
	return a.toks[i].norm
}

// hasWord reports whether any token of the text has one of the norms ws.
// Words of flagWords are answered from the token pass; others need a scan.
func (a *analysis) hasWord(ws ...string) bool {
	for _, w := range ws {
		if i, ok := flagIndex[w]; ok {
			if a.flags[i/64]&(1<<(i%64)) != 0 {
				return true
			}
			continue
		}
		for k := range a.toks {
			if a.toks[k].norm == w {
				return true
			}
		}
	}
	return false
}
