package extract

import "breachwire"

// extractSemantic fills MFA, Controls, AttackTypes, Organisations,
// Regulators, ThreatActors, CVEs, Sectors and Countries.
//
// It runs last: it releases the document's analysis when it is done.
func extractSemantic(d *doc, f *breachwire.Facts) {
	defer d.release()
	a := d.analyze()
	regs, regCountries := regulatorNames(d)
	f.Regulators = regs
	extractAttacks(a, f)
	f.Organisations = dedupeNames(append(victimRegulators(d), extractOrgs(a, len(f.AttackTypes) > 0)...))
	extractControls(a, f)
	advisoryControls(a, f)
	extractSectors(a, f)
	f.Countries = extractCountries(a, regCountries)
}

// extractCountries returns the ISO codes of the countries the text names
// (by name, demonym or a place within them) and of the regulators acting,
// most mentioned first.
func extractCountries(a *analysis, regCountries []string) []string {
	g := gazetteer()
	counts := map[string]int{}
	var order []string
	add := func(code string, n int) {
		if code == "" {
			return
		}
		if _, ok := counts[code]; !ok {
			order = append(order, code)
		}
		counts[code] += n
	}
	for _, h := range a.hits {
		if h.cat == catCountry || h.cat == catPlace {
			add(g.phrases[h.ph].code, 1)
		}
	}
	for _, c := range regCountries {
		add(c, 2)
	}
	for x := 1; x < len(order); x++ {
		for y := x; y > 0 && counts[order[y]] > counts[order[y-1]]; y-- {
			order[y], order[y-1] = order[y-1], order[y]
		}
	}
	return order
}
