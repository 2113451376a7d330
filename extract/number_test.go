package extract

import (
	"math"
	"testing"
)

func TestParseDigits(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want float64
		alt  float64 // -1: no decimal reading
		ok   bool
	}{
		{"plain", "79404", 79404, -1, true},
		{"comma grouping", "3,076,320", 3076320, -1, true},
		{"one comma group", "100,000", 100000, -1, true},
		{"decimal point", "3.07", 3.07, -1, true},
		{"dot grouping or decimal", "30.000", 30000, 30, true},
		{"dot groups", "11.000.000", 11000000, -1, true},
		{"decimal comma", "11,5", 11.5, -1, true},
		{"decimal comma two places", "35,70", 35.70, -1, true},
		{"both, dot decimal", "1,674.5", 1674.5, -1, true},
		{"both, comma decimal", "9.990,00", 9990, -1, true},
		{"indian grouping", "12,34,567.89", 1234567.89, -1, true},
		{"leading zero is decimal", "0.125", 0.125, -1, true},
		{"long decimals", "34.992001", 34.992001, -1, true},
		{"apostrophe grouping", "1'000'000", 1000000, -1, true},
		{"exponent", "1.3e6", 1300000, -1, true},
		{"version is no number", "1.2.3", 0, -1, false},
		{"date is no number", "15.08.2017", 0, -1, false},
		{"bad groups", "1,23,4", 0, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, alt, _, ok := qParseDigits(tt.in)
			if ok != tt.ok {
				t.Fatalf("qParseDigits(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			}
			if !ok {
				return
			}
			if math.Abs(v-tt.want) > 1e-9*math.Max(1, tt.want) {
				t.Errorf("qParseDigits(%q) = %v, want %v", tt.in, v, tt.want)
			}
			if (alt < 0) != (tt.alt < 0) || alt >= 0 && math.Abs(alt-tt.alt) > 1e-9 {
				t.Errorf("qParseDigits(%q) alt = %v, want %v", tt.in, alt, tt.alt)
			}
		})
	}
}

// parseFirstNum parses the number at the first token of text that starts
// one.
func parseFirstNum(text string) (qnum, *qdoc, bool) {
	d := newDoc(Input{Text: text})
	q := newQdoc(d)
	for i := range q.toks {
		if q.kind(i) == qNum {
			n, ok := q.parseNum(i)
			return n, q, ok
		}
		if _, isNum := q.numWordAt(i); isNum {
			if n, ok := q.parseNum(i); ok {
				return n, q, true
			}
		}
	}
	return qnum{}, q, false
}

func TestParseNum(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want float64
		text string // the words read; "" when no number
	}{
		{"digits", "79,404 people", 79404, "79,404"},
		{"suffix m", "£3.07m fine", 3070000, "3.07m"},
		{"suffix bn", "$1.2bn", 1.2e9, "1.2bn"},
		{"suffix K", "100K users", 100000, "100K"},
		{"scale word", "3 million", 3e6, "3 million"},
		{"dot decimal before scale", "1.125 billion", 1.125e9, "1.125 billion"},
		{"decimal comma scale", "€27,8 million", 27.8e6, "27,8 million"},
		{"space grouping", "500 000 euros", 500000, "500 000"},
		{"space grouping with decimals", "2 285,81 zł", 2285.81, "2 285,81"},
		{"words", "seven hundred twenty-one thousand and twelve", 721012, "seven hundred twenty-one thousand and twelve"},
		{"hundred and", "three hundred and thirty one", 331, "three hundred and thirty one"},
		{"hundred and five million", "one hundred and five million", 105e6, "one hundred and five million"},
		{"two numbers joined by and", "one million and two million", 1e6, "one million"},
		{"hundreds joined by and", "between one hundred and two hundred", 100, "one hundred"},
		{"thousand and hundreds", "two thousand and two hundred", 2200, "two thousand and two hundred"},
		{"a million and one", "a million and one", 1000001, "a million and one"},
		{"half a million", "half a million patients", 500000, "half a million"},
		{"a quarter million", "a quarter million", 250000, "a quarter million"},
		{"one and a half million", "one and a half million", 1.5e6, "one and a half million"},
		{"dozens", "two dozen", 24, "two dozen"},
		{"half a dozen", "half a dozen", 6, "half a dozen"},
		{"scale after scale", "two thousand million", 2e9, "two thousand million"},
		{"lakh crore", "three lakh crore", 3e12, "three lakh crore"},
		{"indian words", "three crore twelve lakh fifty-six thousand seven hundred twenty-one", 31256721, "three crore twelve lakh fifty-six thousand seven hundred twenty-one"},
		{"comma after scale", "three million, two hundred & forty", 3000240, "three million, two hundred & forty"},
		{"restated in brackets", "forty-five (45) people", 45, "forty-five (45)"},
		{"restated in words", "45 (forty five) people", 45, "45 (forty five)"},
		{"point", "one point three dollars", 1.3, "one point three"},
		{"bare scale at start", "Million people were affected", 1e6, "Million"},
		{"several million is vague", "several million people", 0, ""},
		{"ordinal", "the 4th customer", 0, ""},
		{"decade", "the 1990s", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, q, ok := parseFirstNum(tt.in)
			defer q.release()
			if tt.text == "" {
				if ok {
					t.Fatalf("%q: read %v from %q, want no number", tt.in, n.val, q.text[q.toks[n.i].start:q.toks[n.j-1].end])
				}
				return
			}
			if !ok {
				t.Fatalf("%q: no number, want %v", tt.in, tt.want)
			}
			got := q.text[q.toks[n.i].start:q.toks[n.j-1].end]
			if math.Abs(n.val-tt.want) > 1e-6*math.Max(1, tt.want) || got != tt.text {
				t.Errorf("%q: read %v from %q, want %v from %q", tt.in, n.val, got, tt.want, tt.text)
			}
		})
	}
}
