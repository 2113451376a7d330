package extract

import (
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tWord  tokKind = iota // letters, possibly with digits ("2fa", "aa22")
	tNum                  // digits only
	tPunct                // one punctuation character
)

// Token flags.
const (
	fCap        uint8 = 1 << iota // first letter upper case
	fUpper                        // two or more letters, all upper case
	fNewline                      // a line break separates it from the previous token
	fBlank                        // a blank line separates it from the previous token
	fSpace                        // white space separates it from the previous token
	fInnerUpper                   // an upper-case letter after the first character ("eBay", "23andMe")
	fAmp                          // an ampersand inside ("AT&T", "1&1")
)

// token is one word, number or punctuation character of the text. norm is
// its comparison form: ASCII lower case for words and numbers (a substring
// of the lowered text, so no allocation), and a canonical form for
// punctuation: "'s" for a possessive, "'" for any apostrophe, "\"" for any
// double quote, "-" for a hyphen and "--" for a dash.
type token struct {
	start, end int
	norm       string
	h          uint64 // hashNorm(norm), for the gazetteer's table
	kind       tokKind
	flags      uint8
}

var hashPoss = hashNorm("'s")

// hashNorm is FNV-1a over the bytes of a token's norm.
func hashNorm(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	if h == 0 {
		h = 1 // 0 marks an empty slot of the gazetteer's table
	}
	return h
}

func (t *token) is(f uint8) bool { return t.flags&f != 0 }

// lowerASCII returns s with ASCII letters in lower case. Byte offsets are
// unchanged, which is why non-ASCII letters are left alone.
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
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
	// b is not written again: the string shares it instead of copying
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' }

// tokenize splits text into tokens, appended to toks[:0]. lower must be
// lowerASCII(text).
func tokenize(text, lower string, toks []token) []token {
	toks = toks[:0]
	var pending uint8 // flags for the next token
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		// white space
		if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			pending |= fSpace
			i++
			continue
		}
		if c == '\n' {
			if pending&fNewline != 0 {
				pending |= fBlank
			}
			pending |= fNewline | fSpace
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				pending |= fSpace
				i += size
				continue
			}
		}
		if isWordRune(r) {
			start := i
			letters, uppers, digits := 0, 0, 0
			var flags uint8
			h := uint64(14695981039346656037) // FNV-1a of the lowered bytes, as hashNorm
			for i < n {
				c := text[i]
				// ASCII fast path
				switch {
				case c >= 'a' && c <= 'z':
					letters++
					h = (h ^ uint64(c)) * 1099511628211
					i++
					continue
				case c >= 'A' && c <= 'Z':
					letters++
					uppers++
					if i == start {
						flags |= fCap
					} else {
						flags |= fInnerUpper
					}
					h = (h ^ uint64(c+'a'-'A')) * 1099511628211
					i++
					continue
				case c >= '0' && c <= '9':
					digits++
					h = (h ^ uint64(c)) * 1099511628211
					i++
					continue
				}
				r, size = rune(c), 1
				if c >= utf8.RuneSelf {
					r, size = utf8.DecodeRuneInString(text[i:])
				}
				if c >= utf8.RuneSelf && isWordRune(r) {
					if unicode.IsLetter(r) {
						letters++
						if unicode.IsUpper(r) {
							uppers++
							if i == start {
								flags |= fCap
							} else {
								flags |= fInnerUpper
							}
						}
					} else if unicode.IsDigit(r) {
						digits++
					}
					for _, b := range []byte(text[i : i+size]) {
						h = (h ^ uint64(b)) * 1099511628211
					}
					i += size
					continue
				}
				// "AT&T", "1&1": an ampersand between word characters
				if r == '&' && i+1 < n && i > start {
					r2, _ := utf8.DecodeRuneInString(text[i+1:])
					if isWordRune(r2) && !(r2 >= '0' && r2 <= '9' && digits == 0) {
						flags |= fAmp
						h = (h ^ '&') * 1099511628211
						i++
						continue
					}
				}
				// an apostrophe inside a word: "couldn't", "O'Brien";
				// a possessive "'s" is split off below
				if isApostrophe(r) && i+size < n {
					r2, s2 := utf8.DecodeRuneInString(text[i+size:])
					if unicode.IsLetter(r2) {
						// possessive: 's followed by a non-letter
						if (r2 == 's' || r2 == 'S') && (i+size+s2 >= n || !isWordRune(runeAt(text, i+size+s2))) {
							break
						}
						for _, b := range []byte(text[i : i+size]) {
							h = (h ^ uint64(b)) * 1099511628211
						}
						i += size
						continue
					}
				}
				break
			}
			kind := tWord
			if letters == 0 {
				kind = tNum
			}
			if uppers >= 2 && uppers == letters {
				flags |= fUpper
			}
			if h == 0 {
				h = 1
			}
			toks = append(toks, token{start: start, end: i, norm: lower[start:i], h: h, kind: kind, flags: flags | pending})
			pending = 0
			continue
		}
		// punctuation
		norm := ""
		switch {
		case isApostrophe(r):
			// possessive 's after a word
			if len(toks) > 0 && toks[len(toks)-1].end == i && i+size < n && (text[i+size] == 's' || text[i+size] == 'S') &&
				(i+size+1 >= n || !isWordRune(runeAt(text, i+size+1))) {
				toks = append(toks, token{start: i, end: i + size + 1, norm: "'s", h: hashPoss, kind: tPunct, flags: pending})
				pending = 0
				i += size + 1
				continue
			}
			norm = "'"
		case r == '"' || r == '“' || r == '”' || r == '«' || r == '»' || r == '„':
			norm = "\""
		case r == '-' || r == '‐' || r == '‑':
			norm = "-"
		case r == '–' || r == '—' || r == '―':
			norm = "--"
		default:
			norm = lower[i : i+size]
		}
		toks = append(toks, token{start: i, end: i + size, norm: norm, h: hashNorm(norm), kind: tPunct, flags: pending})
		pending = 0
		i += size
	}
	return toks
}

func runeAt(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	if s[i] < utf8.RuneSelf {
		return rune(s[i])
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}
