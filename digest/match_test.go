package digest

import (
	"net/url"
	"strings"
	"testing"

	"breachwire"
)

// eur converts at made-up round rates, enough to test the comparison.
func eur(amount float64, currency string, year int) (float64, bool) {
	rate := map[string]float64{"EUR": 1, "GBP": 1.2, "USD": 0.9}[currency]
	return amount * rate, rate != 0
}

func TestExplain(t *testing.T) {
	tests := []struct {
		name    string
		filter  url.Values
		article breachwire.Article
		conv    breachwire.Converter
		want    string // reasons joined by "; ", or "NO" when it does not pass
	}{
		{"everything", url.Values{}, advanced(), nil, ""},
		{"regulator and mfa", url.Values{"regulator": {"ico"}, "mfa": {"absent"}}, advanced(), nil, "regulator ICO; MFA absent"},
		{"regulator from a fine", url.Values{"regulator": {"CNIL"}}, cnil(), nil, "regulator CNIL"},
		{"regulator missing", url.Values{"regulator": {"FCA"}}, advanced(), nil, "NO"},
		{"mfa other status", url.Values{"mfa": {"present"}}, advanced(), nil, "NO"},
		{"min fine same currency", url.Values{"min_fine": {"1m"}, "currency": {"GBP"}}, advanced(), nil, "fine £3.07m, at least £1m"},
		{"min fine converted", url.Values{"min_fine": {"3.5m"}}, advanced(), eur, "fine £3.07m, at least €3.5m"},
		{"min fine too high converted", url.Values{"min_fine": {"4m"}}, advanced(), eur, "NO"},
		{"min fine other currency without rates", url.Values{"min_fine": {"1m"}}, advanced(), nil, "NO"},
		{"other-status fines do not count", url.Values{"min_fine": {"5m"}, "currency": {"GBP"}}, advanced(), nil, "NO"},
		{"min affected", url.Values{"min_affected": {"50k"}}, advanced(), nil, "79,404 people, at least 50,000"},
		{"control any status", url.Values{"control": {"encryption"}}, cnil(), nil, "Encryption absent"},
		{"control with status", url.Values{"control": {"encryption:present"}}, cnil(), nil, "NO"},
		{"attack", url.Values{"attack": {"ransomware,phishing"}}, breach(), nil, "attack phishing"},
		{"country from source", url.Values{"country": {"fr"}}, cnil(), nil, "country FR"},
		{"org word prefix", url.Values{"org": {"advanced"}}, advanced(), nil, "organisation Advanced Computer Software Group Ltd"},
		{"org not inside a word", url.Values{"org": {"vanced"}}, advanced(), nil, "NO"},
		{"text", url.Values{"q": {"NHS ransomware"}}, advanced(), nil, "text “NHS ransomware”"},
		{"text missing word", url.Values{"q": {"NHS phishing"}}, advanced(), nil, "NO"},
		{"kind and source", url.Values{"kind": {"regulator"}, "source": {"ico-news"}}, advanced(), nil, "kind regulator; source ICO news"},
		{"sector", url.Values{"sector": {"health"}}, breach(), nil, "NO"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := breachwire.ParseFilter(tt.filter, until)
			if err != nil {
				t.Fatal(err)
			}
			reasons, ok := Explain(f, &tt.article, tt.conv)
			got := strings.Join(reasons, "; ")
			if !ok {
				got = "NO"
			}
			if got != tt.want {
				t.Errorf("Explain = %q, want %q", got, tt.want)
			}
		})
	}
}
