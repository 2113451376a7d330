package breachwire

import (
	"errors"
	"math"
	"testing"
)

func TestRateTable_OneRatePerYear(t *testing.T) {
	want := RateLastYear - rateFirstYear + 1
	for c, row := range rateTable {
		if len(row) != want {
			t.Errorf("%s has %d rates, want %d (%d-%d)", c, len(row), want, rateFirstYear, RateLastYear)
		}
		for i, r := range row {
			if r <= 0 {
				t.Errorf("%s %d: rate %v is not positive", c, rateFirstYear+i, r)
			}
		}
	}
}

func TestToEUR(t *testing.T) {
	tests := []struct {
		name     string
		amount   float64
		currency string
		year     int
		want     float64
	}{
		{"euro is identity", 1_000_000, "EUR", 2020, 1_000_000},
		{"lower-case code", 1_000_000, "eur", 2020, 1_000_000},
		{"pounds 2024", 3_070_000, "GBP", 2024, 3_070_000 / 0.84662},
		{"dollars 2022", 1_053_000, "USD", 2022, 1_000_000},
		{"year before table uses first year", 1_325_700, "USD", 1999, 1_000_000},
		{"year after table uses last year", 1_082_400, "USD", 2031, 1_000_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ToEUR(tt.amount, tt.currency, tt.year)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tt.want) > 0.01 {
				t.Errorf("ToEUR(%v, %s, %d) = %v, want %v", tt.amount, tt.currency, tt.year, got, tt.want)
			}
		})
	}
}

func TestToEUR_UnknownCurrency(t *testing.T) {
	_, err := ToEUR(1, "XXX", 2020)
	if !errors.Is(err, ErrUnknownCurrency) {
		t.Fatalf("err = %v, want ErrUnknownCurrency", err)
	}
	if _, err := Convert(1, "EUR", "XXX", 2020); !errors.Is(err, ErrUnknownCurrency) {
		t.Fatalf("Convert to unknown: err = %v, want ErrUnknownCurrency", err)
	}
}

func TestConvert(t *testing.T) {
	// £1m in 2024 is about $1.28m at that year's average rates.
	got, err := Convert(1_000_000, "GBP", "USD", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if want := 1_000_000 / 0.84662 * 1.0824; math.Abs(got-want) > 0.01 {
		t.Errorf("Convert GBP->USD = %v, want %v", got, want)
	}
	back, err := Convert(got, "USD", "GBP", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(back-1_000_000) > 0.01 {
		t.Errorf("round trip = %v, want 1000000", back)
	}
}

func TestCurrencies_EURFirst(t *testing.T) {
	c := Currencies()
	if c[0] != "EUR" || len(c) != len(rateTable)+1 {
		t.Fatalf("Currencies() = %v", c)
	}
}
