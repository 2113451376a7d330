package extract

import (
	"sync"

	"breachwire"
)

// qItemPool recycles the item lists of the numeric scanner between
// documents.
var qItemPool = sync.Pool{New: func() any { s := make([]qitem, 0, 256); return &s }}

// extractNumeric fills Money, Fines and Affected.
func extractNumeric(d *doc, f *breachwire.Facts) {
	if d.text == "" {
		return
	}
	q := newQdoc(d)
	bp := qItemPool.Get().(*[]qitem)
	items := q.scanItems((*bp)[:0])
	ms := q.findMoney(items)
	defer func() {
		*bp = items[:0]
		qItemPool.Put(bp)
		q.moneyBuf = ms[:0]
		q.release()
	}()

	if len(ms) == 0 {
		if m, ok := q.bareAmount(items); ok {
			ms = append(ms, m)
		}
	}
	var fc *fineCtx
	if len(ms) > 0 {
		fc = q.newFineCtx()
		q.classify(fc, ms)
		q.docFines(ms)
		q.attribute(fc, ms)
	}
	// fines first: merging them can give an amount the role of a fine
	for _, fi := range q.mergeFines(ms) {
		f.Fines = append(f.Fines, breachwire.Fine{
			Amount: fi.m.amount, Currency: fi.m.code, Status: fi.status, Regulator: fi.m.regulator,
			Span: q.spanOf(fi.m.i, fi.m.j),
		})
	}
	q.dedupBuf = dedupeMoney(ms, q.dedupBuf[:0])
	for _, m := range q.dedupBuf {
		f.Money = append(f.Money, breachwire.Money{
			Amount: m.amount, Currency: m.code, Role: m.role, Qualifier: m.qual,
			RangeMin: m.rangeMin, RangeMax: m.rangeMax, Span: q.spanOf(m.i, m.j),
		})
	}
	seen := map[int64]bool{}
	for _, c := range q.findCounts(items) {
		if c.drop || seen[c.count] {
			continue
		}
		seen[c.count] = true
		f.Affected = append(f.Affected, breachwire.Affected{
			Count: c.count, What: c.what, Qualifier: c.qual, Span: q.spanOf(c.i, c.j),
		})
	}
}

// spanOf returns the Span of tokens [i, j).
func (q *qdoc) spanOf(i, j int) breachwire.Span {
	text, s, e := q.span(i, j)
	return breachwire.Span{Text: text, Start: s, End: e, Evidence: q.evidence(s, e)}
}

// moneyRoleRank orders roles for merging restatements of one amount.
func moneyRoleRank(r string) int {
	switch r {
	case breachwire.RoleFine:
		return 4
	case breachwire.RoleRansom:
		return 3
	case breachwire.RoleLoss:
		return 2
	}
	return 1
}

// dedupeMoney keeps the first mention of each amount in each currency,
// with the strongest role any mention has, appended to out.
func dedupeMoney(ms, out []qmoney) []qmoney {
	for _, m := range ms {
		dup := false
		for k := range out {
			if out[k].code == m.code && sameMoneyAmount(out[k].amount, m.amount) && (out[k].rangeLo || out[k].rangeHi) == (m.rangeLo || m.rangeHi) {
				if moneyRoleRank(m.role) > moneyRoleRank(out[k].role) {
					out[k].role = m.role
				}
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, m)
		}
	}
	return out
}
