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
}

// sentences splits text into sentences. A sentence ends at '.', '!' or '?'
// (with any closing quotes or brackets) followed by white space and a
// plausible sentence start, or at a blank line or a line that looks like a
// list item or heading. Decimal points ("3.07"), abbreviations ("Ltd.",
// "U.S.") and initials ("J. Smith") do not end a sentence. Leading and
// trailing white space is left out of each span; empty sentences are
// dropped.
func sentences(text string) []span {
	var out []span
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
		c := text[i]
		switch c {
		case '\n':
			// A blank line, or a newline followed by a bullet, ends the
			// sentence; so does a newline after a line without final
			// punctuation that is short (a heading).
			j := i + 1
			for j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j >= n || text[j] == '\n' || isBulletAt(text, j) || lineLooksLikeHeading(text, start, i) {
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

// endsSentence decides whether the full stop at dot (with the next sentence
// candidate starting after white space at next) ends a sentence.
func endsSentence(text string, start, dot, next int) bool {
	// the word before the stop
	w := dot
	for w > start && !isSpaceByte(text[w-1]) && text[w-1] != '(' && text[w-1] != '"' {
		w--
	}
	word := strings.ToLower(text[w:dot])
	if abbreviations[word] {
		// "Ltd." or "Inc." at the end of a sentence followed by a capital
		// is ambiguous; company suffixes followed by a capitalised word
		// that starts a clause are rare, so treat them as not ending.
		return false
	}
	// single capital letter initials: "J. Smith"
	if len(word) == 1 && word[0] >= 'a' && word[0] <= 'z' && text[dot-1] >= 'A' && text[dot-1] <= 'Z' {
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
	if unicode.IsLower(r) {
		return false
	}
	return true
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// isBulletAt reports whether a list item starts at i: "-", "*", "•" or
// "1." / "1)" followed by a space.
func isBulletAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	if strings.HasPrefix(text[i:], "•") {
		return true
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

// lineLooksLikeHeading reports whether the text from start to the newline at
// nl is a short line without final punctuation, such as a heading or a
// dateline, that should not run into the next sentence.
func lineLooksLikeHeading(text string, start, nl int) bool {
	ls := strings.LastIndexByte(text[start:nl], '\n')
	if ls >= 0 {
		ls += start + 1
	} else {
		ls = start
	}
	line := strings.TrimSpace(text[ls:nl])
	if line == "" {
		return false
	}
	if ls != start {
		// only the first line of a pending sentence can be a heading;
		// later lines are wrapped text
		return false
	}
	last := line[len(line)-1]
	if last == '.' || last == ',' || last == ';' || last == ':' || last == '-' {
		return false
	}
	return len(line) <= 120 && !strings.HasSuffix(line, " and") && !strings.HasSuffix(line, " of") && !strings.HasSuffix(line, " the")
}
