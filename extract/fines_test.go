package extract

import (
	"fmt"
	"strings"
	"testing"

	"breachwire"
)

// finesString renders fines as "3070000 GBP final ICO" for comparison.
func finesString(fs []breachwire.Fine) string {
	var parts []string
	for _, f := range fs {
		p := fmt.Sprintf("%s %s %s", fmtAmount(f.Amount), f.Currency, f.Status)
		if f.Regulator != "" {
			p += " " + f.Regulator
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " | ")
}

func TestFines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"fined", "The ICO has fined the retailer £500,000 for failing to protect card data.",
			"500000 GBP final ICO"},
		{"penalty paid to an authority", "The insurer will pay a $5 million penalty to the state's financial regulator.",
			"5000000 USD final"},
		{"settle charges", "The exchange operator agreed to pay $10 million to settle SEC charges.",
			"10000000 USD final SEC"},
		{"pay to states to close an investigation", "The retailer will pay $17.5 million to 46 states to close a multistate investigation.",
			"17500000 USD final state attorneys general"},
		{"sanctioned with", "The authority sanctioned the airline with 30.000 euros.",
			"30000 EUR final"},
		{"intends", "The ICO said it intends to fine the hotel group £99m.",
			"99000000 GBP provisional ICO"},
		{"faces a proposed fine", "The airline faces a proposed £183.39m fine from the ICO.",
			"183390000 GBP provisional ICO"},
		{"not yet final", "The bank is facing a fine of €4,000,000, but this is not yet final.",
			"4000000 EUR provisional"},
		{"reduced to", "The fine of EUR 35.000 was reduced to EUR 21.000 on appeal.",
			"35000 EUR other | 21000 EUR final"},
		{"down from", "The airline was fined £20m by the ICO, down from the £183m it had proposed.",
			"20000000 GBP final ICO | 183000000 GBP other ICO"},
		{"notice of intent then final", "The ICO issued a notice of intent for £6.09m. It later fined the supplier £3.07m.",
			"6090000 GBP other ICO | 3070000 GBP final ICO"},
		{"conversion in brackets", "The authority imposed a fine of PLN 40.000 (approx. EUR 9,400) on the shop.",
			"40000 PLN final | 9400 EUR other"},
		{"total of listed fines", "The CNIL fined two firms €100 million and €50 million, €150 million in all.",
			"100000000 EUR final CNIL | 50000000 EUR final CNIL | 150000000 EUR other CNIL"},
		{"range", "Further fines of between €6,000 and €17,000 were imposed.",
			"6000 EUR other | 17000 EUR other"},
		{"bounds of one sum", "The settlement with the FTC will cost the firm no less than $575 million and up to $700 million.",
			"575000000 USD other FTC | 700000000 USD other FTC"},
		{"periodic penalty", "The authority imposed a fine of €15.000 and a penalty of 1,000 euros per day until it complies.",
			"15000 EUR final | 1000 EUR other"},
		{"restated fine is one", "The DPC fined the platform €1.2bn. The 1.2 billion euros penalty is a record.",
			"1200000000 EUR final DPC"},
		{"settlement with an authority", "Under a settlement with the Department of Health, the clinic will pay $750,000.",
			"750000 USD final"},
		{"civil money penalty", "The hospital will pay a $548,265 civil money penalty to the Office for Civil Rights.",
			"548265 USD final HHS OCR"},
		// not fines
		{"statutory maximum", "The ICO can issue a maximum fine of £17.5m or 4% of turnover.", ""},
		{"fines of up to", "Firms face fines of up to €20 million under the law.", ""},
		{"ransom", "The hospital paid a ransom of $4.4 million to the gang.", ""},
		{"class action", "Yahoo agreed to a $117.5 million class-action settlement with users.", ""},
		{"compensation fund", "$300 million goes into a consumer compensation fund.", ""},
		{"revenue", "The firm reported annual revenue of $3.2 billion.", ""},
		{"percentage", "The bank was fined about 0.00016% of its annual net revenue.", ""},
		{"fine without an amount", "The regulator issued a fine but did not publish the amount.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Extract(Input{Text: tt.in})
			if got := finesString(f.Fines); got != tt.want {
				t.Errorf("%q\n got %s\nwant %s", tt.in, got, tt.want)
			}
			checkNumericSpans(t, tt.in, f)
		})
	}
}

func TestMoneyRoles(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"The ICO fined the firm £500,000.", breachwire.RoleFine},
		{"The gang demanded $70 million for a decryptor.", breachwire.RoleRansom},
		{"The attack cost the company £30m in recovery costs.", breachwire.RoleLoss},
		{"The firm reported revenue of $3.2 billion.", breachwire.RoleOther},
		{"Shares fell, wiping $2bn off its market value.", breachwire.RoleOther},
		{"The ICO can issue a maximum fine of £17.5m.", breachwire.RoleOther},
		{"Caesars paid about $15 million to the hackers after the attack.", breachwire.RoleRansom},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f := Extract(Input{Text: tt.in})
			if len(f.Money) != 1 || f.Money[0].Role != tt.want {
				t.Errorf("%q: money %s roles %v, want one %s", tt.in, moneyString(f.Money), roles(f.Money), tt.want)
			}
		})
	}
}

func roles(ms []breachwire.Money) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Role)
	}
	return out
}
