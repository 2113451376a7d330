package extract

import (
	"math"
	"strings"
)

// Affected counts: a number with the thing counted ("79,404 people",
// "124 employee email accounts", "about 9.4 million passengers"), in a
// sentence about people or records affected, exposed, stolen, notified or
// put at risk. Subsets have their own entries ("111,578 of them", "890 of
// the 79,404 people"); a number standing after the noun it counts ("the
// number of affected consumers rose to 147.9 million") takes that noun.
// Years, dates, times, percentages, phone and version numbers, money and
// counts of organisations, systems, letters or complaints are no counts,
// nor are vague words ("thousands of", "several million").

// qCountNouns maps the nouns that are counted to the name they are
// reported under.
var qCountNouns = func() map[string]string {
	m := map[string]string{}
	for _, w := range strings.Fields(`people persons individuals americans britons brits
		canadians australians europeans germans californians texans floridians indians
		singaporeans koreans japanese`) {
		m[w] = "people"
	}
	for _, w := range strings.Fields(`patients customers consumers members employees staff workers
		users accounts records students subscribers clients passengers policyholders beneficiaries
		applicants donors voters children pupils parents tenants guests travellers travelers
		shoppers borrowers cardholders taxpayers retirees pensioners veterans enrollees enrolees
		claimants candidates personnel contractors drivers riders players gamers investors
		shareholders residents citizens households families holders visitors
		followers readers viewers listeners fans buyers sellers diners teachers
		minors adults seniors women men infants newborns kids youths girls boys survivors
		homeowners renters motorists commuters
		physicians nurses doctors officers soldiers inmates prisoners claimants recipients
		participants respondents jobseekers job-seekers seekers graduates alumni learners athletes
		passwords credentials logins profiles identities cards payments`) {
		m[w] = w
	}
	return m
}()

// qCompoundCounts are counted nouns that need the word before them:
// "card numbers", "email addresses".
var qCompoundCounts = map[string]map[string]bool{
	"numbers":   {"card": true, "security": true, "account": true, "passport": true, "licence": true, "license": true, "phone": true, "ssn": true, "insurance": true},
	"addresses": {"email": true, "e-mail": true, "home": true, "postal": true},
	"details":   {"card": true, "bank": true, "payment": true},
	"subjects":  {"data": true},
	"payments":  {"card": true},
	"cards":     {"credit": true, "debit": true, "payment": true, "bank": true},
}

// qStopWords end the words between a number and the noun it counts.
var qStopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`of in on at to from for with by the a an were was had have has
		is are be been being who whom which that this these those it its their his her our your
		but as per than more over under about between during since after before when while if
		because so also not no or nor into onto upon within without through across against
		among amongst toward towards until till via whose what where why how all each every
		both either neither any some such only just even still yet already may might can could
		would should will shall must do does did said says say according percent per cent times
		days hours weeks months years minutes seconds am pm gmt bst utc est pst`) {
		m[w] = true
	}
	return m
}()

// qNotCounted are plural nouns that never count people or records:
// "data of 40 companies".
var qNotCounted = map[string]bool{
	"organisations": true, "organizations": true, "companies": true, "businesses": true,
	"firms": true, "entities": true, "systems": true, "servers": true, "devices": true,
	"computers": true, "laptops": true, "files": true, "documents": true, "pages": true,
	"years": true, "months": true, "weeks": true, "days": true, "hours": true, "minutes": true,
	"countries": true, "states": true, "hospitals": true, "schools": true, "banks": true,
	"agencies": true, "vendors": true, "suppliers": true, "partners": true, "subsidiaries": true,
	"websites": true, "sites": true, "apps": true, "databases": true, "gigabytes": true,
	"terabytes": true, "bytes": true, "letters": true, "complaints": true, "incidents": true,
	"breaches": true, "attacks": true, "times": true, "locations": true, "offices": true,
	"branches": true, "stores": true, "clinics": true, "practices": true, "fields": true,
	"categories": true, "types": true, "items": true, "points": true, "percent": true,
}

// qMonths are month names; a number next to one is a date.
var qMonths = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// qYearPrev are words before a year: "in 2020", "since 2019".
var qYearPrev = map[string]bool{
	"in": true, "since": true, "by": true, "from": true, "of": true, "until": true, "till": true,
	"during": true, "year": true, "early": true, "late": true, "mid": true, "before": true,
	"after": true, "between": true, "and": true, "to": true, "the": true, "fy": true, "circa": true,
	"summer": true, "winter": true, "spring": true, "autumn": true, "fall": true, "through": true,
}

// qAffectStems are beginnings of words that put a sentence in an
// affected, exposed, stolen or at-risk context; qAffectWords are whole
// words that do.
var qAffectStems = strings.Fields(`affect impact expos compromis stole steal theft thiev breach
	leak hack access obtain harvest scrap exfiltrat disclos notif involv victim vulnerab attack
	intrud criminal ransom phish warn contain publish dump unauthori inadvertent mistaken erroneous
	misdirect infect malware encrypt impersonat fraud insecure unsecure unprotected notice letter
	mailed reveal`)

// qAffectByPrefix indexes qAffectStems by their first four letters.
var qAffectByPrefix = func() map[string][]string {
	m := map[string][]string{}
	for _, s := range qAffectStems {
		m[s[:4]] = append(m[s[:4]], s)
	}
	return m
}()

var qAffectWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`taken took sold lost hit phi ephi pii risk risks written writing
		posted alerted contacted informed visible available viewed copied downloaded extracted
		targeted exposed leaked reachable readable viewable indexed opened anyone`) {
		m[w] = true
	}
	return m
}()

// qDataNouns count as context when the count follows them: "data of 436
// customers", "information on about 143 million people".
var qDataNouns = map[string]bool{
	"data": true, "information": true, "details": true, "records": true, "files": true,
	"phi": true, "ephi": true, "pii": true, "identities": true, "accounts": true, "numbers": true,
	"addresses": true, "names": true, "cvs": true, "passports": true, "scans": true, "copies": true,
	"documents": true, "profiles": true, "photos": true, "images": true, "statements": true,
	"histories": true, "cards": true, "dossiers": true, "results": true,
}

// qDemonyms are plural names of peoples that do not end as most do (see
// demonym): counted as people.
var qDemonyms = map[string]bool{
	"danes": true, "swedes": true, "finns": true, "poles": true, "czechs": true, "scots": true,
	"greeks": true, "turks": true, "thais": true, "spaniards": true, "britons": true, "brits": true,
	"irish": true, "welsh": true, "french": true, "dutch": true, "swiss": true, "kiwis": true,
	"aussies": true, "filipinos": true, "argentines": true, "luxembourgers": true, "icelanders": true,
}

// demonym reports whether the word at token k names inhabitants of a
// place ("Texans", "New Yorkers", "Londoners", "Danes"): a capitalised
// plural ending as demonyms do, or one of qDemonyms.
func (q *qdoc) demonym(k int) bool {
	r := q.raw(k)
	if r == "" || r[0] < 'A' || r[0] > 'Z' {
		return false
	}
	w := q.w(k)
	if qDemonyms[w] {
		return true
	}
	return len(w) > 5 && (strings.HasSuffix(w, "ans") || strings.HasSuffix(w, "ers") || strings.HasSuffix(w, "ites"))
}

// qVagueBefore are words that make a number vague or no count: "one of",
// "top 10", "number 3".
var qVagueBefore = map[string]bool{
	"top": true, "number": true, "no": true, "aged": true, "age": true, "ages": true, "article": true,
	"art": true, "section": true, "chapter": true, "page": true, "version": true, "v": true,
	"rule": true, "level": true, "tier": true, "phase": true, "step": true, "item": true,
	"paragraph": true, "para": true, "clause": true, "recital": true, "room": true, "flight": true,
	"route": true, "windows": true, "iphone": true, "ios": true, "android": true, "stage": true,
}

// qcount is an affected count.
type qcount struct {
	count  int64
	what   string
	qual   string
	i, j   int // tokens of its text
	ni, nj int // tokens of the number
	drop   bool
}

// affectContext reports whether the sentence of token i speaks of people
// or records affected.
func (q *qdoc) affectContext(i int) bool {
	s := q.toks[i].sent
	if len(q.affect) != len(q.sentTok) {
		if cap(q.affect) >= len(q.sentTok) {
			q.affect = q.affect[:len(q.sentTok)]
			clear(q.affect)
		} else {
			q.affect = make([]uint8, len(q.sentTok))
		}
	}
	if int(s) < len(q.affect) && q.affect[s] != 0 {
		return q.affect[s] == 2
	}
	ok := q.affectContextScan(i)
	if int(s) < len(q.affect) {
		q.affect[s] = 1
		if ok {
			q.affect[s] = 2
		}
	}
	return ok
}

func (q *qdoc) affectContextScan(i int) bool {
	lo, hi := q.sentBounds(i)
	for k := lo; k < hi; k++ {
		if q.kind(k) != qWord {
			continue
		}
		w := q.w(k)
		if len(w) < 3 {
			continue
		}
		hit := qAffectWords[w]
		if !hit && len(w) >= 4 {
			for _, s := range qAffectByPrefix[w[:4]] {
				if strings.HasPrefix(w, s) {
					hit = true
					break
				}
			}
		}
		if !hit && (w == "told" || w == "concerned") && isAny(q.w(k-1), "been", "were", "was", "being", "are", "is") {
			hit = true // "patients have been told their data...", "1 800 pupils were concerned"
		}
		if hit && q.introPhrase(k) {
			// "Following the breach, the CE retrained its 150 staff"
			continue
		}
		if hit {
			return true
		}
		if w == "had" && q.w(k+1) == "their" {
			return true
		}
	}
	return false
}

// introPhrase reports a word of harm that only sets the scene at the
// start of a sentence: "Following the breach,", "After the incident,", "In
// response to the attack,".
func (q *qdoc) introPhrase(k int) bool {
	if q.raw(k+1) != "," {
		return false
	}
	p := k - 1
	if q.w(p) == "the" || q.w(p) == "this" || q.w(p) == "that" {
		p--
	}
	switch q.w(p) {
	case "following", "after", "since", "to", "of", "from":
		return true
	}
	return false
}

// estimateContext reports words about a tally in the sentence of token i.
func (q *qdoc) estimateContext(i int) bool {
	lo, hi := q.sentWindow(i, i+1)
	for k := lo; k < hi; k++ {
		switch q.w(k) {
		case "estimate", "estimated", "estimates", "total", "tally", "figure", "count", "number":
			return true
		}
	}
	return false
}

// countable reports whether number n can be a count at all.
func (q *qdoc) countable(n qnum) bool {
	if n.val < 2 || n.val > 1e16 {
		// "one employee's credentials": a count of one is no tally
		return false
	}
	if n.frac && !n.scaled && n.val != math.Trunc(n.val) {
		return false
	}
	if n.digits && q.badNumberContext(n) {
		return false
	}
	// parts of identifiers and ranges: "AA22-083A", "466-1999", "8-10",
	// "UNC5537", "2FA"
	if n.i > 0 && q.glued(n.i) {
		p := q.raw(n.i - 1)
		if q.kind(n.i-1) == qWord || p == "-" || p == "." || p == "#" || p == "/" || p == "+" || p == "_" {
			return false
		}
	}
	if n.j < len(q.toks) && q.glued(n.j) {
		r := q.raw(n.j)
		if q.kind(n.j) == qWord || q.kind(n.j) == qNum || r == "%" || r == "/" || r == "_" || r == "°" {
			return false
		}
		if r == "-" && (q.kind(n.j+1) == qNum || q.kind(n.j+1) == qWord && !q.glued(n.j+1)) {
			return false
		}
		if r == "-" && q.kind(n.j+1) == qWord {
			// "72-hour", "four-day": a measure
			return false
		}
	}
	// percentages, dates and times
	w := q.w(n.j)
	if w == "percent" || w == "pc" || w == "percentage" || (w == "per" && q.w(n.j+1) == "cent") || w == "%" {
		return false
	}
	if qMonths[w] && q.raw(n.j) != "May" || qMonths[q.w(n.i-1)] && q.w(n.i-1) != "may" {
		return false
	}
	if w == "am" || w == "pm" || w == "a.m" || w == "p.m" {
		return false
	}
	if qVagueBefore[q.w(n.i-1)] {
		return false
	}
	if q.raw(n.i-1) == "#" || q.raw(n.i-1) == "№" {
		return false
	}
	// a threshold: "breaches affecting 500 or more individuals"
	if q.w(n.j) == "or" {
		switch q.w(n.j + 1) {
		case "more", "fewer", "less", "greater", "over", "above":
			return false
		}
	}
	// a population served rather than harmed: "a health system that
	// serves 40,000 patients", "a credit union with 40,000 members"
	k := n.i - 1
	for k >= 0 && k > n.i-4 && q.qualWord(q.w(k)) && q.w(k) != "with" {
		k--
	}
	switch q.w(k) {
	case "serves", "serve", "serving", "served", "treats", "treating", "employs", "employing",
		"employ", "insures", "insuring", "covers", "covering", "has", "have", "had",
		"manages", "operates", "boasts", "counts", "totalling", "totaling":
		return false
	case "with":
		// "along with 15.2 million citizens" is a count
		if p := q.w(k - 1); p != "along" && p != "together" && p != "plus" {
			return false
		}
	// the targets of a lure: "phishing emails were sent to 1,200
	// employees" (notification letters sent to them count)
	case "sent", "emailed", "texted", "delivered":
		if q.w(k+1) == "to" && q.lureContext(n.i) {
			return false
		}
	// people acted against, not harmed: "charged four members of the
	// group", "arrested 12 suspects"
	case "charged", "indicted", "arrested", "sentenced", "convicted", "extradited", "detained",
		"sanctioned", "identified", "named", "hired", "recruited", "trained":
		return false
	}
	// "retrained its 150 employees": the entity's own people, unless a
	// verb of harm comes first ("notified its 2,000 customers")
	if p := q.w(n.i - 1); (p == "its" || p == "their" || p == "our" || p == "his" || p == "her") && !q.harmVerbBefore(n.i) {
		return false
	}
	// the whole of which a share was affected: "1% of its 3.5 million
	// customers"
	if p := n.i - 1; q.w(p) == "its" || q.w(p) == "our" || q.w(p) == "the" || q.w(p) == "their" {
		if q.w(p-1) == "of" && (q.raw(p-2) == "%" || q.w(p-2) == "percent" || q.w(p-2) == "cent") {
			return false
		}
	}
	// a ratio: "one in five people", "1 in 4 customers"
	if q.w(n.i-1) == "in" || q.w(n.i-1) == "out" && q.w(n.i-2) == "in" {
		p := n.i - 2
		if q.w(n.i-1) == "out" {
			p = n.i - 3
		}
		if _, ok := q.numWordAt(p); ok || q.kind(p) == qNum {
			return false
		}
	}
	return true
}

// countNounAfter finds the noun counted by the number ending at token j:
// up to four modifiers ("employee email", "temporary", "Facebook"), then a
// counted noun, perhaps joined to another ("customers and staff"). A noun
// followed by another noun is a modifier ("three staff mailboxes"). It
// returns the noun's name and the end of the text, or "", 0.
func (q *qdoc) countNounAfter(j int) (string, int) {
	mods := 0
	for k := j; k < len(q.toks) && k < j+6; k++ {
		if !q.sameSent(j-1, k) || !q.sameLine(k) && k > j {
			return "", 0
		}
		if q.kind(k) != qWord {
			// "third-party", "non-US": hyphens inside modifiers
			if q.raw(k) == "-" && q.glued(k) && q.kind(k+1) == qWord && q.glued(k+1) && k > j {
				continue
			}
			return "", 0
		}
		w := q.w(k)
		name, ok := "", false
		if allow := qCompoundCounts[w]; allow != nil && k > j && allow[q.w(k-1)] {
			// "card payments", "email addresses"
			name, ok = q.lt[q.toks[k-1].start:q.toks[k].end], true
		} else {
			name, ok = qCountNouns[w]
			if !ok && q.demonym(k) {
				name, ok = "people", true
			}
		}
		if !ok {
			// "100,000 people's accounts"
			if b, cut := strings.CutSuffix(w, "'s"); cut {
				if name, ok = qCountNouns[b]; ok {
					return name, k + 1
				}
			} else if b, cut := strings.CutSuffix(w, "’s"); cut {
				if name, ok = qCountNouns[b]; ok {
					return name, k + 1
				}
			}
		}
		if ok {
			// a modifier when another noun follows: "staff mailboxes"
			nx := k + 1
			if q.kind(nx) == qWord && q.near(nx) && q.sameSent(k, nx) {
				nw := q.w(nx)
				if _, isCount := qCountNouns[nw]; isCount && nw != w {
					mods++
					continue
				}
				if qLooksPlural(nw) && !qStopWords[nw] {
					if mods >= 4 {
						return "", 0
					}
					mods++
					continue
				}
				// "customers and staff"
				if (nw == "and" || nw == "or") && q.kind(nx+1) == qWord {
					if n2, ok2 := qCountNouns[q.w(nx+1)]; ok2 {
						if q.kind(nx+2) != qWord || !qLooksPlural(q.w(nx+2)) {
							if n2 == name {
								return name, nx + 2
							}
							return q.lt[q.toks[k].start:q.toks[nx+1].end], nx + 2
						}
					}
				}
			}
			return name, k + 1
		}
		if qStopWords[w] || qMonths[w] || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			return "", 0
		}
		if _, isNum := qNumWords[w]; isNum {
			return "", 0
		}
		if qCurrencies.next[w] != nil && q.currencyWordAt(k) {
			return "", 0
		}
		mods++
		if mods > 4 {
			return "", 0
		}
	}
	return "", 0
}

// currencyWordAt reports whether a currency expression starts at token k.
func (q *qdoc) currencyWordAt(k int) bool {
	_, ok := q.currencyAt(k)
	return ok
}

// qLooksPlural reports a word that reads as a plural noun: "mailboxes",
// "organisations".
func qLooksPlural(w string) bool {
	if len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") {
		return false
	}
	switch w {
	case "was", "has", "does", "goes", "says", "across", "towards", "afterwards", "whereas",
		"unless", "perhaps", "always", "nevertheless", "besides", "includes", "remains", "contains",
		"seems", "appears", "becomes", "means", "makes", "takes", "gets", "uses", "needs", "thus",
		"sometimes", "regardless", "nowadays", "its", "this", "his", "hers", "ours", "yours", "theirs":
		return false
	}
	return true
}

// findCounts reads the affected counts among the numbers not used as money.
func (q *qdoc) findCounts(items []qitem) []qcount {
	var out []qcount
	lastNoun := ""
	for x := range items {
		if len(out) >= qMaxValues {
			break
		}
		it := &items[x]
		if it.cur != nil || it.used {
			continue
		}
		n := it.num
		// most numbers are dates, times and figures of other things: a
		// count has a word after it, a scale, or a verb or noun of harm
		// before it
		if !n.scaled && q.kind(n.j) != qWord && !q.affectVerbBefore(n.i) && !q.dataNounBefore(n.i) && !q.subsetCue(n.i) && q.coordinated(n, out) == "" {
			continue
		}
		if !q.countable(n) || q.isBase(n.i) {
			continue
		}
		c := qcount{ni: n.i, nj: n.j, i: n.i, count: int64(math.Round(n.val))}
		what, end := q.countNounAfter(n.j)
		if what == "" && q.dataNounBefore(n.i) && q.kind(n.j) == qWord && q.near(n.j) && q.sameSent(n.i, n.j) {
			// "the data of 157,000 debtors": any plural noun counted
			// after a word for personal data
			if w := q.w(n.j); qLooksPlural(w) && !qStopWords[w] && !qNotCounted[w] {
				what, end = w, n.j+1
			}
		}
		if what != "" {
			if n.year && !n.scaled && n.j-n.i == 1 && qYearPrev[q.w(n.i-1)] {
				continue
			}
			if !q.affectContext(n.i) && !q.dataNounBefore(n.i) && !((q.subsetCue(n.i) || q.afterConjunction(n.i)) && q.countInSentence(n.i, out)) {
				lastNoun = what
				continue
			}
			c.what, c.j = what, end
			lastNoun = what
		} else if sub := q.subsetBefore(n, out); sub != "" && (q.kind(n.j) != qWord || qStopWords[q.w(n.j)] || !qLooksPlural(q.w(n.j))) {
			// "of which 2,000 had card details stolen", "including 300":
			// a part of the count before it in the sentence
			c.what, c.j = sub, n.j
		} else if sub, end := q.subsetOf(n, out, lastNoun); sub != "" {
			// "111,578 of them", "890 of the 79,404 people", "3,000 of its
			// customers"
			if !q.affectContext(n.i) {
				continue
			}
			c.what, c.j = sub, end
		} else if sub := q.coordinated(n, out); sub != "" {
			// "2,000 individuals in Ohio and 500 in Michigan"
			c.what, c.j = sub, n.j
		} else if (q.affectVerbBefore(n.i) || q.dataNounBefore(n.i) && q.affectContext(n.i)) && !n.year && (q.kind(n.j) != qWord || qStopWords[q.w(n.j)]) {
			// "a breach affecting 5,000", "notified about 2,300"
			c.what, c.j = q.nounBefore(n.i), n.j
			if c.what == "" {
				c.what = lastNoun
			}
			if c.what == "" {
				c.what = "people"
			}
		} else {
			// a number after the noun it counts
			if n.year || !(n.scaled || n.val >= 1000 && q.w(n.j) == "had") {
				continue
			}
			if q.w(n.j) == "had" || q.w(n.j) == "were" {
				if !q.affectContext(n.i) {
					continue
				}
				c.what, c.j = q.nounBefore(n.i), n.j
				if c.what == "" {
					c.what = lastNoun
				}
				if c.what == "" {
					c.what = "people"
				}
			} else {
				if !q.affectContext(n.i) && !q.estimateContext(n.i) {
					continue
				}
				noun := q.nounBefore(n.i)
				if noun == "" {
					noun = lastNoun
				}
				if noun == "" {
					continue
				}
				// the number must not count something else
				if q.kind(n.j) == qWord && !qStopWords[q.w(n.j)] && q.w(n.j) != "had" {
					continue
				}
				c.what, c.j = noun, n.j
			}
		}
		if c.what != "" && q.agentOfHarm(c.j) {
			continue // "two former employees leaked the data": the perpetrators
		}
		c.qual = q.qualifierBefore(n.i)
		out = append(out, c)
	}
	q.dropSuperseded(out)
	return out
}

// dataNounBefore reports "data of", "information on", "details of" (with
// the words "the", "its", a qualifier between) before token i.
func (q *qdoc) dataNounBefore(i int) bool {
	k := i - 1
	for k >= 0 && k > i-5 && (q.qualWord(q.w(k)) && q.w(k) != "of" && q.w(k) != "on" || q.w(k) == "the" || q.w(k) == "its" || q.w(k) == "their" || q.raw(k) == ".") {
		k--
	}
	switch q.w(k) {
	case "of", "on", "for", "belonging":
	default:
		return false
	}
	return qDataNouns[q.w(k-1)] || q.w(k) == "belonging"
}

// subsetOf reads "N of them", "N of those", "N of whom", "N of the M
// people", "N of its customers" after number n, returning the noun and the
// end of the text.
func (q *qdoc) subsetOf(n qnum, prev []qcount, lastNoun string) (string, int) {
	if q.w(n.j) != "of" {
		return "", 0
	}
	k := n.j + 1
	switch q.w(k) {
	case "them", "those", "these", "whom":
		// the noun of the count before, in this sentence or the one
		// before it
		if p := len(prev) - 1; p >= 0 && q.toks[n.i].sent-q.toks[prev[p].ni].sent <= 1 {
			return prev[p].what, k + 1
		}
		return "", 0
	case "the", "its", "their", "our", "his", "her":
		k++
	}
	possessive := q.w(k-1) != "the" && q.w(k-1) != "of"
	// "of the CE's patients", "of Equifax's customers"
	if w := q.w(k); q.kind(k) == qWord && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")) {
		k++
		possessive = true
	}
	// "of the 79,404 people": the noun of the larger number; after a
	// possessive ("of the hospital's 1.1 million patients") the larger
	// number is the whole population, not a count of people affected
	if nw, ok := q.numWordAt(k); (ok && nw.k != nwA) || q.kind(k) == qNum {
		m, ok := q.parseNum(k)
		if !ok || m.val <= n.val {
			return "", 0
		}
		what, _ := q.countNounAfter(m.j)
		if what == "" {
			return "", 0
		}
		if possessive {
			q.base = append(q.base, int32(m.i))
		}
		return what, m.j
	}
	// "of its customers", "of its former employees"
	if what, end := q.countNounAfter(k); what != "" && end-k <= 3 {
		return what, end
	}
	_ = lastNoun
	return "", 0
}

// subsetCue reports "of which", "of whom", "including" before the number
// at token i (with a qualifier between).
func (q *qdoc) subsetCue(i int) bool {
	k := i - 1
	for k > i-4 && k >= 0 && q.qualWord(q.w(k)) && q.w(k) != "of" {
		k--
	}
	w := q.w(k)
	return w == "including" || (w == "which" || w == "whom" || w == "those" || w == "these") && isAny(q.w(k-1), "of", "among") ||
		w == "them" && q.w(k-1) == "among"
}

// coordinated reads a bare number joined to a count before it in its
// sentence: "2,000 individuals in Ohio and 500 in Michigan", "3,000
// customers, and another 1,200". It returns the noun of that count.
func (q *qdoc) coordinated(n qnum, prev []qcount) string {
	if n.year || q.kind(n.j) == qWord && !qStopWords[q.w(n.j)] {
		return ""
	}
	p := len(prev) - 1
	if p < 0 || !q.sameSent(prev[p].ni, n.i) || n.i-prev[p].j > 10 || n.i < prev[p].j {
		return ""
	}
	k := n.i - 1
	for k > prev[p].j && (q.qualWord(q.w(k)) && q.w(k) != "and" || q.w(k) == "another" || q.w(k) == "further" || q.w(k) == "additional" || q.w(k) == "a") {
		k--
	}
	switch q.w(k) {
	case "and", "plus", ",":
		return prev[p].what
	}
	return ""
}

// isBase reports a number read as the whole population in "N of its M
// customers".
func (q *qdoc) isBase(i int) bool {
	for _, b := range q.base {
		if int(b) == i {
			return true
		}
	}
	return false
}

// harmVerbBefore reports a verb of harm or notice within eight tokens
// before token i in its sentence: "notified all of its 2,000 customers".
func (q *qdoc) harmVerbBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-8 && q.sameSent(k, i); k-- {
		w := q.w(k)
		for _, s := range [...]string{"notif", "affect", "expos", "compromis", "warn", "contact", "alert", "inform", "impact", "stole", "steal", "leak", "hack", "access"} {
			if strings.HasPrefix(w, s) {
				return true
			}
		}
	}
	return false
}

// affectVerbBefore reports a verb of harm right before the number at
// token i, with only a qualifier between: "affecting 5,000", "exposed
// about 2,300", "impacted more than 40,000".
func (q *qdoc) affectVerbBefore(i int) bool {
	k := i - 1
	for k >= 0 && k > i-4 && q.qualWord(q.w(k)) && q.w(k) != "of" && q.w(k) != "to" {
		k--
	}
	switch q.w(k) {
	case "affecting", "affected", "affects", "impacting", "impacted", "impacts", "exposing",
		"exposed", "notified", "notifying", "compromising", "compromised":
		return q.sameSent(k, i)
	}
	return false
}

// subsetBefore reads "of which N", "of whom N", "including N" before
// number n: a part of the count before it in the sentence, whose noun it
// takes.
func (q *qdoc) subsetBefore(n qnum, prev []qcount) string {
	k := n.i - 1
	for k > n.i-4 && k >= 0 && q.qualWord(q.w(k)) && q.w(k) != "of" {
		k--
	}
	w := q.w(k)
	if !(w == "including" || (w == "which" || w == "whom" || w == "those" || w == "these") && isAny(q.w(k-1), "of", "among") ||
		w == "them" && q.w(k-1) == "among") {
		return ""
	}
	if p := len(prev) - 1; p >= 0 && q.sameSent(prev[p].ni, n.i) {
		return prev[p].what
	}
	return ""
}

// nounBefore returns the nearest counted noun before token i in its
// sentence.
func (q *qdoc) nounBefore(i int) string {
	lo, _ := q.sentWindow(i, i+1)
	for k := i - 1; k >= lo; k-- {
		if q.kind(k) != qWord {
			continue
		}
		if name, ok := qCountNouns[q.w(k)]; ok {
			return name
		}
	}
	return ""
}

// dropSuperseded marks a count the text corrects in the same sentence:
// "originally reported that over 500 persons were involved, but the
// investigation showed that about 260 persons were involved".
func (q *qdoc) dropSuperseded(cs []qcount) {
	for a := range cs {
		lo, _ := q.sentWindow(cs[a].ni, cs[a].nj)
		orig := false
		for k := lo; k < cs[a].ni; k++ {
			switch q.w(k) {
			case "originally", "initially":
				orig = true
			}
		}
		if !orig {
			continue
		}
		for b := a + 1; b < len(cs); b++ {
			if !q.sameSent(cs[a].ni, cs[b].ni) {
				break
			}
			if cs[b].what != cs[a].what {
				continue
			}
			for k := cs[a].nj; k < cs[b].ni; k++ {
				switch q.w(k) {
				case "but", "however", "later", "subsequent", "subsequently", "revised", "corrected":
					cs[a].drop = true
				}
			}
		}
	}
}

// agentOfHarm reports a verb of misuse right after the counted noun
// ending at token j, in the active voice: the people counted did it ("two
// former employees leaked", "four call-centre workers sold", "three
// nurses had accessed"), so they are its perpetrators, not the affected.
func (q *qdoc) agentOfHarm(j int) bool {
	k := j
	for n := 0; n < 3 && isAny(q.w(k), "allegedly", "reportedly", "also", "then", "later", "had", "have", "repeatedly", "secretly"); n++ {
		if q.w(k) == "had" && isAny(q.w(k+1), "their", "his", "her", "its") {
			return false // "3,000 employees had their data stolen"
		}
		k++
	}
	if !q.sameSent(j-1, k) {
		return false
	}
	switch q.w(k) {
	case "leaked", "stole", "copied", "accessed", "sold", "downloaded", "took", "shared", "passed", "misused",
		"viewed", "looked", "snooped", "exfiltrated", "forwarded", "emailed", "posted", "published", "deleted",
		"abused", "obtained", "handed", "gave", "disclosed", "photographed", "printed", "removed", "searched",
		"consulted", "browsed", "queried", "retrieved", "exported", "uploaded", "sent":
		return true
	}
	return false
}

// lureContext reports a sentence about phishing or scam messages.
func (q *qdoc) lureContext(i int) bool {
	lo, hi := q.sentBounds(i)
	for k := lo; k < hi; k++ {
		switch q.w(k) {
		case "phishing", "fake", "fraudulent", "malicious", "scam", "spoofed", "bogus", "lure", "lures":
			return true
		}
	}
	return false
}

// countInSentence reports a count already read in the sentence of token
// i: a subset ("among them 98,000 New Yorkers") belongs to its context.
func (q *qdoc) countInSentence(i int, prev []qcount) bool {
	return len(prev) > 0 && q.sameSent(prev[len(prev)-1].ni, i)
}

// afterConjunction reports "and", "or" or a comma right before the number
// at token i: the next item of a list of counts.
func (q *qdoc) afterConjunction(i int) bool {
	k := i - 1
	for k >= 0 && k > i-4 && q.qualWord(q.w(k)) && q.w(k) != "and" {
		k--
	}
	return isAny(q.w(k), "and", "or", ",")
}
