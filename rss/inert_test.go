package rss

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// activeMarkup parses an HTML fragment as a browser would and lists what in
// it could run: scripting elements, event handler and style attributes, and
// URLs that are not http(s). With strict, any element beyond the formatting
// and links our descriptions use is reported too (an image would load a
// remote resource). Escaped text such as "&lt;script&gt;" is text to the
// parser and is not reported.
func activeMarkup(fragment string, strict bool) []string {
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return []string{"unparsable: " + err.Error()}
	}
	allowed := map[string]bool{"p": true, "strong": true, "a": true, "br": true, "b": true, "em": true}
	scripting := map[string]bool{"script": true, "iframe": true, "object": true, "embed": true,
		"style": true, "svg": true, "math": true, "form": true, "base": true, "meta": true, "link": true}
	var bad []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if (strict && !allowed[n.Data]) || scripting[n.Data] {
				bad = append(bad, "<"+n.Data+">")
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || key == "style" || (strict && key == "src") {
					bad = append(bad, key+"=")
				}
				if key == "href" || key == "src" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					absolute := strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://")
					scheme, _, hasColon := strings.Cut(v, ":")
					relative := !hasColon || strings.ContainsAny(scheme, "/?#")
					if !absolute && (strict || !relative) {
						bad = append(bad, key+"="+a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return bad
}

func TestActiveMarkup(t *testing.T) {
	tests := []struct {
		in     string
		strict bool
		want   int
	}{
		{`<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`, true, 0},
		{`<p><a href="https://x.example/">x</a></p>`, true, 0},
		{`<script>alert(1)</script>`, false, 1},
		{`<img src=x onerror=alert(1)>`, true, 4},
		{`<img src="https://x.example/i.png">`, false, 0},
		{`<img src="https://x.example/i.png">`, true, 2},
		{`<a href="javascript:alert(1)">x</a>`, false, 1},
	}
	for _, tt := range tests {
		if got := activeMarkup(tt.in, tt.strict); len(got) != tt.want {
			t.Errorf("activeMarkup(%q) = %v, want %d findings", tt.in, got, tt.want)
		}
	}
}
