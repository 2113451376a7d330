package index

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"breachwire"
)

// memSource is a fake of the store's change feed (store is another package):
// articles in a slice, Changes returning those after a sequence in order.
type memSource struct {
	mu    sync.Mutex
	arts  []breachwire.Article
	seq   uint64
	calls int
}

// put writes articles as the store would: each gets the next sequence
// number, replacing an earlier version with the same ID.
func (s *memSource) put(arts ...breachwire.Article) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range arts {
		s.seq++
		a.Seq = s.seq
		s.arts = slices.DeleteFunc(s.arts, func(b breachwire.Article) bool { return b.ID == a.ID })
		s.arts = append(s.arts, a)
	}
}

func (s *memSource) Changes(ctx context.Context, after uint64, limit int) ([]breachwire.Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	var out []breachwire.Article
	for _, a := range s.arts { // kept in Seq order by put
		if a.Seq > after && len(out) < limit {
			out = append(out, a)
		}
	}
	return out, ctx.Err()
}

func (s *memSource) Count(context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.arts), nil
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func gbp(amount float64, status, regulator string) breachwire.Fine {
	return breachwire.Fine{Amount: amount, Currency: "GBP", Status: status, Regulator: regulator}
}

// fixtures are small articles written for these tests. IDs 1..8.
func fixtures() []breachwire.Article {
	return []breachwire.Article{
		{
			ID: 1, SourceID: "ico-news", SourceName: "ICO news", Kind: breachwire.KindRegulator, Country: "GB",
			URL:       "https://ico.example/advanced",
			Title:     "ICO fines software provider £3.07m after ransomware attack",
			Text:      "The ICO has fined Advanced Computer Software Group £3.07m following a ransomware attack. The attackers entered through a customer account that did not have multi-factor authentication. Personal data of 79,404 people was taken. The notice of intent had proposed £6.09m.",
			Published: day("2025-03-27"), FirstSeen: day("2025-03-27"),
			Facts: breachwire.Facts{
				Fines:         []breachwire.Fine{gbp(3_070_000, "final", "ICO"), gbp(6_090_000, "other", "ICO")},
				Affected:      []breachwire.Affected{{Count: 79_404, What: "people", Qualifier: "exact"}},
				MFA:           &breachwire.Control{Control: "mfa", Status: "absent"},
				Controls:      []breachwire.Control{{Control: "mfa", Status: "absent"}, {Control: "patching", Status: "absent"}},
				AttackTypes:   []string{"ransomware"},
				Organisations: []string{"Advanced Computer Software Group Ltd"},
				Regulators:    []string{"ICO"}, ThreatActors: []string{"LockBit"},
				Sectors: []string{"health"}, Countries: []string{"GB"},
			},
		},
		{
			ID: 2, SourceID: "cnil", SourceName: "CNIL", Kind: breachwire.KindRegulator, Country: "FR",
			URL:       "https://cnil.example/sanction",
			Title:     "CNIL imposes a €1.2m fine on a retailer for weak passwords",
			Text:      "The CNIL imposed a fine of €1.2 million on the retailer. Passwords were stored without encryption and customer accounts were exposed in a credential stuffing campaign.",
			Published: day("2024-06-10"), FirstSeen: day("2024-06-11"),
			Facts: breachwire.Facts{
				Fines:         []breachwire.Fine{{Amount: 1_200_000, Currency: "EUR", Status: "final", Regulator: "CNIL"}},
				Affected:      []breachwire.Affected{{Count: 2_000_000, What: "customers", Qualifier: "approx"}},
				Controls:      []breachwire.Control{{Control: "encryption", Status: "absent"}},
				AttackTypes:   []string{"credential_stuffing"},
				Organisations: []string{"Boutique Exemple SA"},
				Regulators:    []string{"CNIL"}, Sectors: []string{"retail"}, Countries: []string{"FR"},
			},
		},
		{
			ID: 3, SourceID: "ftc", SourceName: "FTC press releases", Kind: breachwire.KindRegulator, Country: "US",
			URL:       "https://ftc.example/settlement",
			Title:     "FTC settlement: company to pay $5m over data breach",
			Text:      "The company agreed to pay $5 million to settle charges that its lax security led to a data breach exposing the records of 1.5 million customers. The FTC said it failed to patch known vulnerabilities and did not require multi-factor authentication for employees.",
			Published: day("2023-09-01"), FirstSeen: day("2023-09-01"),
			Facts: breachwire.Facts{
				Fines:         []breachwire.Fine{{Amount: 5_000_000, Currency: "USD", Status: "final", Regulator: "FTC"}},
				Affected:      []breachwire.Affected{{Count: 1_500_000, What: "customers", Qualifier: "approx"}},
				MFA:           &breachwire.Control{Control: "mfa", Status: "absent"},
				Controls:      []breachwire.Control{{Control: "patching", Status: "absent"}},
				AttackTypes:   []string{"data_theft"},
				Organisations: []string{"Example Corp"},
				Regulators:    []string{"FTC"}, Sectors: []string{"technology"}, Countries: []string{"US"},
			},
		},
		{
			ID: 4, SourceID: "register", SourceName: "The Register", Kind: breachwire.KindPress, Country: "GB",
			URL:       "https://register.example/hospital",
			Title:     "Hospital hit by ransomware, operations cancelled",
			Text:      "A ransomware gang encrypted systems at a hospital trust, forcing it to cancel operations. The trust said backups were in place and multi-factor authentication was enabled but bypassed.",
			Published: day("2025-01-15"), FirstSeen: day("2025-01-15"),
			Facts: breachwire.Facts{
				MFA:         &breachwire.Control{Control: "mfa", Status: "present"},
				Controls:    []breachwire.Control{{Control: "backups", Status: "present"}},
				AttackTypes: []string{"ransomware"}, Sectors: []string{"Health"}, Countries: []string{"GB"},
			},
		},
		{
			ID: 5, SourceID: "bleeping", SourceName: "BleepingComputer", Kind: breachwire.KindPress, Country: "US",
			URL:       "https://bleeping.example/phish",
			Title:     "Phishing campaign targets bank customers <img src=x onerror=alert(1)>",
			Text:      "Security researchers warn of a phishing campaign. The lure reads <script>alert('phishing')</script> & asks for credentials. Enable multi-factor authentication, they advise.",
			Published: day("2024-11-20"), FirstSeen: day("2024-11-20"),
			Facts: breachwire.Facts{
				MFA:         &breachwire.Control{Control: "mfa", Status: "mentioned"},
				AttackTypes: []string{"phishing"}, Sectors: []string{"finance"}, Countries: []string{"US"},
			},
		},
		{
			ID: 6, SourceID: "ico-news", SourceName: "ICO news", Kind: breachwire.KindRegulator, Country: "GB",
			URL:       "https://ico.example/reprimand",
			Title:     "ICO issues reprimand to council over data breach",
			Text:      "The ICO issued a reprimand to a council after a data breach in which an email was sent to the wrong recipients. No fine was imposed.",
			Published: day("2024-02-05"), FirstSeen: day("2024-02-06"),
			Facts: breachwire.Facts{
				Affected:   []breachwire.Affected{{Count: 1_200, What: "people", Qualifier: "exact"}},
				Regulators: []string{"ICO"}, Sectors: []string{"public"}, Countries: []string{"GB"},
			},
		},
		{
			ID: 7, SourceID: "edpb", SourceName: "EDPB", Kind: breachwire.KindRegulator, Country: "EU",
			URL:       "https://edpb.example/meta",
			Title:     "Irish authority fines social network €251m over data breach",
			Text:      "The Irish Data Protection Commission fined the social network €251 million over a data breach affecting 29 million users worldwide.",
			Published: day("2024-12-17"), FirstSeen: day("2024-12-17"),
			Facts: breachwire.Facts{
				Fines:         []breachwire.Fine{{Amount: 251_000_000, Currency: "EUR", Status: "final", Regulator: "DPC"}},
				Affected:      []breachwire.Affected{{Count: 29_000_000, What: "users", Qualifier: "exact"}},
				Organisations: []string{"Meta Platforms Ireland"},
				Regulators:    []string{"DPC"}, Sectors: []string{"technology"}, Countries: []string{"IE"},
			},
		},
		{
			ID: 8, SourceID: "ico-news", SourceName: "ICO news", Kind: breachwire.KindRegulator, Country: "GB",
			URL:   "https://ico.example/provisional",
			Title: "ICO intends to fine firm £950,000 for security failures",
			Text:  "The ICO has issued a notice of intent proposing a fine of £950,000 after an attack exposed staff records.",
			// Published in the future: Article.Date falls back to FirstSeen.
			Published: day("2031-01-01"), FirstSeen: day("2022-05-04"),
			Facts: breachwire.Facts{
				Fines:      []breachwire.Fine{gbp(950_000, "provisional", "ICO")},
				Regulators: []string{"ICO"}, Countries: []string{"GB"},
			},
		},
	}
}

// openFilled opens an index in a temporary folder and reconciles the
// fixtures into it.
func openFilled(t *testing.T) (*Index, *memSource) {
	t.Helper()
	x, err := Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	src := &memSource{}
	src.put(fixtures()...)
	if n, err := x.Reconcile(context.Background(), src); err != nil || n != 8 {
		t.Fatalf("Reconcile = %d, %v; want 8, nil", n, err)
	}
	return x, src
}

func ids(r *Results) []uint64 {
	out := make([]uint64, 0, len(r.Hits))
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

func sorted(v []uint64) []uint64 {
	v = slices.Clone(v)
	slices.Sort(v)
	return v
}
