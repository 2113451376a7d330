package web

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"breachwire"
	"breachwire/index"
)

// SearchResponse is the answer of /api/search, and what `breachwire
// search --json` prints whether it asked a running server or searched the
// index itself.
type SearchResponse struct {
	// Query is the search as URL query parameters, defaults left out.
	Query  string      `json:"query"`
	Total  uint64      `json:"total"`
	Page   int         `json:"page"`
	Limit  int         `json:"limit"`
	Pages  int         `json:"pages"`
	TookMS float64     `json:"took_ms"`
	Hits   []SearchHit `json:"hits"`
	// Facets counts, for each filter with facets (regulator, kind, source,
	// attack, mfa, control, sector, country), the matching articles by
	// value, most frequent first.
	Facets map[string][]index.FacetValue `json:"facets"`
}

// SearchHit is one result: the index's hit (title, HTML-safe title and
// snippet with <mark>, badges), the badges as short labels, and the URL of
// the article's page.
type SearchHit struct {
	index.Hit
	Labels []string `json:"labels"`
	Page   string   `json:"page"`
}

// NewSearchResponse builds the JSON answer for a filter and its results.
// baseURL prefixes the article page links ("" for site-relative links).
func NewSearchResponse(f breachwire.Filter, res *index.Results, baseURL string) SearchResponse {
	out := SearchResponse{Query: f.Values().Encode(), Total: res.Total, Page: res.Page, Limit: res.Limit,
		Pages: pageCount(res.Total, res.Limit), TookMS: float64(res.Took.Microseconds()) / 1000,
		Hits: make([]SearchHit, 0, len(res.Hits)), Facets: res.Facets}
	for _, h := range res.Hits {
		h.TitleHTML = markedHTML(string(h.TitleHTML))
		h.Snippet = markedHTML(string(h.Snippet))
		var labels []string
		for _, b := range HitBadges(&h) {
			labels = append(labels, b.Text)
		}
		if labels == nil {
			labels = []string{}
		}
		out.Hits = append(out.Hits, SearchHit{Hit: h, Labels: labels, Page: strings.TrimRight(baseURL, "/") + articlePath(h.ID)})
	}
	return out
}

// pageCount is the number of pages a search can show, which index.MaxWindow
// bounds.
func pageCount(total uint64, limit int) int {
	if limit <= 0 {
		return 0
	}
	n := int((min(total, index.MaxWindow) + uint64(limit) - 1) / uint64(limit))
	return min(n, breachwire.MaxPage)
}

func articlePath(id uint64) string { return "/articles/" + strconv.FormatUint(id, 10) }

// Badge is one fact shown beside a result: Text says it ("£3.07m fine ·
// final · ICO", "79,404 people", "MFA absent") and Kind names its sort
// (fine, affected, control for a failed control, note, attack) for
// styling.
type Badge struct {
	Text string
	Kind string
}

// HitBadges gives a result's badges, most important first: the largest
// fine, the largest count, MFA and the other failed controls, the attacks.
func HitBadges(h *index.Hit) []Badge {
	var fine *breachwire.Fine
	if f := h.Fine; f != nil {
		fine = &breachwire.Fine{Amount: f.Amount, Currency: f.Currency, Status: f.Status, Regulator: f.Regulator}
	}
	var aff *breachwire.Affected
	if a := h.Affected; a != nil {
		aff = &breachwire.Affected{Count: a.Count, What: a.What, Qualifier: a.Qualifier}
	}
	return badges(fine, aff, h.MFA, h.Failed, h.Attacks)
}

// FactBadges gives the same badges as HitBadges from an article's facts.
func FactBadges(f *breachwire.Facts) []Badge {
	mfa := ""
	if f.MFA != nil {
		mfa = f.MFA.Status
	}
	return badges(f.LargestFine(), f.LargestAffected(), mfa, f.FailedControls(), f.AttackTypes)
}

func badges(fine *breachwire.Fine, aff *breachwire.Affected, mfa string, failed, attacks []string) []Badge {
	var out []Badge
	if fine != nil {
		s := breachwire.FormatMoney(fine.Amount, fine.Currency) + " fine · " + fine.Status
		if fine.Regulator != "" {
			s += " · " + fine.Regulator
		}
		out = append(out, Badge{s, "fine"})
	}
	if aff != nil {
		out = append(out, Badge{qualified(aff.Qualifier) + breachwire.FormatCount(aff.Count) + " " + aff.What, "affected"})
	}
	switch mfa {
	case breachwire.StatusAbsent:
		out = append(out, Badge{"MFA absent", "control"})
	case breachwire.StatusPresent:
		out = append(out, Badge{"MFA in place", "note"})
	case breachwire.StatusMentioned:
		out = append(out, Badge{"MFA advised", "note"})
	}
	for _, c := range failed {
		if c != breachwire.ControlMFA {
			out = append(out, Badge{breachwire.ControlTitle(c) + " absent", "control"})
		}
	}
	for _, a := range attacks {
		if a != "unknown" {
			out = append(out, Badge{strings.ReplaceAll(a, "_", " "), "attack"})
		}
	}
	return out
}

func qualified(q string) string {
	switch q {
	case breachwire.QualApprox:
		return "about "
	case breachwire.QualAtLeast:
		return "at least "
	case breachwire.QualAtMost:
		return "up to "
	}
	return ""
}

// markedHTML re-escapes a fragment that the index says is HTML-safe with
// <mark> around matched words: the text between the marks is unescaped and
// escaped again, and anything but <mark> and </mark> ends up as text. For
// the index's output this changes nothing; if it ever let markup through,
// the markup is shown, never run. Invalid UTF-8 (a fragment cut inside a
// character) is dropped.
func markedHTML(s string) template.HTML {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	open := false
	for s != "" {
		i := strings.Index(s, "<mark>")
		j := strings.Index(s, "</mark>")
		next, tag := -1, ""
		switch {
		case i >= 0 && (j < 0 || i < j):
			next, tag = i, "<mark>"
		case j >= 0:
			next, tag = j, "</mark>"
		}
		if next < 0 {
			b.WriteString(template.HTMLEscapeString(html.UnescapeString(s)))
			break
		}
		b.WriteString(template.HTMLEscapeString(html.UnescapeString(s[:next])))
		switch {
		case tag == "<mark>" && !open:
			b.WriteString(tag)
			open = true
		case tag == "</mark>" && open:
			b.WriteString(tag)
			open = false
		}
		s = s[next+len(tag):]
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

// parseSearch reads a search from the query parameters, with the limits of
// breachwire.ParseFilter and a cap on the values of each list filter.
func (s *Server) parseSearch(v url.Values) (breachwire.Filter, error) {
	f, err := breachwire.ParseFilter(v, s.now())
	if err != nil {
		return f, err
	}
	for name, vals := range map[string][]string{"regulator": f.Regulator, "kind": f.Kind, "source": f.Source,
		"control": f.Control, "attack": f.Attack, "sector": f.Sector, "country": f.Country, "org": f.Org} {
		if len(vals) > maxListValues {
			return f, breachwire.Errorf(breachwire.ECodeInvalid, "%s: %d values given; at most %d are allowed", name, len(vals), maxListValues)
		}
	}
	return f, nil
}

func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseSearch(r.URL.Query())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	res, err := s.index.Search(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, NewSearchResponse(f, res, s.baseURL))
}

// option is one choice of a select, radio group or checkbox list.
type option struct {
	Value, Label string
	Count        int
	Checked      bool
	ID           string
}

// facetView is a filter shown as a list of checkboxes with counts.
type facetView struct {
	Name, Title string
	Open        bool
	Options     []option
}

// hitView is one result on the page.
type hitView struct {
	ID        uint64
	TitleHTML template.HTML
	Snippet   template.HTML
	URL       string
	Source    string
	Date      time.Time
	Badges    []Badge
}

type searchPage struct {
	layout
	// Form holds the parameters as typed, so that a bad one is shown
	// again for correction.
	Form        map[string]string
	Currencies  []option
	Sorts       []option
	MFA         []option
	Facets      []facetView
	Error       string
	Total       string
	Hits        []hitView
	Page, Pages int
	Prev, Next  string
	APIURL      string
}

// facetTitles are the filters shown with facet counts, in order.
var facetTitles = []struct{ name, title string }{
	{"regulator", "Regulator"}, {"kind", "Kind of source"}, {"source", "Source"},
	{"attack", "Attack"}, {"control", "Control"}, {"sector", "Sector"}, {"country", "Country"},
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	page := searchPage{layout: s.layout("Search", "search"), Form: map[string]string{}}
	for _, k := range breachwire.FilterKeys {
		page.Form[k] = strings.Join(v[k], ",")
	}
	page.Query = page.Form["q"]
	f, err := s.parseSearch(v)
	var res *index.Results
	if err == nil {
		res, err = s.index.Search(r.Context(), f)
	}
	status := http.StatusOK
	if err != nil {
		status = statusOf(err)
		if status >= 500 {
			s.fail(w, r, err)
			return
		}
		page.Error = messageOf(err)
		res = &index.Results{Facets: map[string][]index.FacetValue{}}
	}
	if q := strings.TrimSpace(page.Form["q"]); q != "" {
		page.Title = "Search: " + q
	}
	selected := func(name string) []string {
		var out []string
		for _, s := range v[name] {
			for _, p := range strings.Split(s, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
		}
		return out
	}
	cur := strings.ToUpper(page.Form["currency"])
	if cur == "" {
		cur = "EUR"
	}
	for _, c := range breachwire.Currencies() {
		page.Currencies = append(page.Currencies, option{Value: c, Label: c, Checked: c == cur})
	}
	sortBy := page.Form["sort"]
	if sortBy == "" {
		sortBy = breachwire.SortRelevance
	}
	for _, o := range []option{{Value: "relevance", Label: "Relevance"},
		{Value: "date", Label: "Newest first"}, {Value: "fine", Label: "Largest fine"}, {Value: "affected", Label: "Most affected"}} {
		o.Checked = o.Value == sortBy
		page.Sorts = append(page.Sorts, o)
	}
	mfaCounts := map[string]int{}
	for _, fv := range res.Facets["mfa"] {
		mfaCounts[fv.Value] = fv.Count
	}
	for _, o := range []option{{Value: "", Label: "Any"}, {Value: "absent", Label: "Absent"},
		{Value: "present", Label: "In place"}, {Value: "mentioned", Label: "Advised"}} {
		o.Checked = o.Value == page.Form["mfa"]
		o.Count = mfaCounts[o.Value]
		o.ID = "mfa-" + o.Value
		if o.Value == "" {
			o.ID = "mfa-any"
			o.Count = -1
		}
		page.MFA = append(page.MFA, o)
	}
	for _, ft := range facetTitles {
		fv := facetView{Name: ft.name, Title: ft.title}
		sel := selected(ft.name)
		seen := map[string]bool{}
		for i, c := range res.Facets[ft.name] {
			checked := containsFold(sel, c.Value) || (ft.name == "source" && containsFold(sel, s.sourceName(c.Value, "")))
			fv.Options = append(fv.Options, option{Value: c.Value, Label: s.facetLabel(ft.name, c.Value), Count: c.Count,
				Checked: checked, ID: ft.name + "-" + strconv.Itoa(i)})
			seen[strings.ToLower(c.Value)] = true
		}
		for _, v := range sel { // chosen but with no match: still shown, to be unticked
			if !seen[strings.ToLower(v)] {
				fv.Options = append(fv.Options, option{Value: v, Label: s.facetLabel(ft.name, v), Checked: true,
					ID: ft.name + "-" + strconv.Itoa(len(fv.Options))})
			}
		}
		fv.Open = len(sel) > 0
		page.Facets = append(page.Facets, fv)
	}
	if page.Error == "" {
		resp := NewSearchResponse(f, res, "")
		page.Total = breachwire.FormatCount(int64(res.Total))
		for _, h := range resp.Hits {
			page.Hits = append(page.Hits, hitView{ID: h.ID, TitleHTML: h.TitleHTML, Snippet: h.Snippet,
				URL: safeURL(h.URL), Source: s.sourceName(h.SourceID, h.SourceName), Date: h.Date, Badges: HitBadges(&h.Hit)})
		}
		page.Page, page.Pages = res.Page, resp.Pages
		link := func(p int) string {
			g := f
			g.Page = p
			return "/search?" + g.Values().Encode()
		}
		if res.Page > 1 {
			page.Prev = link(res.Page - 1)
		}
		if res.Page < resp.Pages {
			page.Next = link(res.Page + 1)
		}
		page.APIURL = "/api/search?" + f.Values().Encode()
	}
	s.render(w, r, status, "search", page)
}

// facetLabel is how a facet value is shown.
func (s *Server) facetLabel(name, value string) string {
	switch name {
	case "source":
		return s.sourceName(value, "")
	case "kind":
		if value == string(breachwire.KindRegulator) {
			return "Regulator"
		}
		if value == string(breachwire.KindPress) {
			return "Press"
		}
	case "attack":
		return strings.ReplaceAll(value, "_", " ")
	case "control":
		c, st, ok := strings.Cut(value, ":")
		if ok {
			return breachwire.ControlTitle(c) + " " + st
		}
		return breachwire.ControlTitle(c) + " (any)"
	}
	return value
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}
