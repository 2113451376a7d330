package extract

import (
	"math"

	"breachwire"
)

// Roles and fines. Every amount gets a role from the words around it in
// its clause (then its sentence): fine (fined, penalty, a settlement with
// an authority, paid to an authority to settle charges), ransom, loss
// (costs, damages, compensation) or other (revenue, turnover, prices). A
// fine gets a status: provisional when the words it owns say so (intends,
// proposed, notice of intent, faces, not yet final), other when it is one
// end of a range, a periodic penalty, an original amount later reduced, a
// conversion of another fine or the total of fines also listed, and final
// otherwise. Each cue word belongs to the amount nearest to it in its
// clause, so "fined £20m, down from the £183m it proposed" gives
// "proposed" to £183m.

// Cue classes of words.
const (
	mcFine      uint32 = 1 << iota // fined, penalty, sanctioned
	mcSettle                       // settle, settlement
	mcPay                          // pay, paid
	mcCharges                      // charges, investigation, allegations
	mcRansom                       // ransom, extortion, demanded
	mcLoss                         // damages, compensation, restitution, fund
	mcCost                         // cost, costs: a weak loss cue
	mcOther                        // revenue, turnover, price, worth
	mcAuthority                    // regulator, authority, commission, attorneys general
	mcLawsuit                      // class action, lawsuit, plaintiffs
	mcProv                         // intends, proposed, provisional, faces
	mcFinal                        // fined, imposed, issued, paid, settled
	mcOriginal                     // initial, original, originally
	mcReduce                       // reduced, cut, lowered, down
	mcModal                        // can, could, may, might, would
	mcMax                          // maximum, cap, statutory
	mcAttack                       // attack, hackers, break-in
	mcPeriodic                     // per, daily, each
	mcTotal                        // total, combined, altogether
	mcWeakOther                    // deal, offer: other, unless a settlement is meant
)

var mcWords = func() map[string]uint32 {
	m := map[string]uint32{}
	add := func(c uint32, words ...string) {
		for _, w := range words {
			m[w] |= c
		}
	}
	add(mcFine, "fine", "fined", "fines", "fining", "penalty", "penalties", "penalise", "penalised",
		"penalize", "penalized", "penalising", "penalizing", "sanctioned", "sanction", "forfeit",
		"forfeiture", "levied", "levy")
	add(mcSettle, "settle", "settled", "settles", "settling", "settlement", "settlements")
	add(mcPay, "pay", "paid", "pays", "paying", "payment", "payments", "hand", "handed", "hands", "receives", "received", "share", "collect", "collected")
	add(mcCharges, "charges", "investigation", "investigations", "allegations", "violations", "probe", "inquiry", "enquiry")
	add(mcRansom, "ransom", "ransoms", "extortion", "extort", "extorted", "extorting", "demanded", "demand",
		"demands", "demanding", "decryptor", "decryption")
	add(mcLoss, "damages", "compensation", "compensate", "compensated", "restitution", "redress", "fund",
		"refund", "refunds", "reimburse", "reimbursed", "reimbursement", "remediation", "recovery",
		"losses", "loss", "lost", "stolen", "stole", "theft", "fraud", "fraudulent", "expenses", "expense",
		"write", "impairment", "payout", "insurance", "insurer")
	add(mcCost, "cost", "costs", "costing", "spent", "spend", "spending", "charge")
	add(mcOther, "revenue", "revenues", "turnover", "sales", "profit", "profits", "income", "earnings",
		"market", "valued", "valuation", "worth", "price", "priced", "prices", "budget", "investment",
		"invested", "invest", "funding", "raised", "salary", "bonus", "reward", "bounty", "contract",
		"acquisition", "acquired", "bought", "buy", "sold", "assets", "capital", "loan", "bonds",
		"grant", "grants", "donation", "wage", "wages")
	add(mcWeakOther, "deal", "offer", "agreement")
	add(mcAuthority, "regulator", "regulators", "authority", "authorities", "commission", "commissioner",
		"watchdog", "department", "agency", "office", "attorney", "attorneys", "government", "ministry",
		"prosecutors", "treasury", "supervisor", "supervisory", "ocr", "hhs", "states")
	add(mcLawsuit, "class", "lawsuit", "lawsuits", "plaintiffs", "sued", "suit", "litigation", "claimants")
	add(mcProv, "intend", "intends", "intended", "intending", "intention", "intent", "propose", "proposes",
		"proposed", "proposing", "proposal", "provisional", "provisionally", "preliminary", "draft",
		"might", "faces", "facing", "face", "threatened", "threatens", "threaten", "plans", "planned",
		"planning", "seeks", "seeking", "sought", "recommend", "recommends", "recommended")
	add(mcFinal, "fined", "imposed", "imposes", "issued", "issues", "levied", "paid", "pays", "settled",
		"agreed", "ordered", "final", "finalised", "finalized", "confirmed", "handed", "received",
		"must", "slapped", "hit", "sanctioned", "will")
	add(mcOriginal, "initial", "initially", "original", "originally")
	add(mcReduce, "reduced", "reduce", "reduces", "reduction", "cut", "lowered", "lower", "decreased",
		"down", "slashed", "trimmed")
	add(mcModal, "can", "could", "may", "might", "would")
	add(mcMax, "maximum", "max", "cap", "capped", "ceiling", "statutory")
	add(mcAttack, "attack", "attacks", "attackers", "hackers", "hacker", "criminals", "gang", "break",
		"breach", "intrusion", "intruders", "cyberattack", "ransomware", "extortionists", "crooks")
	add(mcPeriodic, "per", "daily", "each", "every", "weekly")
	add(mcTotal, "total", "totalling", "totaling", "combined", "altogether", "aggregate", "overall", "together")
	return m
}()

// cueDone marks a cached cue entry as computed.
const cueDone uint32 = 1 << 31

// cue returns the cue classes of token i, looked up once per token.
func (q *qdoc) cue(i int) uint32 {
	if i < 0 || i >= len(q.toks) || q.toks[i].kind != qWord {
		return 0
	}
	if len(q.cues) != len(q.toks) {
		if cap(q.cues) >= len(q.toks) {
			q.cues = q.cues[:len(q.toks)]
			clear(q.cues)
		} else {
			q.cues = make([]uint32, len(q.toks))
		}
	}
	c := q.cues[i]
	if c&cueDone == 0 {
		c = mcWords[q.w(i)] | cueDone
		q.cues[i] = c
	}
	return c &^ cueDone
}

// fineCtx is what the fine analysis knows of the whole document.
type fineCtx struct {
	q       *qdoc
	regs    []mention
	enfDone bool
	enf     bool
}

// newFineCtx reads the document-wide context.
func (q *qdoc) newFineCtx() *fineCtx {
	return &fineCtx{q: q, regs: regulatorMentions(q.d)}
}

// enforcement reports whether the text is about fines or settlements
// with authorities: it speaks of fines, penalties or settlements and names
// or describes an authority. It is read once, when first needed.
func (fc *fineCtx) enforcement() bool {
	if fc.enfDone {
		return fc.enf
	}
	fc.enfDone = true
	q := fc.q
	fine, auth := false, len(fc.regs) > 0
	for i := range q.toks {
		c := q.cue(i)
		if c&(mcFine|mcSettle) != 0 {
			fine = true
		}
		if c&mcAuthority != 0 {
			auth = true
		}
		if fine && auth {
			break
		}
	}
	fc.enf = fine && auth
	return fc.enf
}

// regIn reports whether a regulator is named in tokens [lo, hi).
func (q *qdoc) regIn(fc *fineCtx, lo, hi int) bool {
	if lo >= hi {
		return false
	}
	s, e := int(q.toks[lo].start), int(q.toks[hi-1].end)
	for _, r := range fc.regs {
		if r.Start >= s && r.End <= e {
			return true
		}
	}
	return false
}

// authorityIn reports whether tokens [lo, hi) name or describe an
// authority.
func (q *qdoc) authorityIn(fc *fineCtx, lo, hi int) bool {
	if q.regIn(fc, lo, hi) {
		return true
	}
	for k := lo; k < hi; k++ {
		if q.cue(k)&mcAuthority != 0 {
			if q.w(k) == "states" && q.kind(k-1) != qNum && q.w(k-1) != "the" {
				continue
			}
			return true
		}
	}
	return false
}

// moneyDist is the number of tokens between token k and the amount m.
func moneyDist(m *qmoney, k int) int {
	if k < m.i {
		return m.i - k
	}
	if k >= m.j {
		return k - m.j + 1
	}
	return 0
}

// roleIn returns the role the words in tokens [lo, hi) give amount m, or
// "" when they give none.
func (q *qdoc) roleIn(fc *fineCtx, m *qmoney, lo, hi int, sentLo, sentHi int) string {
	const far = 1 << 30
	dFine, dRansom, dLoss, dCost, dOther, dWeak := far, far, far, far, far, far
	settleAuth := false
	hasSettle, hasPay, hasCharges, hasAttack := far, far, false, false
	lawsuit := false
	for k := sentLo; k < sentHi; k++ {
		if q.cue(k)&mcLawsuit != 0 {
			if q.w(k) != "class" || q.w(k+1) == "action" {
				lawsuit = true
			}
		}
	}
	authHere := q.authorityIn(fc, lo, hi)
	for k := lo; k < hi; k++ {
		if k >= m.i && k < m.j {
			continue
		}
		c := q.cue(k)
		if c == 0 {
			continue
		}
		d := moneyDist(m, k)
		if c&mcFine != 0 && d < dFine {
			// "fine" as an adjective ("fine print") is rare in these texts
			dFine = d
		}
		if c&mcSettle != 0 && d < hasSettle {
			hasSettle = d
		}
		if c&mcPay != 0 && d < hasPay {
			hasPay = d
		}
		if c&mcCharges != 0 {
			hasCharges = true
		}
		if c&mcAttack != 0 {
			hasAttack = true
		}
		if c&mcRansom != 0 && d < dRansom {
			dRansom = d
		}
		if c&mcLoss != 0 && d < dLoss {
			if !(q.w(k) == "fund" && q.w(k-1) == "relief") {
				dLoss = d
			}
		}
		if c&mcCost != 0 && d < dCost {
			dCost = d
		}
		if c&mcOther != 0 && d < dOther {
			// "a fine worth £183m", "a penalty valued at"
			if !(q.cue(k-1)&(mcFine|mcSettle) != 0 && (q.w(k) == "worth" || q.w(k) == "valued")) {
				dOther = d
			}
		}
		if c&mcWeakOther != 0 && d < dWeak {
			dWeak = d
		}
	}
	if hasSettle < far {
		if !lawsuit && (authHere || q.authorityIn(fc, sentLo, sentHi) || fc.enforcement()) {
			settleAuth = true
			if hasSettle < dFine {
				dFine = hasSettle
			}
		} else if hasSettle < dLoss {
			dLoss = hasSettle
		}
	}
	if hasPay < far && dFine == far {
		// "pay $10 million to settle SEC charges", "pay $17.5 million to
		// 46 states to close a multistate investigation", "the CFPB
		// receives $100 million"
		if (hasCharges && (authHere || fc.enforcement())) || q.paidToAuthority(fc, m, hi) {
			dFine = hasPay
		} else if hasAttack && dRansom == far {
			dRansom = hasPay
		}
	}
	if settleAuth {
		// "settling with the authorities will cost Equifax $575m ...
		// under a deal announced on Monday"
		dCost, dWeak = far, far
	}
	if dWeak < dOther {
		dOther = dWeak
	}
	if dCost < dLoss {
		dLoss = dCost
	}
	best, role := far, ""
	for _, c := range []struct {
		d    int
		role string
	}{{dFine, breachwire.RoleFine}, {dRansom, breachwire.RoleRansom}, {dLoss, breachwire.RoleLoss}, {dOther, breachwire.RoleOther}} {
		if c.d < best {
			best, role = c.d, c.role
		}
	}
	return role
}

// paidToAuthority reports "pay X to <authority>" after amount m, within
// its clause ending at hi.
func (q *qdoc) paidToAuthority(fc *fineCtx, m *qmoney, hi int) bool {
	for k := m.j; k < hi && k < m.j+3; k++ {
		if q.w(k) == "to" {
			end := k + 8
			if end > hi {
				end = hi
			}
			return q.authorityIn(fc, k+1, end)
		}
	}
	return false
}

// classify sets the role, and for fines the status, of every amount.
func (q *qdoc) classify(fc *fineCtx, ms []qmoney) {
	for x := range ms {
		m := &ms[x]
		lo, hi := q.clauseBounds(m.i, m.j)
		slo, shi := q.sentBounds(m.i)
		if m.j > shi {
			_, shi = q.sentBounds(m.j - 1)
		}
		role := q.roleIn(fc, m, lo, hi, slo, shi)
		if role == "" && fc.enforcement() && q.authorityIn(fc, lo, hi) && q.cue(m.j)&mcOther == 0 {
			// "the attorneys general share $175 million"
			role = breachwire.RoleFine
		}
		if role == "" {
			role = q.roleIn(fc, m, slo, shi, slo, shi)
		}
		if role == "" {
			role = breachwire.RoleOther
		}
		m.role = role
		if role != breachwire.RoleFine {
			continue
		}
		if q.statutoryMax(m, lo, hi) {
			m.role = breachwire.RoleOther
			m.noFine = true
			continue
		}
		m.fine = true
	}
	for x := range ms {
		m := &ms[x]
		if m.fine {
			m.status = q.statusOf(ms, x)
		}
	}
}

// statutoryMax reports an amount that is the most a law allows rather
// than a fine: "fines of up to €20 million", "a maximum penalty of £17.5m",
// "could face fines of up to $1 billion".
func (q *qdoc) statutoryMax(m *qmoney, lo, hi int) bool {
	modal := false
	for k := lo; k < hi; k++ {
		if q.cue(k)&mcModal != 0 {
			modal = true
		}
		switch q.w(k) {
		case "allows", "allow", "permits", "permit", "allowed":
			modal = true
		}
	}
	// "a maximum fine of £17.5m", "fines capped at": a word of limits
	// before the amount, in a clause that speaks of what may be done ("the
	// ICO can issue a maximum fine of"); after the amount it describes a
	// real fine ("fined £500,000, the maximum under the old law")
	for k := m.i - 1; k >= lo && k >= m.i-6; k-- {
		if q.cue(k)&mcMax != 0 && (modal || m.qual == breachwire.QualAtMost) {
			return true
		}
	}
	if m.qual != breachwire.QualAtMost {
		return false
	}
	// "fines of up to", "penalty of up to"
	if q.w(m.i-1) == "to" && q.w(m.i-2) == "up" && q.w(m.i-3) == "of" && q.cue(m.i-4)&mcFine != 0 {
		return true
	}
	for k := lo; k < hi; k++ {
		if q.cue(k)&mcModal != 0 {
			for t := k + 1; t <= k+3 && t < hi; t++ {
				switch q.w(t) {
				case "face", "fine", "fined", "impose", "levy", "issue", "penalise", "penalize":
					return true
				}
			}
		}
	}
	return false
}

// cueOwner returns the index of the amount of ms nearest to token k within
// tokens [lo, hi), preferring fines.
func cueOwner(ms []qmoney, k, lo, hi int) int {
	best, bd := -1, 1<<30
	for y := range ms {
		if ms[y].i < lo || ms[y].j > hi {
			continue
		}
		d := moneyDist(&ms[y], k)
		if d < bd || d == bd && ms[y].fine && (best < 0 || !ms[best].fine) {
			best, bd = y, d
		}
	}
	return best
}

// statusOf returns the status of fine x from its own words.
func (q *qdoc) statusOf(ms []qmoney, x int) string {
	m := &ms[x]
	if m.rangeLo || m.rangeHi {
		return breachwire.FineOther
	}
	// a periodic penalty: "€10,000 per day", "£500 a day", "for each day"
	for k := m.j; k < m.j+4 && k < len(q.toks) && q.sameSent(k, m.i); k++ {
		w := q.w(k)
		if w == "per" || w == "a" || w == "each" || w == "every" || w == "for" {
			switch q.w(k + 1) {
			case "day", "week", "month", "each", "every":
				return breachwire.FineOther
			}
		}
		if w == "daily" || w == "weekly" {
			return breachwire.FineOther
		}
	}
	lo, hi := q.clauseBounds(m.i, m.j)
	// "the initial fine of €35,000", "originally set at"
	for k := m.i - 1; k >= lo && k >= m.i-6; k-- {
		if q.cue(k)&mcOriginal != 0 {
			return breachwire.FineOther
		}
	}
	if st := q.ownedStatus(ms, x, lo, hi); st != "" {
		return st
	}
	slo, shi := q.sentBounds(m.i)
	if st := q.ownedStatus(ms, x, slo, shi); st != "" {
		return st
	}
	return breachwire.FineFinal
}

// ownedStatus reads the status cues in tokens [lo, hi) that belong to fine
// x: provisional cues win over final ones ("intends to issue a fine").
func (q *qdoc) ownedStatus(ms []qmoney, x, lo, hi int) string {
	prov, final := false, false
	for k := lo; k < hi; k++ {
		c := q.cue(k)
		if c&(mcProv|mcFinal|mcModal) == 0 {
			continue
		}
		if cueOwner(ms, k, lo, hi) != x {
			continue
		}
		w := q.w(k)
		switch {
		case w == "final" || w == "finalised" || w == "finalized":
			// "not yet final", "not final"
			if q.w(k-1) == "not" || q.w(k-1) == "yet" && q.w(k-2) == "not" || q.w(k-1) == "yet" {
				prov = true
			} else {
				final = true
			}
		case c&mcModal != 0:
			// "may issue", "could be fined", "might face"
			for t := k + 1; t <= k+3 && t < hi; t++ {
				switch q.w(t) {
				case "face", "fine", "fined", "impose", "levy", "issue", "penalise", "penalize":
					prov = true
				}
			}
		case c&mcProv != 0:
			if w == "notice" {
				continue
			}
			prov = true
		case c&mcFinal != 0:
			final = true
		}
	}
	// "notice of intent" is caught by "intent"
	if prov {
		return breachwire.FineProvisional
	}
	if final {
		return breachwire.FineFinal
	}
	return ""
}

// docFines applies the rules that need several fines: reductions,
// bounded pairs, restatements, conversions and totals.
func (q *qdoc) docFines(ms []qmoney) {
	// a reduction between two fines of one currency in a sentence: "the
	// fine of €35,000 was reduced to €21,000", "£20m, down from £183m"
	for x := range ms {
		a := &ms[x]
		if !a.fine {
			continue
		}
		for y := x + 1; y < len(ms); y++ {
			b := &ms[y]
			if !b.fine || b.code != a.code || !q.sameSent(a.i, b.i) {
				continue
			}
			red := false
			for k := a.j; k < b.i; k++ {
				if q.cue(k)&mcReduce != 0 {
					red = true
				}
			}
			if !red || a.amount == b.amount {
				break
			}
			if a.amount > b.amount {
				a.status = breachwire.FineOther
				if b.status != breachwire.FineOther {
					b.status = breachwire.FineFinal
				}
			} else {
				b.status = breachwire.FineOther
				if a.status != breachwire.FineOther {
					a.status = breachwire.FineFinal
				}
			}
			break
		}
	}
	// a lower and an upper bound of one sum: "no less than $575 million
	// and up to $700 million"
	for x := range ms {
		a := &ms[x]
		if !a.fine || a.qual != breachwire.QualAtLeast {
			continue
		}
		for y := range ms {
			b := &ms[y]
			if y == x || !b.fine || b.qual != breachwire.QualAtMost || b.code != a.code || !q.sameSent(a.i, b.i) || b.amount <= a.amount {
				continue
			}
			a.status, b.status = breachwire.FineOther, breachwire.FineOther
		}
	}
}

// fineItem is one fine after restatements are merged.
type fineItem struct {
	m      *qmoney
	status string
	order  int
}

// fineStatusRank orders statuses for merging restatements of one fine.
func fineStatusRank(s string) int {
	switch s {
	case breachwire.FineOther:
		return 3
	case breachwire.FineFinal:
		return 2
	}
	return 1
}

// sameMoneyAmount reports amounts equal within half a percent.
func sameMoneyAmount(a, b float64) bool {
	return math.Abs(a-b) <= math.Max(0.005*math.Abs(b), 0.01)
}

// mergeFines merges restated fines and applies the rules across fines:
// conversions, totals and an intended fine later reduced.
func (q *qdoc) mergeFines(ms []qmoney) []fineItem {
	var out []fineItem
	for x := range ms {
		m := &ms[x]
		if !m.fine || m.amount <= 0 {
			continue
		}
		dup := false
		for k := range out {
			if out[k].m.code == m.code && sameMoneyAmount(out[k].m.amount, m.amount) {
				if fineStatusRank(m.status) > fineStatusRank(out[k].status) {
					out[k].status = m.status
				}
				if out[k].m.regulator == "" {
					out[k].m.regulator = m.regulator
				}
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, fineItem{m: m, status: m.status, order: len(out)})
		}
	}
	// the total of fines also listed: "$4.8 million" with $3.3m and $1.5m
	for k := range out {
		var parts []float64
		for y := range out {
			if y != k && out[y].m.code == out[k].m.code && out[y].m.amount < out[k].m.amount {
				parts = append(parts, out[y].m.amount)
			}
		}
		if fineSubsetSums(parts, out[k].m.amount) {
			out[k].status = breachwire.FineOther
		}
	}
	// a conversion: the same fine in another currency, later in the text
	// or in brackets ("40.000 PLN (9400 EUR)")
	for a := range out {
		for b := range out {
			if a == b || out[a].m.code == out[b].m.code || out[a].status == breachwire.FineOther || out[b].status == breachwire.FineOther {
				continue
			}
			if !sameMoneyValue(out[a].m, out[b].m) {
				continue
			}
			conv := b
			if q.inBrackets(out[a].m) && !q.inBrackets(out[b].m) || (q.inBrackets(out[a].m) == q.inBrackets(out[b].m) && out[a].m.i > out[b].m.i) {
				conv = a
			}
			out[conv].status = breachwire.FineOther
		}
	}
	// an intended fine larger than the final one in the same currency was
	// reduced: "notice of intent £6.09m ... fined £3.07m"
	for a := range out {
		if out[a].status != breachwire.FineProvisional {
			continue
		}
		for b := range out {
			if out[b].status == breachwire.FineFinal && out[b].m.code == out[a].m.code && out[b].m.amount < out[a].m.amount {
				out[a].status = breachwire.FineOther
				break
			}
		}
	}
	return out
}

// fineSubsetSums reports whether two or three of parts, or all of them,
// add up to total. Totals in articles sum a few fines listed nearby; the
// search is cubic, not exponential, in the number of fines.
func fineSubsetSums(parts []float64, total float64) bool {
	n := len(parts)
	if n < 2 || n > 40 {
		return false
	}
	all := 0.0
	for a := 0; a < n; a++ {
		all += parts[a]
		for b := a + 1; b < n; b++ {
			ab := parts[a] + parts[b]
			if sameMoneyAmount(ab, total) {
				return true
			}
			if ab >= total {
				continue
			}
			for c := b + 1; c < n; c++ {
				if sameMoneyAmount(ab+parts[c], total) {
					return true
				}
			}
		}
	}
	return sameMoneyAmount(all, total)
}

// moneyUSDPer holds rough values in US dollars, enough to tell that "£183.39m"
// and "€204.6m" are one fine in two currencies.
var moneyUSDPer = map[string]float64{
	"USD": 1, "EUR": 1.1, "GBP": 1.27, "CHF": 1.1, "PLN": 0.25, "HUF": 0.0029, "CZK": 0.044,
	"SEK": 0.097, "NOK": 0.097, "DKK": 0.147, "ISK": 0.0073, "RON": 0.22, "BGN": 0.56, "HRK": 0.146,
	"CAD": 0.75, "AUD": 0.67, "NZD": 0.61, "JPY": 0.0075, "CNY": 0.14, "INR": 0.012, "KRW": 0.00078,
	"SGD": 0.74, "HKD": 0.128, "BRL": 0.19, "MXN": 0.055, "ZAR": 0.055, "TRY": 0.05, "RUB": 0.013,
	"ILS": 0.27, "AED": 0.27, "SAR": 0.27,
}

// sameMoneyValue reports two amounts in different currencies of about the same
// value (within a quarter of the usual rate).
func sameMoneyValue(a, b *qmoney) bool {
	ra, oka := moneyUSDPer[a.code]
	rb, okb := moneyUSDPer[b.code]
	if !oka || !okb {
		return false
	}
	va, vb := a.amount*ra, b.amount*rb
	if va <= 0 || vb <= 0 {
		return false
	}
	r := va / vb
	return r > 0.8 && r < 1.25
}

// inBrackets reports whether amount m is written in brackets.
func (q *qdoc) inBrackets(m *qmoney) bool {
	for k := m.i - 1; k >= 0 && k >= m.i-4; k-- {
		if q.raw(k) == "(" {
			return true
		}
		if q.raw(k) == ")" {
			return false
		}
	}
	return false
}

// attribute sets the regulator of each fine: the one named in its clause,
// else in its sentence, else the only one the text names, else the
// nearest one named before it. A clause or sentence naming several
// regulators gives none.
func (q *qdoc) attribute(fc *fineCtx, ms []qmoney) {
	if len(fc.regs) == 0 {
		// an authority named only by title ("the Commissioner", "the
		// Berlin Data Commissioner") when it is the only one
		if names, _ := regulatorNames(q.d); len(names) == 1 {
			for x := range ms {
				if ms[x].fine {
					ms[x].regulator = names[0]
				}
			}
		}
		return
	}
	// distinct returns the regulator named in tokens [lo, hi) and how
	// many different ones are named there
	distinct := func(lo, hi int) (string, int) {
		if lo >= hi {
			return "", 0
		}
		s, e := int(q.toks[lo].start), int(q.toks[hi-1].end)
		var seen [4]string
		n := 0
	next:
		for _, r := range fc.regs {
			if r.Start < s || r.End > e {
				continue
			}
			for k := 0; k < n; k++ {
				if seen[k] == r.Name {
					continue next
				}
			}
			if n == len(seen) {
				return "", n
			}
			seen[n] = r.Name
			n++
		}
		return seen[0], n
	}
	for x := range ms {
		m := &ms[x]
		if !m.fine {
			continue
		}
		lo, hi := q.clauseBounds(m.i, m.j)
		if name, n := distinct(lo, hi); n == 1 {
			m.regulator = name
			continue
		} else if n > 1 {
			continue
		}
		slo, shi := q.sentBounds(m.i)
		if name, n := distinct(slo, shi); n == 1 {
			m.regulator = name
			continue
		} else if n > 1 {
			continue
		}
		if name, n := distinct(0, len(q.toks)); n == 1 {
			m.regulator = name
			continue
		}
		// the nearest regulator named before the fine
		at := int(q.toks[m.i].start)
		for k := len(fc.regs) - 1; k >= 0; k-- {
			if fc.regs[k].End <= at {
				m.regulator = fc.regs[k].Name
				break
			}
		}
	}
}
