package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a half-open byte range [Start, End) of the document text.
type span struct {
	Start, End int
}

// abbreviations end with a full stop that does not end a sentence. Lower
// case; compared with the word before the stop.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true,
	"jr": true, "inc": true, "ltd": true, "co": true, "corp": true, "plc": true, "llc": true,
	"no": true, "nos": true, "art": true, "arts": true, "sec": true, "para": true, "vs": true,
	"v": true, "etc": true, "e.g": true, "i.e": true, "approx": true, "est": true, "fig": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "u.s": true, "u.k": true,
	"e.u": true, "u.s.a": true, "n.a": true, "gov": true, "dept": true, "govt": true,
	"ch": true, "cf": true, "al": true, "ref": true, "op": true, "gen": true, "sen": true,
	"rep": true, "capt": true, "lt": true, "col": true, "mt": true, "ft": true, "bros": true,
	"nr": true, "pp": true, "p": true, "vol": true, "ed": true, "eds": true, "incl": true,
	"ibid": true, "ca": true, "min": true, "max": true, "mln": true, "bn": true, "mn": true,
	"pty": true, "s.a": true, "n.v": true, "b.v": true, "s.p.a": true, "a.g": true,
	// legal forms of companies: "Digi Kft. HUF 100.000.000", "Azor sp. z o.o."
	"kft": true, "zrt": true, "nyrt": true, "bt": true, "sp": true, "s.l": true, "s.l.u": true,
	"s.c.c": true, "s.r.o": true, "a.s": true, "s.r.l": true, "s.a.s": true, "e.v": true,
}

// sentences splits text into sentences. A sentence ends at '.', '!' or '?'
// (with any closing quotes or brackets) followed by white space and a
// plausible sentence start, or glued to the next sentence ("2018.This",
// as in reposted summaries); at a blank line; before a line that is a list
// item; and after a line that is a heading. A hard-wrapped line (a repost
// that kept the line breaks of its source) runs on into the next one.
// Decimal points ("3.07"), abbreviations ("Ltd.", "U.S.") and initials
// ("J. Smith") do not end a sentence. Leading and trailing white space is
// left out of each span; empty sentences are dropped.
func sentences(text string) []span {
	return appendSentences(make([]span, 0, len(text)/100+1), text)
}

// appendSentences is sentences, appending the spans to out.
func appendSentences(out []span, text string) []span {
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, span{s, e})
		}
		start = end
	}
	n := len(text)
	for i := 0; i < n; i++ {
		// jump to the next character that can end a sentence
		k := strings.IndexAny(text[i:], ".!?\n")
		if k < 0 {
			break
		}
		i += k
		c := text[i]
		switch c {
		case '\n':
			j := i + 1
			for j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j >= n || text[j] == '\n' || isBulletAt(text, j) || lineLooksLikeHeading(text, start, i, j) {
				emit(i)
			}
		case '.', '!', '?':
			j := i + 1
			for j < n && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
				j++
			}
			// closing quotes and brackets belong to this sentence
			for j < n {
				r, size := utf8.DecodeRuneInString(text[j:])
				if r == '"' || r == '\'' || r == ')' || r == ']' || r == '”' || r == '’' || r == '»' {
					j += size
					continue
				}
				break
			}
			if j < n && !isSpaceByte(text[j]) {
				// "2018.This is": a stop glued to a capitalised word
				if c == '.' && j == i+1 && gluedSentence(text, start, i) {
					emit(j)
				}
				continue
			}
			if c == '.' && !endsSentence(text, start, i, j) {
				continue
			}
			emit(j)
			i = j - 1
		}
	}
	emit(n)
	return out
}

// gluedSentence reports whether the stop at dot, with no space after it,
// ends a sentence: a word of two or more lower-case letters or digits
// before it ("lists.TIM", "21.000.Vodafone") and a capitalised word of
// two or more letters after it. Domain names and "U.S." do not qualify.
func gluedSentence(text string, start, dot int) bool {
	if dot+2 >= len(text) {
		return false
	}
	a, b := text[dot+1], text[dot+2]
	if !(a >= 'A' && a <= 'Z') || !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z') {
		return false
	}
	w := dot
	for w > start && (text[w-1] >= 'a' && text[w-1] <= 'z' || text[w-1] >= '0' && text[w-1] <= '9') {
		w--
	}
	if dot-w < 2 {
		return false
	}
	// "ic3.gov.Uk" and "e.g.The" are not sentence ends; "21.000.Vodafone" is
	digits := true
	for k := w; k < dot; k++ {
		if text[k] > '9' {
			digits = false
		}
	}
	if w > start && !digits && (text[w-1] == '.' || text[w-1] == '/' || text[w-1] == '@') {
		return false
	}
	// the word after runs to a space or punctuation and has a lower-case
	// letter (not an acronym such as "U.S.")
	e := dot + 1
	lower := false
	for e < len(text) && (text[e] >= 'a' && text[e] <= 'z' || text[e] >= 'A' && text[e] <= 'Z') {
		if text[e] >= 'a' {
			lower = true
		}
		e++
	}
	return lower || e-dot > 3
}

// endsSentence decides whether the full stop at dot (with the next sentence
// candidate starting after white space at next) ends a sentence.
func endsSentence(text string, start, dot, next int) bool {
	// the word before the stop
	w := dot
	for w > start && !isSpaceByte(text[w-1]) && text[w-1] != '(' && text[w-1] != '"' {
		w--
	}
	var buf [16]byte
	if word := text[w:dot]; len(word) <= len(buf) {
		for k := 0; k < len(word); k++ {
			c := word[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[k] = c
		}
		if abbreviations[string(buf[:len(word)])] {
			// "Ltd." or "Inc." at the end of a sentence followed by a
			// capital is ambiguous; company suffixes followed by a
			// capitalised word that starts a clause are rare, so treat
			// them as not ending.
			return false
		}
	}
	word := text[w:dot]
	// single capital letter initials: "J. Smith"
	if len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z' {
		return false
	}
	// dotted acronyms "U.S." are handled above when listed; any other
	// "x.y." form of single letters is also an abbreviation
	if len(word) >= 3 && word[1] == '.' {
		return false
	}
	// the next non-space character must plausibly start a sentence
	k := next
	for k < len(text) && isSpaceByte(text[k]) {
		k++
	}
	if k >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[k:])
	return !unicode.IsLower(r)
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// isBulletAt reports whether a list item starts at i: "-", "*", "–", "•",
// "·", "▪" or "1." / "1)" followed by a space.
func isBulletAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	for _, b := range []string{"•", "·", "▪", "‣", "◦", "– "} {
		if strings.HasPrefix(text[i:], b) {
			return true
		}
	}
	if (text[i] == '-' || text[i] == '*') && i+1 < len(text) && text[i+1] == ' ' {
		return true
	}
	j := i
	for j < len(text) && j-i < 3 && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	return j > i && j+1 < len(text) && (text[j] == '.' || text[j] == ')') && text[j+1] == ' '
}

// continuationWords end a line that runs on into the next one.
var continuationWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "and": true, "or": true, "to": true, "in": true,
	"for": true, "with": true, "by": true, "on": true, "at": true, "from": true, "that": true,
	"which": true, "against": true, "its": true, "their": true, "his": true, "her": true, "as": true,
	"but": true, "into": true, "than": true, "under": true, "after": true, "before": true, "is": true,
	"are": true, "was": true, "were": true, "has": true, "have": true, "had": true, "be": true,
	"will": true, "would": true, "not": true, "said": true, "says": true, "this": true, "these": true,
	"those": true, "our": true, "we": true, "they": true, "it": true, "who": true, "&": true,
}

// lineLooksLikeHeading reports whether the line ending at the newline nl
// is a heading, a dateline or a title that should not run into the next
// line (whose first character is at next): it is the first line of the
// pending sentence, starts with a capital or a digit, has no final
// punctuation, does not end with a word that continues the sentence, the
// next line starts with a capital or a digit, and the line is short or
// mostly capitalised (a wrapped line of prose is neither).
func lineLooksLikeHeading(text string, start, nl, next int) bool {
	for start < nl && isSpaceByte(text[start]) {
		start++
	}
	ls := strings.LastIndexByte(text[start:nl], '\n')
	if ls >= 0 {
		ls += start + 1
	} else {
		ls = start
	}
	if ls != start {
		// only the first line of a pending sentence can be a heading;
		// later lines are wrapped text
		return false
	}
	line := strings.TrimSpace(text[ls:nl])
	if line == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) && first != '#' {
		return false
	}
	last := line[len(line)-1]
	if last == '.' || last == ',' || last == ';' || last == ':' || last == '-' || last == '(' {
		return false
	}
	if next < len(text) {
		r, _ := utf8.DecodeRuneInString(text[next:])
		if unicode.IsLower(r) {
			return false
		}
	}
	// the last word
	lw := strings.LastIndexAny(line, " \t")
	if continuationWords[strings.ToLower(line[lw+1:])] {
		return false
	}
	if len(line) <= 60 {
		return true
	}
	// a longer line: a title, when most of its words are capitalised
	words, caps := 0, 0
	for _, w := range strings.Fields(line) {
		r, _ := utf8.DecodeRuneInString(w)
		if continuationWords[w] {
			continue
		}
		words++
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps++
		}
	}
	return len(line) <= 160 && caps*10 >= words*7
}
