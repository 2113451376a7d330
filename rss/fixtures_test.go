package rss

import (
	"time"

	"breachwire"
)

// advanced is the canonical example of DESIGN.md: the ICO's fine on
// Advanced Computer Software Group.
func advanced() breachwire.Article {
	return breachwire.Article{
		ID: 42, Seq: 7, SourceID: "ico-news", SourceName: "ICO news", Kind: breachwire.KindRegulator,
		Country:   "GB",
		URL:       "https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2025/03/provider-fined-3m/",
		Title:     "Software provider fined £3m following 2022 ransomware attack",
		Summary:   "We have fined Advanced Computer Software Group Ltd £3.07m after a ransomware attack that disrupted NHS 111 and took the personal information of 79,404 people.",
		Published: time.Date(2025, 3, 27, 9, 30, 0, 0, time.UTC),
		FirstSeen: time.Date(2025, 3, 27, 10, 0, 0, 0, time.UTC),
		Facts: breachwire.Facts{
			Fines: []breachwire.Fine{
				{Amount: 3070000, Currency: "GBP", Status: breachwire.FineFinal, Regulator: "ICO"},
				{Amount: 6090000, Currency: "GBP", Status: breachwire.FineOther, Regulator: "ICO"},
			},
			Affected: []breachwire.Affected{
				{Count: 79404, What: "people", Qualifier: breachwire.QualExact},
				{Count: 890, What: "people", Qualifier: breachwire.QualExact},
			},
			MFA: &breachwire.Control{Control: breachwire.ControlMFA, Status: breachwire.StatusAbsent},
			Controls: []breachwire.Control{
				{Control: breachwire.ControlMFA, Status: breachwire.StatusAbsent},
				{Control: breachwire.ControlPatching, Status: breachwire.StatusAbsent},
			},
			AttackTypes:   []string{"ransomware"},
			Organisations: []string{"Advanced Computer Software Group Ltd"},
			Regulators:    []string{"ICO"},
			ThreatActors:  []string{"LockBit"},
			Sectors:       []string{"health"},
			Countries:     []string{"GB"},
		},
	}
}

// plain is an article with no facts and no published date.
func plain() breachwire.Article {
	return breachwire.Article{
		ID: 43, Seq: 9, SourceID: "press", SourceName: "Example Press", Kind: breachwire.KindPress,
		URL:       "https://press.example.com/2025/03/28/update",
		Title:     "Weekly security round-up",
		Summary:   "Nothing much happened.",
		FirstSeen: time.Date(2025, 3, 28, 8, 0, 0, 0, time.UTC),
	}
}

// hostileTitles are titles a source could send (RELIABILITY E2, E3, E5).
var hostileTitles = []string{
	`<script>alert("x")</script> breach`,
	`Closing a CDATA section ]]> early`,
	"Bare & ampersand & friends",
	"Control\x00chars\x08and\x1bescape\x7f\u0085",
	"Hi\r\nBcc: x@evil",
	"Invalid UTF-8 \xff\xfe here",
	"Non-characters \uFFFE and \uFFFF",
	`<img src=x onerror=alert(1)> &lt;b&gt;`,
	`"quotes" and 'apostrophes' <![CDATA[ x ]]>`,
}

// hostile is an article whose every text field is an attack.
func hostile(i int, title string) breachwire.Article {
	return breachwire.Article{
		ID: uint64(100 + i), Seq: uint64(200 + i), SourceName: "Evil <b>source</b> & co\r\nX-Header: 1",
		Kind:      breachwire.KindPress,
		URL:       "javascript:alert(document.cookie)",
		Title:     title,
		Author:    "<script>author</script>",
		Summary:   title + " <script>alert(2)</script> ]]> \x01 <a href=\"javascript:alert(3)\">click</a>",
		FirstSeen: time.Date(2025, 3, 29, 8, 0, 0, 0, time.UTC),
		Facts: breachwire.Facts{
			Regulators:    []string{"<script>ICO</script>", "A]]>B"},
			Organisations: []string{"Org & \x00 Co\r\nBcc: y@evil"},
			AttackTypes:   []string{"ransomware"},
			Fines:         []breachwire.Fine{{Amount: 1000, Currency: "<GBP>", Status: "final\"><x", Regulator: "]]>"}},
		},
	}
}

func hostileCorpus() []breachwire.Article {
	var out []breachwire.Article
	for i, t := range hostileTitles {
		out = append(out, hostile(i, t))
	}
	return out
}
