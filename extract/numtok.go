package extract

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// The numeric extractor reads the text as a list of small tokens, made in
// one pass: words (letters only, so "USD3.14" is a word and a number),
// numbers (digits with their inner separators, "3,076,320", "11,5",
// "1.3e6") and single symbols ("$", "€", "-", "("). Every token keeps its
// byte offsets and how it is separated from the token before it, which is
// what the matchers need to tell "£3.07m" from "AA22-083A".

// qkind is the kind of a numeric-scanner token.
type qkind uint8

const (
	qWord qkind = iota + 1 // letters (with inner apostrophes)
	qNum                   // digits, with inner '.', ',', '\'' and an exponent
	qSym                   // any other single character
)

// Gaps between a token and the one before it.
const (
	gapNone  uint8 = iota // glued: "3.07m", "USD3"
	gapSpace              // one space (or a no-break space)
	gapWide               // more white space on one line
	gapLine               // a line break
)

// qtok is one token of the numeric scanner.
type qtok struct {
	start, end int32
	sent       int32 // index into doc.sents
	kind       qkind
	gap        uint8
}

// qdoc is the document as the numeric extractor reads it.
type qdoc struct {
	d    *doc
	text string // the input text
	lt   string // the text with ASCII letters in lower case (same offsets)
	toks []qtok
	cues []uint32 // cue classes of each token, filled lazily by cue
	// sentTok[s] is the first token of sentence s; sentTok[len] the end
	sentTok []int32
	// affect[s] caches affectContext for sentence s: 0 unknown, 1 no, 2 yes
	affect []uint8
	// base holds the first tokens of numbers that count a whole
	// population ("N of its M customers")
	base []int32
	// buffers of the amounts found, reused between documents
	moneyBuf, dedupBuf []qmoney
}

// qLower returns s with ASCII letters lowered; offsets are unchanged.
func qLower(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

func qIsDigit(c byte) bool { return c >= '0' && c <= '9' }

// qIsLetter reports whether r belongs in a word: a letter or a combining
// mark (Tamil "ரூ" carries a vowel sign).
func qIsLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func qIsApos(r rune) bool { return r == '\'' || r == '’' }

// qdocPool recycles the buffers of the numeric scanner between
// documents, so that reading many articles allocates little.
var qdocPool = sync.Pool{New: func() any { return new(qdoc) }}

// newQdoc tokenizes d.text. Call release when done.
func newQdoc(d *doc) *qdoc {
	q := qdocPool.Get().(*qdoc)
	// the lowered text is the one the semantic half's token pass makes
	// (ASCII letters lowered, offsets kept): shared, not made twice
	q.d, q.text, q.lt = d, d.text, d.analyze().lower
	q.toks = qTokenize(q.text, q.toks[:0])
	q.cues = q.cues[:0]
	q.affect = q.affect[:0]
	q.base = q.base[:0]
	// sentence of each token, and the first token of each sentence
	si := 0
	sents := d.sents
	if cap(q.sentTok) < len(sents)+1 {
		q.sentTok = make([]int32, len(sents)+1)
	}
	q.sentTok = q.sentTok[:len(sents)+1]
	q.sentTok[0] = 0
	for i := range q.toks {
		for si < len(sents)-1 && int(q.toks[i].start) >= sents[si].End {
			si++
			q.sentTok[si] = int32(i)
		}
		q.toks[i].sent = int32(si)
	}
	for s := si + 1; s <= len(sents); s++ {
		q.sentTok[s] = int32(len(q.toks))
	}
	return q
}

// release returns q's buffers to the pool; q must not be used after.
func (q *qdoc) release() {
	q.d, q.text, q.lt = nil, "", ""
	qdocPool.Put(q)
}

// qTokenize appends the tokens of text to toks.
func qTokenize(text string, toks []qtok) []qtok {
	n := len(text)
	gap := gapLine
	for i := 0; i < n; {
		c := text[i]
		switch c {
		case ' ':
			if gap == gapNone {
				gap = gapSpace
			} else if gap == gapSpace {
				gap = gapWide
			}
			i++
			continue
		case '\t', '\r', '\f', '\v':
			if gap < gapWide {
				gap = gapWide
			}
			i++
			continue
		case '\n':
			gap = gapLine
			i++
			continue
		}
		if qIsDigit(c) || (c == '.' && i+1 < n && qIsDigit(text[i+1]) && (i == 0 || !qIsDigit(text[i-1]))) {
			start := i
			if c == '.' {
				i++
			}
			i = qScanNumber(text, i)
			toks = append(toks, qtok{start: int32(start), end: int32(i), kind: qNum, gap: gap})
			gap = gapNone
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u2007' {
				// no-break and thin spaces group digits in "500 000"
				if gap == gapNone {
					gap = gapSpace
				}
				i += size
				continue
			}
			if unicode.IsSpace(r) {
				if r == '\u2028' || r == '\u2029' || r == '\u0085' {
					gap = gapLine
				} else if gap < gapWide {
					gap = gapWide
				}
				i += size
				continue
			}
		}
		if qIsLetter(r) {
			start := i
			i += size
			for i < n {
				if c := text[i]; c < utf8.RuneSelf {
					if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
						i++
						continue
					}
					if c != '\'' {
						break
					}
				}
				r2, s2 := rune(text[i]), 1
				if text[i] >= utf8.RuneSelf {
					r2, s2 = utf8.DecodeRuneInString(text[i:])
				}
				if qIsLetter(r2) {
					i += s2
					continue
				}
				// an apostrophe between letters stays in the word ("so'm")
				if qIsApos(r2) && i+s2 < n {
					r3, _ := utf8.DecodeRuneInString(text[i+s2:])
					if qIsLetter(r3) {
						i += s2
						continue
					}
				}
				break
			}
			toks = append(toks, qtok{start: int32(start), end: int32(i), kind: qWord, gap: gap})
			gap = gapNone
			continue
		}
		toks = append(toks, qtok{start: int32(i), end: int32(i + size), kind: qSym, gap: gap})
		gap = gapNone
		i += size
	}
	return toks
}

// qScanNumber returns the end of the number whose digits start at i:
// digits with inner separators ('.', ',', an apostrophe) each followed by a
// digit, and an exponent ("1.3e6").
func qScanNumber(text string, i int) int {
	n := len(text)
	for i < n {
		c := text[i]
		if qIsDigit(c) {
			i++
			continue
		}
		if (c == '.' || c == ',') && i+1 < n && qIsDigit(text[i+1]) {
			i++
			continue
		}
		if c == '\'' && i+3 < n && qIsDigit(text[i+1]) && qIsDigit(text[i+2]) && qIsDigit(text[i+3]) && (i+4 >= n || !qIsDigit(text[i+4])) {
			i++
			continue
		}
		if (c == 'e' || c == 'E') && i+1 < n {
			j := i + 1
			if j < n && (text[j] == '+' || text[j] == '-') {
				j++
			}
			k := j
			for k < n && qIsDigit(text[k]) {
				k++
			}
			if k > j && (k >= n || !qIsLetterByte(text[k])) {
				return k
			}
		}
		break
	}
	return i
}

func qIsLetterByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf
}

// w returns the lowered text of token i, or "" outside the text.
func (q *qdoc) w(i int) string {
	if i < 0 || i >= len(q.toks) {
		return ""
	}
	t := q.toks[i]
	return q.lt[t.start:t.end]
}

// raw returns the text of token i as written, or "" outside the text.
func (q *qdoc) raw(i int) string {
	if i < 0 || i >= len(q.toks) {
		return ""
	}
	t := q.toks[i]
	return q.text[t.start:t.end]
}

// kind returns the kind of token i, or 0 outside the text.
func (q *qdoc) kind(i int) qkind {
	if i < 0 || i >= len(q.toks) {
		return 0
	}
	return q.toks[i].kind
}

// glued reports whether token i touches the token before it.
func (q *qdoc) glued(i int) bool {
	return i > 0 && i < len(q.toks) && q.toks[i].gap == gapNone
}

// near reports whether token i follows the token before it closely: glued
// or after one space on the same line.
func (q *qdoc) near(i int) bool {
	return i > 0 && i < len(q.toks) && q.toks[i].gap <= gapSpace
}

// sameLine reports whether token i is on the same line as the one before.
func (q *qdoc) sameLine(i int) bool {
	return i > 0 && i < len(q.toks) && q.toks[i].gap != gapLine
}

// sameSent reports whether tokens i and j are in the same sentence.
func (q *qdoc) sameSent(i, j int) bool {
	if i < 0 || j < 0 || i >= len(q.toks) || j >= len(q.toks) {
		return false
	}
	return q.toks[i].sent == q.toks[j].sent
}

// span returns the text of tokens [i, j) and its byte offsets.
func (q *qdoc) span(i, j int) (string, int, int) {
	s, e := int(q.toks[i].start), int(q.toks[j-1].end)
	return q.text[s:e], s, e
}

// evidence returns the sentence, or run of sentences, holding bytes
// [start, end): a value can straddle a split such as "Rs. 20".
func (q *qdoc) evidence(start, end int) string {
	a := q.d.sentenceAt(start)
	b := a
	if end > a.End {
		b = q.d.sentenceAt(end - 1)
	}
	s, e := a.Start, b.End
	if start < s {
		s = start
	}
	if end > e {
		e = end
	}
	return q.text[s:e]
}

// sentBounds returns the token range [lo, hi) of the sentence of token i.
func (q *qdoc) sentBounds(i int) (int, int) {
	s := q.toks[i].sent
	if int(s)+1 >= len(q.sentTok) {
		return i, i + 1
	}
	return int(q.sentTok[s]), int(q.sentTok[s+1])
}

// clauseBreak reports whether token i starts a new clause: a semicolon, a
// dash, "but", "however", "whereas", "while", "although", or "and" after a
// comma.
func (q *qdoc) clauseBreak(i int) bool {
	t := q.toks[i]
	switch t.kind {
	case qSym:
		switch c := q.text[t.start]; {
		case c == ';':
			return true
		case c >= 0x80:
			// a dash between numbers is a range, not a break
			if r := q.text[t.start:t.end]; (r == "—" || r == "–") && q.kind(i-1) != qNum {
				return true
			}
		}
		return false
	case qWord:
		c := q.cue(i)
		if c&mcBreak != 0 {
			return true
		}
		return t.end-t.start == 3 && q.lt[t.start:t.end] == "and" && q.raw(i-1) == ","
	}
	return false
}

// qWindow bounds, in tokens on either side, how far the matchers look from
// a value for the words that qualify it. It keeps the work per value
// constant however long a sentence is.
const qWindow = 48

// sentWindow returns the tokens of the sentence (or sentences) holding
// tokens [i, j), at most qWindow tokens either side.
func (q *qdoc) sentWindow(i, j int) (int, int) {
	lo, hi := q.sentBounds(i)
	if j > hi {
		_, hi = q.sentBounds(j - 1)
	}
	if lo < i-qWindow {
		lo = i - qWindow
	}
	if hi > j+qWindow {
		hi = j + qWindow
	}
	return lo, hi
}

// clauseBounds returns the token range [lo, hi) of the clause holding
// tokens [i, j) within its sentence window.
func (q *qdoc) clauseBounds(i, j int) (int, int) {
	slo, shi := q.sentWindow(i, j)
	lo := i
	for lo > slo && !q.clauseBreak(lo) {
		lo--
	}
	hi := j
	for hi < shi && !q.clauseBreak(hi) {
		hi++
	}
	return lo, hi
}

// wordFilter quickly rules out words absent from a small lexicon before a
// map lookup: it records, for the first two bytes of every entry (folded
// to 27 classes) and its length, that some entry has them. Most words of
// running text fail the test.
type wordFilter [27][27]uint32

func wfClass(c byte) int {
	if c >= 'a' && c <= 'z' {
		return int(c - 'a')
	}
	return 26
}

func wfLen(n int) uint32 {
	if n > 31 {
		n = 31
	}
	return 1 << uint(n)
}

// add records lower-case word w.
func (f *wordFilter) add(w string) {
	if w == "" {
		return
	}
	b := 26
	if len(w) > 1 {
		b = wfClass(w[1])
	}
	f[wfClass(w[0])][b] |= wfLen(len(w))
}

// may reports whether lower-case word w may be in the lexicon.
func (f *wordFilter) may(w string) bool {
	if w == "" {
		return false
	}
	b := 26
	if len(w) > 1 {
		b = wfClass(w[1])
	}
	return f[wfClass(w[0])][b]&wfLen(len(w)) != 0
}
