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
		{"glued stop", "The bank paid EUR 21.000.Vodafone appealed the decision.", []string{"The bank paid EUR 21.000.", "Vodafone appealed the decision."}},
		{"glued after word", "It ignored the lists.TIM also failed.", []string{"It ignored the lists.", "TIM also failed."}},
		{"domain is not a stop", "Visit ic3.gov or fbi.gov.Then call.", []string{"Visit ic3.gov or fbi.gov.Then call."}},
		{"hard-wrapped repost", "Today we announce charges against\ncriminal actors who deployed\nransomware. Next sentence.", []string{"Today we announce charges against\ncriminal actors who deployed\nransomware.", "Next sentence."}},
		{"wrapped line ending in a function word", "The\nFederal Trade Commission has finalized an order.", []string{"The\nFederal Trade Commission has finalized an order."}},
		{"heading and dateline", "Hospital Fined Over Breach\nJanuary 11, 2023\nThe hospital paid.", []string{"Hospital Fined Over Breach", "January 11, 2023", "The hospital paid."}},
		{"list with semicolons", "Victims included:\nthe City of Springfield;\nthe Shelbyville\nWater Board.", []string{"Victims included:\nthe City of Springfield;\nthe Shelbyville\nWater Board."}},
		{"round bullets", "Actions:\n• Enforce MFA.\n• Patch systems.", []string{"Actions:", "• Enforce MFA.", "• Patch systems."}},
		{"dotted company form", "ING Bank N.V. was fined. It paid.", []string{"ING Bank N.V. was fined.", "It paid."}},
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
