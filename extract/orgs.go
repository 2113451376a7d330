package extract

import (
	"slices"
	"strings"
	"unicode"
)

// Organisations are found in three steps. Capitalised runs of words (with
// "of", "and", "&" and company suffixes inside) are the candidate names.
// Each is scored from the role its sentence gives it: fined, paying,
// breached, the covered entity, whose systems were attacked, described as
// a company; or takes away: the owner, the maker of a product, the
// researchers, a platform something was posted on, an earlier victim.
// Names that refer to the same organisation (a short form, an acronym, a
// possessive, "the library" for "British Library") are grouped, and the
// groups with enough evidence are returned by their fullest name.

func addNotOrgs(m *matcher) {
	for _, w := range notOrgWords {
		m.add(w, catNotOrg, 0, caseFlags(w))
	}
}

func addOrgHeads(m *matcher) {
	for _, w := range orgHeadWords {
		m.add(w, catOrgHead, 0, pCap)
	}
}

// caseFlags chooses how a capitalised gazetteer word must match: exactly
// for acronyms and mixed case ("ePHI"), capitalised for names.
func caseFlags(w string) uint8 {
	upperInside := false
	for _, c := range w[1:] {
		if unicode.IsUpper(c) {
			upperInside = true
		}
	}
	first := rune(w[0])
	if upperInside || !unicode.IsUpper(first) {
		return pCase
	}
	return pCap
}

// orgMention is one candidate name in the text or the title.
type orgMention struct {
	i, j     int // tokens of the name
	name     string
	words    []string // lower-case words without legal suffixes, for matching
	score    float64
	strong   bool // a strong victim cue
	negative bool // a strong non-victim cue
	acronym  bool
	headed   bool // has an organisation head noun
	legal    bool // has a legal-form suffix (Ltd, GmbH)
	subject  bool
	heading  bool
	title    bool
	entity   int
	place    bool // a body named by its place: "the municipality of Norrby"
}

// orgReader holds the per-document state of organisation extraction; it
// reads the text or, with a second reader, the title.
type orgReader struct {
	a        *analysis
	cover    []uint16        // per token: bit per gazetteer category covering it
	lowerSet *hashSet        // capitalised words that also occur in lower case
	persons  map[string]bool // surnames of people named in the text
	mentions []orgMention
	defNPs   map[string]int // "the library": head noun -> count
	third    int8           // whether the text speaks of a third party: 0 unknown, 1 no, 2 yes
	attacked bool           // the text describes an attack
}

func newOrgReader(a *analysis, lowerSet *hashSet, cover []uint16) *orgReader {
	cover = grow(cover, len(a.toks))
	clear(cover)
	r := &orgReader{a: a, cover: cover, lowerSet: lowerSet, persons: map[string]bool{}}
	for _, h := range a.hits {
		for k := h.i; k < h.j; k++ {
			r.cover[k] |= 1 << h.cat
		}
	}
	return r
}

func (r *orgReader) covered(i int, c category) bool { return r.cover[i]&(1<<c) != 0 }

// extractOrgs returns the victim or fined organisations of the text.
//
// attacked says whether the text describes an attack (it has attack
// types): a text about a patch or a product, with neither an attack nor a
// fine, names makers, not victims.
func extractOrgs(a *analysis, attacked bool) []string {
	// which capitalised words also occur in lower case (ordinary words)
	lowerSet := &a.lowerSet
	caps := 0
	for i := range a.toks {
		if a.toks[i].is(fCap) {
			caps++
		}
	}
	lowerSet.reset(caps + len(a.titleToks))
	for _, toks := range [][]token{a.toks, a.titleToks} {
		for i := range toks {
			if t := &toks[i]; t.is(fCap) && !t.is(fUpper) && t.kind == tWord {
				lowerSet.add(t.h)
			}
		}
	}
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind == tWord && t.flags&(fCap|fUpper) == 0 && t.norm[0] >= 'a' && t.norm[0] <= 'z' {
			lowerSet.mark(t.h)
		}
	}
	r := newOrgReader(a, lowerSet, a.cover)
	r.attacked = attacked
	defer func() { a.cover, a.orgMs = r.cover, r.mentions[:0] }()
	r.mentions = a.orgMs[:0]
	r.chunk()
	for k := range r.mentions {
		r.role(&r.mentions[k])
	}
	// the title, read apart, lends its mentions and their roles
	if len(a.titleToks) > 0 {
		ta := &analysis{text: a.title, lower: a.titleLower, toks: a.titleToks, hits: a.titleHits,
			sentOf: make([]int32, len(a.titleToks)), sentTok: []span{{0, len(a.titleToks)}}}
		tr := newOrgReader(ta, lowerSet, nil)
		tr.persons = r.persons
		tr.chunk()
		for k := range tr.mentions {
			m := &tr.mentions[k]
			tr.role(m)
			m.title = true
			r.mentions = append(r.mentions, *m)
		}
	}
	return r.selectOrgs()
}

// orgEntity is one organisation of selectOrgs: the mentions that name it
// and what they say of its role.
type orgEntity struct {
	members  []int
	best     int
	score    float64
	count    int
	strong   bool
	negative bool
	headed   bool
	legal    bool
	title    bool
	subject  bool
	inner    bool // a mention not at the start of a sentence or line
	first    int
}

// hashSet is a set of token hashes with a mark on each, in one flat
// open-addressing table reused between documents.
type hashSet struct {
	keys []uint64 // hash with bit 0 cleared, bit 0 set when marked; 0 empty
	mask uint64
}

func (s *hashSet) reset(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	s.keys = grow(s.keys, size)
	clear(s.keys)
	s.mask = uint64(size - 1)
}

func (s *hashSet) slot(h uint64) int {
	h = h&^1 | 2 // never 0, whatever the mark
	for x := h >> 1 & s.mask; ; x = (x + 1) & s.mask {
		if k := s.keys[x]; k == 0 || k&^1 == h {
			return int(x)
		}
	}
}

// add puts h in the set, unmarked.
func (s *hashSet) add(h uint64) {
	x := s.slot(h)
	if s.keys[x] == 0 {
		s.keys[x] = h&^1 | 2
	}
}

// mark marks h when it is in the set.
func (s *hashSet) mark(h uint64) {
	if x := s.slot(h); s.keys[x] != 0 {
		s.keys[x] |= 1
	}
}

// marked reports whether h is in the set and marked.
func (s *hashSet) marked(h uint64) bool {
	if len(s.keys) == 0 {
		return false
	}
	return s.keys[s.slot(h)]&1 != 0
}

// isNameWord reports whether token k can be part of a name: a
// capitalised word, "eBay", "AT&T", "1&1" or "23andMe" (not "600GB",
// "2FA" or "2020").
func (r *orgReader) isNameWord(k int) bool {
	t := &r.a.toks[k]
	if t.kind == tPunct {
		return false
	}
	if c := r.a.text[t.start]; c >= '0' && c <= '9' {
		if t.is(fAmp) {
			return true
		}
		if !t.is(fInnerUpper) {
			return false
		}
		uppers := 0
		for _, c := range r.a.text[t.start:t.end] {
			if unicode.IsLower(c) {
				return true // "23andMe"
			}
			if unicode.IsUpper(c) {
				uppers++
			}
		}
		// "3CX", "8BASE", not "2FA", "600GB" or "4G"
		return uppers >= 2 && !unitSuffix(t.norm)
	}
	return t.flags&(fCap|fAmp|fInnerUpper) != 0
}

// headingSentence reports whether most words of the sentence are
// capitalised (a headline or a title line).
func (r *orgReader) headingSentence(s, e int) bool {
	if e-s < 3 || e-s > 60 || r.a.toks[e-1].norm == "." {
		return false
	}
	words, caps := 0, 0
	for k := s; k < e; k++ {
		t := &r.a.toks[k]
		if t.kind != tWord {
			continue
		}
		if !t.is(fCap) && nameConnectors[t.norm] {
			continue
		}
		words++
		if t.is(fCap) || t.is(fUpper) {
			caps++
		}
	}
	if words < 3 || words > 24 || r.a.toks[e-1].norm == "." {
		return false
	}
	return caps*10 >= words*7
}

// common reports whether the capitalised word at k is an ordinary word.
func (r *orgReader) common(k int) bool {
	t := &r.a.toks[k]
	return r.lowerSet.marked(t.h) || commonStarts[t.norm] || imperativeVerbs[t.norm]
}

// lineStart reports whether token k starts a sentence, a line, a bullet
// or a quotation, where capitals say nothing.
func (r *orgReader) lineStart(k, s int) bool {
	a := r.a
	if k == s || a.toks[k].is(fNewline) {
		return true
	}
	p := a.norm(k - 1)
	switch p {
	case "\"", "(", ":", "•", "'", "*":
		return true
	case "-":
		return k-1 == s || a.toks[k-1].is(fNewline)
	}
	return false
}

// chunk finds the candidate names of every sentence.
func (r *orgReader) chunk() {
	a := r.a
	for si, st := range a.sentTok {
		s, e := st.Start, st.End
		if e <= s {
			continue
		}
		heading := r.headingSentence(s, e)
		k := s
		for k < e {
			if !r.isNameWord(k) {
				k++
				continue
			}
			start := k
			end := k + 1
			for end < e {
				t := &a.toks[end]
				if t.is(fBlank) {
					break
				}
				if heading && r.isNameWord(end) && r.common(end) && !r.covered(end, catOrgHead) {
					break
				}
				if r.isNameWord(end) || a.toks[end].norm == "plc" && a.toks[end].kind == tWord {
					end++ // "Capita plc"
					continue
				}
				if next := r.nextNameWord(end, e); next > 0 {
					end = next + 1
					continue
				}
				break
			}
			r.addRun(start, end, si, heading)
			k = end
		}
	}
}

// nextNameWord returns the index of the name word that continues a name
// after the connector or punctuation at k, or 0.
func (r *orgReader) nextNameWord(k, e int) int {
	a := r.a
	t := &a.toks[k]
	switch {
	case t.norm == "'s":
		// "Children's Hospital", "McDonald's Corporation"
		if k+1 < e && r.isNameWord(k+1) && r.headAhead(k+1, e) {
			return k + 1
		}
		return 0
	case t.norm == "'":
		// "Doctors’ Management Services"
		if k+1 < e && r.isNameWord(k+1) && a.toks[k+1].is(fSpace) && r.headAhead(k+1, e) {
			return k + 1
		}
		return 0
	case t.norm == "-":
		if k+1 < e && r.isNameWord(k+1) && !t.is(fSpace) && !a.toks[k+1].is(fSpace) {
			return k + 1
		}
		return 0
	case t.norm == "/":
		// "Dansk Medier A/S"
		if k+1 < e && len(a.toks[k-1].norm) == 1 && len(a.toks[k+1].norm) == 1 && a.toks[k+1].is(fCap) &&
			!t.is(fSpace) && !a.toks[k+1].is(fSpace) {
			return k + 1
		}
		return 0
	case t.norm == ".":
		// "N.V.", "Inc. ", "Dr. Saran", "ING Bank N.V. Amsterdam"
		if k+1 < e && r.isNameWord(k+1) && k > 0 && len(a.toks[k-1].norm) <= 3 && a.toks[k-1].kind == tWord &&
			(a.toks[k-1].is(fCap) || a.toks[k-1].is(fUpper)) {
			if !a.toks[k+1].is(fSpace) || isAny(a.toks[k-1].norm, "dr", "st", "mt", "ft") {
				return k + 1
			}
			// the end of a dotted abbreviation: "N.V. Amsterdam"
			if len(a.toks[k-1].norm) == 1 && k >= 2 && a.toks[k-2].norm == "." && !a.toks[k-1].is(fSpace) {
				return k + 1
			}
		}
		return 0
	case t.norm == ",":
		// "Affinity Health Plan, Inc.", "GEO Care, LLC"
		if k+1 < e && legalSuffix(a.toks[k+1].norm) && a.toks[k+1].norm != "co" && a.toks[k+1].norm != "group" &&
			(r.isNameWord(k+1) || a.toks[k+1].norm == "plc") {
			return k + 1
		}
		// "Glovoapp23, S.L.", "CAJA RURAL DEL LEVANTE, S.C.C.": a dotted
		// legal form of single capitals
		if k+3 < e && len(a.toks[k+1].norm) == 1 && a.toks[k+1].is(fCap) && a.toks[k+2].norm == "." &&
			!a.toks[k+2].is(fSpace) && len(a.toks[k+3].norm) == 1 && a.toks[k+3].is(fCap) && !a.toks[k+3].is(fSpace) {
			return k + 1
		}
		return 0
	case t.kind == tPunct && t.norm == "&":
		if k+1 < e && r.isNameWord(k+1) {
			return k + 1
		}
		return 0
	case t.kind == tWord && nameConnectors[t.norm] && !t.is(fCap):
		j := k + 1
		for j < e && !r.isNameWord(j) && (a.toks[j].norm == "the" || a.toks[j].norm == "l" || a.toks[j].norm == "'") {
			j++
		}
		if j >= e || !r.isNameWord(j) {
			return 0
		}
		switch t.norm {
		case "e", "et", "und", "y":
			// "Eni Gas e Luce": a foreign "and" inside a name
			if !r.isNameWord(k - 1) {
				return 0
			}
		case "and":
			// "New York and Presbyterian Hospital", "Securities and
			// Exchange Commission": only when the words after end in an
			// organisation noun and the words before do not
			if !r.headAhead(j, e) || r.headBehind(k) || legalSuffix(a.toks[k-1].norm) {
				return 0 // "Kestrel Group plc and Kestrel Pensions Limited": two names
			}
		case "for":
			if !r.headAhead(j, e) && !r.headBehind(k) {
				return 0
			}
		case "the", "on", "upon", "in":
			return 0
		}
		return j
	}
	return 0
}

// unitSuffix reports a token of digits and letters that is a measure or a
// technical term ("600GB", "2FA", "5GHZ"), not a name.
func unitSuffix(w string) bool {
	k := 0
	for k < len(w) && (w[k] >= '0' && w[k] <= '9' || w[k] == '.') {
		k++
	}
	switch w[k:] {
	case "gb", "tb", "mb", "kb", "pb", "fa", "mfa", "ghz", "mhz", "hz", "bn", "mn", "am", "pm", "st", "nd", "rd",
		"th", "kg", "km", "mm", "cm", "kw", "mw", "gw", "kwh", "mwh", "ms", "mbps", "gbps", "fps", "dpi", "sv",
		"gl", "vpn", "cve", "pc", "hd", "uk", "us", "eu", "d", "g", "k", "m", "x":
		return true
	}
	return false
}

// commonNounSuffix reports an ending of abstract common nouns, which a
// capitalised word opening a sentence has when it is no name:
// "Notification", "Enforcement", "Awareness".
func commonNounSuffix(w string) bool {
	for _, s := range [...]string{"tion", "tions", "sion", "sions", "ment", "ments", "ness", "ance", "ence", "ship"} {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// legalSuffix reports a legal-form suffix (Ltd, GmbH, LLC...).
func legalSuffix(w string) bool {
	switch w {
	case "ltd", "limited", "plc", "inc", "incorporated", "llc", "llp", "gmbh", "ag", "se", "sa", "nv", "bv",
		"srl", "slr", "spa", "ab", "asa", "oy", "oyj", "pty", "kk", "corp", "corporation", "co", "company",
		"group", "holdings", "lp", "dac", "ulc", "kft", "zrt", "nyrt", "kg", "sas", "sarl", "slu", "sau", "sro",
		"aps", "bhd", "pte", "pvt", "lda", "ltda":
		return true
	}
	return false
}

// headAhead reports whether the capitalised run starting at k holds an
// organisation head noun.
func (r *orgReader) headAhead(k, e int) bool {
	for ; k < e && r.isNameWord(k); k++ {
		if r.covered(k, catOrgHead) {
			return true
		}
	}
	return false
}

// headBehind reports whether the capitalised run ending before k holds an
// organisation head noun.
func (r *orgReader) headBehind(k int) bool {
	for x := k - 1; x >= 0 && r.isNameWord(x); x-- {
		if r.covered(x, catOrgHead) {
			return true
		}
	}
	return false
}

func (r *orgReader) headIn(i, j int) bool {
	for k := i; k < j; k++ {
		if r.covered(k, catOrgHead) {
			return true
		}
	}
	return false
}

// outside reports whether token k is a regulator, country, place, actor or
// a word that is never an organisation.
func (r *orgReader) outside(k int) bool {
	return r.covered(k, catRegulator) || r.covered(k, catCountry) || r.covered(k, catPlace) ||
		r.covered(k, catActor) || r.covered(k, catNotOrg)
}

// addRun trims the run [i, j) to a candidate name and records it.
func (r *orgReader) addRun(i, j, si int, heading bool) {
	a := r.a
	s := a.sentTok[si].Start
	origI := i
	// leading articles, function words, and an ordinary word that is
	// capitalised only because it starts the sentence
	for i < j {
		t := &a.toks[i]
		if !t.is(fCap) && !t.is(fUpper) && nameConnectors[t.norm] {
			i++
			continue
		}
		if functionWords[t.norm] && !t.is(fUpper) {
			i++
			continue
		}
		if (r.lineStart(i, s) || heading || i > origI) && r.common(i) && !r.covered(i, catOrgHead) && !t.is(fUpper) &&
			!r.covered(i, catPlace) && !r.covered(i, catCountry) {
			i++
			continue
		}
		break
	}
	// trailing connectors and punctuation (keep the stop of "Inc.")
	for j > i {
		t := &a.toks[j-1]
		if t.kind == tPunct && t.norm != "." || !t.is(fCap) && nameConnectors[t.norm] {
			j--
			continue
		}
		if t.norm == "." && !(j-2 >= i && (legalSuffix(a.toks[j-2].norm) || len(a.toks[j-2].norm) == 1)) {
			j--
			continue
		}
		break
	}
	if i >= j {
		return
	}
	// a compound adjective: "Multi-factor", "Boston-based"; the owner in
	// "Google-owned Mandiant" is kept as a negative mention
	if a.norm(j) == "-" && j+1 < len(a.toks) && a.toks[j+1].kind == tWord && !a.toks[j+1].is(fCap) &&
		!a.toks[j].is(fSpace) && !isAny(a.toks[j+1].norm, "owned", "backed") {
		return
	}
	// leading regulator, country, place or role words that are not part
	// of the name: "Boston-based Drizly", "FTC Chair Lina Khan"; kept in
	// "City of Newark" and "New York Presbyterian Hospital"
	// trailing words that are never part of a name: "Agency BGN"
	for j-1 > i && r.covered(j-1, catNotOrg) && !r.covered(j-1, catOrgHead) {
		j--
	}
	if r.outside(i) && !(r.headIn(i, j) && !r.covered(i, catRegulator) && (!r.covered(i, catNotOrg) || genericModifiers[a.toks[i].norm])) {
		k := i
		for k < j && (r.outside(k) || a.toks[k].kind == tPunct || nameConnectors[a.toks[k].norm] && !a.toks[k].is(fCap)) {
			k++
		}
		i = k
		for i < j && a.toks[i].kind == tPunct {
			i++
		}
	}
	if i >= j {
		return
	}
	if r.allOutside(i, j) {
		return
	}
	// publications, programmes and laws: "#StopRansomware Guide"
	if notOrgFinal[a.toks[j-1].norm] {
		return
	}
	m := orgMention{i: i, j: j, heading: heading}
	m.name = collapseSpace(a.tokText(i, j))
	if a.norm(j) == "." && !a.toks[j].is(fSpace) && (isAny(a.toks[j-1].norm, "inc", "ltd", "corp", "co", "bros") ||
		len(a.toks[j-1].norm) == 1 && j-2 > i && a.toks[j-2].norm == ".") {
		m.name += "."
	}
	for k := i; k < j; k++ {
		t := &a.toks[k]
		if t.kind == tPunct {
			continue
		}
		if r.covered(k, catOrgHead) {
			m.headed = true
		}
		if legalSuffix(t.norm) && (t.is(fCap) || t.is(fUpper) || t.norm == "plc") && k > i {
			m.legal = true
		}
		m.words = append(m.words, t.norm)
	}
	// dotted legal forms: "S.A.", "N.V.", "S.p.A.", "A/S"
	if j-i >= 3 && a.toks[j-1].kind == tWord && len(a.toks[j-1].norm) == 1 && (a.toks[j-2].norm == "." || a.toks[j-2].norm == "/") {
		m.legal = true
	}
	m.words = orgWords(m.words)
	if len(m.words) == 0 {
		return
	}
	if j-i == 1 && a.toks[i].is(fUpper) && len(a.toks[i].norm) <= 6 && !(a.toks[i].norm[0] >= '0' && a.toks[i].norm[0] <= '9') {
		m.acronym = true // not "3CX": a name, not the initials of one
	}
	// "Council fined ...", "the Bank said": a capitalised head noun alone
	// refers to an organisation named elsewhere
	if j-i == 1 && r.covered(i, catOrgHead) && !a.toks[i].is(fUpper) {
		return
	}
	// a single ordinary word ("Accounts", "Dozens") or a verb opening an
	// instruction ("See the entry")
	if j-i == 1 && !m.acronym && !m.headed {
		n := a.toks[i].norm
		if r.lowerSet.marked(a.toks[i].h) || commonStarts[n] {
			return
		}
		if r.lineStart(i, s) && (isAny(a.norm(j), "the", "a", "an", "its", "their", "your", "all", "any", "with", "to") ||
			strings.HasSuffix(n, "ing") || strings.HasSuffix(n, "ly")) {
			return
		}
		// "Notification letters were sent", "Names and addresses of",
		// "Scans of the passports": a common noun opening the sentence
		if r.lineStart(i, s) && !a.toks[i].is(fUpper) && (commonNounSuffix(n) ||
			isAny(a.norm(j), "of", "and", "or") && j+1 < len(a.toks) && a.toks[j+1].kind == tWord && !a.toks[j+1].is(fCap)) {
			return
		}
		if r.lineStart(i, s) && a.toks[i].is(fInnerUpper) && strings.HasSuffix(a.text[a.toks[i].start:a.toks[i].end], "s") &&
			a.norm(j) == "of" {
			return // "CVs of 56,000 job seekers"
		}
	}
	// "Payroll provider Zellis", "Hotel group Regent Stays": a
	// capitalised modifier before a descriptor and a name
	if j-i == 1 && r.lineStart(i, s) {
		x := j
		for x < j+2 && x < len(a.toks) && a.toks[x].kind == tWord && !a.toks[x].is(fCap) && !descriptorNouns[a.toks[x].norm] {
			x++
		}
		if descriptorNouns[a.norm(x)] && x+1 < len(a.toks) && r.isNameWord(x+1) {
			return
		}
	}
	// a place named by its kind: "the city of Vigo"; as a body it is
	// the "municipality of Norrby", named with its kind
	if a.norm(i-1) == "of" && isAny(a.norm(i-2), "city", "town", "village", "municipality", "county", "region",
		"province", "state", "district", "borough", "island", "port") && !a.toks[i-2].is(fCap) {
		if !isAny(a.norm(i-2), "municipality", "borough", "county", "city", "town") || !isAny(a.norm(i-3), "the", "a") {
			return
		}
		i -= 2
		m.i, m.place = i, true
		m.name = collapseSpace(a.tokText(i, j))
	}
	// the name of a campaign, a piece of malware or a flaw: "the SUNBURST
	// campaign", "the Hive group"
	follower := a.norm(j)
	if follower == "\"" || follower == "'" {
		follower = a.norm(j + 1) // "the “Tim Smart Kid” app"
	}
	// "its T-Connect and G-Link services": the noun after a list of names
	if isAny(follower, "and", "or", ",") {
		x := j + 1
		for x < len(a.toks) && x < j+8 && (r.isNameWord(x) || a.toks[x].norm == "-") {
			x++
		}
		if x > j+1 && isAny(a.norm(x), "services", "apps", "products", "platforms", "tools", "brands") {
			follower = a.norm(x)
		}
	}
	if isAny(follower, "campaign", "operation", "malware", "vulnerability", "exploit", "botnet", "variant",
		"strain", "trojan", "backdoor", "gang", "group", "flaw", "bug", "app", "apps", "software", "platform",
		"tool", "service", "feature", "services", "products", "platforms", "tools", "brands", "devices") &&
		!m.headed && !m.legal {
		return
	}
	if r.isPerson(i, j) {
		if w := a.toks[j-1].norm; j-i >= 2 {
			r.persons[w] = true
		}
		return
	}
	if j-i == 1 && r.persons[a.toks[i].norm] {
		return
	}
	r.mentions = append(r.mentions, m)
}

// allOutside reports whether every word of [i, j) is a regulator, country,
// place, actor or non-organisation word.
func (r *orgReader) allOutside(i, j int) bool {
	for k := i; k < j; k++ {
		t := &r.a.toks[k]
		if t.kind == tPunct || nameConnectors[t.norm] && !t.is(fCap) {
			continue
		}
		if !r.outside(k) {
			return false
		}
	}
	return true
}

func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\n\t\r") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// orgWords lower-cases a name's words for matching and drops legal
// suffixes and articles, as the scorer does.
func orgWords(ws []string) []string {
	out := ws[:0]
	for _, w := range ws {
		if legalSuffix(w) || w == "the" || w == "'s" || w == "'" {
			continue
		}
		if len(w) == 1 && w != "&" && !(w[0] >= '0' && w[0] <= '9') {
			continue // the letters of "N.V.", "S.A."
		}
		out = append(out, w)
	}
	return out
}

// isPerson reports whether the run [i, j) names a person: after a title
// ("CEO James Rellas", "Director Leon Rodriguez"), before one (", Director
// of..."), with a speech verb, or starting with a common given name.
func (r *orgReader) isPerson(i, j int) bool {
	a := r.a
	words := 0
	for k := i; k < j; k++ {
		if a.toks[k].kind == tWord {
			words++
		}
		if r.covered(k, catOrgHead) {
			return false
		}
	}
	p := a.norm(i - 1)
	if personTitles[p] || p == "." && personTitles[a.norm(i-2)] {
		return words <= 4
	}
	if words < 2 {
		return false
	}
	n := a.norm(j)
	if n == "," {
		if personTitles[a.norm(j+1)] || a.norm(j+1) == "the" && personTitles[a.norm(j+2)] || personTitles[a.norm(j+2)] {
			return true
		}
		if a.norm(j+1) == "who" {
			return true
		}
	}
	// "..., said Jane Smith." / "Jane Smith said": a speech verb with a
	// given name (organisations speak too: "Norbridge Water said")
	if (isAny(n, "said", "says", "told", "added", "wrote", "explained", "noted") ||
		isAny(p, "said", "says") && isAny(n, ",", ".", "", "of", "in")) && firstNames[a.norm(i)] {
		return words <= 3
	}
	return false
}

// Role cue weights.
const (
	wStrong = 3.0
	wMedium = 1.5
	wWeak   = 0.5
	wNeg    = -4.0
)

// role scores one mention from its sentence.
func (r *orgReader) role(m *orgMention) {
	a := r.a
	_, e := a.sentRange(m.i)
	j := m.j
	if strings.HasSuffix(m.name, ".") && a.norm(j) == "." {
		j++ // "Unisys Corp. will pay": the stop belongs to the name
	}
	add := func(w float64) {
		m.score += w
		if w >= wStrong {
			m.strong = true
		}
		if w <= wNeg {
			m.negative = true
		}
	}
	m.subject = r.isSubject(m) && !isAny(a.norm(j), "'s", "'")

	// after the name: a possessive of the victim's assets
	if isAny(a.norm(j), "'s", "'") {
		if possessedAssets[a.norm(j+1)] || possessedAssets[a.norm(j+2)] {
			if r.negatedNear(j) {
				add(wNeg)
			} else {
				add(wMedium)
			}
		}
	}
	// passive: "<X> was fined", "<X> has been hit by", "X fined £20m"
	k := r.skipCoordination(r.skipAppositive(j, e), e)
	if v := r.passiveAfter(k, e); v > 0 && !isAny(a.norm(r.coordStart(m.i, 0)-1), "to", "from", "for", "by", "with", "than", "like") &&
		!(m.place && a.norm(m.i-2) == "of") {
		// (a place is not the subject in "the hospital of the city of
		// Vigo was fined")
		if r.negatedNear(k) {
			add(wNeg / 4)
		} else {
			add(v)
		}
	}
	// the speaker after a quotation: "\"We found that an unauthorised
	// party gained access to our systems,\" X said"
	if isAny(a.norm(j), "said", "says", "told", "added", "confirmed") && m.i >= 2 && isAny(a.norm(m.i-1), "\"", "'") {
		s0, _ := a.sentRange(m.i)
		if v := r.reportedCue(s0, m.i); v > 0 {
			add(v)
		}
	}
	// the verb of a subject: "X will pay", "X says", "X has attributed"
	if m.subject {
		if v, ok := r.verbAfter(k, e); ok {
			add(v)
		}
	}
	// "X is among the companies that confirmed", "X is one of the victims"
	if isAny(a.norm(k), "is", "are", "was", "were") && isAny(a.norm(k+1), "among", "one") {
		for x := k + 2; x < e && x < k+6; x++ {
			if isAny(a.norm(x), "victims", "companies", "organisations", "organizations", "firms", "businesses", "those") {
				add(wStrong)
				break
			}
		}
	}
	// "X was fined £45,000 and Y £30,000", "A will pay $4m, B $1m": a
	// name standing before an amount in a clause whose verb is left out
	if r.gappedPayer(m) {
		add(wStrong)
	}
	// before the name
	r.objectCues(m, add)
	// a descriptor: "the online alcohol marketplace Drizly", "X, a
	// Massachusetts medical management company"
	r.descriptorCues(m, add)
	// "a GEO Care employee", "a Corbel Energy engineer": the organisation
	// whose staff or systems the incident went through
	if isAny(a.norm(j), "employee", "employees", "engineer", "engineers", "staff", "worker", "workers",
		"contractor", "executive", "administrator", "nurse", "manager", "server", "servers", "systems",
		"network", "laptop", "customers", "patients", "clients") && !m.strong {
		add(wMedium)
	}
	// non-victim contexts
	r.nonVictimCues(m, add)
	if m.subject {
		m.score += wWeak
	}
	if m.heading {
		m.score *= 0.5
	}
}

// gappedPayer reports a name after "and" or a comma that is followed
// directly by an amount, in a sentence about fines or payments: the
// subject of a clause whose verb ("was fined", "will pay") is left out.
func (r *orgReader) gappedPayer(m *orgMention) bool {
	a := r.a
	k := m.j
	if a.norm(k) == "." && !a.toks[k].is(fSpace) {
		k++ // "Avaya Holdings Corp. $1 million"
	}
	if !isAny(a.norm(m.i-1), "and", ",") || !a.amountAt(k) {
		return false
	}
	return r.gappedFineSentence(m.i)
}

// amountEndsBefore reports an amount of money ending right before token
// k ("each" may stand between): "$250,000 each for".
func (r *orgReader) amountEndsBefore(k, s int) bool {
	a := r.a
	x := k - 1
	if x >= s && a.toks[x].norm == "each" {
		x--
	}
	if x >= s && isAny(a.toks[x].norm, "million", "billion", "m", "bn", "thousand", "k") {
		x--
	}
	if x < s || a.toks[x].kind != tNum {
		return false
	}
	for y := x - 1; y >= s && y >= x-4; y-- {
		if a.amountAt(y) {
			return true
		}
	}
	return false
}

// gappedFineSentence reports words of fines or payments in the sentence of
// token i.
func (r *orgReader) gappedFineSentence(i int) bool {
	s, e := r.a.sentRange(i)
	for k := s; k < e; k++ {
		if isAny(r.a.toks[k].norm, "fined", "fine", "fines", "penalty", "penalties", "pay", "pays", "paid", "settle",
			"settled", "sanctioned", "penalised", "penalized") {
			return true
		}
	}
	return false
}

// amountAt reports an amount of money starting at token k: "£30,000",
// "$1 million", "EUR 9.000", "HUF 100.000.000".
func (a *analysis) amountAt(k int) bool {
	if k >= len(a.toks) {
		return false
	}
	t := &a.toks[k]
	switch t.norm {
	case "£", "$", "€", "¥", "us$", "c$", "a$":
		return true
	case "eur", "usd", "gbp", "pln", "huf", "sek", "nok", "dkk", "chf", "czk", "ron", "bgn", "aud", "cad":
		return t.is(fUpper) && k+1 < len(a.toks) && a.toks[k+1].kind == tNum
	}
	return false
}

// passiveAfter scores "was fined", "has been breached", "were hit", and
// a headline's bare "fined".
func (r *orgReader) passiveAfter(k, e int) float64 {
	a := r.a
	x := k
	sawAux := false
	for x < e && x < k+4 {
		w := a.toks[x].norm
		if isAny(w, "was", "were", "has", "have", "had", "is", "are", "been", "being", "be", "also", "itself", "recently", "now", "later", "reportedly", "allegedly", "then", "will", "may", "might", "could", "to", "say", "says", "said") {
			sawAux = true
			x++
			continue
		}
		break
	}
	w := a.norm(x)
	switch w {
	case "fined", "penalised", "penalized", "sanctioned", "reprimanded", "censured":
		return wStrong
	case "hit", "breached", "hacked", "attacked", "targeted", "compromised", "infected", "struck", "crippled",
		"disrupted", "victimised", "victimized", "extorted":
		if sawAux || w == "hit" || w == "hacked" || w == "breached" {
			return wStrong
		}
	case "ordered", "charged", "sued", "forced", "issued", "affected", "notified", "told", "accused", "found",
		"alerted":
		if sawAux && x > k {
			return wMedium
		}
	case "victim":
		return wStrong
	}
	return 0
}

// auxiliaries come between a subject and its verb.
var auxiliaries = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true, "will": true,
	"would": true, "could": true, "may": true, "might": true, "be": true, "been": true, "being": true,
	"also": true, "now": true, "still": true, "already": true, "to": true, "later": true, "then": true,
	"itself": true, "reportedly": true, "allegedly": true, "recently": true, "finally": true, "first": true,
	"yet": true, "agreed": true, "expected": true, "set": true, "likely": true, "ultimately": true,
	"all": true, "both": true, "each": true,
}

// speechVerbs introduce what the organisation says about the incident.
var speechVerbs = map[string]bool{
	"says": true, "said": true, "confirmed": true, "confirms": true, "disclosed": true, "discloses": true,
	"reported": true, "reports": true, "told": true, "announced": true, "announces": true, "revealed": true,
	"reveals": true, "admitted": true, "admits": true, "warned": true, "warns": true, "notified": true,
	"stated": true, "states": true, "acknowledged": true, "informed": true, "explained": true,
}

// verbAfter finds the verb of a subject mention, skipping a coordinated
// subject ("X and four of its cruise lines will pay") and auxiliaries
// ("is paying"), and scores it. A speech verb scores what it reports: "X
// says it was targeted" is a strong cue, "X says hackers stole" a medium
// one.
func (r *orgReader) verbAfter(k, e int) (float64, bool) {
	a := r.a
	auxVal, sawAux := 0.0, false
	for x := k; x < e && x < k+12; x++ {
		t := &a.toks[x]
		w := t.norm
		if t.kind == tPunct && w != "," && w != "-" && w != "'s" && w != "(" && w != ")" && w != "&" {
			break
		}
		if auxiliaries[w] {
			if v, ok := subjectVerbs[w]; ok && !sawAux {
				auxVal = v
			}
			sawAux = true
			continue
		}
		if v, ok := subjectVerbs[w]; ok {
			if speechVerbs[w] {
				c := r.reportedCue(x+1, e)
				if c < 0 {
					return 0, true // "said there was no evidence of a breach"
				}
				if c > v {
					v = c
				}
				if c == 0 && v > wWeak {
					v = wWeak // "reported premiums of $2.3 billion": nothing about an incident
				}
			}
			return v, true
		}
		if sawAux {
			break // an auxiliary followed by a verb we do not know
		}
		if isAny(w, "that", "which", "who", "because", "after", "when", "where") {
			break
		}
	}
	return auxVal, sawAux
}

// skipCoordination skips further names coordinated with a mention: "X
// and Santander are", "X, the BBC and Boots have".
func (r *orgReader) skipCoordination(k, e int) int {
	a := r.a
	for k < e && isAny(a.toks[k].norm, "and", "or", "&", ",") {
		x := k + 1
		for x < e && (isAny(a.toks[x].norm, "the", "a", "an") || descriptorNouns[a.toks[x].norm] || !a.toks[x].is(fCap) && x+1 < e && descriptorNouns[a.toks[x+1].norm]) {
			x++
		}
		if x >= e || !r.isNameWord(x) {
			return k
		}
		for x < e && (r.isNameWord(x) || nameConnectors[a.toks[x].norm] && x+1 < e && r.isNameWord(x+1)) {
			x++
		}
		k = x
	}
	return k
}

// reportedCue scores the clause a speech verb introduces: "it was
// targeted" (strong), "hackers stole data" (medium).
func (r *orgReader) reportedCue(k, e int) float64 {
	a := r.a
	if a.norm(k) == "that" {
		k++
	}
	if isAny(a.norm(k), "it", "its", "they", "their") {
		if v := r.passiveAfter(k+1, e); v > 0 {
			return v
		}
		if a.norm(k) == "it" || a.norm(k) == "they" {
			if v, ok := subjectVerbs[a.norm(k+1)]; ok && v >= wMedium && !speechVerbs[a.norm(k+1)] {
				return v
			}
		}
	}
	own, hit, neg := false, false, false
	for x := k; x < e && x < k+24; x++ {
		// the reported clause ends where another begins: "reported
		// premiums of $2.3 billion, and said claims from ransomware fell"
		if x > k && (a.toks[x].norm == ";" || a.toks[x].norm == "," && isAny(a.norm(x+1), "and", "but", "while", "whereas")) {
			break
		}
		if !hit && isAny(a.toks[x].norm, "no", "not", "never", "denied", "nor") {
			neg = true
		}
		switch a.toks[x].norm {
		case "hackers", "attackers", "attacker", "hacker", "criminals", "intruders", "intruder", "breach", "breached",
			"stolen", "stole", "accessed", "intrusion", "compromised", "ransomware", "phishing", "attack",
			"cyberattack", "unauthorised", "unauthorized", "exposed", "leaked", "taken", "downloaded", "copied",
			"exfiltrated", "encrypted", "hacked", "targeted", "infected":
			hit = true
		case "its", "our", "we", "us":
			if possessedAssets[a.norm(x+1)] || possessedAssets[a.norm(x+2)] || isAny(a.norm(x+1), "workspace", "account", "accounts") ||
				a.toks[x].norm == "we" || a.toks[x].norm == "us" {
				own = true
			}
		}
	}
	switch {
	case hit && neg:
		return -1 // "said there was no evidence its systems were breached"
	case hit && own:
		return wStrong
	case hit:
		return wMedium
	}
	return 0
}

// objectCues scores what precedes the name: "fined X", "action against
// X", "a settlement with X", "the breach at X", "customers of X", the
// covered entity, a list of victims.
func (r *orgReader) objectCues(m *orgMention, add func(float64)) {
	a := r.a
	s, _ := a.sentRange(m.i)
	i := r.coordStart(m.i, s)
	x := i - 1
	for x >= s && isAny(a.toks[x].norm, "the", "a", "an", "its", "their") {
		x--
	}
	// a description between the cue and the name: "the VPN of builder's
	// merchant Thornbury Supplies", "charged software company X"
	if y := r.skipDescription(x, s); y != x {
		x = y
		for x >= s && isAny(a.toks[x].norm, "the", "a", "an", "its", "their") {
			x--
		}
	}
	if x < s {
		return
	}
	p1, p2, p3 := a.norm(x), a.norm(x-1), a.norm(x-2)
	if x-1 < s {
		p2, p3 = "", ""
	} else if x-2 < s {
		p3 = ""
	}
	switch {
	case isAny(p1, "fined", "fines", "fine", "penalised", "penalized", "sanctioned", "sued", "charged", "reprimanded", "fining", "penalising", "penalizing", "censured"):
		add(wStrong)
	case p1 == "against" && (isAny(p2, "action", "actions", "penalty", "fine", "case", "charges", "complaint", "order", "enforcement", "lawsuit", "proceedings", "judgment", "claims", "notice", "decision") ||
		isAny(p3, "action", "penalty", "fine", "case", "charges", "complaint", "order", "enforcement", "lawsuit", "proceedings", "decision")):
		add(wStrong)
	case isAny(p1, "with", "to", "on", "upon", "from") && isAny(p2, "settlement", "agreement", "penalty", "fine", "deal", "settles", "settled", "notice", "fines", "settlements", "reprimand"):
		add(wStrong)
	case isAny(p1, "on", "upon") && isAny(p2, "imposed", "levied", "imposes", "imposing"):
		// "imposed on X a fine of PLN 350.000"
		add(wStrong)
	case p1 == "against" && (isAny(p2, "resolution", "procedure", "ruling", "sanction", "sanctions", "measures", "proceeding") ||
		r.regulatorBefore(x-3, s) || x-1 >= s && r.covered(x-1, catRegulator)):
		// "Resolution of the AEPD against X", "a sanctioning procedure
		// against X"
		add(wStrong)
	case isAny(p1, "with", "against") && r.finePhraseBefore(x, s, 14), isAny(p1, "to", "on", "upon") && r.finePhraseBefore(x, s, 5):
		add(wStrong)
	case isAny(p1, "cost", "costs", "costing", "forced", "cripple", "crippled", "disrupted", "paralysed", "paralyzed"):
		add(wMedium)
	case p1 == "to" && isAny(p2, "belonging", "belonged", "belongs", "issued", "assigned") && !incidentNouns[p3]:
		// "a laptop belonging to X"
		add(wMedium)
	case p1 == "by" && isAny(p2, "run", "operated", "managed", "maintained", "hosted") && x-2 >= s && a.toks[x-2].is(fCap) &&
		notOrgFinal[p3]:
		// "the Incident Reporting Gateway run by X": a system of X's
		add(wMedium)
	case p1 == "by" && isAny(p2, "run", "operated", "owned", "managed", "used", "maintained", "held", "stored", "hosted") &&
		(victimAssets[p3] || isAny(p3, "hospitals", "hospital", "clinics", "stores", "schools", "sites", "services", "shops", "hotels", "casinos", "practices", "centres", "centers", "facilities", "websites", "vpn", "software", "tool", "platform", "files", "email")):
		add(wMedium)
	case isAny(p1, "listed", "added", "named", "posted") && r.sentenceHasLeakSite(i):
		add(wStrong)
	case p1 == "for" && r.finePhraseBefore(x, s, 14):
		add(wStrong)
	case p1 == "by" && isAny(p2, "exposed", "leaked", "disclosed", "mishandled", "lost", "misplaced", "published", "shared"):
		// "files exposed by Harwick District Council": the holder that
		// let them out
		add(wMedium)
	case p1 == "for" && r.amountEndsBefore(x, s) && r.gappedFineSentence(i):
		// "$500,000 for Halden Securities and $250,000 each for X"
		add(wStrong)
	case isAny(p1, "of", "into", "at", "on", "against") && incidentNouns[p2]:
		add(wStrong)
	case isAny(p1, "of", "at") && victimAssets[p2]:
		add(wMedium + wWeak)
	case p1 == "of" && isAny(p2, "software", "product", "products", "firmware", "tool", "tools", "library", "appliance", "appliances"):
		// "vulnerabilities in the VSA software of X": the maker
		add(wNeg / 4)
	case isAny(p1, "ordered", "required", "directed", "instructed", "compelled", "warned", "reprimanded", "censured", "audited", "investigated", "inspected"):
		add(wMedium)
	case isAny(p1, "notified", "informed", "warned", "alerted"):
		if r.regulatorBefore(i, s) {
			add(wMedium)
		} else {
			add(wNeg / 2)
		}
	case p1 == "," && (p2 == ")" && isAny(p3, "ce", "ba") || isAny(p2, "entity", "associate")):
		// "the covered entity (CE), Montefiore Medical Center,"
		add(wStrong)
	case isAny(p1, "breached", "hacked", "targeted", "attacked", "compromised", "infiltrated") && !isAny(p2, "that", "which"):
		add(wMedium)
	}
	if r.victimList(i, s) || r.amongVictims(i, s) {
		add(wStrong)
	}
}

// descriptorCues scores a descriptor naming the kind of organisation.
func (r *orgReader) descriptorCues(m *orgMention, add func(float64)) {
	a := r.a
	i, j := m.i, m.j
	s, e := a.sentRange(i)
	p1 := a.norm(i - 1)
	if !descriptorNouns[p1] && i > 0 && a.toks[i-1].kind == tWord && !a.toks[i-1].is(fCap) &&
		!functionWords[p1] && r.descriptorRun(i-1, s) && m.subject {
		// "The online grocer Freshbox said": an unlisted descriptor
		add(wWeak)
	}
	if descriptorNouns[p1] && !a.toks[i].is(fNewline) && r.thirdPartyService(p1) {
		add(wNeg / 4)
	} else if isAny(p1, "maker", "vendor", "developer", "manufacturer", "supplier", "provider") &&
		isAny(a.norm(i-2), "software", "product", "security", "hardware", "chip", "app", "device", "firmware",
			"technology", "tech", "it", "saas", "antivirus", "browser", "router", "vpn") && !r.attacked {
		// "Software maker X has released patches": the maker of a product
		// in a text about no attack is neither victim nor bystander
	} else if descriptorNouns[p1] && !a.toks[i].is(fNewline) {
		neg := false
		for x := i - 2; x >= 0 && x >= i-4; x-- {
			if isAny(a.toks[x].norm, "rival", "competitor", "security", "cybersecurity", "research", "intelligence", "threat", "parent", "owner", "forensic", "consulting", "law", "pr") {
				neg = true
			}
		}
		if neg {
			add(wNeg)
		} else {
			add(wMedium)
		}
	}
	// "a cryptocurrency exchange, Coinvista,", "The company, Advanced
	// Computer Software Group Ltd,"
	if a.norm(i-1) == "," && descriptorNouns[a.norm(i-2)] && (a.norm(j) == "," || a.norm(j) == ".") {
		if r.thirdPartyService(a.norm(i - 2)) {
			add(wNeg / 4)
		} else {
			add(wMedium)
			// "hackers broke into its payments subsidiary, ClaimLink,"
			y := i - 3
			for y >= s && y > i-8 && a.toks[y].kind == tWord && !a.toks[y].is(fCap) && !functionWords[a.toks[y].norm] {
				y--
			}
			for y >= s && isAny(a.toks[y].norm, "its", "their", "the", "a", "an") {
				y--
			}
			if y >= s && (isAny(a.toks[y].norm, "into", "breached", "hacked", "hit", "attacked", "targeted",
				"compromised", "infiltrated", "fined", "penalised", "penalized", "sanctioned") ||
				y >= s+1 && isAny(a.toks[y].norm, "on", "at", "against") && incidentNouns[a.toks[y-1].norm]) {
				add(wStrong)
			}
		}
	}
	if a.norm(j) == "," && isAny(a.norm(j+1), "a", "an", "the") {
		for x := j + 2; x < e && x < j+10; x++ {
			w := a.norm(x)
			if w == "," || w == "." || w == "that" || w == "which" {
				break
			}
			if isAny(w, "owner", "parent", "maker", "researcher", "researchers", "vendor") {
				break
			}
			if descriptorNouns[w] {
				// "a provider of IT management software": the maker of
				// a product, neither victim nor bystander by itself
				if isAny(w, "provider", "maker", "vendor", "developer", "supplier") && a.norm(x+1) == "of" &&
					r.productAhead(x+2, e) {
					break
				}
				add(wMedium)
				break
			}
		}
	}
}

// nonVictimCues scores contexts that make the name someone other than the
// victim: the owner, the maker, the researchers, the platform, an earlier
// victim, the recipient of a notice.
func (r *orgReader) nonVictimCues(m *orgMention, add func(float64)) {
	a := r.a
	s, _ := a.sentRange(m.i)
	i, j := m.i, m.j
	// "Google-owned Mandiant": skip the owner to see what comes before
	start := i
	if a.norm(i-1) == "owned" && a.norm(i-2) == "-" {
		for start = i - 3; start > s && r.isNameWord(start-1); start-- {
		}
	}
	x := start - 1
	for x >= s && isAny(a.toks[x].norm, "the", "a", "an") {
		x--
	}
	var cues []cuePhrase
	if x >= s {
		cues = nonVictimIndex[a.toks[x].norm]
	}
	for _, cue := range cues {
		if !r.precededBy(start, s, cue.words) {
			continue
		}
		if len(cue.words) == 1 && cue.words[0] == "by" && isAny(a.norm(start-2), "run", "operated", "owned", "managed", "used", "maintained", "held", "stored", "hosted") {
			break
		}
		if cue.words[0] == "owned" && victimAssets[a.norm(x-2)] {
			break // "a laptop owned by X": the victim's asset
		}
		if cue.weak {
			if !m.strong && !(cue.words[0] == "including" && r.victimList(m.i, s)) {
				add(wNeg / 4)
			}
		} else {
			add(wNeg)
		}
		break
	}
	if a.norm(j) == "-" && isAny(a.norm(j+1), "owned", "backed") {
		add(wNeg)
	}
	// "X researchers", "X spokesperson"
	if isAny(a.norm(j), "researchers", "analysts", "investigators", "spokesperson", "spokesman", "spokeswoman", "experts") {
		add(wNeg)
	}
	// the owner named after a possessive: "BA's owner, International
	// Airlines Group"
	if a.norm(i-1) == "," && isAny(a.norm(i-2), "owner", "parent") {
		add(wNeg)
	}
	// "Intercontinental Exchange, owner of the New York Stock Exchange":
	// the owned one is not the victim either
	if isAny(a.norm(i-1), "of") && isAny(a.norm(i-2), "owner", "operator", "parent") {
		add(wNeg)
	}
}

type cuePhrase struct {
	words []string
	weak  bool
}

// nonVictimBefore precede an organisation that is not the victim. Weak
// ones only count when no strong victim cue is there.
var nonVictimBefore = func() []cuePhrase {
	strong := []string{"owner of", "owned by", "subsidiary of", "parent company", "made by", "maker of", "researchers at",
		"lawyers at", "attorneys at", "lawyers from", "solicitors at", "law firm", "analysts from",
		"calling itself", "calls itself", "call themselves", "calling themselves", "dubbed", "tracked as",
		"group called", "gang called", "group named", "gang named", "hackers called", "hacker called",
		"investigators at", "analysts at", "experts at", "reported by", "rival", "competitor",
		"purchase by", "acquired by", "bought by", "that breached", "which breached", "that hit", "which hit",
		"report by", "research by", "researchers from", "analysis by", "security firm", "cybersecurity firm",
		"security company", "cybersecurity company", "copy of the company's", "imitating", "posing as",
		"proposed for", "purchased by", "cousin", "impersonating", "developed by", "provided by", "hosted by",
		"spokesperson for", "spokesman for", "spokeswoman for", "lawyers for", "attorney for"}
	weak := []string{"according to", "on", "via", "through", "from", "using", "to the", "notified the", "contacted", "told the",
		"like", "such as", "called", "named", "known as", "formerly", "than", "versus", "copy of", "notice to",
		"by", "including", "similar"}
	var out []cuePhrase
	for _, c := range strong {
		out = append(out, cuePhrase{strings.Fields(c), false})
	}
	for _, c := range weak {
		out = append(out, cuePhrase{strings.Fields(c), true})
	}
	return out
}()

// nonVictimIndex maps the last word of each nonVictimBefore phrase to the
// phrases, longest first.
var nonVictimIndex = func() map[string][]cuePhrase {
	m := map[string][]cuePhrase{}
	for _, c := range nonVictimBefore {
		w := c.words[len(c.words)-1]
		m[w] = append(m[w], c)
	}
	for _, cs := range m {
		slices.SortStableFunc(cs, func(a, b cuePhrase) int { return len(b.words) - len(a.words) })
	}
	return m
}()

// incidentNouns precede the victim: "the breach at X", "an attack on X".
var incidentNouns = map[string]bool{
	"investigation": true, "investigations": true, "audit": true, "probe": true, "inquiry": true, "review": true,
	"breach": true, "breaches": true, "hack": true, "hacking": true, "compromise": true, "attack": true,
	"attacks": true, "intrusion": true, "incident": true, "ransomware": true, "cyberattack": true,
	"cyber-attack": true, "break-in": true, "outage": true, "theft": true,
}

// victimAssets precede the victim: "the network of X", "customers of X".
var victimAssets = map[string]bool{
	"network": true, "networks": true, "systems": true, "computers": true, "servers": true, "website": true,
	"data": true, "customers": true, "patients": true, "employees": true, "clients": true, "members": true,
	"users": true, "staff": true, "subscribers": true, "students": true, "passengers": true, "victims": true,
	"workers": true, "database": true, "files": true, "records": true, "accounts": true, "employee": true,
	"computer": true, "laptop": true, "server": true, "system": true, "device": true, "account": true,
	"databases": true, "mailbox": true, "mailboxes": true, "infrastructure": true, "portal": true, "app": true,
	"tenants": true, "residents": true, "pupils": true, "guests": true, "shoppers": true, "policyholders": true,
	"engineer": true, "engineers": true, "administrator": true, "manager": true, "executive": true,
	"executives": true, "nurse": true, "physician": true, "worker": true, "official": true, "officials": true,
	"developer": true, "developers": true, "officer": true, "clerk": true, "teacher": true, "lecturer": true,
	"agent": true, "representative": true, "director": true, "vpn": true, "email": true,
}

// subjectVerbs score the verb of a sentence whose subject is the
// candidate. Positive verbs are what victims and fined organisations do or
// undergo; negative ones what researchers, vendors and owners do.
var subjectVerbs = map[string]float64{
	"fined": wStrong, "penalised": wStrong, "penalized": wStrong, "sanctioned": wStrong, "reprimanded": wStrong,
	"breached": wStrong, "hacked": wStrong, "hit": wMedium, "attacked": wStrong, "targeted": wMedium,
	"compromised": wMedium, "suffered": wStrong, "experienced": wMedium, "disclosed": wMedium,
	"reported": wMedium, "reports": wMedium, "confirmed": wMedium, "confirms": wMedium, "notified": wMedium,
	"discovered": wMedium, "detected": wMedium, "apologised": wStrong, "apologized": wStrong,
	"apologises": wStrong, "apologizes": wStrong, "admitted": wMedium, "admits": wMedium, "revealed": wMedium,
	"faces": wStrong, "faced": wMedium, "failed": wStrong, "fails": wStrong, "lacked": wStrong, "pay": wStrong,
	"pays": wStrong, "paid": wStrong, "paying": wStrong, "settle": wStrong, "settled": wStrong,
	"settles": wStrong, "settling": wStrong, "agreed": wMedium, "says": wWeak, "said": wWeak, "told": wMedium,
	"warns": wMedium, "warned": wMedium, "warning": wMedium, "informed": wMedium, "filed": wMedium,
	"estimated": wMedium, "estimates": wMedium, "indicated": wMedium, "impermissibly": wStrong,
	"processed": wMedium, "collected": wMedium, "refused": wMedium, "made": wWeak, "did": wWeak,
	"improved": wMedium, "updated": wMedium, "offered": wMedium, "provided": wMedium, "engaged": wMedium,
	"chose": wMedium, "stored": wMedium, "neglected": wStrong, "exposed": wMedium, "leaked": wMedium,
	"lost": wMedium, "investigating": wMedium, "received": wWeak, "returned": wMedium, "allowed": wMedium,
	"must": wMedium, "had": wWeak, "has": wWeak, "will": wWeak, "is": 0, "are": 0, "was": 0, "were": 0,
	"published": 0, "notifying": wMedium, "sent": wWeak, "suffers": wStrong, "shut": wMedium,
	"restored": wMedium, "restoring": wMedium, "struggling": wMedium, "recovering": wMedium,
	"declined": wWeak, "appealed": wMedium, "appeal": wMedium, "accepted": wWeak, "fell": wMedium,
	"closed": wMedium, "halted": wMedium, "suspended": wMedium, "receives": wWeak,
	"took": wWeak, "resets": wMedium, "reset": wWeak, "secured": wWeak, "violated": wMedium,
	"infringed": wMedium, "contravened": wMedium, "breaches": wWeak,
	"did not": wMedium, "could": 0, "may": 0, "would": 0, "might": 0,
	// not what a victim does
	"attributed": -wMedium, "attributes": -wMedium, "tracks": -wMedium, "tracked": -wMedium,
	"urged": -wWeak, "urges": -wWeak, "recommends": -wMedium, "recommended": -wMedium, "owns": -wMedium,
	"bought": -wMedium, "acquired": -wMedium, "require": -wMedium, "requires": -wMedium, "required": 0,
	"launched": -wWeak, "released": -wWeak, "announced": 0, "plans": -wWeak, "issued": -wWeak,
	"imposed": -wStrong, "ordered": -wMedium, "investigated": -wMedium, "helped": -wMedium,
	"claimed": -wStrong, "claims": -wMedium, "demanded": -wStrong, "threatened": -wStrong,
	"assisted": -wMedium, "advised": -wMedium, "uncovered": -wMedium, "observed": -wMedium,
	"spotted": -wMedium, "found": 0, "identified": 0, "noticed": 0,
}

// finePhraseBefore reports "a £98,000 penalty to X", "a settlement under
// the HIPAA with X": a fine or settlement word shortly before the
// preposition at k.
func (r *orgReader) finePhraseBefore(k, s, n int) bool {
	a := r.a
	words := 0
	for x := k - 1; x >= s && words < n; x-- {
		if a.toks[x].kind != tWord {
			continue
		}
		words++
		switch a.toks[x].norm {
		case "penalty", "fine", "notice", "penalties", "fines", "reprimand", "enforcement", "settlement",
			"settlements", "agreement", "action", "complaint", "charges", "order", "lawsuit", "case":
			return true
		case "pay", "paid", "pays":
			return false // paid to an authority: the payer is the victim
		}
	}
	return false
}

// regulatorBefore reports whether a regulator is named earlier in the
// sentence (the regulator notified the organisation).
func (r *orgReader) regulatorBefore(i, s int) bool {
	for k := s; k < i && k < s+3; k++ {
		if r.covered(k, catRegulator) {
			return true
		}
	}
	return false
}

// negatedNear reports a negation a few tokens around k.
func (r *orgReader) negatedNear(k int) bool {
	a := r.a
	s, e := a.sentRange(k)
	for x := max(s, k-8); x < min(e, k+8); x++ {
		switch a.toks[x].norm {
		case "no", "not", "never", "nor":
			return true
		}
	}
	return false
}

// skipAppositive skips ", a ... company," or a bracketed alias after a
// name, returning the index of the token that continues the clause.
func (r *orgReader) skipAppositive(k, e int) int {
	a := r.a
	if a.norm(k) == "(" {
		for x := k + 1; x < e && x < k+8; x++ {
			if a.toks[x].norm == ")" {
				k = x + 1
				break
			}
		}
	}
	if a.norm(k) == "," {
		for x := k + 1; x < e && x < k+16; x++ {
			if a.toks[x].norm == "," {
				if x+1 < e && a.toks[x+1].kind == tWord && !a.toks[x+1].is(fCap) {
					return x + 1
				}
				break
			}
		}
	}
	return k
}

// isSubject reports whether the mention is (part of) the subject of its
// sentence: at the start, after "The" or a descriptor ("Payroll provider
// Zellis"), in a list of names that starts the sentence ("British Airways,
// the BBC and the pharmacy chain Boots have"), after a leading adverbial
// with a comma, or at the start of a "that" clause.
func (r *orgReader) isSubject(m *orgMention) bool {
	a := r.a
	s, _ := a.sentRange(m.i)
	k := m.i - 1
	// "According to a filing with the SEC, Clorox said": the first comma
	// closes an opening adverbial
	if k > s && a.toks[k].norm == "," && isAny(a.toks[s].norm, "according", "in", "on", "after", "following",
		"during", "with", "under", "despite", "since", "last", "earlier", "late", "separately", "meanwhile") {
		first := true
		for x := s; x < k; x++ {
			if a.toks[x].norm == "," {
				first = false
				break
			}
		}
		if first {
			return true
		}
	}
	for k >= s {
		t := &a.toks[k]
		w := t.norm
		switch {
		case w == "," && descriptorNouns[a.norm(k-1)] && r.isSubjectStart(k-1, s):
			// "The company, Advanced Computer Software Group Ltd, said"
			return true
		case isAny(w, "the", "a", "an", "and", "&", ",", "both", "also", "its", "-"):
		case descriptorNouns[w]:
		case r.isNameWord(k):
		case t.kind == tWord && !t.is(fCap) && r.descriptorRun(k, s):
			// a descriptor at the start: "The online grocer Freshbox"
		case isAny(w, "that", "which"):
			// "The DPA has stated that Bisnode has..."
			return true
		case isAny(w, "said", "says", "announced", "alleged", "alleges", "found", "stated", "ruled", "concluded", "determined", "claimed", "reported"):
			// "The SEC said First Harbor will pay"
			return true
		default:
			// "In 2018, X..." / "According to the FTC, X..."
			return w == "," || k < s
		}
		if w == "," && k-1 >= s && !r.isNameWord(k-1) {
			return true
		}
		k--
	}
	return true
}

// coordStart returns the first name of a coordination ending at the
// mention starting at i: "investigation of A (A) and B", "fined A, B and C".
func (r *orgReader) coordStart(i, s int) int {
	a := r.a
	start := i
	for {
		x := start - 1
		// "fined A and its parent B": a relation names the next one
		if x >= s && isAny(a.toks[x].norm, "parent", "subsidiary", "affiliate", "owner") && x-1 >= s &&
			isAny(a.toks[x-1].norm, "its", "their", "the") {
			x -= 2
		}
		for x >= s && isAny(a.toks[x].norm, "the", "a", "an") {
			x--
		}
		if x < s || !isAny(a.toks[x].norm, "and", "or", "&", ",") {
			return start
		}
		for x >= s && isAny(a.toks[x].norm, "and", "or", "&", ",") {
			x--
		}
		if x >= s && a.toks[x].norm == ")" {
			for x >= s && a.toks[x].norm != "(" {
				x--
			}
			x--
		}
		prev := -1
		for k := range r.mentions {
			if r.mentions[k].j == x+1 {
				prev = r.mentions[k].i
				break
			}
		}
		if prev < 0 || prev >= start {
			return start
		}
		start = prev
	}
}

// sentenceHasLeakSite reports a ransomware gang's leak site in the
// sentence of token i.
func (r *orgReader) sentenceHasLeakSite(i int) bool {
	return r.a.sentenceHasAny(i, []string{"leak site", "leak sites", "data leak site", "dark web", "extortion site", "victims list"})
}

// thirdPartyService reports whether the descriptor names the provider of a
// service the victim used, in a text that speaks of a third party: "data
// taken from its workspace on a third-party cloud platform ... The cloud
// provider, Snowflake".
func (r *orgReader) thirdPartyService(desc string) bool {
	if !isAny(desc, "provider", "platform", "vendor", "supplier", "operator", "host") {
		return false
	}
	if r.third == 0 {
		r.third = 1
		a := r.a
		for k := 0; k+1 < len(a.toks); k++ {
			if a.toks[k].norm == "third" && (a.toks[k+1].norm == "party" || a.toks[k+1].norm == "-" && a.norm(k+2) == "party") {
				r.third = 2
				break
			}
		}
	}
	return r.third == 2
}

// descriptorRun reports whether the lower-case word at k is part of a
// short description that opens the sentence before a name: "The online
// grocer Freshbox", "Payroll provider Zellis" (at most three words after
// an article or the sentence start).
func (r *orgReader) descriptorRun(k, s int) bool {
	a := r.a
	x := k
	for x >= s && x > k-3 && a.toks[x].kind == tWord && !a.toks[x].is(fCap) && !functionWords[a.toks[x].norm] {
		x--
	}
	return x < s || isAny(a.toks[x].norm, "the", "a", "an") && (x == s || a.toks[x].is(fCap))
}

// isSubjectStart reports whether the descriptor at k starts its sentence
// ("The company", "The airline").
func (r *orgReader) isSubjectStart(k, s int) bool {
	a := r.a
	x := k - 1
	for x >= s && (isAny(a.toks[x].norm, "the", "a", "an") || a.toks[x].kind == tWord && !a.toks[x].is(fCap) && x > s) {
		x--
	}
	return x < s
}

// skipDescription returns the index before a short lower-case
// description ending at x ("builder's merchant", "software company",
// "Austin-based software company"), or x when there is none.
func (r *orgReader) skipDescription(x, s int) int {
	a := r.a
	y := x
	n := 0
	for y >= s && n < 4 {
		t := &a.toks[y]
		switch {
		case t.norm == "'s" || t.norm == "-" || t.norm == "based" || t.is(fUpper) && len(t.norm) <= 3:
		case t.kind == tWord && !t.is(fCap) && !functionWords[t.norm] && !incidentNouns[t.norm] &&
			!victimAssets[t.norm] && subjectVerbs[t.norm] == 0 && !isAny(t.norm, "fined", "fines", "charged", "sued", "against", "with", "to", "of", "at", "on", "by"):
			n++
		case r.covered(y, catPlace) || r.covered(y, catCountry):
			// "Austin-based", "Swedish"
		default:
			if n > 0 && (descriptorNouns[a.toks[x].norm] || isAny(t.norm, "of", "at", "on", "against", "for", "with", "fined", "fines", "charged", "sued", "sanctioned", "penalised", "penalized")) {
				return y
			}
			return x
		}
		y--
	}
	return x
}

// productAhead reports a software product named in the few words from k:
// "IT management software", "security products".
func (r *orgReader) productAhead(k, e int) bool {
	for x := k; x < e && x < k+5; x++ {
		if isAny(r.a.toks[x].norm, "software", "products", "product", "tools", "firmware", "appliances", "applications", "apps") {
			return true
		}
		if r.a.toks[x].norm == "," {
			return false
		}
	}
	return false
}

// amongVictims reports "among the affected organisations was X", "among
// the victims were X and Y".
func (r *orgReader) amongVictims(i, s int) bool {
	a := r.a
	for k := i - 1; k >= s && k >= i-12; k-- {
		if a.toks[k].norm != "among" {
			continue
		}
		for x := k + 1; x < i; x++ {
			if isAny(a.toks[x].norm, "affected", "victims", "hit", "targeted", "breached", "compromised") {
				return true
			}
		}
	}
	return false
}

// victimList reports whether token i follows "victims included" (or
// similar) in its sentence.
func (r *orgReader) victimList(i, s int) bool {
	a := r.a
	for k := i - 1; k > s && k > i-40; k-- {
		switch a.toks[k].norm {
		case "included", "include", "includes", "including":
			// "victims included: A; B; ...", "200 of its clients, including X"
			for x := k - 1; x >= s && x >= k-3; x-- {
				if a.toks[x].norm == "victims" {
					return true
				}
				if isAny(a.toks[x].norm, "clients", "customers", "organisations", "organizations",
					"companies", "businesses", "hospitals", "schools", "councils", "firms", "institutions") {
					// "hit 200 of its clients, including X", not "provides
					// services to organisations including X"
					return k >= i-12 && a.sentenceHasAny(i, harmWords)
				}
			}
		}
	}
	return false
}

// precededBy reports whether the words end right before token i (skipping
// articles), within the sentence starting at s.
func (r *orgReader) precededBy(i, s int, words []string) bool {
	a := r.a
	k := i - 1
	for k >= s && isAny(a.toks[k].norm, "the", "a", "an") {
		k--
	}
	for w := len(words) - 1; w >= 0; w-- {
		if k < s || a.toks[k].norm != words[w] {
			return false
		}
		k--
	}
	return true
}

// countDefiniteNPs counts "the library", "the hospital": the head noun of
// an organisation used as its short form. heads holds the nouns to count.
func (r *orgReader) countDefiniteNPs(heads map[string]int) {
	a := r.a
	r.defNPs = heads
	if len(heads) == 0 {
		return
	}
	for k := 1; k < len(a.toks); k++ {
		t := &a.toks[k]
		if t.kind != tWord || t.is(fCap) || a.toks[k-1].norm != "the" {
			continue
		}
		if n, ok := heads[t.norm]; ok {
			heads[t.norm] = n + 1
		}
	}
	r.defNPs = heads
}

// selectOrgs groups mentions into organisations and returns those with
// enough evidence, by their fullest name.
func (r *orgReader) selectOrgs() []string {
	ms := r.mentions
	if len(ms) == 0 {
		return nil
	}
	type entity = orgEntity
	a := r.a
	// buffers of the previous document
	ents := a.orgEnts[:0]
	defer func() { a.orgEnts = ents[:0] }()
	// longer names first, so short forms join them
	order := grow(a.orgOrder, len(ms))
	a.orgOrder = order
	for k := range order {
		order[k] = k
	}
	for x := 1; x < len(order); x++ {
		for y := x; y > 0 && len(ms[order[y]].words) > len(ms[order[y-1]].words); y-- {
			order[y], order[y-1] = order[y-1], order[y]
		}
	}
	// a repeated name joins its entity at once; a new one is compared
	// with one mention of each distinct name so far
	if a.orgByName == nil {
		a.orgByName = map[string]int{}
	}
	byName := a.orgByName
	clear(byName)
	for _, k := range order {
		m := &ms[k]
		m.entity = -1
		key := strings.Join(m.words, " ")
		if e, ok := byName[key]; ok {
			m.entity = e
			continue
		}
		for e := range ents {
			for _, o := range ents[e].members {
				if sameOrg(m, &ms[o]) {
					m.entity = e
					break
				}
			}
			if m.entity >= 0 {
				break
			}
		}
		if m.entity < 0 {
			if len(ents) < cap(ents) {
				// reuse the members array of the previous document's entity
				ents = ents[:len(ents)+1]
				ents[len(ents)-1] = entity{members: ents[len(ents)-1].members[:0], best: k, first: 1 << 30}
			} else {
				ents = append(ents, entity{best: k, first: 1 << 30})
			}
			m.entity = len(ents) - 1
		}
		ents[m.entity].members = append(ents[m.entity].members, k)
		byName[key] = m.entity
	}
	for k := range ms {
		m := &ms[k]
		e := &ents[m.entity]
		e.score += m.score
		e.count++
		e.strong = e.strong || m.strong
		e.negative = e.negative || m.negative
		e.headed = e.headed || m.headed
		e.legal = e.legal || m.legal
		e.subject = e.subject || m.subject && !m.title
		if !m.title {
			s, _ := r.a.sentRange(m.i)
			e.inner = e.inner || !r.lineStart(m.i, s)
		}
		e.title = e.title || m.title
		if !m.title && !m.heading && m.i < e.first {
			e.first = m.i
		}
		b := &ms[e.best]
		if betterName(m, b) {
			e.best = k
		}
	}
	if a.orgHeads == nil {
		a.orgHeads = map[string]int{}
	}
	heads := a.orgHeads
	clear(heads)
	for e := range ents {
		if w := ms[ents[e].best].words; len(w) > 1 {
			heads[w[len(w)-1]] = 0
		}
	}
	r.countDefiniteNPs(heads)
	var out []string
	var fallback []int
	scores := grow(a.orgScores, len(ents))
	a.orgScores = scores
	top := 0.0
	for e := range ents {
		x := &ents[e]
		scores[e] = -100
		if x.first == 1<<30 {
			continue // only in the title or a heading
		}
		score := x.score
		if x.count > 1 {
			score += 0.75 * float64(min(x.count-1, 4))
		}
		// "the library" for "British Library"
		best := &ms[x.best]
		if head := best.words[len(best.words)-1]; len(best.words) > 1 && r.defNPs[head] > 0 {
			score += 0.75 * float64(min(r.defNPs[head], 3))
		}
		if x.legal {
			score += 1.0
		} else if x.headed {
			score += 0.5
		}
		if x.title {
			score += wWeak
		}
		if x.negative && !x.strong {
			continue
		}
		if best.acronym && x.count < 2 && score < 3 {
			continue
		}
		scores[e] = score
		if score > top {
			top = score
		}
	}
	incident := r.incidentText()
	for e := range ents {
		x := &ents[e]
		score := scores[e]
		switch {
		case score >= 2.5:
		case incident && score >= 1.5 && score >= top-0.75:
			// the best candidates of a text about an incident or a fine
		default:
			if score > -100 && (x.score >= 1.0 || x.legal && x.score >= 0 ||
				x.score >= 0.5 && (x.headed || x.subject && x.inner || len(ms[x.best].words) > 1) && incident &&
					!authorityName(ms[x.best].words)) {
				fallback = append(fallback, e)
			}
			continue
		}
		out = append(out, ms[x.best].name)
	}
	// a short text naming one organisation with some sign of its role
	if len(out) == 0 && len(fallback) == 1 {
		out = append(out, ms[ents[fallback[0]].best].name)
	}
	return dedupeNames(out)
}

// incidentText reports whether the text is about an incident or a fine:
// it describes an attack, or has words of breaches or penalties.
func (r *orgReader) incidentText() bool {
	if r.attacked {
		return true
	}
	return r.a.hasWord("fined", "penalty", "fine", "breach", "settlement", "penalised", "penalized", "sanctioned")
}

// genericModifiers open names of public bodies and are kept there:
// "National Revenue Agency", "Federal Reserve Bank".
var genericModifiers = map[string]bool{
	"national": true, "federal": true, "state": true, "royal": true, "general": true, "central": true,
	"regional": true, "united": true, "government": true,
}

// authorityName reports a name of a public authority ("Danish Agency for
// Digital Government"): one speaking about an incident is more often the
// authority handling it than its victim.
func authorityName(words []string) bool {
	for _, w := range words {
		if isAny(w, "agency", "authority", "commission", "ministry", "department", "office", "inspectorate",
			"board", "commissioner", "directorate", "bureau", "police") {
			return true
		}
	}
	return false
}

// betterName reports whether m is a fuller name for its organisation than
// b: more words, not from a heading or the title, a legal suffix.
func betterName(m, b *orgMention) bool {
	if m.title != b.title {
		return !m.title
	}
	if m.heading != b.heading {
		return !m.heading
	}
	if len(m.words) != len(b.words) {
		return len(m.words) > len(b.words)
	}
	return m.j-m.i > b.j-b.i
}

// sameOrg reports whether mention m refers to the organisation named by
// b (b has at least as many words): the same words, a subset of them
// ("Equifax" in "Equifax Inc."), or an acronym of them ("BA", "NYP").
func sameOrg(m, b *orgMention) bool {
	if len(m.words) == 0 || len(b.words) == 0 {
		return false
	}
	// "Capita plc" and "Capita Pension Solutions Limited": two legal
	// names are two companies of a group unless their words agree
	if m.legal && b.legal && !slices.Equal(m.words, b.words) {
		return false
	}
	if m.acronym && len(m.words) == 1 && acronymOf(m.words[0], b.words) {
		return true
	}
	if b.acronym && len(b.words) == 1 && acronymOf(b.words[0], m.words) {
		return true
	}
	// every word of m in b, starting with b's first word (so "Health"
	// does not join "Affinity Health Plan")
	for _, w := range m.words {
		found := false
		for _, x := range b.words {
			if x == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return m.words[0] == b.words[0] || len(m.words) > 1
}

// acronymOf reports whether acr (lower case) abbreviates the words: the
// initials, or letters taken in order with the first one matching.
func acronymOf(acr string, words []string) bool {
	if len(acr) < 2 || len(words) < 2 || acr == words[0] {
		return false
	}
	var initials []byte
	for _, w := range words {
		if w == "and" || w == "of" || w == "&" || w == "for" || w == "the" || w == "" {
			continue
		}
		initials = append(initials, w[0])
	}
	if string(initials) == acr {
		return true
	}
	if acr[0] != words[0][0] || len(initials) > len(acr)+1 {
		return false
	}
	joined := strings.Join(words, " ")
	x := 0
	for k := 0; k < len(joined) && x < len(acr); k++ {
		if joined[k] == acr[x] {
			x++
		}
	}
	return x == len(acr)
}

// dedupeNames drops names that repeat an earlier one.
func dedupeNames(names []string) []string {
	out := names[:0]
	for _, n := range names {
		dup := false
		for _, o := range out {
			if strings.EqualFold(o, n) {
				dup = true
			}
		}
		if !dup && n != "" {
			out = append(out, n)
		}
	}
	return out
}

func isAny(w string, ws ...string) bool {
	for _, x := range ws {
		if w == x {
			return true
		}
	}
	return false
}

// harmWords say that something happened to those named: "hit 200 of its
// clients, including X".
var harmWords = []string{"hit", "affected", "impacted", "breached", "compromised", "stolen", "stole", "encrypted",
	"victims", "victim", "attacked", "targeted", "hacked", "exposed", "disrupted", "infected", "exploited"}
