package breachwire

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrUnknownCurrency is returned by ToEUR and Convert for a currency the rate
// table does not hold.
var ErrUnknownCurrency = errors.New("no reference rate for currency")

// rateFirstYear is the year of the first column of rateTable.
const rateFirstYear = 2010

// rateTable holds yearly reference exchange rates: units of the currency for
// one euro, one column per year from rateFirstYear to RateLastYear.
//
// Source: European Central Bank, euro foreign exchange reference rates,
// annual averages of the daily rates (ECB Data Portal series
// EXR.A.<currency>.EUR.SP00.A), rounded to five significant digits. They are
// reference figures for comparing fines across currencies ("fines over
// €1m"), good to a percent or so; they are not for accounting. To add a year,
// append one column to every row and bump RateLastYear; the test checks that
// every row has one rate per year.
var rateTable = map[string][]float64{
	//      2010     2011     2012     2013     2014     2015     2016     2017     2018     2019     2020     2021     2022     2023     2024
	"USD": {1.3257, 1.3920, 1.2848, 1.3281, 1.3285, 1.1095, 1.1069, 1.1297, 1.1810, 1.1195, 1.1422, 1.1827, 1.0530, 1.0813, 1.0824},
	"GBP": {0.85784, 0.86788, 0.81087, 0.84926, 0.80612, 0.72584, 0.81948, 0.87667, 0.88471, 0.87777, 0.88970, 0.85960, 0.85276, 0.86979, 0.84662},
	"CHF": {1.3803, 1.2326, 1.2053, 1.2311, 1.2146, 1.0679, 1.0902, 1.1117, 1.1550, 1.1124, 1.0705, 1.0811, 1.0047, 0.97180, 0.95260},
	"JPY": {116.24, 110.96, 102.49, 129.66, 140.31, 134.31, 120.20, 126.71, 130.40, 122.01, 121.85, 129.88, 138.03, 151.99, 163.85},
	"SEK": {9.5373, 9.0298, 8.7041, 8.6515, 9.0985, 9.3535, 9.4689, 9.6351, 10.258, 10.589, 10.485, 10.147, 10.630, 11.479, 11.433},
	"NOK": {8.0043, 7.7934, 7.4751, 7.8067, 8.3544, 8.9496, 9.2906, 9.3270, 9.5975, 9.8511, 10.723, 10.163, 10.103, 11.425, 11.629},
	"DKK": {7.4473, 7.4506, 7.4437, 7.4579, 7.4548, 7.4587, 7.4452, 7.4386, 7.4532, 7.4661, 7.4542, 7.4370, 7.4396, 7.4509, 7.4589},
	"PLN": {3.9947, 4.1206, 4.1847, 4.1975, 4.1843, 4.1841, 4.3632, 4.2570, 4.2615, 4.2976, 4.4430, 4.5652, 4.6861, 4.5420, 4.3058},
	"CZK": {25.284, 24.590, 25.149, 25.980, 27.536, 27.279, 27.034, 26.326, 25.647, 25.670, 26.455, 25.640, 24.566, 24.004, 25.120},
	"HUF": {275.48, 279.37, 289.25, 296.87, 308.71, 309.90, 311.44, 309.19, 318.89, 325.30, 351.25, 358.52, 391.29, 381.85, 395.30},
	"RON": {4.2122, 4.2391, 4.4593, 4.4190, 4.4437, 4.4454, 4.4904, 4.5688, 4.6540, 4.7453, 4.8383, 4.9215, 4.9313, 4.9467, 4.9746},
	"CAD": {1.3651, 1.3761, 1.2842, 1.3684, 1.4661, 1.4186, 1.4659, 1.4647, 1.5294, 1.4855, 1.5300, 1.4826, 1.3695, 1.4595, 1.4821},
	"AUD": {1.4423, 1.3484, 1.2407, 1.3777, 1.4719, 1.4777, 1.4883, 1.4732, 1.5797, 1.6109, 1.6549, 1.5749, 1.5167, 1.6288, 1.6397},
	"SGD": {1.8055, 1.7489, 1.6055, 1.6619, 1.6823, 1.5255, 1.5275, 1.5588, 1.5926, 1.5273, 1.5742, 1.5891, 1.4512, 1.4523, 1.4458},
	"HKD": {10.299, 10.836, 9.9663, 10.302, 10.303, 8.6014, 8.5922, 8.8045, 9.2559, 8.7715, 8.8587, 9.1932, 8.2451, 8.4650, 8.4454},
	"KRW": {1531.8, 1541.2, 1447.7, 1453.9, 1398.1, 1256.5, 1284.2, 1276.7, 1299.1, 1305.3, 1345.6, 1354.1, 1358.1, 1412.9, 1475.4},
	"INR": {60.588, 64.886, 68.597, 77.930, 81.041, 71.196, 74.372, 73.532, 80.733, 78.836, 84.639, 87.439, 82.686, 89.300, 90.556},
	"BRL": {2.3314, 2.3265, 2.5084, 2.8687, 3.1211, 3.7004, 3.8561, 3.6054, 4.3085, 4.4134, 5.8943, 6.3779, 5.4399, 5.4010, 5.8283},
}

// RateLastYear is the last year the rate table covers. Amounts dated later are
// converted at this year's rates, and amounts dated before 2010 at 2010's.
const RateLastYear = 2024

// Currencies lists the ISO 4217 codes ToEUR and Convert know, EUR first and
// the rest sorted, for messages and forms.
func Currencies() []string {
	out := make([]string, 0, len(rateTable)+1)
	for c := range rateTable {
		out = append(out, c)
	}
	slices.Sort(out)
	return append([]string{"EUR"}, out...)
}

// rate returns units of currency per euro in year, clamping the year to the
// table.
func rate(currency string, year int) (float64, error) {
	c := strings.ToUpper(strings.TrimSpace(currency))
	if c == "EUR" {
		return 1, nil
	}
	row, ok := rateTable[c]
	if !ok {
		return 0, fmt.Errorf("%w %q (known: %s)", ErrUnknownCurrency, currency, strings.Join(Currencies(), ", "))
	}
	i := min(max(year, rateFirstYear), RateLastYear) - rateFirstYear
	return row[i], nil
}

// ToEUR converts an amount in currency to euros at the year's average
// reference rate, so that fines in different currencies can be compared and
// summed. Years outside the table use its nearest year.
func ToEUR(amount float64, currency string, year int) (float64, error) {
	r, err := rate(currency, year)
	if err != nil {
		return 0, err
	}
	return amount / r, nil
}

// Convert converts an amount from one currency to another through the euro
// at the year's average reference rates.
func Convert(amount float64, from, to string, year int) (float64, error) {
	eur, err := ToEUR(amount, from, year)
	if err != nil {
		return 0, err
	}
	r, err := rate(to, year)
	if err != nil {
		return 0, err
	}
	return eur * r, nil
}
