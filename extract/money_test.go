package extract

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"breachwire"
)

// numericFacts runs the numeric half alone on text.
func numericFacts(text string) breachwire.Facts {
	var f breachwire.Facts
	extractNumeric(newDoc(Input{Text: text}), &f)
	return f
}

// moneyString renders amounts as "3070000 GBP £3.07m" for comparison.
func moneyString(ms []breachwire.Money) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, fmt.Sprintf("%s %s %s", fmtAmount(m.Amount), m.Currency, m.Text))
	}
	return strings.Join(parts, " | ")
}

func fmtAmount(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%g", v)
}

func TestMoney(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		// symbols and scales
		{"pound suffix m", "It was fined £3.07m.", "3070000 GBP £3.07m"},
		{"dollar bn", "a $1.2bn penalty", "1200000000 USD $1.2bn"},
		{"symbol after", "costs 20€ now", "20 EUR 20€"},
		{"k before symbol", "about 10k$", "10000 USD 10k$"},
		{"us dollar prefix", "US$ 3.14", "3.14 USD US$ 3.14"},
		{"glued code", "USD3.14 each", "3.14 USD USD3.14"},
		{"code and dollar", "NZD $100.70", "100.7 NZD NZD $100.70"},
		{"canadian", "C$5.95 a month", "5.95 CAD C$5.95"},
		{"hong kong spaced", "to hk $ 10.05 billion", "10050000000 HKD hk $ 10.05 billion"},
		{"rupees abbreviation", "Rs. 20 only", "20 INR Rs. 20"},
		{"shekel symbol", "₪98", "98 ILS ₪98"},
		{"millions of a code", "revenues of MSEK 60", "60000000 SEK MSEK 60"},
		// codes and European styles
		{"forint dot groups", "a fine of HUF 11.000.000", "11000000 HUF HUF 11.000.000"},
		{"euro dot thousands", "fined 30.000 euros", "30000 EUR 30.000 euros"},
		{"decimal comma million", "€11,5 million", "11500000 EUR €11,5 million"},
		{"decimal comma price", "29,95 €", "29.95 EUR 29,95 €"},
		{"dot grouping with decimals", "9.990,00 €", "9990 EUR 9.990,00 €"},
		{"space grouping", "a 500 000 € fine", "500000 EUR 500 000 €"},
		{"no decimals mark", "cena 50,- Kč", "50 CZK 50,- Kč"},
		// names
		{"words and name", "three million pounds", "3000000 GBP three million pounds"},
		{"country name", "10,000 swiss francs", "10000 CHF 10,000 swiss francs"},
		{"name without a country", "528 million francs", "528000000  528 million francs"},
		{"yen", "five million yen", "5000000 JPY five million yen"},
		{"zloty", "40.000 PLN", "40000 PLN 40.000 PLN"},
		{"kronor", "3 million kronor", "3000000 SEK 3 million kronor"},
		// minor units, coins, slang
		{"dollars and cents", "it cost 3 dollars 50 cents", "3.5 USD 3 dollars 50 cents"},
		{"words and cents", "thirteen dollars and forty-five cents", "13.45 USD thirteen dollars and forty-five cents"},
		{"a dollar and cents", "above a dollar and 42 cents", "1.42 USD a dollar and 42 cents"},
		{"bare cents at the end", "$20 43", "20.43 USD $20 43"},
		{"pence", "a bid of 470 pence a share", "4.7 GBP 470 pence"},
		{"glued pence", "only 50p", "0.5 GBP 50p"},
		{"nickels", "two hundred thousand nickels", "10000 USD two hundred thousand nickels"},
		{"a grand", "it cost a grand", "1000 USD a grand"},
		{"bucks", "around 42 bucks", "42 USD 42 bucks"},
		// ranges: one value per end
		{"between", "between 10 and 20 dollars", "10 USD 10 | 20 USD 20 dollars"},
		{"dash both symbols", "about $10-$20", "10 USD $10 | 20 USD $20"},
		{"range with scale", "€6-17 million", "6000000 EUR €6 | 17000000 EUR 17 million"},
		{"from to", "From 26 to 50 €", "26 EUR 26 | 50 EUR 50 €"},
		{"change is no range", "cut from £183m to £20m", "183000000 GBP £183m | 20000000 GBP £20m"},
		// not money
		{"percent", "40% OFF", ""},
		{"date", "on 15.08.2017", ""},
		{"all caps word", "ALL 5 solutions are wrong.", ""},
		{"quarter", "in Q3 2023 revenue grew", ""},
		{"cve", "CVE-2021-44228 was exploited", ""},
		{"per cent", "5 per cent of customers", ""},
		{"grand alone", "a grand jury", ""},
		{"a dollar sign alone", "A $ sign", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := numericFacts(tt.in)
			if got := moneyString(f.Money); got != tt.want {
				t.Errorf("%q\n got %s\nwant %s", tt.in, got, tt.want)
			}
			checkNumericSpans(t, tt.in, f)
		})
	}
}

func TestMoneyQualifiers(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"just over £3m", breachwire.QualAtLeast},
		{"no less than $575 million", breachwire.QualAtLeast},
		{"up to €20 million", breachwire.QualAtMost},
		{"nearly $5bn", breachwire.QualApprox},
		{"approx. EUR 220,000", breachwire.QualApprox},
		{"exactly 42 bucks", breachwire.QualExact},
		{"a fine of £500,000", breachwire.QualExact},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f := numericFacts(tt.in)
			if len(f.Money) != 1 || f.Money[0].Qualifier != tt.want {
				t.Errorf("%q: money %+v, want one with qualifier %s", tt.in, f.Money, tt.want)
			}
		})
	}
}

// TestMoneyPriceField covers a text that is nothing but a figure, as a
// price field is: an amount of unknown currency. A figure in a sentence is
// no amount.
func TestMoneyPriceField(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"99.99", "99.99  99.99"},
		{"Price: 1,422.50", "1422.5  1,422.50"},
		{"40.00/each", "40  40.00"},
		{"All 70 of us.", ""},
		{"The 3 engineers left.", ""},
		{"Quantity: 3", ""},
		{"Our price: 12.50", "12.5  12.50"},
		{"40% OFF", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f := numericFacts(tt.in)
			if got := moneyString(f.Money); got != tt.want {
				t.Errorf("%q\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}
