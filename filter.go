package breachwire

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sort orders for search results.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
	SortFine      = "fine"
	SortAffected  = "affected"
)

// Limits on a filter, so that no request can ask for unbounded work
// (RELIABILITY F3).
const (
	DefaultLimit = 20
	MaxLimit     = 500
	MaxQueryLen  = 1000
	MaxPage      = 1000
)

// Filter is a search: free text plus filters. The same names are used as URL
// query parameters, CLI flags (with dashes) and subscription filters in
// feeds.yaml. Keyword filters hold one or more values; an article matches a
// field when it matches any of its values, and all the fields given.
type Filter struct {
	Q           string
	Regulator   []string
	Kind        []string
	Source      []string
	MinFine     float64 // in Currency; 0 means no minimum
	Currency    string  // ISO 4217 code of MinFine; default EUR
	MinAffected int64
	MFA         string // absent, present or mentioned
	Control     []string
	Attack      []string
	Sector      []string
	Country     []string
	Org         []string
	Since       time.Time // inclusive
	Until       time.Time // exclusive
	Sort        string
	Limit       int
	Page        int
}

// FilterKeys are the parameter names ParseFilter accepts, in display order.
var FilterKeys = []string{"q", "regulator", "kind", "source", "min_fine", "currency",
	"min_affected", "mfa", "control", "attack", "sector", "country", "org", "since",
	"until", "sort", "limit", "page"}

// ParseFilter reads a filter from query parameters. Unknown parameters, bad
// numbers, bad dates and out-of-range values give an *Error with code
// ECodeInvalid naming the parameter. now anchors relative dates such as
// since=7d.
func ParseFilter(v url.Values, now time.Time) (Filter, error) {
	f := Filter{Sort: SortRelevance, Limit: DefaultLimit, Page: 1}
	for k := range v {
		if !slices.Contains(FilterKeys, k) {
			return f, Errorf(ECodeInvalid, "unknown filter %q (known: %s)", k, strings.Join(FilterKeys, ", "))
		}
	}
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	list := func(k string) []string {
		var out []string
		for _, s := range v[k] {
			for _, p := range strings.Split(s, ",") {
				if p = strings.TrimSpace(p); p != "" && !slices.Contains(out, p) {
					out = append(out, p)
				}
			}
		}
		return out
	}
	f.Q = get("q")
	if len(f.Q) > MaxQueryLen {
		return f, Errorf(ECodeInvalid, "q: query is %d bytes long; the limit is %d", len(f.Q), MaxQueryLen)
	}
	f.Regulator = list("regulator")
	f.Kind = list("kind")
	for _, k := range f.Kind {
		if k != string(KindRegulator) && k != string(KindPress) {
			return f, Errorf(ECodeInvalid, "kind: %q is not regulator or press", k)
		}
	}
	f.Source = list("source")
	f.Control = list("control")
	for _, c := range f.Control {
		name, status, _ := strings.Cut(c, ":")
		if !slices.Contains(Controls, name) {
			return f, Errorf(ECodeInvalid, "control: %q is not one of %s", name, strings.Join(Controls, ", "))
		}
		if status != "" && !validStatus(status) {
			return f, Errorf(ECodeInvalid, "control: status %q is not absent, present or mentioned", status)
		}
	}
	f.Attack = list("attack")
	for _, a := range f.Attack {
		if !slices.Contains(AttackTypes, a) {
			return f, Errorf(ECodeInvalid, "attack: %q is not one of %s", a, strings.Join(AttackTypes, ", "))
		}
	}
	f.Sector = list("sector")
	f.Country = list("country")
	for i, c := range f.Country {
		f.Country[i] = strings.ToUpper(c)
	}
	f.Org = list("org")
	if s := get("mfa"); s != "" {
		if !validStatus(s) {
			return f, Errorf(ECodeInvalid, "mfa: %q is not absent, present or mentioned", s)
		}
		f.MFA = s
	}
	if s := get("min_fine"); s != "" {
		n, err := ParseAmount(s)
		if err != nil {
			return f, Errorf(ECodeInvalid, "min_fine: %v", err)
		}
		f.MinFine = n
	}
	if s := get("currency"); s != "" {
		if len(s) != 3 || strings.ToUpper(s) != strings.Map(upperASCII, s) {
			return f, Errorf(ECodeInvalid, "currency: %q is not a three-letter ISO 4217 code", s)
		}
		f.Currency = strings.ToUpper(s)
	}
	if s := get("min_affected"); s != "" {
		n, err := ParseAmount(s)
		if err != nil {
			return f, Errorf(ECodeInvalid, "min_affected: %v", err)
		}
		f.MinAffected = int64(n)
	}
	var err error
	if f.Since, err = ParseDate(get("since"), now); err != nil {
		return f, Errorf(ECodeInvalid, "since: %v", err)
	}
	if f.Until, err = ParseDate(get("until"), now); err != nil {
		return f, Errorf(ECodeInvalid, "until: %v", err)
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Until.After(f.Since) {
		return f, Errorf(ECodeInvalid, "until (%s) is not after since (%s)", f.Until.Format(time.DateOnly), f.Since.Format(time.DateOnly))
	}
	if s := get("sort"); s != "" {
		switch s {
		case SortRelevance, SortDate, SortFine, SortAffected:
			f.Sort = s
		default:
			return f, Errorf(ECodeInvalid, "sort: %q is not relevance, date, fine or affected", s)
		}
	}
	if s := get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			return f, Errorf(ECodeInvalid, "limit: %q is not a whole number from 1 to %d", s, MaxLimit)
		}
		f.Limit = n
	}
	if s := get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxPage {
			return f, Errorf(ECodeInvalid, "page: %q is not a whole number from 1 to %d", s, MaxPage)
		}
		f.Page = n
	}
	return f, nil
}

func validStatus(s string) bool {
	return s == StatusAbsent || s == StatusPresent || s == StatusMentioned
}

func upperASCII(r rune) rune {
	if r >= 'a' && r <= 'z' {
		return r - 'a' + 'A'
	}
	if r >= 'A' && r <= 'Z' {
		return r
	}
	return -1
}

// ParseAmount reads a non-negative number with an optional scale suffix:
// "1000000", "1,000,000", "250k", "1.5m", "2bn".
func ParseAmount(s string) (float64, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), ",", ""))
	mult := 1.0
	for _, suf := range []struct {
		s string
		m float64
	}{{"bn", 1e9}, {"b", 1e9}, {"m", 1e6}, {"k", 1e3}} {
		if strings.HasSuffix(t, suf.s) {
			t, mult = strings.TrimSuffix(t, suf.s), suf.m
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n < 0 || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, Errorf(ECodeInvalid, "%q is not a non-negative number such as 1000000, 250k or 1.5m", s)
	}
	return n * mult, nil
}

// ParseDate reads a date as YYYY-MM-DD (midnight UTC), RFC 3339, or a
// duration before now such as 24h, 7d or 4w. The empty string gives the zero
// time.
func ParseDate(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if n := len(s); n >= 2 {
		unit := map[byte]time.Duration{'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}[s[n-1]]
		if k, err := strconv.Atoi(s[:n-1]); err == nil && unit > 0 && k >= 0 && k <= 100000 {
			return now.Add(-time.Duration(k) * unit).UTC(), nil
		}
	}
	return time.Time{}, Errorf(ECodeInvalid, "%q is not a date (YYYY-MM-DD, RFC 3339, or an age such as 24h, 7d, 4w)", s)
}

// Values encodes the filter back into query parameters, leaving out defaults,
// so that it round-trips through ParseFilter. Page is left out when it is 1.
func (f Filter) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	setList := func(k string, l []string) {
		for _, s := range l {
			v.Add(k, s)
		}
	}
	set("q", f.Q)
	setList("regulator", f.Regulator)
	setList("kind", f.Kind)
	setList("source", f.Source)
	if f.MinFine > 0 {
		set("min_fine", strconv.FormatFloat(f.MinFine, 'f', -1, 64))
	}
	set("currency", f.Currency)
	if f.MinAffected > 0 {
		set("min_affected", strconv.FormatInt(f.MinAffected, 10))
	}
	set("mfa", f.MFA)
	setList("control", f.Control)
	setList("attack", f.Attack)
	setList("sector", f.Sector)
	setList("country", f.Country)
	setList("org", f.Org)
	if !f.Since.IsZero() {
		set("since", f.Since.UTC().Format(time.RFC3339))
	}
	if !f.Until.IsZero() {
		set("until", f.Until.UTC().Format(time.RFC3339))
	}
	if f.Sort != "" && f.Sort != SortRelevance {
		set("sort", f.Sort)
	}
	if f.Limit != 0 && f.Limit != DefaultLimit {
		set("limit", strconv.Itoa(f.Limit))
	}
	if f.Page > 1 {
		set("page", strconv.Itoa(f.Page))
	}
	return v
}

// IsZero reports whether the filter selects everything (ignoring sort and
// paging).
func (f Filter) IsZero() bool {
	g := f
	g.Sort, g.Limit, g.Page = "", 0, 0
	return g.Values().Encode() == ""
}
