package digest

import (
	"slices"
	"strings"

	"breachwire"
)

// Explain says why an article passes a filter, one reason per filter field
// that is set ("regulator ICO", "MFA absent", "fine £3.07m, at least
// €1m"), in the order of breachwire.FilterKeys, and reports whether it
// passes every field. Free text (q) is matched here as every word appearing
// in the title, summary or text, a stand-in for the search index's query. A
// minimum fine in another currency is compared through conv; without it, or
// for a currency it does not know, only fines in the filter's own currency
// count. Dates, sorting and paging are not reasons and are not checked.
func Explain(f breachwire.Filter, a *breachwire.Article, conv breachwire.Converter) (reasons []string, ok bool) {
	ok = true
	fact := &a.Facts
	check := func(passed bool, reason string) {
		if !passed {
			ok = false
			return
		}
		reasons = append(reasons, reason)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		check(matchesText(q, a), "text “"+q+"”")
	}
	if len(f.Regulator) > 0 {
		regs := slices.Clone(fact.Regulators)
		for _, x := range fact.Fines {
			regs = append(regs, x.Regulator)
		}
		v, hit := firstCommon(f.Regulator, regs)
		check(hit, "regulator "+v)
	}
	if len(f.Kind) > 0 {
		v, hit := firstCommon(f.Kind, []string{string(a.Kind)})
		check(hit, "kind "+v)
	}
	if len(f.Source) > 0 {
		_, hit := firstCommon(f.Source, []string{a.SourceID, a.SourceName})
		check(hit, "source "+a.SourceName)
	}
	if f.MinFine > 0 {
		x, hit := fineAtLeast(fact, f.MinFine, filterCurrency(f), a.Date().Year(), conv)
		reason := ""
		if hit {
			reason = "fine " + breachwire.FormatMoney(x.Amount, x.Currency) + ", at least " + breachwire.FormatMoney(f.MinFine, filterCurrency(f))
		}
		check(hit, reason)
	}
	if f.MinAffected > 0 {
		c := fact.LargestAffected()
		hit := c != nil && c.Count >= f.MinAffected
		reason := ""
		if hit {
			reason = breachwire.FormatCount(c.Count) + " " + c.What + ", at least " + breachwire.FormatCount(f.MinAffected)
		}
		check(hit, reason)
	}
	if f.MFA != "" {
		check(fact.MFA != nil && fact.MFA.Status == f.MFA, "MFA "+f.MFA)
	}
	for _, want := range f.Control {
		name, status, _ := strings.Cut(want, ":")
		hit := false
		for _, c := range allControls(fact) {
			if c.Control == name && (status == "" || c.Status == status) {
				hit, status = true, c.Status
				break
			}
		}
		check(hit, breachwire.ControlTitle(name)+" "+status)
	}
	if len(f.Attack) > 0 {
		v, hit := firstCommon(f.Attack, fact.AttackTypes)
		check(hit, "attack "+strings.ReplaceAll(v, "_", " "))
	}
	if len(f.Sector) > 0 {
		v, hit := firstCommon(f.Sector, fact.Sectors)
		check(hit, "sector "+v)
	}
	if len(f.Country) > 0 {
		v, hit := firstCommon(f.Country, append(slices.Clone(fact.Countries), a.Country))
		check(hit, "country "+v)
	}
	if len(f.Org) > 0 {
		v, hit := orgMatch(f.Org, fact.Organisations)
		check(hit, "organisation "+v)
	}
	if !ok {
		return nil, false
	}
	return reasons, true
}

// filterCurrency is the currency of a filter's minimum fine: EUR unless set.
func filterCurrency(f breachwire.Filter) string {
	if f.Currency != "" {
		return f.Currency
	}
	return "EUR"
}

// firstCommon returns the first value of have that equals (ignoring case)
// one of want.
func firstCommon(want, have []string) (string, bool) {
	for _, h := range have {
		for _, w := range want {
			if h != "" && strings.EqualFold(h, w) {
				return h, true
			}
		}
	}
	return "", false
}

// orgMatch matches organisation names by word prefix, so that org=Advanced
// finds "Advanced Computer Software Group Ltd".
func orgMatch(want, have []string) (string, bool) {
	for _, h := range have {
		low := " " + strings.ToLower(h)
		for _, w := range want {
			if w = strings.ToLower(strings.TrimSpace(w)); w != "" && strings.Contains(low, " "+w) {
				return h, true
			}
		}
	}
	return "", false
}

func allControls(f *breachwire.Facts) []breachwire.Control {
	out := slices.Clone(f.Controls)
	if f.MFA != nil {
		out = append(out, *f.MFA)
	}
	return out
}

// fineAtLeast returns the first imposed or proposed fine of at least min
// (in currency cur), converting through conv when the currencies differ.
func fineAtLeast(f *breachwire.Facts, min float64, cur string, year int, conv breachwire.Converter) (*breachwire.Fine, bool) {
	for i := range f.Fines {
		x := &f.Fines[i]
		if x.Status == breachwire.FineOther {
			continue
		}
		if x.Currency == cur {
			if x.Amount >= min {
				return x, true
			}
			continue
		}
		if conv == nil {
			continue
		}
		have, ok1 := conv(x.Amount, x.Currency, year)
		need, ok2 := conv(min, cur, year)
		if ok1 && ok2 && have >= need {
			return x, true
		}
	}
	return nil, false
}

// matchesText reports whether every word of q appears in the article's
// title, summary or text, ignoring case.
func matchesText(q string, a *breachwire.Article) bool {
	hay := strings.ToLower(a.Title + "\n" + a.Summary + "\n" + a.Text)
	for _, w := range strings.Fields(strings.ToLower(q)) {
		w = strings.Trim(w, `"'`)
		if w != "" && !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}
