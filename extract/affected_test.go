package extract

import (
	"fmt"
	"strings"
	"testing"

	"breachwire"
)

// affectedString renders counts as "79404 people exact" for comparison.
func affectedString(as []breachwire.Affected) string {
	var parts []string
	for _, a := range as {
		parts = append(parts, fmt.Sprintf("%d %s %s", a.Count, a.What, a.Qualifier))
	}
	return strings.Join(parts, " | ")
}

func TestAffected(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"people", "The attack exposed the personal data of 79,404 people.", "79404 people exact"},
		{"individuals become people", "A laptop holding the records of up to 1,272 individuals was stolen.", "1272 people at_most"},
		{"persons", "About 260 persons were involved in the breach.", "260 people approx"},
		{"modifiers", "Intruders got into 124 employee email accounts.", "124 accounts exact"},
		{"brand modifier", "Details of about 533 million Facebook users were leaked.", "533000000 users approx"},
		{"words", "Personal data of three thousand members was exposed.", "3000 members exact"},
		{"half a million", "The ransomware encrypted files of nearly half a million patients.", "500000 patients approx"},
		{"suffix scale", "About 1.2m customers' details were posted online.", "1200000 customers approx"},
		{"dot grouping", "The hackers had stolen the data of more than 500.000 customers.", "500000 customers at_least"},
		{"compound noun", "The intruder may have reached data on 429,612 customers and staff.", "429612 customers and staff exact"},
		{"nationality", "Another 2.4 million Americans had licence data stolen.", "2400000 people exact"},
		{"records", "Around 380,000 card payments were affected.", "380000 card payments approx"},
		{"subset of them", "The breach exposed 9.4 million passengers, 111,578 of them in the UK.", "9400000 passengers exact | 111578 passengers exact"},
		{"subset of the", "Data of 890 of the 79,404 people affected showed how to enter their homes.", "890 people exact | 79404 people exact"},
		{"subset of which", "A total of 4.1 million customers were notified, of which 2,000 had card details stolen.", "4100000 customers exact | 2000 customers exact"},
		{"subset of possessive", "The breach affected approximately 1,900 of the clinic's patients.", "1900 patients approx"},
		{"number after its noun", "The total number of affected consumers rose to about 147.9 million.", "147900000 consumers approx"},
		{"estimates", "Some 143 million consumers were affected. The firm later raised its estimate of 143 million to 145.5 million.", "143000000 consumers approx | 145500000 consumers exact"},
		{"restated once", "The laptop held data of 6,145 individuals. The clinic notified all 6,145 affected individuals.", "6145 people exact"},
		{"superseded in the sentence", "Originally the clinic reported that over 500 persons were involved, but later found that about 260 persons were involved.", "260 people approx"},
		{"restated in brackets", "The breach affected eleven (11) patients.", "11 patients exact"},
		{"coordinated", "The breach affected 2,000 individuals in Ohio and 500 in Michigan.", "2000 people exact | 500 people exact"},
		{"along with", "It exposed data of 147.9 million Americans, along with 15.2 million British citizens.", "147900000 people exact | 15200000 citizens exact"},
		{"any plural after data of", "The agency processed the data of 157,000 debtors without a legal basis.", "157000 debtors exact"},
		{"bare after verb of harm", "The breach, affecting 5,000, was found in May.", "5000 people exact"},
		{"share of a whole", "Fewer than 1% of our 3.5 million customers were affected.", ""},
		{"whole after possessive", "Some 36,000 of the hospital's 1.1 million patients were affected.", "36000 patients approx"},
		{"threshold", "HHS posts breaches affecting 500 or more individuals.", ""},
		{"population served", "The health system, which serves 40,000 patients, lost a laptop with the ePHI of 2,300 individuals.", "2300 people exact"},
		{"own staff", "Following the breach, the clinic retrained its 150 employees.", ""},
		{"people charged", "Prosecutors charged four members of the gang over the attack.", ""},
		// not counts
		{"organisations", "About 165 organisations may have been exposed.", ""},
		{"engineers", "Attackers went after one of four DevOps engineers.", ""},
		{"modifier of another noun", "A second incident exposed three staff mailboxes.", ""},
		{"percentage", "Payment details of about 1.2% of subscribers were exposed.", ""},
		{"vague", "Thousands of customers were affected and hundreds of millions of records leaked.", ""},
		{"several million", "The processing involved several million individuals.", ""},
		{"no context", "The company employs 25,000 people in 40 countries.", ""},
		{"threshold in an order", "He must run a security programme if he joins a business collecting data from more than 25,000 individuals.", ""},
		{"years and dates", "In 2019 people were told; on 12 March 2021 staff met for 72 hours.", ""},
		{"phone number", "Affected customers can call (623) 466-1999.", ""},
		{"ratio", "One in five customers was affected.", ""},
		{"identifier", "UNC5537 accounts were compromised in the attack.", ""},
		{"money is no count", "The breach cost $5 million, affecting customers.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := numericFacts(tt.in)
			if got := affectedString(f.Affected); got != tt.want {
				t.Errorf("%q\n got %s\nwant %s", tt.in, got, tt.want)
			}
			checkNumericSpans(t, tt.in, f)
		})
	}
}
