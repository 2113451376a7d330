package fetch

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped elements hold no article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Button: true, atom.Select: true,
	atom.Textarea: true, atom.Input: true, atom.Form: true, atom.Audio: true, atom.Video: true,
}

// blocks are elements that start a paragraph of their own.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Nav: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Thead: true,
	atom.Tbody: true, atom.Tfoot: true, atom.Caption: true, atom.Figure: true,
	atom.Figcaption: true, atom.Hr: true, atom.Address: true, atom.Details: true,
	atom.Summary: true, atom.Fieldset: true, atom.Center: true, atom.Body: true, atom.Html: true,
}

// textWriter renders a node tree as plain text: whitespace collapsed inside
// paragraphs, block elements separated by a blank line (the extractor splits
// sentences on them), <br> as a line break, <pre> kept as written.
type textWriter struct {
	b     strings.Builder
	space bool // a space is due before the next text
	brk   int  // line breaks due before the next text: 0, 1 or 2
	pre   int  // depth inside <pre>
	max   int  // stop after this many bytes (0: no limit)
}

func (w *textWriter) full() bool { return w.max > 0 && w.b.Len() >= w.max }

func (w *textWriter) breakLine(n int) {
	if w.b.Len() > 0 {
		w.brk = max(w.brk, n)
	}
}

func (w *textWriter) flush() {
	switch {
	case w.brk == 1:
		w.b.WriteByte('\n')
	case w.brk >= 2:
		w.b.WriteString("\n\n")
	case w.space:
		w.b.WriteByte(' ')
	}
	w.brk, w.space = 0, false
}

func (w *textWriter) text(s string) {
	if w.pre > 0 {
		if strings.TrimSpace(s) == "" && w.b.Len() == 0 {
			return
		}
		w.flush()
		w.b.WriteString(s)
		return
	}
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if unicode.IsSpace(r) {
			if w.b.Len() > 0 {
				w.space = true
			}
		} else {
			w.flush()
			w.b.WriteString(s[:size])
		}
		s = s[size:]
	}
}

func (w *textWriter) walk(n *xhtml.Node) {
	if w.full() {
		return
	}
	switch n.Type {
	case xhtml.TextNode:
		w.text(n.Data)
		return
	case xhtml.CommentNode, xhtml.DoctypeNode:
		return
	case xhtml.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		if hiddenNode(n) {
			return
		}
	}
	a := n.DataAtom
	switch {
	case a == atom.Br:
		w.breakLine(1)
		return
	case a == atom.Td || a == atom.Th:
		if w.b.Len() > 0 {
			w.space = true
		}
	case blocks[a]:
		w.breakLine(2)
	}
	if a == atom.Pre {
		w.pre++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if a == atom.Pre {
		w.pre--
	}
	if blocks[a] {
		w.breakLine(2)
	}
}

// hiddenNode reports elements marked hidden, which are not part of what a
// reader sees.
func hiddenNode(n *xhtml.Node) bool {
	for _, at := range n.Attr {
		switch at.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if at.Val == "true" {
				return true
			}
		case "style":
			v := strings.ReplaceAll(strings.ToLower(at.Val), " ", "")
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// nodesText renders the nodes as plain text, each as its own block (they
// are separate matches of a selector), capped at about max bytes (0: no
// cap).
func nodesText(nodes []*xhtml.Node, max int) string {
	w := &textWriter{max: max}
	for _, n := range nodes {
		w.breakLine(2)
		w.walk(n)
	}
	return tidyText(w.b.String())
}

// fragmentText renders sibling nodes of one HTML fragment as plain text:
// only block elements start paragraphs.
func fragmentText(nodes []*xhtml.Node, max int) string {
	w := &textWriter{max: max}
	for _, n := range nodes {
		w.walk(n)
	}
	return tidyText(w.b.String())
}

// tidyText trims every line, keeps at most one blank line in a row, removes
// control characters and replaces invalid UTF-8.
func tidyText(s string) string {
	s = cleanControl(s)
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := true // suppress leading blank lines
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if strings.TrimSpace(l) == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

// cleanControl replaces invalid UTF-8 and drops control characters other
// than tab and newline (RELIABILITY C3).
func cleanControl(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return -1
		case unicode.IsControl(r), r == '\uFFFE', r == '\uFFFF':
			return -1
		}
		return r
	}, s)
}

var (
	looksLikeHTML = regexp.MustCompile(`<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|/[a-zA-Z]|!--)`)
	blankLine     = regexp.MustCompile(`\n\s*\n`)
)

// htmlToText turns a feed field that may hold HTML (description, content)
// into plain text with paragraph breaks. Plain text keeps its paragraphs,
// with the whitespace inside each collapsed.
func htmlToText(s string, maxBytes int) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	var text string
	if looksLikeHTML.MatchString(s) {
		nodes, err := xhtml.ParseFragment(strings.NewReader(s), &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			text = plainParagraphs(html.UnescapeString(s))
		} else {
			text = fragmentText(nodes, maxBytes)
		}
	} else {
		text = plainParagraphs(html.UnescapeString(s))
	}
	return capBytes(text, maxBytes)
}

// plainParagraphs collapses whitespace inside paragraphs of plain text,
// keeping blank lines between them.
func plainParagraphs(s string) string {
	s = cleanControl(strings.ReplaceAll(s, "\r\n", "\n"))
	paras := blankLine.Split(s, -1)
	out := paras[:0]
	for _, p := range paras {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// inlineText turns a title-like field into one line of plain text: tags
// removed if it holds markup, entities decoded, whitespace collapsed.
func inlineText(s string, maxRunes int) string {
	if looksLikeHTML.MatchString(s) {
		s = htmlToText(s, 0)
	} else {
		s = html.UnescapeString(s)
	}
	s = strings.Join(strings.Fields(cleanControl(s)), " ")
	return capRunes(s, maxRunes)
}

// capRunes cuts s to at most n runes, marking the cut with an ellipsis.
func capRunes(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i = range s {
		if count == n-1 {
			break
		}
		count++
	}
	return strings.TrimRightFunc(s[:i], unicode.IsSpace) + "…"
}

// capBytes cuts s to at most n bytes on a rune boundary, preferring a
// paragraph or word boundary near the end.
func capBytes(s string, n int) string {
	if n <= 0 || len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	s = s[:cut]
	if i := strings.LastIndex(s, "\n\n"); i > n*3/4 {
		return s[:i]
	}
	if i := strings.LastIndexByte(s, ' '); i > n*3/4 {
		return s[:i]
	}
	return s
}
