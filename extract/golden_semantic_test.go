package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"breachwire"
)

// semanticWant is the expected part of a golden case: only the fields
// present in the file are checked.
type semanticWant struct {
	MFA           *string   `json:"mfa"`
	AttackTypes   *[]string `json:"attack_types"`
	Organisations *[]string `json:"organisations"`
	Regulators    *[]string `json:"regulators"`
	ThreatActors  *[]string `json:"threat_actors"`
	CVEs          *[]string `json:"cves"`
	Sectors       *[]string `json:"sectors"`
	Countries     *[]string `json:"countries"`
	Controls      *map[string]string
	raw           map[string]json.RawMessage
}

// readCase reads testdata/semantic/NAME.txt: an optional first line
// "Title: ..." and a blank line, then the text; or NAME.html, an HTML page
// reduced with PlainText.
func readCase(t *testing.T, path string) Input {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.HasSuffix(path, ".html") {
		return Input{Text: PlainText(s)}
	}
	var in Input
	if rest, ok := strings.CutPrefix(s, "Title: "); ok {
		title, body, _ := strings.Cut(rest, "\n")
		in.Title = title
		s = strings.TrimLeft(body, "\n")
	}
	in.Text = strings.TrimRight(s, "\n")
	return in
}

// TestSemanticGolden runs every pair testdata/semantic/NAME.txt (or
// NAME.html) and NAME.json: adding a case needs no code.
func TestSemanticGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/semantic/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := filepath.Glob("testdata/semantic/*.html")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, pages...)
	if len(files) == 0 {
		t.Fatal("no golden cases in testdata/semantic")
	}
	for _, txt := range files {
		ext := filepath.Ext(txt)
		name := strings.TrimSuffix(filepath.Base(txt), ext)
		t.Run(name, func(t *testing.T) {
			in := readCase(t, txt)
			b, err := os.ReadFile(strings.TrimSuffix(txt, ext) + ".json")
			if err != nil {
				t.Fatal(err)
			}
			var want semanticWant
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &want.raw); err != nil {
				t.Fatal(err)
			}
			got := Extract(in)
			checkInvariants(t, in.Text, got)
			if t.Failed() {
				return
			}
			if _, ok := want.raw["mfa"]; ok {
				var g *string
				if got.MFA != nil {
					g = &got.MFA.Status
				}
				if deref(g) != deref(want.MFA) {
					ev := ""
					if got.MFA != nil {
						ev = got.MFA.Evidence
					}
					t.Errorf("mfa = %q, want %q (evidence %q)", deref(g), deref(want.MFA), ev)
				}
			}
			sameSet(t, "attack_types", got.AttackTypes, want.AttackTypes)
			sameSet(t, "regulators", got.Regulators, want.Regulators)
			sameSet(t, "threat_actors", got.ThreatActors, want.ThreatActors)
			sameSet(t, "cves", got.CVEs, want.CVEs)
			sameSet(t, "sectors", got.Sectors, want.Sectors)
			sameSet(t, "countries", got.Countries, want.Countries)
			if want.Organisations != nil && !sameOrgs(got.Organisations, *want.Organisations) {
				t.Errorf("organisations = %q, want %q", got.Organisations, *want.Organisations)
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

func sameSet(t *testing.T, field string, got []string, want *[]string) {
	t.Helper()
	if want == nil {
		return
	}
	g, w := slices.Clone(got), slices.Clone(*want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Errorf("%s = %q, want %q", field, got, *want)
	}
}

var orgWordRE = regexp.MustCompile(`[a-z0-9&]+`)

// sameOrgs matches names as the evaluation does: one-to-one, the words of
// one name (without legal suffixes) contained in the other's.
func sameOrgs(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	words := func(s string) []string {
		var out []string
		for _, w := range orgWordRE.FindAllString(strings.ToLower(s), -1) {
			if !legalSuffix(w) && w != "the" {
				out = append(out, w)
			}
		}
		return out
	}
	subset := func(a, b []string) bool {
		for _, w := range a {
			if !slices.Contains(b, w) {
				return false
			}
		}
		return true
	}
	used := make([]bool, len(got))
	for _, w := range want {
		ww := words(w)
		found := false
		for i, g := range got {
			gw := words(g)
			if !used[i] && len(gw) > 0 && len(ww) > 0 && (subset(gw, ww) || subset(ww, gw)) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// checkInvariants asserts what every extraction owes: offsets inside the
// input, the text at the offsets equal to the value's text, and evidence
// that contains it.
func checkInvariants(t *testing.T, text string, f breachwire.Facts) {
	t.Helper()
	span := func(what, val, ev string, start, end int) {
		if start < 0 || end > len(text) || start > end {
			t.Errorf("%s %q: offsets [%d,%d) outside the input (%d bytes)", what, val, start, end, len(text))
			return
		}
		if text[start:end] != val {
			t.Errorf("%s: text[%d:%d] = %q, want %q", what, start, end, text[start:end], val)
		}
		if !strings.Contains(ev, val) {
			t.Errorf("%s %q: evidence %q does not contain it", what, val, ev)
		}
		if !strings.Contains(text, ev) {
			t.Errorf("%s %q: evidence %q is not in the input", what, val, ev)
		}
	}
	for _, c := range f.Controls {
		span("control "+c.Control, c.Text, c.Evidence, c.Start, c.End)
	}
	if f.MFA != nil {
		span("mfa", f.MFA.Text, f.MFA.Evidence, f.MFA.Start, f.MFA.End)
	}
	for _, x := range f.Fines {
		span("fine", x.Text, x.Evidence, x.Start, x.End)
	}
	for _, x := range f.Affected {
		span("affected", x.Text, x.Evidence, x.Start, x.End)
	}
	for _, x := range f.Money {
		span("money", x.Text, x.Evidence, x.Start, x.End)
	}
}
