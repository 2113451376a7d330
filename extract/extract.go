// Package extract finds structured facts in the text of an article: fines,
// affected counts, MFA and other security controls, regulators, victim
// organisations, attack types, threat actors, CVE ids, sectors, countries
// and every amount of money, each value with the sentence that proves it and
// the byte offsets of the words it came from.
//
// The package is pure: no network, storage or clock. Extract is safe for
// concurrent use.
package extract

import (
	"sync"
	"time"

	"breachwire"
)

// Version is the extractor's version. Raise it whenever a change can alter
// the facts extracted from some text: stored articles whose
// ExtractorVersion is lower are extracted again from their stored text.
const Version = 2

// Input is what Extract reads. Text is plain text (see Text for HTML); Title
// is optional and lends context (an organisation or regulator named only in
// the title). Ref is the reference date for relative expressions; the zero
// value means none.
type Input struct {
	Title string
	Text  string
	Ref   time.Time
}

// doc is the text being read, split into sentences once.
type doc struct {
	title string
	text  string
	sents []span
	ref   time.Time
	// an is the token analysis shared by the semantic matchers and
	// regulatorMentions, built on first use (see analysis.go).
	an *analysis
}

func newDoc(in Input) *doc {
	return &doc{title: in.Title, text: in.Text, sents: sentences(in.Text), ref: in.Ref}
}

// sentenceAt returns the sentence holding byte offset off, or an empty span
// when off lies between sentences.
func (d *doc) sentenceAt(off int) span {
	lo, hi := 0, len(d.sents)
	for lo < hi {
		m := (lo + hi) / 2
		if d.sents[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.sents) && d.sents[lo].Start <= off {
		return d.sents[lo]
	}
	return span{off, off}
}

// sentBufs recycles the sentence spans of finished documents.
var sentBufs = sync.Pool{New: func() any { return new([]span) }}

// Extract returns the facts found in in. Offsets in the result are byte
// offsets into in.Text.
func Extract(in Input) breachwire.Facts {
	bp := sentBufs.Get().(*[]span)
	d := &doc{title: in.Title, text: in.Text, sents: appendSentences((*bp)[:0], in.Text), ref: in.Ref}
	var f breachwire.Facts
	extractNumeric(d, &f)
	extractSemantic(d, &f)
	f.Normalize()
	// the facts hold no spans: the buffer can serve the next document
	*bp = d.sents[:0]
	sentBufs.Put(bp)
	return f
}
