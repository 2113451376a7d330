package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"breachwire"
)

var updateGolden = flag.Bool("update", false, "rewrite the expected JSON of the golden fixtures")

// goldenNumeric is what a golden fixture pins: the money, fines and
// affected counts of a text, with their words (the evidence sentence and
// offsets are checked by checkNumericSpans instead).
type goldenNumeric struct {
	Fines    []goldenFine     `json:"fines"`
	Affected []goldenAffected `json:"affected"`
	Money    []goldenMoney    `json:"money"`
}

type goldenFine struct {
	Amount    float64 `json:"amount"`
	Currency  string  `json:"currency"`
	Status    string  `json:"status"`
	Regulator string  `json:"regulator"`
	Text      string  `json:"text"`
}

type goldenAffected struct {
	Count     int64  `json:"count"`
	What      string `json:"what"`
	Qualifier string `json:"qualifier"`
	Text      string `json:"text"`
}

type goldenMoney struct {
	Amount    float64 `json:"amount"`
	Currency  string  `json:"currency"`
	Role      string  `json:"role"`
	Qualifier string  `json:"qualifier,omitempty"`
	RangeMin  float64 `json:"range_min,omitempty"`
	RangeMax  float64 `json:"range_max,omitempty"`
	Text      string  `json:"text"`
}

func toGolden(f breachwire.Facts) goldenNumeric {
	g := goldenNumeric{Fines: []goldenFine{}, Affected: []goldenAffected{}, Money: []goldenMoney{}}
	for _, x := range f.Fines {
		g.Fines = append(g.Fines, goldenFine{x.Amount, x.Currency, x.Status, x.Regulator, x.Text})
	}
	for _, a := range f.Affected {
		g.Affected = append(g.Affected, goldenAffected{a.Count, a.What, a.Qualifier, a.Text})
	}
	for _, m := range f.Money {
		g.Money = append(g.Money, goldenMoney{m.Amount, m.Currency, m.Role, m.Qualifier, m.RangeMin, m.RangeMax, m.Text})
	}
	return g
}

// TestNumericGolden runs every testdata/numeric/NAME.txt through Extract
// and compares its money, fines and counts with NAME.json. Adding a case
// is adding a pair of files; run with -update to write the JSON of a new
// text, then check it by hand.
func TestNumericGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "numeric", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no golden fixtures in testdata/numeric")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".txt")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			text := string(raw)
			f := Extract(Input{Text: text})
			checkNumericSpans(t, text, f)
			got, err := json.MarshalIndent(toGolden(f), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			want := strings.TrimSuffix(in, ".txt") + ".json"
			if *updateGolden {
				if err := os.WriteFile(want, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			exp, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run go test -run TestNumericGolden -update to create it)", err)
			}
			if !bytes.Equal(got, exp) {
				t.Errorf("%s: facts differ from %s\n got:\n%s\nwant:\n%s", in, want, got, exp)
			}
		})
	}
}
