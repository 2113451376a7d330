package extract

import (
	"slices"
	"strings"
)

// mention is a gazetteer entry found in the text: Name is its canonical
// short form, Start and End the byte offsets of the words matched.
type mention struct {
	Name    string
	Country string
	Start   int
	End     int
}

// regulator is one authority of the gazetteer: its usual short form, its
// country (ISO 3166-1 alpha-2, or EU) and the ways texts name it.
type regulator struct {
	name, country string
	// names are matched ignoring case; acronyms must match case exactly;
	// ambiguous acronyms also need the context that check accepts.
	names    []string
	acronyms []string
	ambig    []string
	check    func(a *analysis) bool
}

// Regulator context checks for ambiguous short forms.

// notOCRSoftware accepts "OCR" as HHS's Office for Civil Rights unless the
// text is about optical character recognition.
func notOCRSoftware(a *analysis) bool {
	return !a.hasWord("optical", "scanned", "scanning", "recognition", "handwriting")
}

func dutchContext(a *analysis) bool {
	return a.hasWord("dutch", "netherlands", "persoonsgegevens", "amsterdam", "hague")
}

func newYorkContext(a *analysis) bool {
	for i := 0; i+1 < len(a.toks); i++ {
		if a.toks[i].norm == "new" && a.toks[i+1].norm == "york" {
			return true
		}
	}
	return a.hasWord("nydfs")
}

func canadaContext(a *analysis) bool {
	return a.hasWord("canada", "canadian", "canadians", "ontario", "quebec", "toronto")
}

// dpaForms are the ways a text describes a national data protection
// authority by its country: "the Spanish Data Protection Authority",
// "Italy's privacy watchdog".
var dpaNouns = []string{
	"data protection authority", "data protection agency", "data protection regulator",
	"data protection watchdog", "data protection commission", "data protection office",
	"data protection supervisor", "data protection inspectorate", "dpa", "data regulator",
	"data watchdog", "privacy regulator", "privacy watchdog", "privacy authority",
	"supervisory authority", "data privacy regulator", "data privacy watchdog",
	"data protection and privacy authority",
}

// regulators is the gazetteer. The first entry naming a short form wins;
// order matters only for readability.
var regulators = []regulator{
	{name: "ICO", country: "GB",
		names: []string{"Information Commissioner's Office", "Information Commissioners Office",
			"Information Commissioners' Office", "UK Information Commissioner", "Information Commissioner",
			"UK's Information Commissioner", "British Information Commissioner"},
		acronyms: []string{"ICO"}},
	{name: "NCSC", country: "GB",
		names:    []string{"National Cyber Security Centre", "National Cyber Security Center", "National Cybersecurity Centre"},
		acronyms: []string{"NCSC"}},
	{name: "NCA", country: "GB", names: []string{"National Crime Agency"}, acronyms: []string{"NCA"}},
	{name: "FCA", country: "GB", names: []string{"Financial Conduct Authority"}, acronyms: []string{"FCA"}},
	{name: "Ofcom", country: "GB", names: []string{"Ofcom"}},
	{name: "FTC", country: "US", names: []string{"Federal Trade Commission"}, acronyms: []string{"FTC"}},
	{name: "SEC", country: "US", names: []string{"Securities and Exchange Commission", "Securities & Exchange Commission"},
		acronyms: []string{"SEC"}},
	{name: "HHS OCR", country: "US",
		names: []string{"HHS Office for Civil Rights", "HHS' Office for Civil Rights", "HHS’ Office for Civil Rights",
			"Office for Civil Rights", "Department of Health and Human Services", "Health and Human Services",
			"HHS OCR"},
		acronyms: []string{"HHS"}, ambig: []string{"OCR"}, check: notOCRSoftware},
	{name: "CISA", country: "US", names: []string{"Cybersecurity and Infrastructure Security Agency"},
		acronyms: []string{"CISA"}},
	{name: "FBI", country: "US", names: []string{"Federal Bureau of Investigation"}, acronyms: []string{"FBI"}},
	{name: "DOJ", country: "US",
		names: []string{"Department of Justice", "Justice Department", "U.S. Attorney's Office", "US Attorney's Office",
			"United States Attorney's Office", "U.S. Attorney", "United States Attorney", "Deputy Attorney General",
			"Assistant Attorney General", "U.S. Attorney General", "US Attorney General", "Attorney General of the United States"},
		acronyms: []string{"DOJ", "USDOJ"}},
	{name: "NSA", country: "US", names: []string{"National Security Agency"}, acronyms: []string{"NSA"}},
	{name: "CFPB", country: "US", names: []string{"Consumer Financial Protection Bureau"}, acronyms: []string{"CFPB"}},
	{name: "OCC", country: "US", names: []string{"Office of the Comptroller of the Currency", "Comptroller of the Currency"},
		acronyms: []string{"OCC"}},
	{name: "PHMSA", country: "US", names: []string{"Pipeline and Hazardous Materials Safety Administration"},
		acronyms: []string{"PHMSA"}},
	{name: "NYDFS", country: "US",
		names: []string{"New York Department of Financial Services", "New York State Department of Financial Services",
			"New York's Department of Financial Services", "New York State's Department of Financial Services",
			"NY Department of Financial Services", "NY DFS"},
		acronyms: []string{"NYDFS"}, ambig: []string{"DFS", "Department of Financial Services"}, check: newYorkContext},
	{name: "FCC", country: "US", names: []string{"Federal Communications Commission"}, acronyms: []string{"FCC"}},
	{name: "FINRA", country: "US", names: []string{"Financial Industry Regulatory Authority"}, acronyms: []string{"FINRA"}},
	{name: "FinCEN", country: "US", names: []string{"Financial Crimes Enforcement Network", "FinCEN"}},
	{name: "OFAC", country: "US", names: []string{"Office of Foreign Assets Control"}, acronyms: []string{"OFAC"}},
	{name: "DHS", country: "US", names: []string{"Department of Homeland Security"}, acronyms: []string{"DHS"}},
	{name: "Secret Service", country: "US", names: []string{"U.S. Secret Service", "US Secret Service", "United States Secret Service"},
		acronyms: []string{"USSS"}},
	{name: "CPPA", country: "US", names: []string{"California Privacy Protection Agency"}, acronyms: []string{"CPPA"}},
	{name: "state attorneys general", country: "US",
		names: []string{"state attorneys general", "attorneys general", "attorneys-general", "state AGs",
			"multistate coalition", "multistate investigation", "multistate settlement", "multi-state investigation",
			"multi-state settlement", "multistate group", "coalition of states"}},
	{name: "CNIL", country: "FR",
		names: []string{"Commission nationale de l'informatique et des libertés", "Commission Nationale de l’Informatique et des Libertés",
			"Commission nationale de l'informatique et des libertes"},
		acronyms: []string{"CNIL"}},
	{name: "ANSSI", country: "FR", names: []string{"Agence nationale de la sécurité des systèmes d'information"}, acronyms: []string{"ANSSI"}},
	{name: "DPC", country: "IE",
		names: []string{"Irish Data Protection Commission", "Data Protection Commission", "Irish Data Protection Commissioner",
			"Data Protection Commissioner of Ireland", "Irish DPC"},
		acronyms: []string{"DPC"}},
	{name: "AEPD", country: "ES", names: []string{"Agencia Española de Protección de Datos", "Spanish Data Protection Agency"},
		acronyms: []string{"AEPD"}},
	{name: "Garante", country: "IT",
		names: []string{"Garante per la protezione dei dati personali", "Italian Garante", "Garante della Privacy",
			"Garante Privacy"},
		acronyms: []string{"Garante"}},
	{name: "AP", country: "NL", names: []string{"Autoriteit Persoonsgegevens", "Dutch DPA"},
		ambig: []string{"AP"}, check: dutchContext},
	{name: "EDPB", country: "EU", names: []string{"European Data Protection Board"}, acronyms: []string{"EDPB"}},
	{name: "EDPS", country: "EU", names: []string{"European Data Protection Supervisor"}, acronyms: []string{"EDPS"}},
	{name: "ENISA", country: "EU", names: []string{"European Union Agency for Cybersecurity"}, acronyms: []string{"ENISA"}},
	{name: "Europol", country: "EU", names: []string{"Europol"}},
	{name: "OAIC", country: "AU",
		names:    []string{"Office of the Australian Information Commissioner", "Australian Information Commissioner"},
		acronyms: []string{"OAIC"}},
	{name: "ACSC", country: "AU", names: []string{"Australian Cyber Security Centre"}, acronyms: []string{"ACSC"}},
	{name: "ASIC", country: "AU", names: []string{"Australian Securities and Investments Commission"}, acronyms: []string{"ASIC"}},
	{name: "AFP", country: "AU", names: []string{"Australian Federal Police"}},
	{name: "OPC", country: "CA",
		names: []string{"Office of the Privacy Commissioner of Canada", "Privacy Commissioner of Canada",
			"Canadian Privacy Commissioner", "Federal Privacy Commissioner"},
		ambig: []string{"OPC", "Office of the Privacy Commissioner"}, check: canadaContext},
	{name: "NAIH", country: "HU",
		names: []string{"Hungarian National Authority for Data Protection and Freedom of Information",
			"National Authority for Data Protection and Freedom of Information"},
		acronyms: []string{"NAIH"}},
	{name: "KZLD", country: "BG", names: []string{"Commission for Personal Data Protection", "Bulgarian Commission for Personal Data Protection"},
		acronyms: []string{"KZLD", "CPDP"}},
	{name: "UODO", country: "PL",
		names: []string{"Personal Data Protection Office", "President of the Personal Data Protection Office",
			"Urząd Ochrony Danych Osobowych"},
		acronyms: []string{"UODO", "PUODO"}},
	{name: "BfDI", country: "DE",
		names: []string{"Federal Commissioner for Data Protection and Freedom of Information",
			"German Federal Data Protection Commissioner", "Federal Data Protection Commissioner"},
		acronyms: []string{"BfDI"}},
	{name: "BSI", country: "DE", names: []string{"Federal Office for Information Security", "Bundesamt für Sicherheit in der Informationstechnik"},
		acronyms: []string{"BSI"}},
	{name: "Datatilsynet", country: "NO", names: []string{"Datatilsynet", "Norwegian Data Protection Authority"}},
	{name: "IMY", country: "SE",
		names:    []string{"Swedish Authority for Privacy Protection", "Integritetsskyddsmyndigheten", "Datainspektionen"},
		acronyms: []string{"IMY"}},
	{name: "HDPA", country: "GR", names: []string{"Hellenic Data Protection Authority"}, acronyms: []string{"HDPA"}},
	{name: "ANSPDCP", country: "RO",
		names: []string{"National Supervisory Authority for Personal Data Processing",
			"Romanian National Supervisory Authority for Personal Data Processing"},
		acronyms: []string{"ANSPDCP"}},
	{name: "AZOP", country: "HR", names: []string{"Croatian Personal Data Protection Agency", "Personal Data Protection Agency"},
		acronyms: []string{"AZOP"}},
	{name: "HmbBfDI", country: "DE", names: []string{"Hamburg Commissioner for Data Protection and Freedom of Information"},
		acronyms: []string{"HmbBfDI"}},
	{name: "LfDI", country: "DE", names: []string{"LfDI Baden-Württemberg", "State Commissioner for Data Protection and Freedom of Information Baden-Württemberg"},
		acronyms: []string{"LfDI"}},
	{name: "VDAI", country: "LT", names: []string{"State Data Protection Inspectorate", "Lithuanian State Data Protection Inspectorate"},
		acronyms: []string{"VDAI"}},
	{name: "DVI", country: "LV", names: []string{"Data State Inspectorate", "Latvian Data State Inspectorate"}},
	{name: "AKI", country: "EE", names: []string{"Estonian Data Protection Inspectorate", "Data Protection Inspectorate"},
		acronyms: []string{"AKI"}},
	{name: "UOOU", country: "CZ", names: []string{"Office for Personal Data Protection", "Czech Office for Personal Data Protection"},
		acronyms: []string{"UOOU", "ÚOOÚ"}},
	{name: "IDPC", country: "MT", names: []string{"Information and Data Protection Commissioner"}, acronyms: []string{"IDPC"}},
	{name: "CNPD", country: "", names: []string{"Comissão Nacional de Proteção de Dados", "Commission nationale pour la protection des données"},
		acronyms: []string{"CNPD"}},
	{name: "APD", country: "BE", names: []string{"Belgian Data Protection Authority", "Autorité de protection des données",
		"Gegevensbeschermingsautoriteit"}},
	{name: "DSB", country: "AT", names: []string{"Austrian Data Protection Authority", "Datenschutzbehörde"}},
	{name: "PDPC", country: "SG", names: []string{"Personal Data Protection Commission"}, acronyms: []string{"PDPC"}},
	{name: "PIPC", country: "KR", names: []string{"Personal Information Protection Commission"}, acronyms: []string{"PIPC"}},
	{name: "CERT-In", country: "IN", names: []string{"CERT-In", "Indian Computer Emergency Response Team"}},
}

// dpaCountries maps country adjectives and possessives to the short form of
// that country's data protection authority, for descriptions such as "the
// Spanish data protection authority".
var dpaCountries = []struct {
	forms []string
	name  string
}{
	{[]string{"Spanish", "Spain's"}, "AEPD"},
	{[]string{"Italian", "Italy's"}, "Garante"},
	{[]string{"French", "France's"}, "CNIL"},
	{[]string{"Irish", "Ireland's"}, "DPC"},
	{[]string{"Dutch", "Netherlands'", "the Netherlands'"}, "AP"},
	{[]string{"Hungarian", "Hungary's"}, "NAIH"},
	{[]string{"Polish", "Poland's"}, "UODO"},
	{[]string{"Bulgarian", "Bulgaria's"}, "KZLD"},
	{[]string{"Norwegian", "Norway's"}, "Datatilsynet"},
	{[]string{"Danish", "Denmark's"}, "Datatilsynet"},
	{[]string{"Swedish", "Sweden's"}, "IMY"},
	{[]string{"Greek", "Greece's", "Hellenic"}, "HDPA"},
	{[]string{"Belgian", "Belgium's"}, "APD"},
	{[]string{"Romanian", "Romania's"}, "ANSPDCP"},
	{[]string{"Croatian", "Croatia's"}, "AZOP"},
	{[]string{"Lithuanian", "Lithuania's"}, "VDAI"},
	{[]string{"Latvian", "Latvia's"}, "DVI"},
	{[]string{"Estonian", "Estonia's"}, "AKI"},
	{[]string{"Czech", "Czech Republic's"}, "UOOU"},
	{[]string{"Maltese", "Malta's"}, "IDPC"},
	{[]string{"Austrian", "Austria's"}, "DSB"},
	{[]string{"Portuguese", "Portugal's", "Luxembourg's"}, "CNPD"},
	{[]string{"British", "UK", "U.K.", "UK's", "Britain's"}, "ICO"},
	{[]string{"Australian", "Australia's"}, "OAIC"},
	{[]string{"Canadian", "Canada's"}, "OPC"},
	{[]string{"German federal", "Germany's federal"}, "BfDI"},
}

// regulatorIndex maps a canonical short form to its gazetteer entry.
var regulatorIndex = func() map[string]int {
	m := make(map[string]int, len(regulators))
	for i, r := range regulators {
		if _, ok := m[r.name]; !ok {
			m[r.name] = i
		}
	}
	return m
}()

// regKindAmbig marks an ambiguous short form in a regulator phrase's val
// (whose low bits hold the regulator index).
const regKindAmbig = 1 << 16

func addRegulators(m *matcher) {
	for i, r := range regulators {
		for _, n := range r.names {
			m.add(n, catRegulator, i, 0)
		}
		for _, n := range r.acronyms {
			m.add(n, catRegulator, i, pCase)
		}
		for _, n := range r.ambig {
			m.add(n, catRegulator, i|regKindAmbig, pCase)
		}
	}
	for _, c := range dpaCountries {
		i := regulatorIndex[c.name]
		for _, f := range c.forms {
			for _, n := range dpaNouns {
				m.add(f+" "+n, catRegulator, i, 0)
			}
		}
	}
}

// regulatorMentions returns every regulator named in the text, in order of
// appearance, by its short form (ICO, FTC, HHS OCR...). The numeric
// extractor uses it to attribute fines.
//
// An ambiguous short form ("OCR", "DFS", "AP") counts only in a context that
// supports it. A regulator that is itself the victim of the incident ("the
// SEC's X account was hijacked") is left out: it is an organisation there.
func regulatorMentions(d *doc) []mention {
	a := d.analyze()
	if a.regsDone {
		return a.regs
	}
	out := a.regs[:0] // the buffer of the previous document
	for _, h := range a.hits {
		if h.cat != catRegulator {
			continue
		}
		r := &regulators[h.val&0xffff]
		if h.val&regKindAmbig != 0 {
			if r.check != nil && !r.check(a) {
				continue
			}
			if r.name == "AP" && apIsPress(a, h) {
				continue
			}
		}
		if foreignQualifier(a, h, r.country) {
			continue // "the Slovenian Information Commissioner" is not the ICO
		}
		if regulatorIsVictim(a, h) {
			if h.val&regKindAmbig == 0 {
				a.regVictims = append(a.regVictims, r.name)
			}
			continue
		}
		if r.name == "DOJ" && a.toks[h.i].norm != "u" && stateAttorneyGeneral(a) && isAny(a.toks[h.i].norm, "deputy", "assistant", "chief") {
			continue // the staff of a state attorney general
		}
		out = append(out, mention{Name: r.name, Country: r.country, Start: a.toks[h.i].start, End: a.toks[h.j-1].end})
	}
	// an authority the gazetteer does not know, named with its short
	// form in brackets: "the Berlin Commissioner for Data Protection and
	// Freedom of Information (BlnBDI)"
	if extra := bracketedAuthorities(a); len(extra) > 0 {
		out = append(out, extra...)
		slices.SortStableFunc(out, func(x, y mention) int { return x.Start - y.Start })
	}
	// a regulator that is the victim is an organisation in every mention
	// ("CISA says hackers broke into two of its systems ... CISA said both
	// systems were taken offline")
	if len(a.regVictims) > 0 {
		kept := out[:0]
		for _, m := range out {
			if !slices.Contains(a.regVictims, m.Name) {
				kept = append(kept, m)
			}
		}
		out = kept
	}
	a.regs, a.regsDone = out, true
	return out
}

// apIsPress reports whether "AP" at h is the news agency: "AP reported",
// "(AP)", "the AP news".
func apIsPress(a *analysis, h hit) bool {
	switch a.norm(h.j) {
	case "news", "reported", "reports", "reporter", "photo", "wrote":
		return true
	}
	return a.norm(h.i-1) == "(" && a.norm(h.j) == ")" && h.i <= 2
}

// regulatorIsVictim reports whether the regulator named at h is the victim
// of an attack in its sentence: "the SEC's X account was hacked", "hackers
// breached the FCC's systems".
func regulatorIsVictim(a *analysis, h hit) bool {
	k := h.j
	// "the Cybersecurity and Infrastructure Security Agency, the US
	// government's own cyber defence agency, says hackers broke into two
	// of its systems"
	e0 := len(a.toks)
	if _, e := a.sentRange(h.i); e < e0 {
		e0 = e
	}
	k = skipAside(a, k, e0)
	if isAny(a.norm(k), "says", "said", "confirmed", "confirms", "disclosed", "discloses", "announced", "reported") &&
		reportsOwnAttack(a, k+1, e0) {
		return true
	}
	if isAny(a.norm(k), "was", "has", "had") && isAny(a.norm(k+1), "hacked", "breached", "compromised", "attacked") ||
		isAny(a.norm(k), "was", "has", "had") && a.norm(k+1) == "been" && isAny(a.norm(k+2), "hacked", "breached", "compromised", "attacked") {
		return true // "the FCC was hacked"
	}
	k = h.j
	switch {
	case a.norm(k) == "'s":
		k++
	case isAny(a.norm(k), "said", "says", "confirmed", "confirms") && a.norm(k+1) == "its":
		// "the SEC said its X account was taken over"
		k += 2
	case isAny(a.norm(k), "said", "says") && a.norm(k+1) == "that" && a.norm(k+2) == "its":
		k += 3
	default:
		return false
	}
	next := a.norm(k)
	switch next {
	case "x", "twitter", "account", "accounts", "systems", "system", "network", "networks", "website",
		"servers", "server", "email", "emails", "database", "databases", "computers", "social":
	default:
		return false
	}
	s, e := a.sentRange(h.i)
	for k := s; k < e; k++ {
		switch a.toks[k].norm {
		case "hacked", "hijacked", "compromised", "breached", "hackers", "hacker", "takeover",
			"attackers", "intruders", "defaced", "attack", "breach", "over", "swap":
			return true
		}
	}
	return false
}

// onlyRecipient reports a regulator every mention of which only receives
// something: "reported the campaign to the NCSC", "a notice filed with the
// Maine attorney general", "notified the ICO". Regulators are listed when
// they act.
func onlyRecipient(a *analysis, ms []mention, name string) bool {
	for _, m := range ms {
		if m.Name != name {
			continue
		}
		i := tokenAt(a, m.Start)
		if i < 0 || !recipientBefore(a, i) {
			return false
		}
	}
	return true
}

// recipientBefore reports words before token i that make what follows the
// recipient of a report: "to the", "notified", "informed", "filed with".
func recipientBefore(a *analysis, i int) bool {
	k := i - 1
	for k >= 0 && k >= i-2 && isAny(a.toks[k].norm, "the", "its", "their", "relevant") {
		k--
	}
	// "informed the ICO and the NCSC": the second of a list of recipients
	if k >= 0 && isAny(a.toks[k].norm, "and", ",") {
		x := k - 1
		for x >= 0 && x > k-12 && a.regulatorTokenAt(x) {
			x--
		}
		if x < k-1 {
			return recipientBefore(a, x+1)
		}
	}
	switch a.norm(k) {
	case "notified", "informed", "alerted", "contacted", "told", "notifying", "informing", "alerting", "contacting":
		return true
	case "to":
		return isAny(a.norm(k-1), "reported", "report", "reports", "reporting", "it", "them", "breach", "incident",
			"campaign", "attack", "notification", "notifications", "complaint", "complaints", "sent", "submitted",
			"disclosed", "referred", "escalated")
	case "with":
		return isAny(a.norm(k-1), "filed", "lodged", "registered")
	}
	return false
}

// tokenAt returns the token starting at byte offset off, or -1.
func tokenAt(a *analysis, off int) int {
	i := sortSearch(len(a.toks), func(k int) bool { return a.toks[k].start >= off })
	if i < len(a.toks) && a.toks[i].start == off {
		return i
	}
	return -1
}

// bracketedAuthorities returns the authorities named by a long name with
// a short form in brackets that the gazetteer does not hold: the long name
// must have a word of authority (commissioner, authority, agency, office,
// inspectorate) and of its domain (data, privacy, information, consumer).
// Later mentions of the short form are returned too.
func bracketedAuthorities(a *analysis) []mention {
	var out []mention
	var names []string
	last := -1
	for _, h := range a.hits {
		// the long name holds a capitalised word of authority, which the
		// gazetteer lists among the words that name no victim
		if h.cat != catNotOrg || h.j-h.i != 1 || !isAny(a.toks[h.i].norm, "commissioner", "authority", "agency",
			"office", "inspectorate", "ombudsman", "commission", "board", "bureau") {
			continue
		}
		i := h.j
		for i < len(a.toks) && i < h.j+10 && a.toks[i].norm != "(" && a.toks[i].kind == tWord {
			i++
		}
		if i <= last || i < 1 || i+2 >= len(a.toks) || a.toks[i].norm != "(" || a.toks[i+2].norm != ")" {
			continue
		}
		last = i
		t := &a.toks[i+1]
		if t.kind != tWord || len(t.norm) < 2 || len(t.norm) > 10 || !(t.is(fUpper) || t.is(fCap) && t.is(fInnerUpper)) {
			continue
		}
		// the capitalised run before the bracket
		k := i - 1
		authority, domain, known := false, false, false
		for ; k >= 0 && i-k <= 14; k-- {
			w := &a.toks[k]
			if w.kind != tWord || !w.is(fCap) && !isAny(w.norm, "for", "of", "and", "the", "on") {
				break
			}
			if isAny(w.norm, "commissioner", "authority", "agency", "office", "inspectorate", "ombudsman",
				"commission", "supervisor", "directorate", "board", "inspector") {
				authority = true
			}
			if isAny(w.norm, "data", "privacy", "protection", "information", "consumer", "cybersecurity", "cyber") {
				domain = true
			}
		}
		k++
		for k < i && !a.toks[k].is(fCap) {
			k++
		}
		if !authority || !domain || k >= i {
			continue
		}
		for _, h := range a.hits {
			if h.cat == catRegulator && h.i < i+2 && h.j > k && !foreignQualifier(a, h, regulators[h.val&0xffff].country) {
				known = true
				break
			}
		}
		if known {
			continue
		}
		name := a.text[t.start:t.end]
		out = append(out, mention{Name: name, Start: a.toks[k].start, End: a.toks[i+2].end})
		names = append(names, name)
	}
	if len(names) == 0 {
		return nil
	}
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind == tWord && slices.Contains(names, a.text[t.start:t.end]) && a.norm(i-1) != "(" {
			out = append(out, mention{Name: a.text[t.start:t.end], Start: t.start, End: t.end})
		}
	}
	return out
}

// skipAside skips a bracketed short form or an appositive (", the US
// government's cyber agency,") after token k.
func skipAside(a *analysis, k, e int) int {
	if a.norm(k) == "(" {
		for x := k + 1; x < e && x < k+6; x++ {
			if a.toks[x].norm == ")" {
				k = x + 1
				break
			}
		}
	}
	if a.norm(k) == "," {
		for x := k + 1; x < e && x < k+14; x++ {
			if a.toks[x].norm == "," {
				return x + 1
			}
		}
	}
	return k
}

// reportsOwnAttack reports a reported clause from token k that tells of
// an attack on the speaker's own systems: "hackers broke into two of its
// systems", "its network was breached", "we were hit by ransomware".
func reportsOwnAttack(a *analysis, k, e int) bool {
	if a.norm(k) == "that" {
		k++
	}
	own, hit := false, false
	for x := k; x < e && x < k+16; x++ {
		switch a.toks[x].norm {
		case "its", "our":
			// "two of its systems", not "its investigation found"
			if regulatorAssets[a.norm(x+1)] || regulatorAssets[a.norm(x+2)] {
				own = true
			}
		case "we", "us":
			own = true
		case "hackers", "hacker", "attackers", "intruders", "breached", "hacked", "compromised", "intrusion",
			"broke", "ransomware", "cyberattack":
			hit = true
		case "no", "not", "never":
			return false
		}
	}
	return own && hit
}

// regulatorAssets are what an authority owns that attackers break into.
var regulatorAssets = map[string]bool{
	"systems": true, "system": true, "network": true, "networks": true, "servers": true, "server": true,
	"email": true, "accounts": true, "account": true, "website": true, "computers": true, "databases": true,
	"database": true, "infrastructure": true, "x": true, "twitter": true, "staff": true, "employees": true,
}

// victimRegulators returns the regulators named as the victim of the
// incident: they are organisations of the text.
func victimRegulators(d *doc) []string {
	a := d.analyze()
	regulatorMentions(d)
	return dedupeNames(a.regVictims)
}

// regulatorNames returns the short forms of the regulators acting in the
// text, in order of first appearance, and the countries they belong to.
func regulatorNames(d *doc) (names, countries []string) {
	a := d.analyze()
	seen := map[string]bool{}
	ms := regulatorMentions(d)
	for _, m := range ms {
		if seen[m.Name] || onlyRecipient(a, ms, m.Name) {
			continue
		}
		seen[m.Name] = true
		names = append(names, m.Name)
		if m.Country != "" {
			countries = append(countries, m.Country)
		}
	}
	// CISA advisories are named by id ("AA22-083A") even where the agency
	// is not.
	if !seen["CISA"] && strings.Contains(a.text, "AA") && hasCISAAdvisoryID(a) {
		names = append(names, "CISA")
		countries = append(countries, "US")
		seen["CISA"] = true
	}
	// "a settlement with 47 states", "pay $17.5m to 46 states": a
	// coalition of state attorneys general
	if !seen["state attorneys general"] && statesCoalition(a) {
		names = append(names, "state attorneys general")
		countries = append(countries, "US")
	}
	if len(names) == 0 {
		if n := namedCommissioner(a); n != "" {
			names = append(names, n)
		}
	}
	return names, countries
}

// statesCoalition reports "N states" (N > 1) in a sentence about a
// settlement or payment.
func statesCoalition(a *analysis) bool {
	for i := 1; i < len(a.toks); i++ {
		if a.toks[i].norm != "states" || a.toks[i-1].kind != tNum || a.toks[i-1].norm == "1" {
			continue
		}
		if a.sentenceHasAny(i, []string{"settlement", "settle", "settled", "settles", "pay", "paid", "pays", "agreed"}) {
			return true
		}
	}
	return false
}

// hasCISAAdvisoryID reports whether the text holds a joint advisory id of
// the form AA22-083A.
func hasCISAAdvisoryID(a *analysis) bool {
	for i := 0; i+2 < len(a.toks); i++ {
		t := a.toks[i].norm
		if len(t) == 4 && t[0] == 'a' && t[1] == 'a' && isDigits(t[2:]) && a.toks[i+1].norm == "-" {
			n := a.toks[i+2].norm
			if len(n) == 4 && isDigits(n[:3]) && n[3] >= 'a' && n[3] <= 'z' {
				return true
			}
		}
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// namedCommissioner finds a data protection commissioner named only by its
// title, for texts that name no authority of the gazetteer: "the Berlin
// Data Commissioner", "the Hamburg Commissioner for Data Protection", or
// "the Commissioner" alone. The words are returned as written.
func namedCommissioner(a *analysis) string {
	for i := range a.toks {
		t := &a.toks[i]
		if t.norm != "commissioner" || !t.is(fCap) {
			continue
		}
		// "<Place> Data (Protection) Commissioner"
		j := i - 1
		for j >= 0 && (a.toks[j].norm == "data" || a.toks[j].norm == "protection" || a.toks[j].norm == "privacy") && a.toks[j].is(fCap) {
			j--
		}
		if j >= 0 && j < i-1 && a.toks[j].is(fCap) && isPlaceHit(a, j) {
			return a.tokText(j, i+1)
		}
		if j < i-1 && j >= 0 && a.toks[j].norm == "the" {
			return a.tokText(j+1, i+1)
		}
		// "the Commissioner" alone: in a British text (a penalty notice,
		// pounds) it is the Information Commissioner
		if i > 0 && a.toks[i-1].norm == "the" && a.norm(i+1) != "for" && a.norm(i+1) != "of" {
			if britishContext(a) {
				return "ICO"
			}
			return "Commissioner"
		}
		// "<Place> Commissioner for Data Protection ..."
		if j >= 0 && j == i-1 && a.toks[j].is(fCap) && isPlaceHit(a, j) && a.norm(i+1) == "for" {
			e := i + 2
			for e < len(a.toks) && (a.toks[e].is(fCap) || a.toks[e].norm == "and") {
				e++
			}
			return a.tokText(j, e)
		}
	}
	return ""
}

// stateAttorneyGeneral reports "New York Attorney General", "the Maine
// attorney general": a state's attorney general, whose deputies are not
// the Justice Department's.
func stateAttorneyGeneral(a *analysis) bool {
	for _, h := range a.hits {
		if h.cat == catPlace && a.norm(h.j) == "attorney" && a.norm(h.j+1) == "general" {
			return true
		}
	}
	for i := 0; i+2 < len(a.toks); i++ {
		if a.toks[i].norm == "office" && a.toks[i+1].norm == "of" && a.norm(i+2) == "the" && a.norm(i+3) == "attorney" {
			return true
		}
	}
	return false
}

// britishContext reports a text about the UK: pounds, a penalty notice,
// the UK GDPR or the Data Protection Act 2018.
func britishContext(a *analysis) bool {
	if strings.Contains(a.text, "£") {
		return true
	}
	for i := 0; i+1 < len(a.toks); i++ {
		w, n := a.toks[i].norm, a.toks[i+1].norm
		if w == "penalty" && n == "notice" || w == "uk" && n == "gdpr" || w == "act" && n == "2018" {
			return true
		}
	}
	return false
}

// isPlaceHit reports whether token i is covered by a place or country.
func isPlaceHit(a *analysis, i int) bool {
	for _, h := range a.hits {
		if h.i > i {
			break
		}
		if (h.cat == catPlace || h.cat == catCountry) && h.i <= i && i < h.j {
			return true
		}
	}
	return false
}

// regulatorTokenAt reports whether token k is part of a regulator's name
// (or a bracket around its short form).
func (a *analysis) regulatorTokenAt(k int) bool {
	if isAny(a.toks[k].norm, "(", ")") {
		return true
	}
	for _, h := range a.hits {
		if h.i > k {
			break
		}
		if h.cat == catRegulator && h.i <= k && k < h.j {
			return true
		}
	}
	return false
}

// foreignQualifier reports a country word right before the regulator's
// name at h that is not the regulator's own country: "the Slovenian
// Information Commissioner", "the Maltese Data Protection Commissioner".
func foreignQualifier(a *analysis, h hit, country string) bool {
	if h.i == 0 || country == "" || country == "EU" {
		return false
	}
	g := gazetteer()
	// hits are in token order: look at the few that start before h
	first := sortSearch(len(a.hits), func(k int) bool { return a.hits[k].i >= h.i })
	for k := first - 1; k >= 0 && k >= first-8; k-- {
		p := a.hits[k]
		if p.j == h.i && p.cat == catCountry {
			code := g.phrases[p.ph].code
			return code != "" && code != country && !(country == "GB" && code == "UK")
		}
	}
	return false
}
