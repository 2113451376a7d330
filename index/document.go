package index

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"breachwire"
)

// Caps on what one article puts in the index, so that a pathological article
// cannot bloat it.
const (
	maxIndexedText = 256 << 10 // bytes of text indexed and stored
	maxListValues  = 50        // values of one keyword list
	leadLen        = 280       // bytes of the lead shown when no snippet matches
)

// Badges are the facts a search result shows beside its title, stored in the
// index so that a results page needs nothing from the store.
type Badges struct {
	Date       time.Time      `json:"date"`
	SourceID   string         `json:"source_id"`
	SourceName string         `json:"source"`
	Kind       string         `json:"kind"`
	Country    string         `json:"country,omitempty"`
	URL        string         `json:"url"`
	Fine       *FineBadge     `json:"fine,omitempty"`
	Affected   *AffectedBadge `json:"affected,omitempty"`
	// MFA is the MFA status (absent, present, mentioned) or empty.
	MFA        string   `json:"mfa,omitempty"`
	Regulators []string `json:"regulators,omitempty"`
	Attacks    []string `json:"attacks,omitempty"`
	// Failed lists the controls the article says were absent.
	Failed []string `json:"failed,omitempty"`
	Orgs   []string `json:"orgs,omitempty"`
	// Lead is the start of the summary or text, plain text, for results
	// whose text did not match the query.
	Lead string `json:"lead,omitempty"`
}

// FineBadge is the largest fine of an article.
type FineBadge struct {
	Amount    float64 `json:"amount"`
	Currency  string  `json:"currency"`
	Status    string  `json:"status"`
	Regulator string  `json:"regulator,omitempty"`
	// EUR is Amount converted at the year's reference rate; 0 when the
	// currency has no rate.
	EUR float64 `json:"eur,omitempty"`
}

// AffectedBadge is the largest affected count of an article.
type AffectedBadge struct {
	Count     int64  `json:"count"`
	What      string `json:"what"`
	Qualifier string `json:"qualifier,omitempty"`
}

// docID is the index document ID of an article.
func docID(id uint64) string { return strconv.FormatUint(id, 10) }

// document turns an article into the field map the mapping indexes. Absent
// facts leave their fields out, so range filters and sorts skip them.
func document(a *breachwire.Article) map[string]any {
	f := &a.Facts
	date := a.Date()
	d := map[string]any{
		fTitle:  a.Title,
		fSource: a.SourceID,
		fKind:   string(a.Kind),
	}
	body := a.Text
	if strings.TrimSpace(body) == "" {
		body = a.Summary
	}
	body = truncate(body, maxIndexedText)
	d[fText] = body
	if a.SourceName != "" {
		d[fSourceName] = a.SourceName
	}
	if !date.IsZero() {
		d[fPublished] = date
		// The ID makes the key unique, so ties need no other sort.
		d[fSortDate] = date.UTC().Format(sortDateLayout) + fmt.Sprintf("%020d", a.ID)
	}
	if !a.FirstSeen.IsZero() {
		d[fFirstSeen] = a.FirstSeen
	}
	b := Badges{
		Date: date, SourceID: a.SourceID, SourceName: a.SourceName, Kind: string(a.Kind),
		Country: a.Country, URL: a.URL, Lead: lead(a.Summary, body),
	}

	regs := list(f.Regulators, strings.TrimSpace)
	for _, fn := range f.Fines {
		if r := strings.TrimSpace(fn.Regulator); r != "" && !slices.Contains(regs, r) {
			regs = append(regs, r)
		}
	}
	setList(d, fRegulator, regs)
	setList(d, fRegulatorLC, regs)
	b.Regulators = regs

	attacks := list(f.AttackTypes, strings.TrimSpace)
	setList(d, fAttack, attacks)
	b.Attacks = attacks

	var controls []string
	addControl := func(c breachwire.Control) {
		name := strings.TrimSpace(c.Control)
		if name == "" {
			return
		}
		for _, v := range []string{name, name + ":" + c.Status} {
			if !slices.Contains(controls, v) {
				controls = append(controls, v)
			}
		}
		if c.Status == breachwire.StatusAbsent && !slices.Contains(b.Failed, name) {
			b.Failed = append(b.Failed, name)
		}
	}
	for _, c := range f.Controls {
		addControl(c)
	}
	if f.MFA != nil {
		c := *f.MFA
		c.Control = breachwire.ControlMFA
		addControl(c)
		d[fMFA] = f.MFA.Status
		b.MFA = f.MFA.Status
	}
	setList(d, fControl, controls)

	orgs := list(f.Organisations, strings.TrimSpace)
	setList(d, fOrg, orgs)
	setList(d, fOrgText, orgs)
	if len(orgs) > 3 {
		b.Orgs = orgs[:3]
	} else {
		b.Orgs = orgs
	}
	setList(d, fSector, list(f.Sectors, lowerTrim))
	countries := list(f.Countries, upper)
	if a.Country != "" && !slices.Contains(countries, upper(a.Country)) {
		countries = append(countries, upper(a.Country))
	}
	setList(d, fCountry, countries)
	setList(d, fActor, list(f.ThreatActors, strings.TrimSpace))
	setList(d, fCVE, list(f.CVEs, upper))

	var curs, statuses []string
	for _, fn := range f.Fines {
		if c := upper(fn.Currency); c != "" && !slices.Contains(curs, c) {
			curs = append(curs, c)
		}
		if s := fn.Status; s != "" && !slices.Contains(statuses, s) {
			statuses = append(statuses, s)
		}
	}
	setList(d, fFineCurrency, curs)
	setList(d, fFineStatus, statuses)
	if fine := f.LargestFine(); fine != nil {
		cur := upper(fine.Currency)
		fb := &FineBadge{Amount: fine.Amount, Currency: cur, Status: fine.Status, Regulator: fine.Regulator}
		d[fFine] = fine.Amount
		d[fFineCur] = cur
		if eur, err := breachwire.ToEUR(fine.Amount, cur, date.Year()); err == nil {
			d[fFineEUR] = eur
			d[fSortFine] = sortNumber(eur)
			fb.EUR = eur
		}
		b.Fine = fb
	}
	if aff := f.LargestAffected(); aff != nil {
		d[fAffected] = float64(aff.Count)
		d[fSortAffected] = sortNumber(float64(aff.Count))
		b.Affected = &AffectedBadge{Count: aff.Count, What: aff.What, Qualifier: aff.Qualifier}
	}

	var facets []string
	addFacet := func(name string, field string) {
		switch v := d[field].(type) {
		case string:
			facets = append(facets, name+"="+v)
		case []string:
			for _, s := range v {
				facets = append(facets, name+"="+s)
			}
		}
	}
	for name, field := range map[string]string{"regulator": fRegulator, "kind": fKind, "source": fSource,
		"attack": fAttack, "mfa": fMFA, "control": fControl, "sector": fSector, "country": fCountry} {
		addFacet(name, field)
	}
	setList(d, fFacet, facets)

	if raw, err := json.Marshal(b); err == nil {
		d[fBadges] = string(raw)
	}
	return d
}

// sortDateLayout orders as text the way times order (years 1000 to 9999).
const sortDateLayout = "20060102150405"

// sortNumber writes a non-negative number as fixed-width digits, so that
// the text order is the numeric order (whole units; negative as zero).
func sortNumber(v float64) string {
	v = min(max(math.Round(v), 0), 1e19)
	return fmt.Sprintf("%020.0f", v)
}

// list cleans a list of values: each passed through norm, empty ones and
// duplicates dropped, at most maxListValues kept.
func list(in []string, norm func(string) string) []string {
	var out []string
	for _, s := range in {
		if s = norm(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
			if len(out) == maxListValues {
				break
			}
		}
	}
	return out
}

func setList(d map[string]any, field string, vals []string) {
	if len(vals) > 0 {
		d[field] = vals
	}
}

func lowerTrim(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// lead is the first words of summary, else of body, cut at a word boundary.
func lead(summary, body string) string {
	s := strings.Join(strings.Fields(summary), " ")
	if s == "" {
		s = strings.Join(strings.Fields(truncate(body, 4*leadLen)), " ")
	}
	if len(s) <= leadLen {
		return s
	}
	s = truncate(s, leadLen)
	if i := strings.LastIndexByte(s, ' '); i > leadLen/2 {
		s = s[:i]
	}
	return s + " …"
}
