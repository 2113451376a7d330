package digest

import (
	"time"

	"breachwire"
)

var (
	until  = time.Date(2025, 3, 28, 7, 0, 0, 0, time.UTC)
	since  = until.Add(-24 * time.Hour)
	london = mustLoad("Europe/London")
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// advanced is DESIGN.md's canonical example.
func advanced() breachwire.Article {
	return breachwire.Article{
		ID: 42, Seq: 7, SourceID: "ico-news", SourceName: "ICO news", Kind: breachwire.KindRegulator, Country: "GB",
		URL:       "https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2025/03/provider-fined-3m/",
		Title:     "Software provider fined £3m following 2022 ransomware attack",
		Summary:   "We have fined Advanced Computer Software Group Ltd £3.07m after a ransomware attack that disrupted NHS 111 and took the personal information of 79,404 people, including how to gain entry to the homes of 890 people receiving care at home.",
		Published: time.Date(2025, 3, 27, 9, 30, 0, 0, time.UTC),
		FirstSeen: time.Date(2025, 3, 27, 10, 0, 0, 0, time.UTC),
		Facts: breachwire.Facts{
			Fines: []breachwire.Fine{
				{Amount: 3070000, Currency: "GBP", Status: breachwire.FineFinal, Regulator: "ICO"},
				{Amount: 6090000, Currency: "GBP", Status: breachwire.FineOther, Regulator: "ICO"},
			},
			Affected:      []breachwire.Affected{{Count: 79404, What: "people", Qualifier: breachwire.QualExact}, {Count: 890, What: "people"}},
			MFA:           &breachwire.Control{Control: breachwire.ControlMFA, Status: breachwire.StatusAbsent},
			Controls:      []breachwire.Control{{Control: breachwire.ControlMFA, Status: breachwire.StatusAbsent}},
			AttackTypes:   []string{"ransomware"},
			Organisations: []string{"Advanced Computer Software Group Ltd"},
			Regulators:    []string{"ICO"},
			ThreatActors:  []string{"LockBit"},
			Sectors:       []string{"health"},
			Countries:     []string{"GB"},
		},
	}
}

// breach is a press report of a breach with no fine.
func breach() breachwire.Article {
	return breachwire.Article{
		ID: 43, Seq: 9, SourceID: "press", SourceName: "Example Press", Kind: breachwire.KindPress,
		URL:       "https://press.example.com/2025/03/27/retailer-breach",
		Title:     "Retailer says phishing attack exposed 120,000 customers' records",
		Summary:   "A phishing email gave attackers a staff login; the company says 120,000 customers were affected.",
		Published: time.Date(2025, 3, 27, 15, 0, 0, 0, time.UTC),
		FirstSeen: time.Date(2025, 3, 27, 15, 5, 0, 0, time.UTC),
		Facts: breachwire.Facts{
			Affected:      []breachwire.Affected{{Count: 120000, What: "customers", Qualifier: breachwire.QualExact}},
			AttackTypes:   []string{"phishing"},
			Organisations: []string{"Example Retail plc"},
			Countries:     []string{"GB"},
		},
	}
}

// cnil is an enforcement article in another currency.
func cnil() breachwire.Article {
	return breachwire.Article{
		ID: 44, Seq: 10, SourceID: "cnil", SourceName: "CNIL", Kind: breachwire.KindRegulator, Country: "FR",
		URL:       "https://www.cnil.fr/en/sanction-500000",
		Title:     "CNIL fines a company €500,000 for failing to secure data",
		Published: time.Date(2025, 3, 27, 11, 0, 0, 0, time.UTC),
		FirstSeen: time.Date(2025, 3, 27, 12, 0, 0, 0, time.UTC),
		Facts: breachwire.Facts{
			Fines:      []breachwire.Fine{{Amount: 500000, Currency: "EUR", Status: breachwire.FineFinal, Regulator: "CNIL"}},
			Regulators: []string{"CNIL"},
			Controls:   []breachwire.Control{{Control: breachwire.ControlEncryption, Status: breachwire.StatusAbsent}},
		},
	}
}

// hostile carries attacks in every text field (RELIABILITY E2, E5).
func hostile() breachwire.Article {
	return breachwire.Article{
		ID: 45, Seq: 11, SourceName: "Evil <b>press</b>\r\nBcc: z@evil", Kind: breachwire.KindPress,
		URL:       "javascript:alert(1)",
		Title:     "Hi\r\nBcc: x@evil <script>alert(1)</script> & <img src=https://tracker.example/p.gif>",
		Summary:   "\u202eoverride\u202c <a href=\"javascript:alert(2)\">click</a> ]]> \x00\x1b[31m",
		FirstSeen: time.Date(2025, 3, 27, 18, 0, 0, 0, time.UTC),
		Facts:     breachwire.Facts{AttackTypes: []string{"ddos"}, Organisations: []string{"Victim <i>Ltd</i>"}},
	}
}

func corpus() []breachwire.Article {
	return []breachwire.Article{breach(), hostile(), advanced(), cnil()}
}
