package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"breachwire"
)

// MaxClauses caps the terms and phrases of one query (RELIABILITY F3: 500 OR
// terms must not become 500 searchers).
const MaxClauses = 32

// occur says how a clause of the free-text query takes part.
type occur int

const (
	should  occur = iota // a bare term: at least one of them must match, more rank higher
	must                 // +term: required
	mustNot              // -term: excluded
)

// clause is one term or phrase of a free-text query.
type clause struct {
	occur  occur
	text   string
	phrase bool
}

// parseQuery reads our small query language:
//
//	ransomware hospital     either word (articles with both rank first)
//	"notice of intent"      the words in this order
//	+ransomware             required
//	-phishing               excluded
//	+"data breach" -test    signs work on phrases too
//
// Nothing else is syntax: field:value, wildcards, regular expressions and
// boolean words are plain words. A sign must touch its term, and a quote must
// open a phrase at the start of a term and be closed. Errors are
// *breachwire.Error with code invalid, naming the column.
func parseQuery(q string) ([]clause, error) {
	if len(q) > breachwire.MaxQueryLen {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "q: query is %d bytes long; the limit is %d", len(q), breachwire.MaxQueryLen)
	}
	if !utf8.ValidString(q) {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "q: query is not valid UTF-8")
	}
	var out []clause
	i := 0
	col := func(i int) int { return utf8.RuneCountInString(q[:i]) + 1 }
	for {
		for i < len(q) {
			r, n := utf8.DecodeRuneInString(q[i:])
			if !unicode.IsSpace(r) && !unicode.IsControl(r) {
				break
			}
			i += n
		}
		if i >= len(q) {
			break
		}
		start := i
		c := clause{occur: should}
		switch q[i] {
		case '+':
			c.occur = must
			i++
		case '-':
			c.occur = mustNot
			i++
		}
		if c.occur != should {
			if i >= len(q) || isSpaceAt(q, i) {
				return nil, breachwire.Errorf(breachwire.ECodeInvalid,
					"q: %q at column %d must be followed by a word or a quoted phrase, with no space", q[start], col(start))
			}
			if q[i] == '+' || q[i] == '-' {
				return nil, breachwire.Errorf(breachwire.ECodeInvalid,
					"q: two signs at column %d; use one + or - before a word", col(start))
			}
		}
		if q[i] == '"' {
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 {
				return nil, breachwire.Errorf(breachwire.ECodeInvalid,
					"q: the quote at column %d is not closed", col(i))
			}
			c.text = q[i+1 : i+1+end]
			c.phrase = true
			if strings.TrimSpace(c.text) == "" {
				return nil, breachwire.Errorf(breachwire.ECodeInvalid,
					"q: the quotes at column %d hold no words", col(i))
			}
			i += end + 2
			if i < len(q) && !isSpaceAt(q, i) {
				return nil, breachwire.Errorf(breachwire.ECodeInvalid,
					"q: put a space after the closing quote at column %d", col(i-1))
			}
		} else {
			j := i
			for j < len(q) && !isSpaceAt(q, j) {
				if q[j] == '"' {
					return nil, breachwire.Errorf(breachwire.ECodeInvalid,
						"q: the quote at column %d is inside a word; a phrase starts with a quote after a space", col(j))
				}
				_, n := utf8.DecodeRuneInString(q[j:])
				j += n
			}
			c.text = q[i:j]
			i = j
		}
		out = append(out, c)
		if len(out) > MaxClauses {
			return nil, breachwire.Errorf(breachwire.ECodeInvalid,
				"q: more than %d terms and phrases; narrow the query or use the filters", MaxClauses)
		}
	}
	return out, nil
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r) || unicode.IsControl(r)
}
