package extract

import (
	"math"
	"strings"

	"breachwire"
)

// Money: a number with a currency before it ("£3.07m", "US$ 3.14",
// "HUF 11.000.000") or after it ("30.000 euros", "10k$", "5 million yen"),
// coins and cents ("3 dollars 50 cents", "two hundred thousand nickels"),
// "a dollar", "10 grand", ranges ("between €6,000 and €17,000",
// "$10-$20", "10-20 dollars") and the qualifier in front ("just over",
// "up to").

// qitem is a number or a currency expression, in text order.
type qitem struct {
	cur  *curEntry // currency, or nil for a number
	num  qnum
	i, j int
	used bool
}

// qmoney is an amount of money found in the text.
type qmoney struct {
	amount   float64
	code     string
	i, j     int // tokens of the amount's text
	ni, nj   int // tokens of its number
	clo, chi int // tokens of its clause, set by classify
	qual     string
	scale    float64 // the scale of its number (1e6 for "£3m"), 1 if none
	rangeMin float64
	rangeMax float64
	rangeLo  bool // the lower end of a range
	rangeHi  bool // the upper end of a range
	role     string
	// fine analysis
	fine      bool
	status    string
	regulator string
	noFine    bool // a statutory maximum or other amount that is no fine
	periodic  bool // a periodic penalty or its cap
}

// Word classes of qLex.
const (
	lexNum uint8 = 1 << iota // a number word ("three", "million", "a")
	lexCur                   // the first token of a currency expression
)

// qLex tells, in one lookup per word, whether a number or a currency may
// start at the word.
var qLex = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range qNumWords {
		m[w] |= lexNum
	}
	for w := range qCurrencies.next {
		m[w] |= lexCur
	}
	return m
}()

// qLexFilter screens words before the qLex lookup.
var qLexFilter = func() *wordFilter {
	f := new(wordFilter)
	for w := range qLex {
		f.add(w)
	}
	return f
}()

// scanItems lists the numbers and currency expressions of the text.
func (q *qdoc) scanItems(items []qitem) []qitem {
	for i := 0; i < len(q.toks); {
		t := q.toks[i]
		var f uint8
		switch t.kind {
		case qNum:
			f = lexNum
		case qWord:
			if w := q.lt[t.start:t.end]; qLexFilter.may(w) {
				f = qLex[w]
			}
		case qSym:
			if c := q.text[t.start]; c == '$' || c >= 0x80 {
				f = lexCur
			}
		}
		if f&lexCur != 0 {
			if c, ok := q.currencyAt(i); ok {
				items = append(items, qitem{cur: c.e, i: c.i, j: c.j})
				i = c.j
				continue
			}
		}
		if f&lexNum != 0 {
			if n, ok := q.parseNum(i); ok {
				items = append(items, qitem{num: n, i: n.i, j: n.j})
				i = n.j
				continue
			}
		}
		i++
	}
	return items
}

// noDecimals reports the mark ",-" (or ".-", ",–") that stands for no
// decimals between an amount ending at token j and its currency starting
// at token c: "50,- Kč".
func (q *qdoc) noDecimals(j, c int) bool {
	if c != j+2 || !q.glued(j) || !q.glued(j+1) || !q.near(c) {
		return false
	}
	p, d := q.raw(j), q.raw(j+1)
	return (p == "," || p == ".") && (d == "-" || d == "–")
}

// sentenceEndAt reports whether token k ends the text or its sentence, or
// is a full stop, question or exclamation mark.
func (q *qdoc) sentenceEndAt(k int) bool {
	if k >= len(q.toks) || !q.sameSent(k-1, k) {
		return true
	}
	switch q.raw(k) {
	case ".", "!", "?":
		return true
	}
	return false
}

// abbrevDot reports an abbreviated scale with its full stop between a
// number and its currency: "1,2 mio. EUR", "3 mln. zł".
func (q *qdoc) abbrevDot(n qnum, c int) bool {
	if c != n.j+1 || q.raw(n.j) != "." || !q.glued(n.j) || !q.near(c) || !n.scaled {
		return false
	}
	switch q.w(n.j - 1) {
	case "mio", "mln", "mn", "bn", "bln", "tn", "tln", "mrd":
		return true
	}
	return false
}

// adjacent reports whether item b follows item a closely on one line
// (glued, or one space apart).
func (q *qdoc) adjacent(a, b *qitem) bool {
	return a.j == b.i && q.near(b.i)
}

// scaleOf returns the factor of the scale word or suffix of n (1e6 for
// "3.07m"), or 1.
func (q *qdoc) scaleOf(n qnum) float64 {
	if !n.scaled {
		return 1
	}
	for k := n.j - 1; k > n.i; k-- {
		if q.kind(k) != qWord {
			continue
		}
		w := q.w(k)
		if s, ok := qSuffixScales[w]; ok && q.glued(k) {
			return s
		}
		if nw, ok := qNumWords[w]; ok && nw.k == nwScale {
			return nw.v
		}
	}
	return 1
}

// qMaxValues caps the amounts, and the counts, read from one document: no
// article states a thousand, and the cap keeps the work on a hostile
// input linear.
const qMaxValues = 1000

// findMoney turns the items into amounts of money. Items used by an
// amount are marked.
func (q *qdoc) findMoney(items []qitem) []qmoney {
	out := q.moneyBuf[:0]
	// "a dollar", "a grand", "a dime": one unit of a currency named alone
	for x := range items {
		it := &items[x]
		if it.cur == nil || it.used {
			continue
		}
		if it.cur.kind != ckName && it.cur.kind != ckMinor && it.cur.kind != ckSlang {
			continue
		}
		a := it.i - 1
		if it.cur.kind == ckSlang && q.kind(it.j) == qWord && q.sameSent(it.i, it.j) && !qStopWords[q.w(it.j)] {
			// "a grand jury"
			continue
		}
		if w := q.w(a); (w == "a" || w == "an") && q.near(it.i) {
			m := qmoney{amount: it.cur.mult, code: it.cur.code, i: a, j: it.j, ni: a, nj: a + 1, scale: 1}
			it.used = true
			if ext, end := q.centsAfter(items, x, m.j); end > 0 && it.cur.kind == ckName {
				m.amount += ext
				m.j = end
			}
			out = append(out, m)
		}
	}
	for x := range items {
		if len(out) >= qMaxValues {
			break
		}
		it := &items[x]
		if it.cur != nil || it.used {
			continue
		}
		if q.badNumberContext(it.num) {
			continue
		}
		var pre, suf *qitem
		var preCode *qitem
		if x > 0 && items[x-1].cur != nil && !items[x-1].used && q.adjacent(&items[x-1], it) {
			c := &items[x-1]
			if c.cur.kind != ckMinor && c.cur.kind != ckSlang && !c.cur.tight {
				pre = c
				// "NZD $100.70": a code before a symbol names the currency
				if x > 1 && items[x-2].cur != nil && !items[x-2].used && q.adjacent(&items[x-2], c) && items[x-2].cur.kind == ckCode && c.cur.kind == ckSymbol {
					preCode = &items[x-2]
				}
			}
		}
		if x+1 < len(items) && items[x+1].cur != nil && (q.adjacent(it, &items[x+1]) || q.noDecimals(it.j, items[x+1].i) || q.abbrevDot(it.num, items[x+1].i)) {
			c := &items[x+1]
			if !c.cur.tight || q.glued(c.i) || q.raw(c.i) == "c" && q.sentenceEndAt(c.j) {
				// "43c", and "10 c" closing a sentence
				suf = c
			}
			if c.cur.big && !it.num.scaled && !(it.num.val >= 1000 && strings.ContainsAny(q.raw(it.num.i), ",.")) {
				suf = nil
			}
			if c.cur.kind == ckSlang && q.kind(c.j) == qWord && q.sameSent(c.i, c.j) && !qStopWords[q.w(c.j)] {
				// "two grand prizes"
				suf = nil
			}
		}
		// a symbol after an amount that already has one belongs to the
		// next amount ("$ 281.40 $ 265.70")
		if pre != nil && suf != nil {
			if suf.cur.kind == ckCode && pre.cur.kind == ckSymbol {
				pre = nil
			} else if suf.cur.kind == ckMinor || suf.cur.kind == ckSlang {
				// "$10 grand" is unusual; keep the prefix
				suf = nil
			} else {
				suf = nil
			}
		}
		if pre == nil && suf == nil {
			continue
		}
		// a number glued to other letters is part of a name ("UNC5537")
		if pre == nil && q.kind(it.i-1) == qWord && q.glued(it.i) {
			continue
		}
		if suf == nil && q.kind(it.j) == qWord && q.glued(it.j) {
			continue
		}
		var c *curEntry
		m := qmoney{ni: it.num.i, nj: it.num.j, scale: q.scaleOf(it.num)}
		m.i, m.j = it.i, it.j
		if pre != nil {
			c = pre.cur
			m.i = pre.i
			pre.used = true
			if preCode != nil {
				c = preCode.cur
				m.i = preCode.i
				preCode.used = true
			}
		}
		if suf != nil {
			if c == nil || suf.cur.kind == ckCode {
				c = suf.cur
			}
			m.j = suf.j
			suf.used = true
		}
		m.amount = it.num.val * c.mult
		m.code = c.code
		it.used = true
		// cents after a major amount: "3 dollars 50 cents", "$20 and 43c",
		// "20 ringgit 43 sens", "$20 43"
		if c.kind != ckMinor && c.kind != ckSlang && m.amount == math.Trunc(m.amount) {
			if ext, end := q.centsAfter(items, x, m.j); end > 0 {
				m.amount += ext
				m.j = end
			}
		}
		out = append(out, m)
	}
	q.findRanges(items, &out)
	for k := range out {
		if out[k].qual == "" {
			out[k].qual = q.qualifierBefore(out[k].i)
		}
	}
	sortMoney(out)
	return out
}

// centsAfter reads the cents of an amount whose text ends at token end
// (item x is its number): an optional "and", then a whole number below 100
// with a minor unit ("43 cents", "43c", "43 sen"), or two digits at the end
// of the sentence ("$20 43"). It returns the value in major units and the
// end of the extension, or 0, 0.
func (q *qdoc) centsAfter(items []qitem, x, end int) (float64, int) {
	k := end
	if q.w(k) == "and" && q.sameLine(k) {
		k++
	}
	var y int
	for y = x + 1; y < len(items) && items[y].i < k; y++ {
	}
	if y >= len(items) || items[y].i != k || items[y].cur != nil || items[y].used {
		return 0, 0
	}
	n := items[y].num
	if n.val < 1 || n.val >= 100 || n.val != math.Trunc(n.val) || n.scaled || !q.sameSent(end-1, k) || !q.near(k) {
		return 0, 0
	}
	if y+1 < len(items) && items[y+1].cur != nil && items[y+1].cur.kind == ckMinor && items[y+1].i == n.j && q.near(n.j) {
		items[y].used = true
		items[y+1].used = true
		return n.val / 100, items[y+1].j
	}
	// bare cents: two digits, or a number word, closing the sentence
	if n.digits && n.j-n.i == 1 && len(q.raw(n.i)) != 2 {
		return 0, 0
	}
	if n.j < len(q.toks) && q.sameSent(n.j-1, n.j) {
		r := q.raw(n.j)
		if r != "." && r != "!" && r != "?" {
			return 0, 0
		}
	}
	items[y].used = true
	return n.val / 100, n.j
}

// badNumberContext reports numbers that are parts of identifiers, dates,
// times or fractions: "466-1999", "9/27/09", "22:58", "AA22".
func (q *qdoc) badNumberContext(n qnum) bool {
	if !n.digits {
		return false
	}
	// "/" or ":" touching a digit on either side
	if n.i > 0 && q.glued(n.i) {
		r := q.raw(n.i - 1)
		if (r == "/" || r == ":") && q.kind(n.i-2) == qNum && q.glued(n.i-1) {
			return true
		}
	}
	if n.j < len(q.toks) && q.glued(n.j) {
		r := q.raw(n.j)
		if (r == "/" || r == ":") && q.kind(n.j+1) == qNum && q.glued(n.j+1) {
			return true
		}
	}
	return false
}

// qRangeWords join the two ends of a range.
func (q *qdoc) rangeJoin(k int) bool {
	switch q.raw(k) {
	case "-", "–", "—", "‐", "~":
		return true
	}
	switch q.w(k) {
	case "to", "and":
		return true
	}
	return false
}

// findRanges joins amounts into ranges: two amounts, or a bare number and
// an amount, with "-", "to" or "and" between them ("between 10 and 20
// dollars", "$10-$20", "€6-17 million", "from 10 dollars to 20 dollars").
// A bare end takes the currency, and the scale, of the other end.
func (q *qdoc) findRanges(items []qitem, out *[]qmoney) {
	ms := *out
	// amounts by their first and past-the-end tokens
	starts := make(map[int]int, len(ms))
	ends := make(map[int]int, len(ms))
	for k := range ms {
		starts[ms[k].i] = k
		ends[ms[k].j] = k
	}
	find := func(i int) int {
		if k, ok := starts[i]; ok {
			return k
		}
		return -1
	}
	findEnd := func(j int) int {
		if k, ok := ends[j]; ok {
			return k
		}
		return -1
	}
	joinOK := func(lo, j int) bool {
		// "and" needs "between" before the lower end; "to" reads as a
		// range after "from" or "between", or straight between numbers
		w := q.w(j)
		if w == "and" {
			p := lo - 1
			for p >= 0 && (q.qualWord(q.w(p))) {
				p--
			}
			return q.w(p) == "between"
		}
		return true
	}
	for x := range items {
		it := &items[x]
		if it.cur != nil {
			continue
		}
		j := it.j
		if !q.rangeJoin(j) || !q.sameSent(j-1, j) || !q.sameSent(j, j+1) {
			continue
		}
		if it.used {
			// amount, join, then a bare number or an amount
			lo := findEnd(j)
			if lo < 0 {
				continue
			}
			if !joinOK(ms[lo].i, j) {
				continue
			}
			if hi := find(j + 1); hi >= 0 {
				if ms[hi].code == ms[lo].code && ms[lo].amount < ms[hi].amount && !q.changeBefore(ms[lo].i) {
					q.markRange(&ms[lo], &ms[hi])
				}
				continue
			}
			// a bare number after: "$10-20", "£1m-2m"
			for y := x + 1; y < len(items); y++ {
				if items[y].i == j+1 && items[y].cur == nil && !items[y].used {
					n := items[y].num
					if q.badNumberContext(n) {
						break
					}
					m := qmoney{amount: n.val, code: ms[lo].code, i: n.i, j: n.j, ni: n.i, nj: n.j, scale: q.scaleOf(n)}
					// "€6-17 million": the lower end takes the scale
					if ms[lo].scale == 1 && m.scale > 1 && ms[lo].amount*m.scale <= m.amount {
						ms[lo].amount *= m.scale
						ms[lo].scale = m.scale
					}
					if m.amount < ms[lo].amount {
						break
					}
					items[y].used = true
					ms = append(ms, m)
					q.markRange(&ms[lo], &ms[len(ms)-1])
					break
				}
				if items[y].i > j+1 {
					break
				}
			}
			continue
		}
		// a bare number, join, then an amount: "10-20 dollars",
		// "between 10 and 20 dollars", "€6-17 million"
		hi := find(j + 1)
		if hi < 0 || !joinOK(it.i, j) || q.badNumberContext(it.num) {
			continue
		}
		n := it.num
		v := n.val
		if !n.scaled && ms[hi].scale > 1 && n.digits && v*ms[hi].scale <= ms[hi].amount*1.0001 {
			v *= ms[hi].scale
		}
		// the multiplier of the currency ("20 cents") applies as well
		if ms[hi].scale == 1 && ms[hi].amount != 0 {
			base := q.numValue(ms[hi])
			if base != 0 && base != ms[hi].amount {
				v *= ms[hi].amount / base
			}
		}
		if v > ms[hi].amount {
			continue
		}
		it.used = true
		m := qmoney{amount: v, code: ms[hi].code, i: n.i, j: n.j, ni: n.i, nj: n.j, scale: q.scaleOf(n)}
		ms = append(ms, m)
		q.markRange(&ms[len(ms)-1], &ms[hi])
	}
	*out = ms
}

// changeBefore reports a verb of change before "from" at the amount
// starting at token i: "cut from £183m to £20m" is no range.
func (q *qdoc) changeBefore(i int) bool {
	k := i - 1
	if q.w(k) != "from" {
		return false
	}
	for t := k - 1; t >= 0 && t >= k-4; t-- {
		switch q.w(t) {
		case "cut", "reduced", "lowered", "decreased", "raised", "increased", "rose", "fell",
			"dropped", "down", "up", "slashed", "changed", "revised", "amended", "climbed", "jumped":
			return true
		}
	}
	return false
}

// numValue returns the value of the number of m as written.
func (q *qdoc) numValue(m qmoney) float64 {
	n, ok := q.parseNum(m.ni)
	if !ok {
		return 0
	}
	return n.val
}

func (q *qdoc) markRange(lo, hi *qmoney) {
	lo.rangeLo, hi.rangeHi = true, true
	lo.rangeMin, lo.rangeMax = lo.amount, hi.amount
	hi.rangeMin, hi.rangeMax = lo.amount, hi.amount
	// a range starting with "between" or "from": the qualifier of the
	// range is before that word
}

// Qualifier phrases, read backwards from the amount or count.
var qualPhrases = []struct {
	words []string // in text order
	qual  string
}{
	{[]string{"just", "over"}, "at_least"}, {[]string{"just", "under"}, "at_most"},
	{[]string{"more", "than"}, "at_least"}, {[]string{"at", "least"}, "at_least"},
	{[]string{"no", "less", "than"}, "at_least"}, {[]string{"no", "fewer", "than"}, "at_least"},
	{[]string{"not", "less", "than"}, "at_least"}, {[]string{"in", "excess", "of"}, "at_least"},
	{[]string{"upwards", "of"}, "at_least"}, {[]string{"a", "minimum", "of"}, "at_least"},
	{[]string{"over"}, "at_least"}, {[]string{"above"}, "at_least"}, {[]string{"exceeding"}, "at_least"},
	{[]string{"up", "to"}, "at_most"}, {[]string{"as", "many", "as"}, "at_most"},
	{[]string{"as", "much", "as"}, "at_most"}, {[]string{"no", "more", "than"}, "at_most"},
	{[]string{"as", "high", "as"}, "at_most"}, {[]string{"as", "large", "as"}, "at_most"},
	{[]string{"not", "more", "than"}, "at_most"}, {[]string{"at", "most"}, "at_most"},
	{[]string{"less", "than"}, "at_most"}, {[]string{"fewer", "than"}, "at_most"},
	{[]string{"lower", "than"}, "at_most"}, {[]string{"under"}, "at_most"}, {[]string{"below"}, "at_most"},
	{[]string{"a", "maximum", "of"}, "at_most"}, {[]string{"maximum", "of"}, "at_most"},
	{[]string{"about"}, "approx"}, {[]string{"around"}, "approx"}, {[]string{"approximately"}, "approx"},
	{[]string{"approx", "."}, "approx"}, {[]string{"approx"}, "approx"}, {[]string{"nearly"}, "approx"},
	{[]string{"almost"}, "approx"}, {[]string{"roughly"}, "approx"}, {[]string{"some"}, "approx"},
	{[]string{"close", "to"}, "approx"}, {[]string{"an", "estimated"}, "approx"},
	{[]string{"estimated"}, "approx"}, {[]string{"circa"}, "approx"}, {[]string{"c", "."}, "approx"},
	{[]string{"ca", "."}, "approx"}, {[]string{"reportedly"}, "approx"}, {[]string{"exactly"}, "exact"},
	{[]string{"precisely"}, "exact"},
}

// qualLast holds the last word of every qualifier phrase.
var qualLast = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range qualPhrases {
		m[p.words[len(p.words)-1]] = true
	}
	return m
}()

// qualWord reports whether w is a word of a qualifier phrase.
func (q *qdoc) qualWord(w string) bool {
	switch w {
	case "just", "over", "under", "more", "than", "at", "least", "no", "less", "fewer", "not", "high", "large",
		"in", "excess", "of", "upwards", "up", "to", "as", "many", "much", "most", "about",
		"around", "approximately", "nearly", "almost", "roughly", "some", "estimated", "an",
		"exactly", "above", "below":
		return true
	}
	return false
}

// qualifierBefore returns the qualifier of the value starting at token i,
// read from the words before it ("between" and "from" of a range are
// skipped). The default is "exact".
func (q *qdoc) qualifierBefore(i int) string {
	end := i
	if w := q.w(end - 1); w == "between" || w == "from" {
		end--
	}
	if !qualLast[q.w(end-1)] {
		return breachwire.QualExact
	}
	for _, p := range qualPhrases {
		n := len(p.words)
		if end-n < 0 {
			continue
		}
		ok := true
		for k := 0; k < n; k++ {
			t := end - n + k
			if q.w(t) != p.words[k] || !q.sameSent(t, i) {
				ok = false
				break
			}
		}
		if ok {
			return p.qual
		}
	}
	return breachwire.QualExact
}

// sortMoney orders amounts by position (insertion sort: lists are short).
func sortMoney(ms []qmoney) {
	for a := 1; a < len(ms); a++ {
		for b := a; b > 0 && ms[b].i < ms[b-1].i; b-- {
			ms[b], ms[b-1] = ms[b-1], ms[b]
		}
	}
}

// qPriceLabels are words of a label before a price field.
var qPriceLabels = map[string]bool{
	"price": true, "prices": true, "cost": true, "costs": true, "now": true, "was": true,
	"sale": true, "total": true, "amount": true, "subtotal": true, "fee": true, "rate": true,
	"offer": true, "only": true, "special": true, "regular": true, "list": true, "msrp": true,
	"rrp": true, "from": true, "estimate": true, "prezzo": true, "preis": true, "prix": true,
	"precio": true, "cena": true, "prijs": true, "pris": true, "hinta": true,
}

// bareAmount reads a text that is nothing but a figure, perhaps with a
// short label before it ("Price:") or a few characters after it
// ("/each"): a price field. Such a figure is an amount of money in an
// unknown currency. In running text a bare number is never money.
func (q *qdoc) bareAmount(items []qitem) (qmoney, bool) {
	var num *qitem
	for x := range items {
		if items[x].cur != nil {
			return qmoney{}, false
		}
		if num != nil {
			return qmoney{}, false
		}
		num = &items[x]
	}
	if num == nil || !num.num.digits {
		return qmoney{}, false
	}
	n := num.num
	// only a price label ending in ':' may come before it ("Price:",
	// "Our price:", "Now:"), not "Quantity:"
	if n.i > 0 {
		if q.raw(n.i-1) != ":" || n.i > 5 {
			return qmoney{}, false
		}
		priced := false
		for k := 0; k < n.i-1; k++ {
			if qPriceLabels[q.w(k)] {
				priced = true
			}
		}
		if !priced {
			return qmoney{}, false
		}
	}
	rest := len(q.text) - int(q.toks[n.j-1].end)
	if rest > 12 {
		return qmoney{}, false
	}
	if n.j < len(q.toks) {
		r := q.raw(n.j)
		if r == "%" || q.w(n.j) == "percent" || q.w(n.j) == "off" {
			return qmoney{}, false
		}
	}
	return qmoney{amount: n.val, i: n.i, j: n.j, ni: n.i, nj: n.j, scale: q.scaleOf(n), qual: breachwire.QualExact}, true
}
