package breachwire

import (
	"math"
	"sort"
	"strings"
	"time"
)

// Digest groups are the sections of a digest, in display order.
const (
	GroupEnforcement = "enforcement"
	GroupBreaches    = "breaches"
	GroupAdvisories  = "advisories"
	GroupOther       = "other"
)

// DigestGroups lists the groups in display order with their headings.
var DigestGroups = []struct{ Key, Title string }{
	{GroupEnforcement, "Enforcement"},
	{GroupBreaches, "Breaches and attacks"},
	{GroupAdvisories, "Advisories"},
	{GroupOther, "Other news"},
}

// Converter converts an amount of money into euros at the reference rate of
// a year; ok is false for an unknown currency.
type Converter func(amount float64, currency string, year int) (eur float64, ok bool)

// DigestItem is one article in a digest with its rank.
type DigestItem struct {
	Article  Article
	Group    string
	Severity float64
	// Reasons say why the item ranks where it does ("£3.07m fine",
	// "79,404 people", "MFA absent"), most important first.
	Reasons []string
}

// DigestFigures are a digest's headline figures.
type DigestFigures struct {
	Articles int
	// Fines sums, per currency, the largest imposed or proposed fine of
	// each article.
	Fines map[string]float64
	// FinesEUR is Fines converted to euros where the rate is known.
	FinesEUR float64
	// People sums the largest affected count of each article.
	People int64
	// MFAAbsent counts articles saying MFA was missing.
	MFAAbsent int
	// FailedControls counts articles naming at least one absent control.
	FailedControls int
}

// Digest is the ranked, grouped view of the articles of a window.
type Digest struct {
	Since, Until time.Time
	Figures      DigestFigures
	// Groups maps a group key to its items, highest severity first.
	Groups map[string][]DigestItem
	// Items holds every item, highest severity first.
	Items []DigestItem
}

// BuildDigest ranks and groups the articles. conv may be nil, in which case
// fines in different currencies are compared by their amounts.
func BuildDigest(articles []Article, since, until time.Time, conv Converter) Digest {
	d := Digest{Since: since, Until: until, Groups: map[string][]DigestItem{},
		Figures: DigestFigures{Fines: map[string]float64{}}}
	for _, a := range articles {
		it := DigestItem{Article: a, Group: GroupOf(&a)}
		it.Severity = Severity(&a, conv)
		it.Reasons = FactSummary(&a.Facts)
		d.Items = append(d.Items, it)
		fig := &d.Figures
		fig.Articles++
		if f := a.Facts.LargestFine(); f != nil {
			fig.Fines[f.Currency] += f.Amount
			if conv != nil {
				if eur, ok := conv(f.Amount, f.Currency, a.Date().Year()); ok {
					fig.FinesEUR += eur
				}
			}
		}
		if c := a.Facts.LargestAffected(); c != nil {
			fig.People += c.Count
		}
		if a.Facts.MFA != nil && a.Facts.MFA.Status == StatusAbsent {
			fig.MFAAbsent++
		}
		if len(a.Facts.FailedControls()) > 0 {
			fig.FailedControls++
		}
	}
	sort.SliceStable(d.Items, func(i, j int) bool {
		if d.Items[i].Severity != d.Items[j].Severity {
			return d.Items[i].Severity > d.Items[j].Severity
		}
		return d.Items[i].Article.Date().After(d.Items[j].Article.Date())
	})
	for _, it := range d.Items {
		d.Groups[it.Group] = append(d.Groups[it.Group], it)
	}
	return d
}

// GroupOf puts an article in a digest group: enforcement when it reports a
// fine (or a regulator acting with no incident), breaches and attacks when
// it reports a victim, a count or an attack, advisories when it names
// vulnerabilities or threat actors without a victim, other otherwise.
func GroupOf(a *Article) string {
	f := &a.Facts
	switch {
	case len(f.Fines) > 0:
		return GroupEnforcement
	case len(f.Affected) > 0 || (len(f.AttackTypes) > 0 && len(f.Organisations) > 0):
		return GroupBreaches
	case len(f.CVEs) > 0 || len(f.ThreatActors) > 0 || len(f.AttackTypes) > 0:
		return GroupAdvisories
	case a.Kind == KindRegulator && len(f.Regulators) > 0 && len(f.Organisations) > 0:
		return GroupEnforcement
	}
	return GroupOther
}

// Severity scores an article for ranking: larger fines and counts, disrupted
// services (ransomware, DDoS) and failed controls rank higher. The scale is
// logarithmic so that one huge number does not drown every other signal.
func Severity(a *Article, conv Converter) float64 {
	f := &a.Facts
	s := 0.0
	if fine := f.LargestFine(); fine != nil {
		amt := fine.Amount
		if conv != nil {
			if eur, ok := conv(fine.Amount, fine.Currency, a.Date().Year()); ok {
				amt = eur
			}
		}
		w := 1.0
		if fine.Status == FineProvisional {
			w = 0.8
		}
		s += w * 1.5 * math.Log10(1+amt)
	}
	if c := f.LargestAffected(); c != nil {
		s += 1.2 * math.Log10(1+float64(c.Count))
	}
	for _, t := range f.AttackTypes {
		switch t {
		case "ransomware", "ddos":
			s += 2 // services disrupted
		case "unknown":
			s += 0.5
		default:
			s += 1
		}
	}
	s += 1.5 * float64(len(f.FailedControls()))
	s += 0.5 * float64(len(f.ThreatActors)+len(f.CVEs))
	return s
}

// FailedControls returns the names of the controls the text says were
// absent, MFA included.
func (f *Facts) FailedControls() []string {
	var out []string
	seen := map[string]bool{}
	add := func(c *Control) {
		if c != nil && c.Status == StatusAbsent && !seen[c.Control] {
			seen[c.Control] = true
			out = append(out, c.Control)
		}
	}
	add(f.MFA)
	for i := range f.Controls {
		add(&f.Controls[i])
	}
	return out
}

// FactSummary returns the badges of an article's facts, most important first:
// "£3.07m fine (final) · ICO", "79,404 people", "MFA absent", "ransomware".
func FactSummary(f *Facts) []string {
	var out []string
	if fine := f.LargestFine(); fine != nil {
		s := FormatMoney(fine.Amount, fine.Currency) + " fine (" + fine.Status + ")"
		if fine.Regulator != "" {
			s += " · " + fine.Regulator
		}
		out = append(out, s)
	} else if len(f.Regulators) > 0 {
		out = append(out, strings.Join(f.Regulators, ", "))
	}
	if c := f.LargestAffected(); c != nil {
		out = append(out, FormatCount(c.Count)+" "+c.What)
	}
	for _, c := range f.FailedControls() {
		name := ControlTitle(c)
		out = append(out, name+" absent")
	}
	out = append(out, f.AttackTypes...)
	return out
}

// ControlTitle is the display name of a control.
func ControlTitle(c string) string {
	switch c {
	case ControlMFA:
		return "MFA"
	case ControlVulnerabilityScanning:
		return "Vulnerability scanning"
	case ControlAccessControl:
		return "Access control"
	}
	if c == "" {
		return ""
	}
	return strings.ToUpper(c[:1]) + strings.ReplaceAll(c[1:], "_", " ")
}

var currencySymbols = map[string]string{"GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥"}

// FormatMoney writes an amount compactly with its currency: "£3.07m",
// "€500,000", "PLN 1.2m", "$1.5bn".
func FormatMoney(amount float64, currency string) string {
	sym, ok := currencySymbols[currency]
	prefix := sym
	if !ok {
		prefix = currency + " "
	}
	var num string
	switch a := math.Abs(amount); {
	case a >= 1e9:
		num = trimZeros(amount/1e9, 2) + "bn"
	case a >= 1e6:
		num = trimZeros(amount/1e6, 2) + "m"
	default:
		num = FormatCount(int64(math.Round(amount)))
	}
	return prefix + num
}

func trimZeros(v float64, prec int) string {
	s := strings.TrimRight(strings.TrimRight(formatFloat(v, prec), "0"), ".")
	return s
}

func formatFloat(v float64, prec int) string {
	p := math.Pow10(prec)
	v = math.Round(v*p) / p
	whole := int64(v)
	frac := int64(math.Round((v - float64(whole)) * p))
	s := FormatCount(whole)
	if prec > 0 {
		fs := make([]byte, prec)
		for i := prec - 1; i >= 0; i-- {
			fs[i] = byte('0' + frac%10)
			frac /= 10
		}
		s += "." + string(fs)
	}
	return s
}

// FormatCount writes n with thousands separators: 79404 -> "79,404".
func FormatCount(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := []byte{}
	digits := 0
	for {
		if digits > 0 && digits%3 == 0 {
			s = append(s, ',')
		}
		s = append(s, byte('0'+n%10))
		digits++
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		s = append(s, '-')
	}
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
	return string(s)
}
