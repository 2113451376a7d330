package digest

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// TextWidth is the width the text part is wrapped to. Only URLs, which
// cannot be broken, are longer.
const TextWidth = 72

// WriteText writes the plain-text part: a heading, the headline figures, then
// each group with its items numbered, every item with its source and date,
// facts, why it matched, summary and link. Lines are wrapped at TextWidth.
func (e *Edition) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(s string) { wrap(bw, s, "", "") }
	p(e.Title())
	p(e.Day() + " · " + e.Window())
	if ft := e.FilterText(); ft != "" {
		p("Filters: " + ft)
	}
	bw.WriteString("\n")
	p(strings.Join(e.Figures(), " · "))
	if e.Empty() {
		bw.WriteString("\n")
		p("Nothing new matched since the last digest.")
	}
	n := 0
	for _, g := range e.Groups() {
		bw.WriteString("\n")
		head := strings.ToUpper(g.Title)
		bw.WriteString(head + "\n" + strings.Repeat("=", utf8.RuneCountInString(head)) + "\n")
		for _, it := range g.Items {
			n++
			num := fmt.Sprintf("%d. ", n)
			indent := strings.Repeat(" ", len(num))
			bw.WriteString("\n")
			wrap(bw, it.Title, num, indent)
			meta := it.Date.Format("2 Jan 2006")
			if it.Source != "" {
				meta = it.Source + " · " + meta
			}
			wrap(bw, meta, indent, indent)
			if it.Facts != "" {
				wrap(bw, it.Facts, indent, indent)
			}
			if len(it.Matches) > 0 {
				wrap(bw, "Matches: "+strings.Join(it.Matches, ", "), indent, indent)
			}
			if it.Summary != "" {
				wrap(bw, it.Summary, indent, indent)
			}
			if it.Link != "" {
				bw.WriteString(indent + it.Link + "\n")
			}
		}
	}
	if e.More > 0 {
		bw.WriteString("\n")
		p("And " + e.MoreText() + ", not listed here.")
	}
	bw.WriteString("\n-- \n")
	if u := e.WebURL(); u != "" {
		p("On the web: " + u)
	}
	if e.Subscription != "" {
		p(fmt.Sprintf("You receive this digest through the subscription %q in breachwire's configuration.", e.Subscription))
	}
	return bw.Flush()
}

// wrap writes s word-wrapped to TextWidth columns, the first line prefixed
// with first and the others with rest. A word longer than the width (a URL)
// gets a line of its own.
func wrap(w *bufio.Writer, s, first, rest string) {
	prefix := first
	line := prefix
	width := utf8.RuneCountInString(prefix)
	empty := true
	for _, word := range strings.Fields(s) {
		wl := utf8.RuneCountInString(word)
		if !empty && width+1+wl > TextWidth {
			w.WriteString(line + "\n")
			prefix = rest
			line, width, empty = prefix, utf8.RuneCountInString(prefix), true
		}
		if !empty {
			line += " "
			width++
		}
		line += word
		width += wl
		empty = false
	}
	if !empty {
		w.WriteString(line + "\n")
	}
}
