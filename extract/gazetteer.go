package extract

import (
	"sort"
	"sync"
)

// category says which gazetteer a phrase belongs to.
type category uint8

const (
	catRegulator category = iota
	catActor
	catCountry
	catSector
	catControl
	catAttack
	catPlace   // a place that is not a country: US states, regions, cities
	catNotOrg  // capitalised words that never name a victim: laws, products, titles
	catOrgHead // nouns that end an organisation's name: Hospital, Bank, Council
	catCue     // polarity and role cue words (val says which cue)
	catFlag    // words whose mere presence the matchers ask about (see hasWord)
	numCategories
)

// Phrase flags.
const (
	pCase    uint8 = 1 << iota // the text must match the phrase's letter case exactly
	pCap                       // the first word must be capitalised in the text
	pAmbig                     // ambiguous: the caller checks the context
	pTitleOK                   // (regulators) also counts when seen only in the title
)

// phrase is one gazetteer entry: the token norms to match, the raw tokens for
// case-sensitive entries, and what it stands for (val indexes a table of the
// category).
type phrase struct {
	norms []string
	hs    []uint64 // hashNorm of each norm
	raws  []string
	cat   category
	flags uint8
	val   int
	code  string // a string value: the ISO country code of a place
}

// matcher finds gazetteer phrases in a token stream. It is built once and
// read concurrently. A table maps a one-word phrase's word, and a longer
// phrase's first two words, to the phrases, longest first; so one pass over
// the tokens with two look-ups each finds every phrase, whatever the number
// of entries, and a common first word ("the", "not") costs no more than
// another.
type matcher struct {
	phrases []phrase
	// an open-addressing table from a key (see pairKey) to the phrases
	// with it (cands[from:to]), longest first
	keys  []uint64
	spans [][2]int32
	cands []int32
	mask  uint64
	// bloom has bit k&bloomMask set for every key k: most tokens (and
	// pairs of tokens) are ruled out by one bit test on a table that
	// stays in the first-level cache
	bloom [bloomWords]uint64
}

const (
	bloomWords = 1024
	bloomMask  = bloomWords*64 - 1
)

// pairKey combines the hashes of a phrase's first two words.
func pairKey(h1, h2 uint64) uint64 {
	k := (h1*0x9e3779b97f4a7c15 ^ h2>>7 ^ h2<<29) | 1<<63
	return k
}

// lookup returns the phrases whose first word has hash h.
func (m *matcher) lookup(h uint64) []int32 {
	if b := (h >> 17) & bloomMask; m.bloom[b/64]&(1<<(b%64)) == 0 {
		return nil
	}
	for x := h & m.mask; ; x = (x + 1) & m.mask {
		k := m.keys[x]
		if k == h {
			sp := m.spans[x]
			return m.cands[sp[0]:sp[1]]
		}
		if k == 0 {
			return nil
		}
	}
}

// hit is a phrase found in the text: tokens [i, j) of the document.
type hit struct {
	i, j int
	cat  category
	val  int
	ph   int32
}

func (m *matcher) add(text string, cat category, val int, flags uint8) {
	m.addCode(text, cat, val, "", flags)
}

func (m *matcher) addCode(text string, cat category, val int, code string, flags uint8) {
	toks := tokenize(text, lowerASCII(text), nil)
	p := phrase{cat: cat, flags: flags, val: val, code: code}
	for _, t := range toks {
		if t.norm == "-" {
			continue // hyphens are optional: "multi-factor" = "multi factor"
		}
		p.norms = append(p.norms, t.norm)
		p.hs = append(p.hs, t.h)
		p.raws = append(p.raws, text[t.start:t.end])
	}
	if len(p.norms) == 0 {
		return
	}
	m.phrases = append(m.phrases, p)
}

func (m *matcher) build() {
	index := make(map[uint64][]int32)
	for i, p := range m.phrases {
		k := p.hs[0]
		if len(p.hs) > 1 {
			k = pairKey(p.hs[0], p.hs[1])
		}
		index[k] = append(index[k], int32(i))
	}
	size := 1
	for size < 2*len(index) {
		size <<= 1
	}
	m.keys = make([]uint64, size)
	m.spans = make([][2]int32, size)
	m.mask = uint64(size - 1)
	for h, ids := range index {
		sort.SliceStable(ids, func(a, b int) bool {
			return len(m.phrases[ids[a]].norms) > len(m.phrases[ids[b]].norms)
		})
		x := h & m.mask
		for m.keys[x] != 0 {
			x = (x + 1) & m.mask
		}
		m.keys[x] = h
		b := (h >> 17) & bloomMask
		m.bloom[b/64] |= 1 << (b % 64)
		m.spans[x] = [2]int32{int32(len(m.cands)), int32(len(m.cands) + len(ids))}
		m.cands = append(m.cands, ids...)
	}
}

// matchAt returns the end token (exclusive) when phrase p matches at token i,
// or -1.
func (m *matcher) matchAt(text string, toks []token, i int, p *phrase) int {
	k := i
	for n := 0; n < len(p.norms); n++ {
		if n > 0 {
			// skip hyphens between words, but not line breaks of paragraphs
			for k < len(toks) && toks[k].norm == "-" {
				k++
			}
		}
		if k >= len(toks) {
			return -1
		}
		t := &toks[k]
		// 64-bit hashes of words this short do not collide in practice;
		// the length is checked as well
		if t.h != p.hs[n] || len(t.norm) != len(p.norms[n]) {
			return -1
		}
		if n > 0 && t.is(fBlank) {
			return -1
		}
		if p.flags&pCase != 0 && text[t.start:t.end] != p.raws[n] {
			return -1
		}
		if n == 0 && p.flags&pCap != 0 && !t.is(fCap) {
			return -1
		}
		k++
	}
	return k
}

// flagWords are the single words hasWord can answer for from the token
// pass, without another scan of the text.
var flagWords = []string{
	"hackers", "hacker", "attackers", "attacker", "criminals", "intruder", "intruders", "cyberattack", "hacked",
	"attack", "cyber-attack", "fined", "penalty", "fine", "breach", "settlement", "penalised", "penalized",
	"sanctioned", "optical", "scanned", "scanning", "recognition", "handwriting", "dutch", "netherlands",
	"persoonsgegevens", "amsterdam", "hague", "nydfs", "canada", "canadian", "canadians", "ontario", "quebec",
	"toronto",
}

// flagIndex maps a flag word to its bit.
var flagIndex = func() map[string]int {
	m := make(map[string]int, len(flagWords))
	for i, w := range flagWords {
		m[w] = i
	}
	return m
}()

// find returns every phrase found in toks, leftmost-longest within each
// category, in token order.
func (m *matcher) find(text string, toks []token, out []hit) []hit {
	var until [numCategories]int
	try := func(i int, ids []int32) {
		for _, id := range ids {
			p := &m.phrases[id]
			if until[p.cat] > i {
				continue
			}
			if j := m.matchAt(text, toks, i, p); j > 0 {
				out = append(out, hit{i: i, j: j, cat: p.cat, val: p.val, ph: id})
				until[p.cat] = j
			}
		}
	}
	for i := range toks {
		// longer phrases first: by the first two words (hyphens between
		// them skipped), then one-word phrases
		k := i + 1
		for k < len(toks) && toks[k].norm == "-" {
			k++
		}
		if k < len(toks) && !toks[k].is(fBlank) {
			try(i, m.lookup(pairKey(toks[i].h, toks[k].h)))
		}
		try(i, m.lookup(toks[i].h))
	}
	return out
}

// gazetteer is the one matcher holding every phrase list of the package.
var gazetteer = sync.OnceValue(func() *matcher {
	m := &matcher{}
	addRegulators(m)
	addActors(m)
	addCountries(m)
	addSectors(m)
	addControls(m)
	addAttacks(m)
	addPlaces(m)
	addNotOrgs(m)
	addOrgHeads(m)
	addCues(m)
	for i, w := range flagWords {
		m.add(w, catFlag, i, 0)
	}
	m.build()
	return m
})
