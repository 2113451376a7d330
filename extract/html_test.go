package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text unchanged", "The ICO fined Acme £1m.\n\nIt paid.", "The ICO fined Acme £1m.\n\nIt paid."},
		{"less-than is not a tag", "If x < 5 and y > 2 then <3 hearts.", "If x < 5 and y > 2 then <3 hearts."},
		{"paragraphs", "<p>The firm was fined.</p><p>It will appeal.</p>", "The firm was fined.\n\nIt will appeal."},
		{"entities", "<p>AT&amp;T paid &pound;5m &mdash; the &quot;largest&quot; fine.</p>", "AT&T paid £5m — the \"largest\" fine."},
		{"script and style dropped", "<html><head><title>x</title><style>p{color:red}</style></head><body><script>var a = '<p>no</p>';</script><p>Kept.</p></body></html>", "Kept."},
		{"inline tags join words", "<p>The <strong>Information Commissioner's</strong> <a href=\"/x\">Office</a> said.</p>", "The Information Commissioner's Office said."},
		{"line breaks", "First line<br>second line<br/>third", "First line\nsecond line\nthird"},
		{"list items become bullets", "<p>Findings:</p><ul><li>no MFA</li><li>no patching</li></ul>", "Findings:\n\n• no MFA\n• no patching"},
		{"headings", "<h1>Hospital fined</h1><p>The hospital paid.</p>", "Hospital fined\n\nThe hospital paid."},
		{"white space collapsed", "<p>The   company\n   was\tfined.</p>", "The company was fined."},
		{"pre kept", "<pre>a  b\n c</pre>", "a  b\n c"},
		{"doctype only", "<!DOCTYPE html>Hello", "Hello"},
		{"head left open", "<head><title>T</title><body><p>Body text.</p>", "Body text."},
		{"table cells", "<table><tr><td>Fine</td><td>£5m</td></tr><tr><td>Date</td><td>2024</td></tr></table>", "Fine £5m\n\nDate 2024"},
		{"numeric entity zero", "<p>a&#0;b</p>", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainText(tt.in); got != tt.want {
				t.Errorf("PlainText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestPlainText_C2_DeepNesting: 10^5 nested elements are read in one pass,
// without recursion.
func TestPlainText_C2_DeepNesting(t *testing.T) {
	n := 100000
	in := strings.Repeat("<div>", n) + "deep text" + strings.Repeat("</div>", n)
	if got := PlainText(in); got != "deep text" {
		t.Fatalf("PlainText of deep nesting = %q", got)
	}
}

// TestPlainText_C3_IllegalCharacters: control bytes, invalid UTF-8 and
// pathological entities are replaced or dropped; the rest is kept.
func TestPlainText_C3_IllegalCharacters(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"control byte", "<p>a\x08b</p>", "ab"},
		{"invalid utf-8", "<p>caf\xe9 open</p>", "caf\uFFFD open"},
		{"huge numeric entity", "<p>x&#999999999999;y</p>", "x\uFFFDy"},
		{"U+FFFE", "<p>a\uFFFEb</p>", "ab"},
		{"plain text with a control byte", "a\x00b\x1bc", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PlainText(tt.in)
			if got != tt.want {
				t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("PlainText(%q) is not valid UTF-8", tt.in)
			}
		})
	}
	// many bare ampersands with a distant semicolon stay linear
	in := "<p>" + strings.Repeat("&", 100000) + strings.Repeat("x", 1000) + ";</p>"
	if got := PlainText(in); !strings.HasPrefix(got, "&&&") {
		t.Errorf("bare ampersands: got prefix %q", got[:min(10, len(got))])
	}
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{
		"<p>The ICO fined <b>Acme</b> £1m.</p>", "plain text", "<script>x</script>y", "<ul><li>a<li>b</ul>",
		"<pre>a\n b</pre>", "&amp;&#0;&#x110000;", "<head><title>t", "<svg><p>x</svg>", "x < 5 <3", "\xff\xfe<p>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := PlainText(s)
		if !utf8.ValidString(got) {
			t.Fatalf("PlainText(%q) = %q: invalid UTF-8", s, got)
		}
		for _, r := range got {
			if r < 0x20 && r != '\n' && r != '\t' && r != '\r' {
				t.Fatalf("PlainText(%q) = %q: control character %U", s, got, r)
			}
		}
		if len(got) > 4*len(s)+16 {
			t.Fatalf("PlainText(%q): output of %d bytes from %d", s, len(got), len(s))
		}
		// the result extracts without panicking
		_ = Extract(Input{Text: got})
	})
}
