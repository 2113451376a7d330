package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"breachwire"
)

// checkNumericSpans asserts the span contract of every money, fine and
// affected value: offsets inside the input, Text == input[Start:End], and
// the evidence holds the text.
func checkNumericSpans(t *testing.T, input string, f breachwire.Facts) {
	t.Helper()
	check := func(kind string, sp breachwire.Span) {
		t.Helper()
		if sp.Start < 0 || sp.End > len(input) || sp.Start > sp.End {
			t.Fatalf("%s %q: offsets [%d,%d) outside the input of %d bytes", kind, sp.Text, sp.Start, sp.End, len(input))
		}
		if input[sp.Start:sp.End] != sp.Text {
			t.Fatalf("%s: Text %q but input[%d:%d] is %q", kind, sp.Text, sp.Start, sp.End, input[sp.Start:sp.End])
		}
		if sp.Text == "" {
			t.Fatalf("%s: empty text at %d", kind, sp.Start)
		}
		if !strings.Contains(sp.Evidence, sp.Text) {
			t.Fatalf("%s: evidence %q does not contain %q", kind, sp.Evidence, sp.Text)
		}
	}
	for _, m := range f.Money {
		check("money", m.Span)
		if m.Amount < 0 {
			t.Fatalf("money %q: negative amount %v", m.Text, m.Amount)
		}
	}
	for _, x := range f.Fines {
		check("fine", x.Span)
		switch x.Status {
		case breachwire.FineFinal, breachwire.FineProvisional, breachwire.FineOther:
		default:
			t.Fatalf("fine %q: status %q", x.Text, x.Status)
		}
	}
	for _, a := range f.Affected {
		check("affected", a.Span)
		if a.Count < 2 || a.What == "" {
			t.Fatalf("affected %q: count %d what %q", a.Text, a.Count, a.What)
		}
	}
}

// FuzzNumeric_P5 checks that the numeric extractor never panics on any
// input and that every value keeps the span contract (RELIABILITY P5: a
// parser never crashes on any input; C3: invalid UTF-8 and control bytes).
func FuzzNumeric_P5(f *testing.F) {
	seeds := []string{
		"The ICO fined the firm £3.07m after the data of 79,404 people was stolen.",
		"€11,5 million", "HUF 11.000.000 (approx. EUR 34.000)", "between 10 and 20 dollars",
		"Rs. 20", "$20 43", "one hundred and five million people were affected.",
		"forty-five (45) patients", "12,34,567.89 rupees", "1.3e6 users were exposed",
		"US$ 3.14-$ 4.15", "a dollar and 42 cents", "half a million customers' records",
		"\xff\xfe$1\x00m", "1 in 5 people", "(623) 466-1999", "CVE-2021-44228 hit 3 million users",
		"reduced from £183m to £20m", "$ 281.40 $ 265.70", "50,- Kč", "500 000 € fine",
		strings.Repeat("$1-", 50), strings.Repeat("one and ", 40) + "people",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := newDoc(Input{Text: s})
		var facts breachwire.Facts
		extractNumeric(d, &facts)
		checkNumericSpans(t, s, facts)
	})
}

// TestNumeric_C3_IllegalCharacters feeds control bytes, invalid UTF-8 and
// odd space characters around figures.
func TestNumeric_C3_IllegalCharacters(t *testing.T) {
	inputs := []string{
		"fined \xff£3m\x00 after \xc3\x28 500 people were affected",
		"\u0008€1\u202f000 fine for 2\u00a0000 customers' data being exposed",
		"£" + string([]byte{0xe2, 0x82}) + "5m",
		"\ufffe$10K\ufeff",
	}
	for _, in := range inputs {
		facts := Extract(Input{Text: in})
		checkNumericSpans(t, in, facts)
		for _, m := range facts.Money {
			if !utf8.ValidString(m.Text) && utf8.ValidString(in) {
				t.Errorf("money text %q is not valid UTF-8", m.Text)
			}
		}
	}
}

// TestNumeric_C8_HostileSizes checks that a sentence with sixty
// thousand figures, or a run of number words, is read in bounded work: the
// values are capped and the call returns (a quadratic pass would not
// within the test timeout).
func TestNumeric_C8_HostileSizes(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 30000; i++ {
		b.WriteString("fined $1,000 and 2,000 customers were affected, ")
	}
	in := b.String()
	d := newDoc(Input{Text: in})
	var facts breachwire.Facts
	extractNumeric(d, &facts)
	if len(facts.Money) == 0 || len(facts.Money) > qMaxValues {
		t.Errorf("money: %d values, want 1..%d", len(facts.Money), qMaxValues)
	}
	checkNumericSpans(t, in, facts)

	words := strings.Repeat("one hundred and ", 50000) + "people were affected."
	d = newDoc(Input{Text: words})
	facts = breachwire.Facts{}
	extractNumeric(d, &facts)
	checkNumericSpans(t, words, facts)
}
