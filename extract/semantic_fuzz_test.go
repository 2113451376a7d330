package extract

import (
	"strings"
	"testing"
)

// FuzzExtractSemantic checks what Extract owes on any input: no panic,
// offsets inside the input, the text at the offsets equal to the value's
// text, evidence containing it, and organisations taken from the input.
func FuzzExtractSemantic(f *testing.F) {
	for _, s := range []string{
		"Acme Ltd was fined £1m by the ICO after a ransomware attack; it had no MFA.",
		"The covered entity (CE), Lakeside Dental, reported that a laptop was stolen.",
		"Hackers stole data.\n\nThe SEC said its X account was taken over.",
		"“Interserve” did not use multi-factor authentication (MFA)… CVE-2023-1234",
		"- no MFA\n- unpatched\n1. Enforce MFA.",
		"AT&T's data was downloaded. 23andMe said. N.V. S.A. Inc.",
		"\xff\xfe broken \x00 bytes 'quote' ’s",
		"",
	} {
		f.Add("", s)
	}
	f.Add("Firm fined after phishing", "The company said staff were phished.")
	f.Fuzz(func(t *testing.T, title, text string) {
		got := Extract(Input{Title: title, Text: text})
		checkInvariants(t, text, got)
		for _, o := range got.Organisations {
			words := strings.Fields(o)
			if len(words) == 0 {
				t.Fatalf("empty organisation name from %q", text)
			}
			for _, w := range words {
				if !strings.Contains(text, w) && !strings.Contains(title, w) {
					t.Fatalf("organisation %q: word %q not in the input", o, w)
				}
			}
		}
		if got.MFA != nil && (len(got.Controls) == 0 || got.Controls[0].Control != "mfa") {
			t.Fatalf("mfa set but controls %v", got.Controls)
		}
	})
}
