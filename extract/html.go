package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// PlainText returns s reduced to plain text when it looks like HTML, and s
// unchanged otherwise (apart from invalid UTF-8, which is replaced, and
// control characters other than tab and newline, which are dropped).
//
// The reduction reads HTML as a stream of tokens, not a tree, so any depth
// of nesting costs the same (RELIABILITY C2): block elements (p, div, li,
// h1-h6, tr...) become line breaks, so that paragraphs, headings and list
// items are sentences of their own; br becomes a line break; list items are
// marked with a bullet; the content of script, style, head, template,
// noscript, svg and similar elements is dropped; entities are decoded; and
// runs of white space inside text are collapsed, except in pre.
func PlainText(s string) string {
	if !looksLikeHTML(s) {
		return cleanText(s)
	}
	var b strings.Builder
	b.Grow(len(s) / 2)
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0   // depth inside elements whose content is dropped
	pre := 0    // depth inside pre
	space := "" // pending separator: "", " ", "\n" or "\n\n"
	write := func(t string) {
		if t == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteString(space)
		}
		space = ""
		b.WriteString(t)
	}
	sep := func(s string) {
		if len(s) > len(space) {
			space = s
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return cleanText(strings.TrimSpace(b.String()))
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			if pre > 0 {
				write(t)
				continue
			}
			// collapse white space, keeping a separator at either end
			lead := len(t) > 0 && isHTMLSpace(t[0])
			trail := len(t) > 0 && isHTMLSpace(t[len(t)-1])
			fields := strings.Fields(t)
			if len(fields) == 0 {
				if lead {
					sep(" ")
				}
				continue
			}
			if lead {
				sep(" ")
			}
			write(strings.Join(fields, " "))
			if trail {
				sep(" ")
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Body && skip > 0 && tt == html.StartTagToken {
				skip = 0 // a head left open
			}
			if droppedContent[a] {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if a == atom.Pre {
				if tt == html.StartTagToken {
					pre++
				} else if tt == html.EndTagToken && pre > 0 {
					pre--
				}
			}
			switch {
			case a == atom.Br:
				sep("\n")
			case a == atom.Li && tt == html.EndTagToken:
				sep("\n")
			case a == atom.Li:
				sep("\n")
				if skip == 0 {
					write("• ")
					space = ""
				}
			case a == atom.Td || a == atom.Th:
				sep(" ")
			case blockElements[a]:
				sep("\n\n")
			}
		}
	}
}

// looksLikeHTML reports whether s holds HTML markup: a document type, or an
// opening or closing tag of a common element ("<p>", "</div>", "<br/>").
// Text that merely has a "<" in it ("x < 5", "<3") is not HTML.
func looksLikeHTML(s string) bool {
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			return false
		}
		i += k + 1
		j := i
		if j < len(s) && s[j] == '/' {
			j++
		}
		if j < len(s) && s[j] == '!' {
			if strings.HasPrefix(strings.ToLower(s[j:min(len(s), j+8)]), "!doctype") || strings.HasPrefix(s[j:], "!--") {
				return true
			}
			continue
		}
		e := j
		for e < len(s) && e-j < 12 && (s[e] >= 'a' && s[e] <= 'z' || s[e] >= 'A' && s[e] <= 'Z' || s[e] >= '1' && s[e] <= '6' && e > j) {
			e++
		}
		if e == j || e >= len(s) {
			continue
		}
		if c := s[e]; c != '>' && c != ' ' && c != '/' && c != '\t' && c != '\n' && c != '\r' {
			continue
		}
		if a := atom.Lookup([]byte(strings.ToLower(s[j:e]))); a != 0 && (blockElements[a] || inlineElements[a] || droppedContent[a]) {
			return true
		}
	}
	return false
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}

// cleanText replaces invalid UTF-8 and drops control characters other than
// tab and newline (RELIABILITY C3).
func cleanText(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f || c >= utf8.RuneSelf {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return r
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0xfffe || r == 0xffff:
			return -1
		}
		return r
	}, s)
}

// blockElements end a paragraph.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Table: true, atom.Tr: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Caption: true,
	atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Main: true, atom.Nav: true, atom.Figure: true,
	atom.Figcaption: true, atom.Hr: true, atom.Address: true, atom.Details: true, atom.Summary: true,
	atom.Form: true, atom.Fieldset: true, atom.Html: true, atom.Body: true, atom.Br: true, atom.Td: true,
	atom.Th: true, atom.Title: true,
}

// inlineElements are common inline elements, used to recognise HTML.
var inlineElements = map[atom.Atom]bool{
	atom.A: true, atom.Span: true, atom.Strong: true, atom.Em: true, atom.B: true, atom.I: true, atom.U: true,
	atom.Img: true, atom.Code: true, atom.Small: true, atom.Sup: true, atom.Sub: true, atom.Abbr: true,
	atom.Cite: true, atom.Time: true, atom.Mark: true, atom.Q: true, atom.S: true,
}

// droppedContent are elements whose content is not text of the article.
var droppedContent = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Head: true, atom.Template: true, atom.Noscript: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Canvas: true,
	atom.Select: true, atom.Textarea: true, atom.Button: true, atom.Video: true, atom.Audio: true,
}
