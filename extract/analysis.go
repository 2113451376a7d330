package extract

// analysis is the token-level reading of a document shared by the semantic
// matchers: tokens, the sentence of each token and every gazetteer phrase
// found. It is built once per document, on first use.
type analysis struct {
	text, lower string
	toks        []token
	sentOf      []int32 // sentence index of each token
	sentTok     []span  // token range [Start, End) of each sentence
	hits        []hit   // gazetteer phrases, in token order

	// The title is read the same way, apart from the text: it lends
	// context, but values found only there have no offsets.
	title       string
	titleToks   []token
	titleHits   []hit
	titleLower  string
	hasTitleCap bool
}

// analyze returns the document's analysis, building it on first use.
func (d *doc) analyze() *analysis {
	if d.an != nil {
		return d.an
	}
	a := &analysis{text: d.text, lower: lowerASCII(d.text)}
	a.toks = tokenize(a.text, a.lower)
	a.sentOf = make([]int32, len(a.toks))
	a.sentTok = make([]span, len(d.sents))
	si := 0
	for i := range a.toks {
		for si < len(d.sents)-1 && a.toks[i].start >= d.sents[si].End {
			si++
		}
		a.sentOf[i] = int32(si)
	}
	// token ranges per sentence
	for i := range a.sentTok {
		a.sentTok[i] = span{-1, -1}
	}
	for i := range a.toks {
		s := a.sentOf[i]
		if int(s) >= len(a.sentTok) {
			continue
		}
		if a.sentTok[s].Start < 0 {
			a.sentTok[s].Start = i
		}
		a.sentTok[s].End = i + 1
	}
	for i := range a.sentTok {
		if a.sentTok[i].Start < 0 {
			a.sentTok[i] = span{0, 0}
		}
	}
	g := gazetteer()
	a.hits = g.find(a.text, a.toks, make([]hit, 0, len(a.toks)/16+4))
	if d.title != "" {
		a.title = d.title
		a.titleLower = lowerASCII(d.title)
		a.titleToks = tokenize(a.title, a.titleLower)
		a.titleHits = g.find(a.title, a.titleToks, nil)
	}
	d.an = a
	return a
}

// tokText returns the text of tokens [i, j).
func (a *analysis) tokText(i, j int) string {
	if i >= j {
		return ""
	}
	return a.text[a.toks[i].start:a.toks[j-1].end]
}

// sentRange returns the token range of the sentence holding token i.
func (a *analysis) sentRange(i int) (int, int) {
	if len(a.sentTok) == 0 {
		return 0, len(a.toks)
	}
	s := a.sentTok[a.sentOf[i]]
	return s.Start, s.End
}

// norm returns the norm of token i, or "" outside the text.
func (a *analysis) norm(i int) string {
	if i < 0 || i >= len(a.toks) {
		return ""
	}
	return a.toks[i].norm
}

// hasWord reports whether any token of the text has the norm w.
func (a *analysis) hasWord(ws ...string) bool {
	for i := range a.toks {
		for _, w := range ws {
			if a.toks[i].norm == w {
				return true
			}
		}
	}
	return false
}
