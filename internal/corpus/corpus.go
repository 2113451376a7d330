// Package corpus generates a synthetic corpus of breachwire articles for
// benchmarks and load tests: regulator enforcement notices, breach and attack
// reports and advisories from a few dozen sources, with fines in several
// currencies, affected counts, controls, attack types, organisations,
// sectors, countries and dates over ten years, and text drawn from domain
// sentences plus a long-tailed (Zipf) vocabulary so that the term dictionary
// and postings look like real news rather than a handful of repeated words.
//
// The corpus is deterministic: article i depends only on the seed and i, so
// any size can be generated, in any order, and two runs agree.
package corpus

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"breachwire"
)

// Version changes whenever the generator makes different articles for the
// same seed, so that caches of built corpora can be told apart.
const Version = 2

// Generator makes articles from a seed. It holds only immutable tables and
// is safe for concurrent use.
type Generator struct {
	seed  uint64
	vocab []string // long-tail vocabulary, most frequent first
	orgs  []string
}

// New returns a generator for the seed.
func New(seed uint64) *Generator {
	g := &Generator{seed: seed}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	seen := make(map[string]bool, 30000)
	for _, w := range commonWords {
		if !seen[w] {
			seen[w] = true
			g.vocab = append(g.vocab, w)
		}
	}
	for len(g.vocab) < 30000 {
		w := pseudoWord(r)
		if !seen[w] {
			seen[w] = true
			g.vocab = append(g.vocab, w)
		}
	}
	for range 5000 {
		name := orgFirst[r.IntN(len(orgFirst))] + " " + orgSecond[r.IntN(len(orgSecond))]
		if r.IntN(3) == 0 {
			name += " " + orgSuffix[r.IntN(len(orgSuffix))]
		}
		g.orgs = append(g.orgs, name)
	}
	return g
}

// Source is a source of the corpus.
type Source struct {
	ID, Name, Country, Currency, Regulator string
	Kind                                   breachwire.Kind
}

// Sources lists the corpus's sources, regulators first.
func Sources() []Source { return append([]Source(nil), sources...) }

var sources = []Source{
	{"ico-news", "ICO news", "GB", "GBP", "ICO", breachwire.KindRegulator},
	{"cnil", "CNIL", "FR", "EUR", "CNIL", breachwire.KindRegulator},
	{"edpb", "EDPB news", "EU", "EUR", "EDPB", breachwire.KindRegulator},
	{"dpc-ie", "Data Protection Commission", "IE", "EUR", "DPC", breachwire.KindRegulator},
	{"aepd", "AEPD", "ES", "EUR", "AEPD", breachwire.KindRegulator},
	{"garante", "Garante privacy", "IT", "EUR", "Garante", breachwire.KindRegulator},
	{"bfdi", "BfDI", "DE", "EUR", "BfDI", breachwire.KindRegulator},
	{"imy", "IMY", "SE", "SEK", "IMY", breachwire.KindRegulator},
	{"datatilsynet", "Datatilsynet", "NO", "NOK", "Datatilsynet", breachwire.KindRegulator},
	{"uodo", "UODO", "PL", "PLN", "UODO", breachwire.KindRegulator},
	{"ftc", "FTC press releases", "US", "USD", "FTC", breachwire.KindRegulator},
	{"hhs-ocr", "HHS OCR", "US", "USD", "HHS OCR", breachwire.KindRegulator},
	{"sec", "SEC press releases", "US", "USD", "SEC", breachwire.KindRegulator},
	{"cisa", "CISA advisories", "US", "USD", "CISA", breachwire.KindRegulator},
	{"ncsc", "NCSC news", "GB", "GBP", "NCSC", breachwire.KindRegulator},
	{"oaic", "OAIC", "AU", "AUD", "OAIC", breachwire.KindRegulator},
	{"opc-ca", "OPC Canada", "CA", "CAD", "OPC", breachwire.KindRegulator},
	{"pipc", "PIPC", "KR", "KRW", "PIPC", breachwire.KindRegulator},
	{"fca", "FCA", "GB", "GBP", "FCA", breachwire.KindRegulator},
	{"finma", "FINMA", "CH", "CHF", "FINMA", breachwire.KindRegulator},
	{"bbc", "BBC technology", "GB", "GBP", "", breachwire.KindPress},
	{"register", "The Register", "GB", "GBP", "", breachwire.KindPress},
	{"bleeping", "BleepingComputer", "US", "USD", "", breachwire.KindPress},
	{"therecord", "The Record", "US", "USD", "", breachwire.KindPress},
	{"databreaches", "DataBreaches.net", "US", "USD", "", breachwire.KindPress},
	{"securityweek", "SecurityWeek", "US", "USD", "", breachwire.KindPress},
	{"darkreading", "Dark Reading", "US", "USD", "", breachwire.KindPress},
	{"krebs", "Krebs on Security", "US", "USD", "", breachwire.KindPress},
	{"techcrunch", "TechCrunch security", "US", "USD", "", breachwire.KindPress},
	{"heise", "heise Security", "DE", "EUR", "", breachwire.KindPress},
	{"lmi", "Le Monde Informatique", "FR", "EUR", "", breachwire.KindPress},
	{"itnews-au", "iTnews", "AU", "AUD", "", breachwire.KindPress},
	{"computing", "Computing", "GB", "GBP", "", breachwire.KindPress},
	{"cyberscoop", "CyberScoop", "US", "USD", "", breachwire.KindPress},
	{"infosecmag", "Infosecurity Magazine", "GB", "GBP", "", breachwire.KindPress},
	{"lawfirm-blog", "Privacy law blog", "GB", "GBP", "", breachwire.KindPress},
}

var (
	sectors  = []string{"health", "finance", "retail", "education", "public", "technology", "telecoms", "energy", "transport", "manufacturing", "legal", "charity", "hospitality", "insurance"}
	actors   = []string{"LockBit", "BlackCat", "Cl0p", "Scattered Spider", "Lazarus", "APT29", "Play", "Akira", "Rhysida", "BlackBasta", "Medusa", "8Base"}
	what     = []string{"people", "people", "customers", "patients", "records", "accounts", "users", "employees", "students", "members"}
	statuses = []string{breachwire.StatusAbsent, breachwire.StatusAbsent, breachwire.StatusPresent, breachwire.StatusMentioned}
	// attack types, ransomware and phishing most often
	attacks = []string{"ransomware", "ransomware", "ransomware", "phishing", "phishing", "credential_stuffing", "ddos", "malware", "misconfiguration", "insider", "supply_chain", "data_theft", "data_theft", "unknown"}
)

var orgFirst = []string{"Northwind", "Contoso", "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay",
	"Pied Piper", "Soylent", "Tyrell", "Cyberdyne", "Oscorp", "Wonka", "Gringotts", "Aperture", "Black Mesa", "Massive Dynamic",
	"Blue Harbour", "Redwood", "Silver Birch", "Granite", "Meridian", "Summit", "Riverside", "Oakfield", "Kingsway", "Highland",
	"Westbury", "Eastgate", "Lakeside", "Beacon", "Harbourview", "Pinnacle", "Crescent", "Evergreen", "Horizon", "Keystone"}

var orgSecond = []string{"Health Trust", "Bank", "Building Society", "Insurance", "Logistics", "Retail Group", "Telecom", "Energy",
	"University", "College", "Council", "Hospital", "Pharmacy", "Dental Care", "Software", "Cloud Services", "Payments", "Airlines",
	"Rail", "Water", "Housing Association", "Law Firm", "Recruitment", "Hotels", "Fitness", "Gaming", "Media", "Clinic", "Lab", "Foods"}

var orgSuffix = []string{"Ltd", "plc", "Inc.", "LLC", "SA", "GmbH", "AB", "AS", "Group", "Holdings"}

// commonWords is the head of the vocabulary: the commonest English words
// (which take about 40% of running text and which the index drops as stop
// words), then words of security and privacy news. The tail is made of
// pseudo-words.
var commonWords = strings.Fields(`the of and to a in that is for it was on with as by at from be has have
this are were which an or its their not but had been they who will would
can could may should there than when also into about more data breach attack security personal information customers systems company
said network access attackers ransomware incident report investigation authority regulator protection
cyber criminals hackers stolen exposed vulnerability patch update software servers cloud email phishing
password credentials accounts encryption backup recovery service services disruption outage hospital
patients staff employees records million thousand fine penalty enforcement notice reprimand settlement
compliance requirements failure failed controls authentication multifactor risk assessment monitoring
logging detection response team investigators police law enforcement court claims victims notification
notified affected individuals users privacy rights commissioner office agency department government public
sector health finance bank insurer retailer university school council provider supplier vendor third
party contractor access control segmentation firewall endpoint malware trojan botnet exploit zero day
remote code execution flaw critical severity advisory guidance recommendations organisations businesses
small medium large enterprise infrastructure operational technology energy water transport telecoms
payment card fraud identity theft dark web leak site extortion demand ransom paid negotiation decryptor
recovered restored weeks months days hours year previous latest new statement spokesperson confirmed
denied declined comment reported published announced warned urged advised called added according
including following after before during between across within without through against because however
also still already only even more most less many several some other another each every first second
third last next early late recent ongoing potential possible likely significant serious major minor
impact consequences costs losses damages compensation lawsuit class action board executives chief
officer director manager engineers analysts researchers experts firm firms companies industry market
customers clients members subscribers students pupils residents citizens consumers`)

// syllables build the long tail of pseudo-words.
var syllables = strings.Fields("ka ro mi tel van dor sen pa lu qui ber nos tra fi gel mon dra cor vi lex zan pur ho ste gra bli mun tor sa ne")

func pseudoWord(r *rand.Rand) string {
	n := 2 + r.IntN(3)
	var b strings.Builder
	for range n {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	return b.String()
}

// Epoch bounds of the corpus dates.
var (
	firstDate = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDate  = time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
)

// Article returns article i (from 0): ID and Seq are i+1.
func (g *Generator) Article(i int) breachwire.Article {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)+1))
	zipf := rand.NewZipf(r, 1.07, 2, uint64(len(g.vocab)-1))
	word := func() string { return g.vocab[zipf.Uint64()] }
	pick := func(s []string) string { return s[r.IntN(len(s))] }

	src := sources[r.IntN(len(sources))]
	span := lastDate.Sub(firstDate)
	pub := firstDate.Add(time.Duration(r.Int64N(int64(span)))).Truncate(time.Minute)
	a := breachwire.Article{
		ID: uint64(i) + 1, Seq: uint64(i) + 1,
		SourceID: src.ID, SourceName: src.Name, Kind: src.Kind, Country: src.Country,
		URL:       fmt.Sprintf("https://%s.example/news/%d", src.ID, i+1),
		Published: pub, FirstSeen: pub.Add(time.Duration(r.IntN(72)) * time.Hour),
	}
	if r.IntN(20) == 0 {
		a.Published = time.Time{} // no date in the feed
	}
	org := g.orgs[r.IntN(len(g.orgs))]
	sector := pick(sectors)
	country := src.Country
	if src.Kind == breachwire.KindPress && r.IntN(3) == 0 {
		country = pick([]string{"US", "GB", "DE", "FR", "AU", "CA", "IN", "JP", "NL", "ES", "IT"})
	}
	attack := pick(attacks)
	f := &a.Facts
	f.Organisations = []string{org}
	f.Sectors = []string{sector}
	f.Countries = []string{country}
	f.AttackTypes = []string{attack}
	if attack == "ransomware" && r.IntN(2) == 0 {
		f.ThreatActors = []string{pick(actors)}
	}
	if r.IntN(8) == 0 {
		f.CVEs = []string{fmt.Sprintf("CVE-%d-%d", 2015+r.IntN(11), 1000+r.IntN(50000))}
	}

	// What kind of story: enforcement (regulators mostly), a breach or
	// attack report, or an advisory.
	story := r.IntN(10)
	enforcement := (src.Kind == breachwire.KindRegulator && story < 6) || (src.Kind == breachwire.KindPress && story < 2)
	advisory := !enforcement && story >= 8

	var count int64
	if !advisory && r.IntN(4) != 0 {
		count = int64(math.Pow(10, 2+r.Float64()*6.5))
		f.Affected = []breachwire.Affected{{Count: count, What: pick(what), Qualifier: pick([]string{"exact", "approx", "at_least"})}}
	}
	regulator, currency := src.Regulator, src.Currency
	if regulator == "" || src.ID == "cisa" || src.ID == "ncsc" {
		reg := sources[r.IntN(20)]
		regulator, currency = reg.Regulator, reg.Currency
	}
	var amount float64
	if enforcement {
		amount = math.Round(math.Pow(10, 4+r.Float64()*4.7)/1000) * 1000
		status := breachwire.FineFinal
		if r.IntN(4) == 0 {
			status = breachwire.FineProvisional
		}
		f.Fines = []breachwire.Fine{{Amount: amount, Currency: currency, Status: status, Regulator: regulator}}
		f.Regulators = []string{regulator}
		f.Money = []breachwire.Money{{Amount: amount, Currency: currency, Role: breachwire.RoleFine}}
	} else if src.Kind == breachwire.KindRegulator {
		f.Regulators = []string{regulator}
	}
	nControls := r.IntN(4)
	for range nControls {
		c := breachwire.Control{Control: pick(breachwire.Controls[:9]), Status: pick(statuses)}
		if advisory {
			c.Status = breachwire.StatusMentioned
		}
		dup := false
		for _, o := range f.Controls {
			dup = dup || o.Control == c.Control
		}
		if !dup {
			f.Controls = append(f.Controls, c)
			if c.Control == breachwire.ControlMFA {
				m := c
				f.MFA = &m
			}
		}
	}

	money := formatMoney(amount, currency)
	switch {
	case enforcement:
		a.Title = pick([]string{
			"%[1]s fines %[2]s %[3]s over %[4]s",
			"%[2]s hit with %[3]s penalty after %[4]s",
			"%[1]s issues %[3]s fine to %[2]s for security failings",
			"%[1]s intends to fine %[2]s %[3]s following %[4]s",
		})
		a.Title = fmt.Sprintf(a.Title, regulator, org, money, attackPhrase(attack))
	case advisory:
		a.Title = fmt.Sprintf(pick([]string{
			"Advisory: %[1]s campaign targets %[2]s sector",
			"Organisations urged to patch after %[1]s warnings",
			"Guidance on defending %[2]s against %[1]s",
		}), attackPhrase(attack), sector)
	default:
		a.Title = fmt.Sprintf(pick([]string{
			"%[1]s confirms %[2]s affecting %[3]s",
			"%[1]s discloses data breach after %[2]s",
			"%[2]s at %[1]s disrupts services",
			"Hackers claim %[2]s on %[1]s, %[3]s exposed",
		}), org, attackPhrase(attack), countPhrase(count, f))
	}

	// Body: a teaser or a full article.
	nWords := 40 + r.IntN(80)
	if r.IntN(10) >= 3 {
		nWords = 250 + r.IntN(950)
	}
	var b strings.Builder
	fact := []string{
		fmt.Sprintf("%s said it had identified %s at %s.", org, attackPhrase(attack), pick([]string{"its offices", "a subsidiary", "a third-party supplier", "its data centre"})),
		fmt.Sprintf("The incident affected %s, according to the notification.", countPhrase(count, f)),
	}
	if enforcement {
		fact = append(fact, fmt.Sprintf("The %s imposed a fine of %s on %s after its investigation.", regulator, money, org))
	}
	for _, c := range f.Controls {
		switch c.Status {
		case breachwire.StatusAbsent:
			fact = append(fact, fmt.Sprintf("The investigation found that %s was not in place.", controlPhrase(c.Control)))
		case breachwire.StatusPresent:
			fact = append(fact, fmt.Sprintf("The company said %s was in place at the time.", controlPhrase(c.Control)))
		default:
			fact = append(fact, fmt.Sprintf("Organisations are advised to use %s.", controlPhrase(c.Control)))
		}
	}
	if len(f.ThreatActors) > 0 {
		fact = append(fact, fmt.Sprintf("The %s group claimed responsibility on its leak site.", f.ThreatActors[0]))
	}
	if len(f.CVEs) > 0 {
		fact = append(fact, fmt.Sprintf("The attackers exploited %s in an unpatched server.", f.CVEs[0]))
	}
	written := 0
	for written < nWords {
		if len(fact) > 0 && r.IntN(3) == 0 {
			s := fact[0]
			fact = fact[1:]
			b.WriteString(s)
			written += strings.Count(s, " ") + 1
		} else {
			n := 6 + r.IntN(18)
			for k := range n {
				w := word()
				if k == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				b.WriteString(w)
				if k < n-1 {
					b.WriteByte(' ')
				}
			}
			b.WriteByte('.')
			written += n
		}
		if r.IntN(6) == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	a.Text = strings.TrimSpace(b.String())
	if r.IntN(2) == 0 {
		a.Summary = truncateWords(a.Text, 40)
	}
	a.ExtractorVersion = 1
	f.Normalize()
	return a
}

func attackPhrase(a string) string {
	switch a {
	case "ransomware":
		return "a ransomware attack"
	case "phishing":
		return "a phishing campaign"
	case "credential_stuffing":
		return "a credential stuffing attack"
	case "ddos":
		return "a denial of service attack"
	case "malware":
		return "a malware infection"
	case "misconfiguration":
		return "a misconfigured database"
	case "insider":
		return "an insider incident"
	case "supply_chain":
		return "a supply chain compromise"
	case "data_theft":
		return "a data theft"
	}
	return "a cyber incident"
}

func controlPhrase(c string) string {
	switch c {
	case breachwire.ControlMFA:
		return "multi-factor authentication"
	case breachwire.ControlVulnerabilityScanning:
		return "vulnerability scanning"
	case breachwire.ControlAccessControl:
		return "access control"
	case breachwire.ControlTraining:
		return "staff training"
	case breachwire.ControlSegmentation:
		return "network segmentation"
	}
	return c
}

func countPhrase(n int64, f *breachwire.Facts) string {
	if n == 0 || len(f.Affected) == 0 {
		return "an unknown number of people"
	}
	return fmt.Sprintf("%s %s", groupDigits(n), f.Affected[0].What)
}

func formatMoney(amount float64, currency string) string {
	sym := map[string]string{"GBP": "£", "EUR": "€", "USD": "$"}[currency]
	var s string
	switch {
	case amount >= 1e6:
		s = fmt.Sprintf("%.2fm", amount/1e6)
	default:
		s = groupDigits(int64(amount))
	}
	if sym != "" {
		return sym + s
	}
	return s + " " + currency
}

func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func truncateWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) <= n {
		return strings.Join(w, " ")
	}
	return strings.Join(w[:n], " ") + " …"
}

// Feed serves the first N articles of a generator as a change feed, in the
// shape of the store's Changes: articles with Seq after a number, in order.
// It lets the index be built from the corpus without a store.
type Feed struct {
	G *Generator
	N int
}

// Changes returns up to limit articles with Seq greater than after.
func (f Feed) Changes(ctx context.Context, after uint64, limit int) ([]breachwire.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []breachwire.Article
	for i := int(after); i < f.N && len(out) < limit; i++ {
		out = append(out, f.G.Article(i))
	}
	return out, nil
}

// Count returns N.
func (f Feed) Count(context.Context) (int, error) { return f.N, nil }
