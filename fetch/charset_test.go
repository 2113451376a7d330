package fetch

import "testing"

func TestStripInvalidXMLChars_C3(t *testing.T) {
	tests := []struct{ in, want string }{
		{"clean &amp; &#8230; &#x2026;", "clean &amp; &#8230; &#x2026;"},
		{"a&#0;b", "ab"},
		{"a&#x0;b&#X1F;c", "abc"},
		{"a&#999999999999;b", "ab"},
		{"a&#" + "9999999999999999999999999999999999999999" + ";b", "ab"},
		{"a&#xFFFE;b&#65534;c", "abc"},
		{"a&#9;b&#10;c&#x1F600;", "a&#9;b&#10;c&#x1F600;"},
		{"a\x00b\x08c\td\ne", "abc\td\ne"},
		{"x\uFFFEy\uFFFFz", "xyz"},
		{"&#; &#x; &# text &#12", "&#; &#x; &# text &#12"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := string(stripInvalidXMLChars([]byte(tt.in))); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestToUTF8_C4 applies the charset rule: valid UTF-8 stays, else header,
// then declaration or meta, then sniffing; converted once.
func TestToUTF8_C4(t *testing.T) {
	latin1 := []byte("<p>caf\xe9 cr\xe8me</p>")
	tests := []struct {
		name, body, contentType string
		xml                     bool
		want                    string
	}{
		{"utf-8 with wrong header", "<p>café</p>", "text/html; charset=iso-8859-1", false, "<p>café</p>"},
		{"utf-8 BOM removed", "\xef\xbb\xbf<p>café</p>", "", false, "<p>café</p>"},
		{"latin-1 by header", string(latin1), "text/html; charset=ISO-8859-1", false, "<p>café crème</p>"},
		{"latin-1 sniffed", string(latin1), "", false, "<p>café crème</p>"},
		{"latin-1 by meta", "<meta charset=\"windows-1252\">" + string(latin1) + "\x93q\x94", "", false, "<meta charset=\"windows-1252\"><p>café crème</p>“q”"},
		{"mostly utf-8 with a bad byte", "<p>café \xff déjà</p>", "", false, "<p>café \uFFFD déjà</p>"},
		{"xml declaration rewritten", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>", "", true, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>café</a>"},
		{"xml utf-8 with a lying declaration", "<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>Привет</a>", "", true, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>Привет</a>"},
		{"utf-16 with BOM", "\xff\xfe<\x00a\x00>\x00\xe9\x00<\x00/\x00a\x00>\x00", "", true, "<a>é</a>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(toUTF8([]byte(tt.body), tt.contentType, tt.xml)); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
