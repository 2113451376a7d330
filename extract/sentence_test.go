package extract

import (
	"reflect"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "One fine. Two fines! Three?", []string{"One fine.", "Two fines!", "Three?"}},
		{"decimal", "It paid £3.07m. Then it appealed.", []string{"It paid £3.07m.", "Then it appealed."}},
		{"abbreviation", "Acme Ltd. was fined by the U.S. regulator. It paid.", []string{"Acme Ltd. was fined by the U.S. regulator.", "It paid."}},
		{"initial", "Commissioner J. Edwards spoke. Done.", []string{"Commissioner J. Edwards spoke.", "Done."}},
		{"quote", `He said "we failed." Then left.`, []string{`He said "we failed."`, "Then left."}},
		{"blank line", "Heading\n\nBody text here.", []string{"Heading", "Body text here."}},
		{"bullets", "Findings:\n- no MFA\n- no patching", []string{"Findings:", "- no MFA", "- no patching"}},
		{"lowercase after stop", "approx. 500 people were hit.", []string{"approx. 500 people were hit."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range sentences(tt.text) {
				got = append(got, tt.text[s.Start:s.End])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}
