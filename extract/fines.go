package extract

import (
	"math"
	"sort"

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
	mcImposed                      // fined, imposed, paid: a fine was imposed
	mcAllow                        // allows, permits: what a law allows
	mcPrison                       // prison, imprisonment, jail
	mcFaceVerb                     // face, fine, impose, levy, issue: after a modal
	mcBreak                        // but, however, whereas, while: a new clause
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
		"forfeiture", "levied", "levy", "disgorgement", "disgorge")
	add(mcSettle, "settle", "settled", "settles", "settling", "settlement", "settlements", "resolve",
		"resolves", "resolved", "resolving", "resolution")
	add(mcPay, "pay", "paid", "pays", "paying", "payment", "payments", "hand", "handed", "hands", "receives", "received", "share", "collect", "collected")
	add(mcCharges, "charges", "investigation", "investigations", "allegations", "violations", "probe", "inquiry", "enquiry")
	add(mcRansom, "ransom", "ransoms", "extortion", "extort", "extorted", "extorting", "demanded", "demand",
		"demands", "demanding", "decryptor", "decryption")
	add(mcLoss, "damages", "compensation", "compensate", "compensated", "restitution", "redress", "fund",
		"refund", "refunds", "reimburse", "reimbursed", "reimbursement", "remediation", "recovery",
		"losses", "loss", "lost", "stolen", "stole", "theft", "fraud", "fraudulent", "defrauded", "scammed", "embezzled", "expenses", "expense",
		"write", "impairment", "payout", "payouts")
	add(mcCost, "cost", "costs", "costing", "spent", "spend", "spending", "charge")
	add(mcOther, "revenue", "revenues", "turnover", "sales", "profit", "profits", "income", "earnings",
		"market", "valued", "valuation", "worth", "price", "priced", "prices", "budget", "investment",
		"invested", "invest", "funding", "raised", "salary", "bonus", "reward", "bounty", "contract",
		"acquisition", "acquired", "bought", "buy", "sold", "assets", "capital", "loan", "bonds",
		"grant", "grants", "donation", "wage", "wages")
	add(mcWeakOther, "deal", "offer", "agreement")
	add(mcImposed, "fined", "imposed", "issued", "levied", "paid", "pay", "pays", "ordered", "hit",
		"handed", "received", "agreed")
	add(mcAllow, "allows", "allow", "permits", "permit", "allowed")
	add(mcPrison, "prison", "imprisonment", "jail")
	add(mcBreak, "but", "however", "whereas", "although", "though", "while")
	add(mcFaceVerb, "face", "fine", "fined", "impose", "levy", "issue", "penalise", "penalize")
	add(mcAuthority, "regulator", "regulators", "authority", "authorities", "commission", "commissioner",
		"watchdog", "department", "agency", "office", "attorney", "attorneys", "government", "ministry",
		"prosecutors", "treasury", "supervisor", "supervisory", "ocr", "hhs", "states", "hipaa",
		"dpa", "court", "tribunal", "judge")
	add(mcLawsuit, "class", "lawsuit", "lawsuits", "plaintiffs", "sued", "suit", "litigation", "claimants")
	add(mcProv, "intend", "intends", "intended", "intending", "intention", "intent", "propose", "proposes",
		"proposed", "proposing", "proposal", "provisional", "provisionally", "preliminary", "draft",
		"might", "faces", "facing", "face", "threatened", "threatens", "threaten", "plans", "planned",
		"planning", "seeks", "seeking", "sought", "recommend", "recommends", "recommended")
	add(mcFinal, "fined", "imposed", "imposes", "issued", "issues", "levied", "paid", "pays", "settled",
		"agreed", "ordered", "final", "finalised", "finalized", "confirmed", "upheld", "handed", "received",
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

// mcFilter screens words before the mcWords lookup.
var mcFilter = func() *wordFilter {
	f := new(wordFilter)
	for w := range mcWords {
		f.add(w)
	}
	return f
}()

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
		c = cueDone
		if w := q.w(i); mcFilter.may(w) {
			c |= mcWords[w]
			// "Marwick Capital", "Pension Fund": a word of a name is no
			// cue of the amount's role
			if c&(mcOther|mcLoss|mcCost|mcWeakOther) != 0 && q.inName(i) {
				c &^= mcOther | mcLoss | mcCost | mcWeakOther
			}
		}
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
	// mentions are in text order
	k := sort.Search(len(fc.regs), func(x int) bool { return fc.regs[x].Start >= s })
	return k < len(fc.regs) && fc.regs[k].End <= e
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
func (q *qdoc) roleIn(fc *fineCtx, ms []qmoney, x int, lo, hi int, sentLo, sentHi int) string {
	if r := q.roleInOwned(fc, ms, x, lo, hi, sentLo, sentHi, true); r != "" {
		return r
	}
	// no word of its own: the words of the amounts around it apply ("the
	// fine of €35,000 was reduced to €21,000")
	return q.roleInOwned(fc, ms, x, lo, hi, sentLo, sentHi, false)
}

// roleInOwned is roleIn, counting only the cue words that describe amount
// x rather than a nearer amount when owned is set.
func (q *qdoc) roleInOwned(fc *fineCtx, ms []qmoney, x int, lo, hi int, sentLo, sentHi int, owned bool) string {
	m := &ms[x]
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
		// a word describing another amount: "a $100 million civil penalty
		// and $20 million in refunds"
		if owned && c&(mcFine|mcRansom|mcLoss|mcCost|mcOther) != 0 && roleOwner(ms, x, k, lo, hi) != x {
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
		if c&mcAttack != 0 && q.w(k) != "breach" {
			hasAttack = true
		}
		if c&mcRansom != 0 && d < dRansom {
			dRansom = d
		}
		if c&mcLoss != 0 && d < dLoss {
			if !(q.w(k) == "fund" && q.w(k-1) == "relief") && q.lossWordOwns(k, m) {
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
		// receives $100 million", "was ordered to pay 1.000 euros"
		if (hasCharges && (authHere || fc.enforcement())) || q.paidToAuthority(fc, m, hi) || dLoss == far && q.orderedToPay(fc, m, lo) {
			dFine = hasPay
		} else if hasAttack && dRansom == far && hasSettle == far && !lawsuit {
			// "paid $15 million to the hackers after the attack"
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

// roleOwner returns the amount of ms within tokens [lo, hi) that the cue
// word at token k describes: the nearest, and at equal distance the one
// before the word ("$100 million civil penalty and $20 million": the
// penalty is the first amount's). x is an amount within [lo, hi).
func roleOwner(ms []qmoney, x, k, lo, hi int) int {
	best, bd := x, 1<<30
	consider := func(y int) {
		d := 2 * moneyDist(&ms[y], k)
		if ms[y].i > k {
			d++ // a word after an amount describes it a little more
		}
		if d < bd {
			best, bd = y, d
		}
	}
	for y := x; y >= 0 && ms[y].i >= lo; y-- {
		if ms[y].j <= hi {
			consider(y)
		}
	}
	for y := x + 1; y < len(ms) && ms[y].j <= hi; y++ {
		if ms[y].i >= lo {
			consider(y)
		}
	}
	return best
}

// orderedToPay reports an obligation to pay amount m laid on someone:
// "ordered to pay", and "has to pay" or "must pay" in a text that names an
// authority.
func (q *qdoc) orderedToPay(fc *fineCtx, m *qmoney, lo int) bool {
	k := m.i - 1
	for k >= lo && k >= m.i-4 && q.cue(k)&mcPay == 0 {
		k--
	}
	if k < lo || k < m.i-4 || q.cue(k)&mcPay == 0 || q.w(k-1) != "to" && q.w(k-1) != "must" {
		return false
	}
	if q.w(k-1) == "must" {
		return len(fc.regs) > 0 || q.authorityIn(fc, 0, len(q.toks))
	}
	// "ordered the firm to pay", "has to pay", "was required to pay"
	for t := k - 2; t >= lo && t >= k-6; t-- {
		switch q.w(t) {
		case "ordered", "orders", "order", "ordering":
			return true
		case "has", "have", "had", "obliged", "required", "requires", "obligated":
			return len(fc.regs) > 0 || q.authorityIn(fc, 0, len(q.toks))
		}
	}
	return false
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
		m.clo, m.chi = q.clauseBounds(m.i, m.j)
		lo, hi := m.clo, m.chi
		slo, shi := q.sentWindow(m.i, m.j)
		role := q.copulaRole(m, lo, slo)
		if role == "" {
			role = q.roleIn(fc, ms, x, lo, hi, slo, shi)
		}
		if role == "" && fc.enforcement() && q.authorityIn(fc, lo, hi) && q.cue(m.j)&mcOther == 0 {
			// "the attorneys general share $175 million"
			role = breachwire.RoleFine
		}
		if role == "" {
			role = q.roleIn(fc, ms, x, slo, shi, slo, shi)
		}
		if role == "" && q.enforcementWords(m, lo, hi) && fc.enforcement() {
			// in a text about a fine: "the company will pay £3,076,320",
			// "the £6.09m originally proposed", "it reduced this to £3.07m"
			role = breachwire.RoleFine
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
	// an amount whose verb is left out takes the role of the amount
	// before it: "A will pay £8m and B £6m"
	for x := 1; x < len(ms); x++ {
		a, b := &ms[x-1], &ms[x]
		if b.role == breachwire.RoleOther && !b.noFine && a.role != breachwire.RoleOther && q.gapped(a, b) {
			b.role, b.fine = a.role, a.fine
		}
	}
	// the cap of a periodic penalty is part of that sanction: "must pay
	// € 10.000 every week, up to a maximum of € 100.000"
	for x := 1; x < len(ms); x++ {
		b := &ms[x]
		if !q.maxBefore(b) && b.qual != breachwire.QualAtMost {
			continue
		}
		for y := x - 1; y >= 0 && q.sameSent(ms[y].i, b.i); y-- {
			if ms[y].fine && ms[y].code == b.code && q.periodicAfter(&ms[y]) {
				b.role, b.fine, b.noFine, b.periodic = breachwire.RoleFine, true, false, true
				break
			}
		}
	}
	// a conversion takes the role of the amount it converts: "75
	// bitcoin, then worth about $2.3 million", "£950m (about $1.2bn)"
	for x := 1; x < len(ms); x++ {
		if q.convertsPrevious(&ms[x-1], &ms[x]) && ms[x].role != ms[x-1].role && ms[x-1].role != breachwire.RoleOther {
			ms[x].role = ms[x-1].role
			ms[x].fine = ms[x-1].fine
		}
	}
	for x := range ms {
		m := &ms[x]
		if m.fine {
			m.status = q.statusOf(ms, x)
		}
	}
}

// convertsPrevious reports whether amount b restates amount a in another
// currency: only words such as "then worth about", "equivalent to", "or"
// or a bracket stand between them.
func (q *qdoc) convertsPrevious(a, b *qmoney) bool {
	if a.code == b.code || b.i-a.j > 6 || b.i < a.j || !q.sameSent(a.i, b.i) {
		return false
	}
	marked := false
	for k := a.j; k < b.i; k++ {
		switch q.w(k) {
		case "worth", "equivalent", "(", "or":
			marked = true
		case ",", "then", "about", "approximately", "approx", ".", "around", "roughly", "some",
			"to", "currently", "now", "at", "the", "time", "c", "ca", "~", "i", "e", "valued":
		default:
			return false
		}
	}
	return marked
}

// enforcementWords reports words in the clause of amount m that, in a
// text about fines, make it one: a verb of paying, a provisional word
// ("proposed", "intended") or a reduction ("reduced this to £3.07m").
func (q *qdoc) enforcementWords(m *qmoney, lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if k >= m.i && k < m.j {
			continue
		}
		c := q.cue(k)
		if c&(mcPay|mcProv) != 0 && moneyDist(m, k) <= 6 {
			return true
		}
		if c&mcReduce != 0 && k < m.i && q.w(m.i-1) == "to" {
			return true
		}
	}
	return false
}

// statutoryMax reports an amount that is the most a law allows rather
// than a fine: "fines of up to €20 million", "a maximum penalty of £17.5m",
// "could face fines of up to $1 billion".
func (q *qdoc) statutoryMax(m *qmoney, lo, hi int) bool {
	var modal, limit, prison, imposed, modalVerb bool
	for k := lo; k < hi; k++ {
		c := q.cue(k)
		if c == 0 {
			if q.toks[k].kind == qWord && q.w(k) == "up" && q.w(k+1) == "to" {
				limit = true
			}
			continue
		}
		if c&mcMax != 0 {
			limit = true
		}
		if c&mcPrison != 0 {
			prison = true
		}
		if c&(mcModal|mcAllow) != 0 {
			modal = true
		}
		if c&mcImposed != 0 {
			imposed = true
		}
		if c&mcModal != 0 {
			// "could face", "may be fined", "can impose"
			for t := k + 1; t <= k+3 && t < hi; t++ {
				if q.cue(t)&mcFaceVerb != 0 {
					modalVerb = true
				}
			}
		}
	}
	// "carries a maximum penalty of five years in prison and a fine of
	// $250,000": the penalties a criminal charge allows
	if limit && prison {
		return true
	}
	// "a maximum fine of £17.5m", "fines capped at": a word of limits
	// before the amount, in a clause that speaks of what may be done ("the
	// ICO can issue a maximum fine of"), or where no fine was imposed;
	// after the amount it describes a real fine ("fined £500,000, the
	// maximum under the old law")
	for k := m.i - 1; k >= lo && k >= m.i-6; k-- {
		if q.cue(k)&mcMax != 0 && (modal || m.qual == breachwire.QualAtMost || !imposed) {
			return true
		}
	}
	if m.qual != breachwire.QualAtMost {
		return false
	}
	// "could have been as high as £17m": an amount that was possible, not
	// imposed, unless it bounds a sum with a lower bound ("no less than
	// $575m and could cost up to $700m")
	if modal && !imposed && !q.lowerBoundNear(m) {
		return true
	}
	// "fines of up to", "penalty of up to"
	if q.w(m.i-1) == "to" && q.w(m.i-2) == "up" && q.w(m.i-3) == "of" && q.cue(m.i-4)&mcFine != 0 {
		return true
	}
	return modalVerb
}

// lowerBoundNear reports an amount with a lower-bound qualifier ("at
// least", "no less than") in the sentence of m, before it.
func (q *qdoc) lowerBoundNear(m *qmoney) bool {
	lo, _ := q.sentWindow(m.i, m.j)
	for k := lo; k < m.i; k++ {
		if q.w(k) == "least" && q.w(k-1) == "at" || q.w(k) == "than" && (q.w(k-1) == "less" || q.w(k-1) == "fewer") && q.w(k-2) == "no" {
			return true
		}
	}
	return false
}

// cueOwner returns the index of the amount of ms nearest to token k within
// tokens [lo, hi), preferring fines. ms is in text order and x is an
// amount within [lo, hi), where the search starts.
func cueOwner(ms []qmoney, x, k, lo, hi int) int {
	best, bd := -1, 1<<30
	consider := func(y int) {
		d := moneyDist(&ms[y], k)
		if d < bd || d == bd && ms[y].fine && (best < 0 || !ms[best].fine) {
			best, bd = y, d
		}
	}
	for y := x; y >= 0 && ms[y].i >= lo; y-- {
		if ms[y].j <= hi {
			consider(y)
		}
	}
	for y := x + 1; y < len(ms) && ms[y].j <= hi; y++ {
		if ms[y].i >= lo {
			consider(y)
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
	// a periodic penalty ("€10,000 per day", "£500 a day", "for each day
	// of delay", "every two weeks") and its cap
	if m.periodic || q.periodicAfter(m) {
		return breachwire.FineOther
	}
	lo, hi := m.clo, m.chi
	// "the initial fine of €35,000", "originally set at" (unless it was
	// "upheld" as it was)
	for k := m.i - 1; k >= lo && k >= m.i-6; k-- {
		if q.cue(k)&mcOriginal != 0 && !q.upheldIn(lo, hi) {
			return breachwire.FineOther
		}
	}
	// the words of the subject of a copula: "the initial sanction proposed
	// in the agreement was EUR 25.000"
	if c := q.copulaAt(m); c > 0 {
		prov := false
		for k := lo; k < c; k++ {
			cu := q.cue(k)
			if cu&mcOriginal != 0 {
				return breachwire.FineOther
			}
			if cu&mcProv != 0 && q.w(k) != "might" {
				prov = true
			}
		}
		if prov {
			return breachwire.FineProvisional
		}
	}
	if st := q.ownedStatus(ms, x, lo, hi); st != "" {
		return st
	}
	slo, shi := q.sentWindow(m.i, m.j)
	if st := q.ownedStatus(ms, x, slo, shi); st != "" {
		return st
	}
	return breachwire.FineFinal
}

// ownedStatus reads the status cues in tokens [lo, hi) that belong to fine
// x: provisional cues win over final ones ("intends to issue a fine").
func (q *qdoc) ownedStatus(ms []qmoney, x, lo, hi int) string {
	prov, final, confirmed := false, false, false
	for k := lo; k < hi; k++ {
		c := q.cue(k)
		if c&(mcProv|mcFinal|mcModal) == 0 {
			continue
		}
		if cueOwner(ms, x, k, lo, hi) != x {
			continue
		}
		w := q.w(k)
		switch {
		case w == "final" || w == "finalised" || w == "finalized":
			// "not yet final", "not final"
			if q.w(k-1) == "not" || q.w(k-1) == "yet" && q.w(k-2) == "not" || q.w(k-1) == "yet" {
				prov = true
			} else {
				final, confirmed = true, true
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
			switch w {
			case "plans", "planned", "planning", "seeks", "seeking", "sought", "threatened",
				"threatens", "threaten", "recommend", "recommends", "recommended":
				// "plans to fine" and "seeking a $1.2m penalty" are
				// provisional, "plans to appeal the fine" is not
				if !q.fineVerbAfter(k, hi) && !q.governs(k, &ms[x]) {
					continue
				}
			}
			prov = true
		case c&mcFinal != 0:
			final = true
			switch w {
			case "confirmed", "upheld":
				// "the proposed fine of €1.2bn was confirmed"
				confirmed = true
			}
		}
	}
	if confirmed {
		return breachwire.FineFinal
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

// fineVerbAfter reports a verb or noun of fining within three tokens after
// token k: "plans to fine", "seeking a civil money penalty".
func (q *qdoc) fineVerbAfter(k, hi int) bool {
	for t := k + 1; t <= k+4 && t < hi; t++ {
		if q.cue(t)&mcFine != 0 {
			return true
		}
		switch q.w(t) {
		case "impose", "issue", "levy":
			return true
		}
	}
	return false
}

// governs reports whether the word at token k stands shortly before
// amount m with no other verb between ("seeking a $1.2 million penalty",
// not "plans to appeal the £5m fine").
func (q *qdoc) governs(k int, m *qmoney) bool {
	if m.i <= k || m.i-k > 5 {
		return false
	}
	for t := k + 1; t < m.i; t++ {
		switch q.w(t) {
		case "appeal", "challenge", "contest", "dispute", "fight", "overturn", "pay", "reduce", "cut":
			return false
		}
	}
	return true
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
			// "reduced the penalty from £4.4m to £1.5m"
			if !red && q.w(a.i-1) == "from" && q.w(b.i-1) == "to" && b.i-a.j <= 2 {
				for k := a.i - 2; k >= 0 && k >= a.i-6; k-- {
					if q.cue(k)&mcReduce != 0 {
						red = true
					}
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
	// a part of a fine named before it: "a fine of SEK 6 million, of
	// which SEK 1 million relates to the late notification"
	for y := range ms {
		b := &ms[y]
		if !b.fine {
			continue
		}
		k := b.i - 1
		if !(q.w(k) == "which" && q.w(k-1) == "of" || q.w(k) == "including") {
			continue
		}
		for x := y - 1; x >= 0 && q.sameSent(ms[x].i, b.i); x-- {
			if ms[x].fine && ms[x].code == b.code && ms[x].amount > b.amount {
				b.fine = false
				break
			}
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
			out = append(out, fineItem{m: m, status: m.status})
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
		if fineSubsetSums(parts, out[k].m.amount) || len(parts) >= 2 && q.totalBefore(out[k].m) {
			// "a total of $1 million: $500,000 for A and $250,000 each
			// for B and C"
			out[k].status = breachwire.FineOther
		}
	}
	// a total written without a word of fining: "will pay a total of $9
	// million: $6 million to the SEC and $3 million to the Justice
	// Department"
	for x := range ms {
		m := &ms[x]
		if m.fine || m.noFine || m.amount <= 0 || m.role == breachwire.RoleRansom || m.role == breachwire.RoleLoss {
			continue
		}
		var parts []float64
		dup := false
		for k := range out {
			if out[k].m.code != m.code {
				continue
			}
			if sameMoneyAmount(out[k].m.amount, m.amount) {
				dup = true
			}
			if out[k].m.amount < m.amount {
				parts = append(parts, out[k].m.amount)
			}
		}
		if !dup && fineSubsetSums(parts, m.amount) {
			m.role = breachwire.RoleFine
			m.status = breachwire.FineOther
			out = append(out, fineItem{m: m, status: breachwire.FineOther})
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
	// "a fine of 5.000 euros. ... the penalty was reduced to 3.000 euros":
	// the fine before a reduced one, in an earlier sentence, was the
	// original
	for b := range out {
		if out[b].status == breachwire.FineOther || !q.reducedTo(out[b].m) {
			continue
		}
		best := -1
		for a := range out {
			if a != b && out[a].m.code == out[b].m.code && out[a].m.i < out[b].m.i && out[a].m.amount > out[b].m.amount &&
				(best < 0 || out[a].m.i > out[best].m.i) {
				best = a
			}
		}
		if best >= 0 {
			out[best].status = breachwire.FineOther
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
		first := sort.Search(len(fc.regs), func(x int) bool { return fc.regs[x].Start >= s })
	next:
		for _, r := range fc.regs[first:] {
			if r.Start >= e {
				break
			}
			if r.End > e {
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
	docName, docN := distinct(0, len(q.toks))
	for x := range ms {
		m := &ms[x]
		if !m.fine {
			continue
		}
		lo, hi := m.clo, m.chi
		if name, n := distinct(lo, hi); n == 1 {
			m.regulator = name
			continue
		} else if n > 1 {
			continue
		}
		slo, shi := q.sentWindow(m.i, m.j)
		if name, n := distinct(slo, shi); n == 1 {
			m.regulator = name
			continue
		} else if n > 1 {
			continue
		}
		if docN == 1 {
			m.regulator = docName
			continue
		}
		// the nearest regulator named before the fine
		at := int(q.toks[m.i].start)
		k := sort.Search(len(fc.regs), func(x int) bool { return fc.regs[x].Start >= at })
		for k--; k >= 0; k-- {
			if fc.regs[k].End <= at {
				m.regulator = fc.regs[k].Name
				break
			}
		}
	}
}

// periodicAfter reports a period after amount m: "€10,000 per day", "£500
// a day", "for each week of delay", "every two weeks", "daily".
func (q *qdoc) periodicAfter(m *qmoney) bool {
	for k := m.j; k < m.j+4 && k < len(q.toks) && q.sameSent(k, m.i); k++ {
		switch q.w(k) {
		case "per", "a", "each", "every", "for":
			x := k + 1
			if isAny(q.w(x), "each", "every") {
				x++
			}
			if _, ok := q.numWordAt(x); ok || q.kind(x) == qNum {
				x++ // "every two weeks"
			}
			if isAny(q.w(x), "day", "days", "week", "weeks", "fortnight", "month", "months") {
				return true
			}
		case "daily", "weekly", "monthly":
			return true
		}
	}
	return false
}

// maxBefore reports a word of limits shortly before amount m: "up to a
// maximum of", "capped at", "with a cap of".
func (q *qdoc) maxBefore(m *qmoney) bool {
	for k := m.i - 1; k >= 0 && k >= m.i-4 && q.sameSent(k, m.i); k-- {
		if q.cue(k)&mcMax != 0 {
			return true
		}
	}
	return false
}

// copulaAt returns the token of a copula that amount m completes ("was
// EUR 25.000", "amounted to", "remained at", "was of 50.000 euros"), or 0.
func (q *qdoc) copulaAt(m *qmoney) int {
	k := m.i - 1
	for n := 0; n < 3 && k > 0 && q.qualWord(q.w(k)) && !isAny(q.w(k), "to", "at", "of", "in"); n++ {
		k-- // "was about EUR 9,400"
	}
	if isAny(q.w(k), "to", "at", "of", "in") {
		k--
	}
	if k <= 0 || !q.sameSent(k, m.i) {
		return 0
	}
	switch q.w(k) {
	case "was", "were", "is", "are", "amounted", "amounts", "totalled", "totaled", "stood", "stands",
		"remained", "remains", "came", "reached":
		return k
	}
	return 0
}

// copulaRole returns the role the subject of a copula gives the amount
// that completes it, or "": the first word of a role in the clause before
// the copula names what the amount is ("the initial sanction proposed in
// the agreement was EUR 25.000", "the cost of the attack was $5m"). A
// pronoun subject ("it remained at EUR 36.000") takes the nearest such
// word before it in the sentence.
func (q *qdoc) copulaRole(m *qmoney, lo, slo int) string {
	c := q.copulaAt(m)
	if c <= 0 {
		return ""
	}
	from := lo
	if isAny(q.w(c-1), "it", "this", "which") {
		from = slo
		for k := c - 2; k >= slo; k-- {
			if r := cueRole(q.cue(k)); r != "" {
				return r
			}
		}
		return ""
	}
	for k := from; k < c; k++ {
		if r := cueRole(q.cue(k)); r != "" {
			return r
		}
	}
	return ""
}

// cueRole returns the role a cue word names by itself, or "".
func cueRole(c uint32) string {
	switch {
	case c&(mcFine|mcSettle) != 0:
		return breachwire.RoleFine
	case c&mcRansom != 0:
		return breachwire.RoleRansom
	case c&(mcLoss|mcCost) != 0:
		return breachwire.RoleLoss
	case c&mcOther != 0:
		return breachwire.RoleOther
	}
	return ""
}

// gapped reports amount b standing in a clause whose verb is left out,
// after amount a: "A will pay £8m and B £6m", "Bright Spark must pay
// €1,5m, Greenfield Power €800.000 and Volta €400.000". Only names, their
// descriptions and a conjunction may stand between the two.
func (q *qdoc) gapped(a, b *qmoney) bool {
	if b.i <= a.j || b.i-a.j > 12 || !q.sameSent(a.i, b.i) || a.code != b.code {
		return false
	}
	conj, name := false, false
	for k := a.j; k < b.i; k++ {
		w := q.w(k)
		switch {
		case q.kind(k) == qSym:
			if w == "," || w == "&" {
				conj = true
			} else if !isAny(q.raw(k), ".", "(", ")", "'", "’") {
				return false
			}
		case q.kind(k) == qNum:
			return false
		case isAny(w, "and", "while", "whereas"):
			conj = true
		case isAny(w, "the", "its", "their", "his", "her", "former", "chief", "co", "each", "sister"):
		case isAny(w, "parent", "subsidiary", "executive", "officer", "founder", "director", "affiliate", "unit",
			"company", "firm", "group"):
			name = true // the subject of the clause, named by its kind
		case legalSuffix(w):
			name = true
		default:
			if c := q.raw(k)[0]; !(c >= 'A' && c <= 'Z') && c < 0x80 {
				return false
			}
			name = true
		}
	}
	return conj && name
}

// lossWordOwns reports whether a word of theft at token k can describe
// amount m: "stole $40,000", "$12,000 was taken", "the theft of £3m"; not
// "fined £2.5m after hackers stole the bank details", where the theft has
// its own subject and object. Other loss words always can.
func (q *qdoc) lossWordOwns(k int, m *qmoney) bool {
	if !isAny(q.w(k), "stole", "stolen", "theft", "steal", "steals", "stealing") {
		return true
	}
	if k >= m.j {
		// after the amount: only auxiliaries between ("$12,000 was stolen")
		for t := m.j; t < k; t++ {
			if !isAny(q.w(t), "was", "were", "had", "has", "have", "been", "being", "is", "are", "reportedly", "allegedly") {
				return false
			}
		}
		return true
	}
	// before it: the amount is the object ("stole about $3.1 million",
	// "theft of $40,000")
	for t := k + 1; t < m.i; t++ {
		if !q.qualWord(q.w(t)) && !isAny(q.w(t), "of", "an", "a", "the", "some", "nearly", "almost") {
			return false
		}
	}
	return true
}

// upheldIn reports a word in tokens [lo, hi) that keeps an original fine
// as it was: "originally set at €746 million, was upheld".
func (q *qdoc) upheldIn(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		switch q.w(k) {
		case "upheld", "confirmed", "maintained", "affirmed":
			return true
		}
	}
	return false
}

// totalBefore reports a word of totals just before amount m: "a total of",
// "totalling", "a combined".
func (q *qdoc) totalBefore(m *qmoney) bool {
	for k := m.i - 1; k >= 0 && k >= m.i-3 && q.sameSent(k, m.i); k-- {
		if q.cue(k)&mcTotal != 0 {
			return true
		}
	}
	return false
}

// inName reports a capitalised word inside a sentence next to another
// capitalised word: part of a name ("Marwick Capital", "Pension Fund
// Trustees"), not a common noun.
func (q *qdoc) inName(i int) bool {
	r := q.raw(i)
	if r == "" || r[0] < 'A' || r[0] > 'Z' {
		return false
	}
	lo, _ := q.sentBounds(i)
	if i == lo {
		return false
	}
	capital := func(k int) bool {
		s := q.raw(k)
		return q.kind(k) == qWord && s != "" && s[0] >= 'A' && s[0] <= 'Z'
	}
	return capital(i-1) && q.sameSent(i-1, i) || capital(i+1) && q.sameSent(i, i+1)
}

// reducedTo reports "reduced to", "lowered to", "cut to" right before
// amount m.
func (q *qdoc) reducedTo(m *qmoney) bool {
	k := m.i - 1
	for k >= 0 && k >= m.i-3 && q.qualWord(q.w(k)) && q.w(k) != "to" {
		k--
	}
	return q.w(k) == "to" && q.cue(k-1)&mcReduce != 0
}
