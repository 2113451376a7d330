package extract

import (
	"math"
	"strconv"
)

// Numbers as written in news and price tags: digits with English or
// European grouping ("3,076,320", "30.000", "HUF 11.000.000", "500 000"),
// decimal points and commas ("3.07", "11,5"), Indian grouping
// ("12,34,567.89"), exponents ("1.3e6"), scale suffixes and words ("3.07m",
// "$1.2bn", "3 million", "30 lakh"), words ("seven hundred twenty-one
// thousand and twelve", "half a million", "two dozen") and a restatement
// in brackets ("forty-five (45)").

// Kinds of number words.
const (
	nwUnit    uint8 = iota + 1 // one..nine
	nwTeen                     // ten..nineteen
	nwTens                     // twenty..ninety
	nwHundred                  // hundred
	nwScale                    // thousand, million, lakh, crore, bn...
	nwDozen                    // dozen, dozens, dz
	nwA                        // a, an
	nwHalf                     // half
	nwQuarter                  // quarter
)

type numWord struct {
	v float64
	k uint8
}

// qNumWords maps lower-case words to their value and kind.
var qNumWords = map[string]numWord{
	"one": {1, nwUnit}, "two": {2, nwUnit}, "three": {3, nwUnit}, "four": {4, nwUnit},
	"five": {5, nwUnit}, "six": {6, nwUnit}, "seven": {7, nwUnit}, "eight": {8, nwUnit},
	"nine": {9, nwUnit},
	"ten":  {10, nwTeen}, "eleven": {11, nwTeen}, "twelve": {12, nwTeen}, "thirteen": {13, nwTeen},
	"fourteen": {14, nwTeen}, "fifteen": {15, nwTeen}, "sixteen": {16, nwTeen},
	"seventeen": {17, nwTeen}, "eighteen": {18, nwTeen}, "nineteen": {19, nwTeen},
	"twenty": {20, nwTens}, "thirty": {30, nwTens}, "forty": {40, nwTens}, "fourty": {40, nwTens},
	"fifty": {50, nwTens}, "sixty": {60, nwTens}, "seventy": {70, nwTens}, "eighty": {80, nwTens},
	"ninety":   {90, nwTens},
	"hundred":  {100, nwHundred},
	"thousand": {1e3, nwScale}, "million": {1e6, nwScale}, "billion": {1e9, nwScale},
	"trillion": {1e12, nwScale},
	"mn":       {1e6, nwScale}, "mln": {1e6, nwScale}, "mio": {1e6, nwScale}, "bn": {1e9, nwScale},
	"bln": {1e9, nwScale}, "tn": {1e12, nwScale}, "tln": {1e12, nwScale},
	"lakh": {1e5, nwScale}, "lakhs": {1e5, nwScale}, "lac": {1e5, nwScale}, "lacs": {1e5, nwScale},
	"lkh": {1e5, nwScale}, "crore": {1e7, nwScale}, "crores": {1e7, nwScale}, "cr": {1e7, nwScale},
	"dozen": {12, nwDozen}, "dozens": {12, nwDozen}, "dz": {12, nwDozen}, "dzs": {12, nwDozen},
	"doz": {12, nwDozen}, "dozs": {12, nwDozen},
	"a": {1, nwA}, "an": {1, nwA},
	"half": {0.5, nwHalf}, "quarter": {0.25, nwQuarter},
}

// qSuffixScales are scale suffixes glued to digits: "10k", "3.07m", "$1.2bn".
var qSuffixScales = map[string]float64{
	"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
	"tn": 1e12, "tln": 1e12,
}

// qDigitWords are the words "point" may be followed by.
var qDigitWords = map[string]float64{
	"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9,
}

// qBareScalePrev are the words after which a scale word standing alone
// ("million people") is a number: qualifiers. After other words ("several
// million", "many thousand") it is vague and no number.
var qBareScalePrev = map[string]bool{
	"about": true, "around": true, "over": true, "nearly": true, "almost": true,
	"approximately": true, "roughly": true, "than": true, "to": true, "least": true,
	"up": true, "some": false, "exactly": true, "just": true,
}

// qnum is a number found in the text: tokens [i, j).
type qnum struct {
	val    float64
	i, j   int
	digits bool // written with digits
	words  bool // written with words
	scaled bool // a scale word or suffix ("million", "m", "bn")
	year   bool // a plain four-digit number that reads as a year
	frac   bool // has a fractional part before any scale
	dozen  bool
}

// qParseDigits reads a digit token. It returns the preferred reading and,
// when a single '.' is followed by exactly three digits ("30.000",
// "3.075"), the decimal reading as alt (else -1): grouping is preferred,
// the decimal reading applies when a scale follows ("1.125bn").
func qParseDigits(s string) (v, alt float64, frac, ok bool) {
	alt = -1
	// exponent
	for k := 0; k < len(s); k++ {
		if s[k] == 'e' || s[k] == 'E' {
			clean := make([]byte, 0, len(s))
			for x := 0; x < len(s); x++ {
				if s[x] != ',' && s[x] != '\'' {
					clean = append(clean, s[x])
				}
			}
			f, err := strconv.ParseFloat(string(clean), 64)
			if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
				return 0, -1, false, false
			}
			return f, -1, f != math.Trunc(f), true
		}
	}
	// separators
	var nsep, ndot, ncomma, napos int
	lastSep := byte(0)
	lastPos := -1
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case '.':
			ndot++
		case ',':
			ncomma++
		case '\'':
			napos++
		default:
			continue
		}
		nsep++
		lastSep = s[k]
		lastPos = k
	}
	if nsep == 0 {
		return qDigitsValue(s), -1, false, true
	}
	var dec byte // the decimal separator, if any
	switch {
	case ndot > 0 && ncomma > 0:
		dec = lastSep
		if dec == '.' && ndot > 1 || dec == ',' && ncomma > 1 {
			return 0, -1, false, false
		}
		if lastSep == '\'' {
			return 0, -1, false, false
		}
	case napos > 0 && ndot+ncomma == 0:
		dec = 0
	case napos > 0:
		// "1'234.50"
		dec = lastSep
		if dec == '\'' || ndot+ncomma > 1 {
			return 0, -1, false, false
		}
	case nsep == 1:
		first := lastPos
		after := len(s) - lastPos - 1
		if after == 3 && first >= 1 && first <= 3 && s[0] != '0' && (first > 0) {
			if lastSep == '.' {
				// "30.000": grouping, unless a scale follows
				iv := qDigitsValue(s)
				return iv, qDecimalValue(s, lastPos), false, true
			}
			return qDigitsValue(s), -1, false, true
		}
		dec = lastSep
	default:
		// one kind of separator, several times: grouping
		dec = 0
	}
	// validate grouping groups: all groups between separators before the
	// decimal separator have three digits (Indian: two, with a last of
	// three), the first one to three digits
	intEnd := len(s)
	if dec != 0 {
		intEnd = lastPos
		for k := 0; k < len(s); k++ {
			if s[k] == dec {
				intEnd = k
				break
			}
		}
	}
	if !qValidGroups(s[:intEnd]) {
		return 0, -1, false, false
	}
	if dec == 0 {
		return qDigitsValue(s), -1, false, true
	}
	v = qDecimalValue(s, intEnd)
	return v, -1, v != math.Trunc(v), true
}

// qValidGroups checks the grouping of an integer part such as "3,076,320",
// "11.000.000" or "12,34,567".
func qValidGroups(s string) bool {
	groups := 0
	run := 0
	first := -1
	var lens [32]int
	for k := 0; k <= len(s); k++ {
		if k == len(s) || !qIsDigit(s[k]) {
			if run == 0 {
				return false
			}
			if first < 0 {
				first = run
			} else if groups < len(lens) {
				lens[groups] = run
				groups++
			}
			run = 0
			continue
		}
		run++
	}
	if groups == 0 {
		return true
	}
	if first < 1 || first > 3 {
		return false
	}
	if lens[groups-1] != 3 {
		return false
	}
	indian := false
	for k := 0; k < groups-1; k++ {
		if lens[k] == 2 {
			indian = true
		} else if lens[k] != 3 {
			return false
		}
	}
	if indian {
		for k := 0; k < groups-1; k++ {
			if lens[k] != 2 {
				return false
			}
		}
	}
	return true
}

// qDigitsValue returns the value of the digits of s, ignoring separators.
func qDigitsValue(s string) float64 {
	v := 0.0
	for k := 0; k < len(s); k++ {
		if qIsDigit(s[k]) {
			v = v*10 + float64(s[k]-'0')
		}
	}
	return v
}

// qDecimalValue reads s with the separator at position p as the decimal
// point and every other separator as grouping.
func qDecimalValue(s string, p int) float64 {
	ip := qDigitsValue(s[:p])
	f := 0.0
	scale := 1.0
	for k := p + 1; k < len(s); k++ {
		if qIsDigit(s[k]) {
			f = f*10 + float64(s[k]-'0')
			scale *= 10
		}
	}
	return ip + f/scale
}

// qOrdinal reports whether w is an ordinal or plural suffix glued to
// digits: "4th", "1990s".
func qOrdinal(w string) bool {
	switch w {
	case "st", "nd", "rd", "th", "s":
		return true
	}
	return false
}

// numWordAt returns the number word at token i.
func (q *qdoc) numWordAt(i int) (numWord, bool) {
	if q.kind(i) != qWord {
		return numWord{}, false
	}
	nw, ok := qNumWords[q.w(i)]
	return nw, ok
}

// bareScaleOK reports whether a scale word at token i standing alone
// ("million people were affected") may be read as one of that scale.
func (q *qdoc) bareScaleOK(i int) bool {
	if i == 0 {
		return true
	}
	if !q.sameSent(i-1, i) {
		return true
	}
	if q.kind(i-1) == qSym {
		r := q.raw(i - 1)
		return r == "(" || r == "," || r == ":" || r == "\""
	}
	return qBareScalePrev[q.w(i-1)]
}

// parseNum reads the number starting at token i.
func (q *qdoc) parseNum(i int) (qnum, bool) {
	n := qnum{i: i}
	var total, cur float64
	haveCur := false
	lastScale := math.Inf(1)
	prevK := uint8(0) // kind of the last number word read
	k := i
	// checkpoint before an "and" or a comma that may join number words
	type state struct {
		total, cur float64
		haveCur    bool
		lastScale  float64
		k          int
		prevK      uint8
	}
	var cp *state
	var cpBuf state
	revert := func() {
		total, cur, haveCur, lastScale, k = cp.total, cp.cur, cp.haveCur, cp.lastScale, cp.k
		cp = nil
	}
	if q.kind(i) == qNum {
		v, alt, frac, ok := qParseDigits(q.raw(i))
		if !ok {
			return n, false
		}
		k = i + 1
		// space grouping: "500 000", "1 234 567", "2 285,81"
		if r := q.raw(i); len(r) <= 3 && qAllDigits(r) && alt < 0 {
			j := k
			val := v
			grouped := false
			for q.kind(j) == qNum && q.toks[j].gap == gapSpace && q.sameSent(j-1, j) {
				g := q.raw(j)
				if len(g) == 3 && qAllDigits(g) {
					val = val*1000 + qDigitsValue(g)
					j++
					grouped = true
					continue
				}
				if len(g) > 4 && qAllDigits(g[:3]) && (g[3] == ',' || g[3] == '.') && qAllDigits(g[4:]) {
					val = val*1000 + qDecimalValue(g, 3)
					j++
					grouped = true
					frac = true
				}
				break
			}
			if grouped {
				v = val
				k = j
			}
		}
		// a glued suffix: "10k", "3.07m", "1.2bn"; an ordinal is no number
		if q.kind(k) == qWord && q.glued(k) {
			w := q.w(k)
			if s, ok := qSuffixScales[w]; ok {
				if alt >= 0 {
					v = alt
					frac = true
				}
				n.val = v * s
				n.j = k + 1
				n.digits, n.scaled, n.frac = true, true, frac
				return q.finishNum(n), true
			}
			if qOrdinal(w) {
				return n, false
			}
		}
		cur, haveCur = v, true
		n.digits = true
		n.frac = frac
		if alt >= 0 {
			// decide the reading of "30.000" once we know whether a
			// scale word follows
			if nw, ok := q.numWordAt(k); ok && nw.k == nwScale && q.near(k) {
				cur = alt
				n.frac = true
			}
		}
		prevK = 0
		r := q.raw(i)
		if len(r) == 4 && qAllDigits(r) && v >= 1000 && v <= 2100 {
			n.year = true
		}
	}
	start := k
	for k < len(q.toks) {
		if k > i && (!q.sameSent(k-1, k) || q.toks[k].gap == gapLine) {
			break
		}
		// joiners
		if q.kind(k) == qSym {
			r := q.raw(k)
			// "twenty-one", "two-million", "five-hundred"
			if (r == "-" || r == "‐") && q.glued(k) && q.glued(k+1) && (haveCur || total > 0) && prevK != 0 {
				if nw, ok := q.numWordAt(k + 1); ok {
					switch {
					case nw.k == nwUnit && prevK == nwTens, nw.k == nwHundred, nw.k == nwScale:
						k++
						continue
					}
				}
			}
			if r == "," && (prevK == nwScale) && q.kind(k+1) == qWord {
				if nw, ok := q.numWordAt(k + 1); ok && (nw.k == nwUnit || nw.k == nwTeen || nw.k == nwTens) {
					cpBuf = state{total, cur, haveCur, lastScale, k, prevK}
					cp = &cpBuf
					k++
					continue
				}
			}
			if r == "&" && (prevK == nwHundred || prevK == nwScale) {
				if nw, ok := q.numWordAt(k + 1); ok && (nw.k == nwUnit || nw.k == nwTeen || nw.k == nwTens) {
					cpBuf = state{total, cur, haveCur, lastScale, k, prevK}
					cp = &cpBuf
					k++
					continue
				}
			}
			break
		}
		if q.kind(k) != qWord {
			break
		}
		w := q.w(k)
		if w == "and" {
			// "one and a half million"
			if haveCur && q.w(k+1) == "a" && (q.w(k+2) == "half" || q.w(k+2) == "quarter") {
				if q.w(k+2) == "half" {
					cur += 0.5
				} else {
					cur += 0.25
				}
				n.frac = true
				k += 3
				prevK = nwHalf
				continue
			}
			if prevK == nwHundred || prevK == nwScale {
				nw, ok := q.numWordAt(k + 1)
				if ok && (nw.k == nwUnit || nw.k == nwTeen || nw.k == nwTens || (nw.k == nwA && (q.w(k+2) == "quarter" || q.w(k+2) == "half"))) {
					cpBuf = state{total, cur, haveCur, lastScale, k, prevK}
					cp = &cpBuf
					k++
					continue
				}
			}
			break
		}
		if w == "point" && haveCur && !n.frac && prevK != nwScale {
			// "one point three", "1 point 1"
			if q.kind(k+1) == qNum && qAllDigits(q.raw(k+1)) {
				d := q.raw(k + 1)
				cur += qDigitsValue(d) / math.Pow(10, float64(len(d)))
				n.frac = true
				k += 2
				prevK = nwUnit
				break
			}
			f, scale := 0.0, 1.0
			m := k + 1
			for {
				dv, ok := qDigitWords[q.w(m)]
				if !ok || q.kind(m) != qWord {
					break
				}
				f = f*10 + dv
				scale *= 10
				m++
			}
			if m > k+1 {
				cur += f / scale
				n.frac = true
				k = m
				prevK = nwUnit
			}
			break
		}
		nw, ok := qNumWords[w]
		if !ok {
			break
		}
		switch nw.k {
		case nwUnit:
			if haveCur && !(qIsTensValue(cur) || (cur >= 100 && math.Mod(cur, 100) == 0)) {
				goto done
			}
			if q.kind(k-1) == qNum && k-1 >= i {
				goto done
			}
			cur += nw.v
			haveCur = true
		case nwTeen, nwTens:
			if haveCur && !(cur >= 100 && math.Mod(cur, 100) == 0) {
				goto done
			}
			if q.kind(k-1) == qNum && k-1 >= i {
				goto done
			}
			cur += nw.v
			haveCur = true
		case nwHundred:
			if cp != nil && cp.prevK == nwHundred {
				// "one hundred and two hundred": two numbers
				revert()
				goto done
			}
			if !haveCur {
				if k == i && !q.bareScaleOK(k) {
					return n, false
				}
				cur = 1
			} else if cur >= 100 {
				goto done
			}
			cur *= 100
			haveCur = true
		case nwScale:
			if !haveCur {
				if total != 0 {
					// "two thousand million", "three lakh crore"
					if nw.v <= lastScale || cp != nil {
						goto done
					}
					total *= nw.v
					lastScale = nw.v
					n.scaled = true
					break
				}
				if k == i && !q.bareScaleOK(k) {
					return n, false
				}
				if k != i && prevK != nwA {
					goto done
				}
				cur = 1
			}
			if cp != nil && nw.v >= cp.lastScale {
				revert()
				goto done
			}
			if nw.v >= lastScale && total > 0 {
				total = (total + cur) * nw.v
			} else {
				total += cur * nw.v
			}
			lastScale = nw.v
			cur, haveCur = 0, false
			n.scaled = true
		case nwDozen:
			if !haveCur {
				// "dozens of employees" is vague ("a dozen" is twelve:
				// the "a" set cur)
				goto done
			}
			cur *= nw.v
			haveCur = true
			n.dozen = true
		case nwA:
			// "a million", "a hundred", "a dozen", "a quarter million"
			next, ok := q.numWordAt(k + 1)
			if !ok || haveCur || (next.k != nwHundred && next.k != nwScale && next.k != nwDozen && next.k != nwQuarter && next.k != nwHalf) {
				goto done
			}
			if next.k == nwHalf || next.k == nwQuarter {
				// "a quarter million": the "a" adds nothing
			} else {
				cur, haveCur = 1, true
			}
		case nwHalf, nwQuarter:
			if haveCur {
				goto done
			}
			// "half a million", "half million", "quarter million"
			m := k + 1
			if q.w(m) == "a" || q.w(m) == "an" {
				m++
			}
			next, ok := q.numWordAt(m)
			if !ok || (next.k != nwScale && next.k != nwDozen && next.k != nwHundred) {
				goto done
			}
			cur, haveCur = nw.v, true
			n.frac = true
			prevK = nw.k
			k = m
			n.words = true
			continue
		}
		prevK = nw.k
		n.words = true
		k++
	}
done:
	if k == i {
		return n, false
	}
	if k == start && !n.digits {
		return n, false
	}
	n.val = total + cur
	n.j = k
	if n.words && !n.digits && n.val == 0 {
		return n, false
	}
	if n.scaled || n.dozen {
		n.year = false
	}
	return q.finishNum(n), true
}

// finishNum extends n over a restatement in brackets: "forty-five (45)",
// "45 (forty five)".
func (q *qdoc) finishNum(n qnum) qnum {
	if q.raw(n.j) != "(" {
		return n
	}
	k := n.j + 1
	if k >= len(q.toks) {
		return n
	}
	if q.kind(k) != qNum && q.kind(k) != qWord {
		return n
	}
	if _, ok := q.numWordAt(k); !ok && q.kind(k) != qNum {
		return n
	}
	inner, ok := q.parseNumNoParen(k)
	if !ok || inner.val != n.val || q.raw(inner.j) != ")" {
		return n
	}
	n.j = inner.j + 1
	return n
}

// parseNumNoParen is parseNum without the bracket extension (the inner
// number of a restatement).
func (q *qdoc) parseNumNoParen(i int) (qnum, bool) {
	if q.kind(i) == qNum {
		v, _, _, ok := qParseDigits(q.raw(i))
		if !ok {
			return qnum{}, false
		}
		return qnum{val: v, i: i, j: i + 1, digits: true}, true
	}
	// words only, up to the closing bracket
	j := i
	for j < len(q.toks) && q.raw(j) != ")" && j-i < 12 {
		j++
	}
	if q.raw(j) != ")" {
		return qnum{}, false
	}
	sub := &qdoc{d: q.d, text: q.text, lt: q.lt, toks: q.toks[:j]}
	n, ok := sub.parseNum(i)
	if !ok || n.j != j {
		return qnum{}, false
	}
	return n, true
}

func qIsTensValue(v float64) bool {
	m := math.Mod(v, 100)
	return m >= 20 && math.Mod(m, 10) == 0
}

func qAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for k := 0; k < len(s); k++ {
		if !qIsDigit(s[k]) {
			return false
		}
	}
	return true
}
