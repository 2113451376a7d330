package index

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"breachwire"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		q    string
		want []clause
	}{
		{"", nil},
		{"  \t ", nil},
		{"ransomware", []clause{{should, "ransomware", false}}},
		{"ransomware  hospital", []clause{{should, "ransomware", false}, {should, "hospital", false}}},
		{`"notice of intent"`, []clause{{should, "notice of intent", true}}},
		{`+ico -"data breach" fine`, []clause{{must, "ico", false}, {mustNot, "data breach", true}, {should, "fine", false}}},
		{"e-mail co-op", []clause{{should, "e-mail", false}, {should, "co-op", false}}},
		{"title:x AND y*", []clause{{should, "title:x", false}, {should, "AND", false}, {should, "y*", false}}},
		{"café +über", []clause{{should, "café", false}, {must, "über", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got, err := parseQuery(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("parseQuery(%q) = %+v, want %+v", tt.q, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("clause %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// FuzzParseQuery: any input either parses into clauses with text, or gives
// an invalid error; never a panic or an internal error (RELIABILITY F3).
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`"a b" +c -d`, `"`, `+`, `-"x`, `a"b`, `""`, "\xff", strings.Repeat("a ", 33)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		cs, err := parseQuery(q)
		if err != nil {
			var e *breachwire.Error
			if !errors.As(err, &e) || e.Code != breachwire.ECodeInvalid {
				t.Fatalf("parseQuery(%q): %v is not an invalid *breachwire.Error", q, err)
			}
			return
		}
		if len(cs) > MaxClauses {
			t.Fatalf("%d clauses, over the cap", len(cs))
		}
		for _, c := range cs {
			if strings.TrimSpace(c.text) == "" || !utf8.ValidString(c.text) {
				t.Fatalf("parseQuery(%q): empty or invalid clause %+v", q, c)
			}
		}
	})
}
