package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"breachwire"
)

// period is a digest window.
type period struct {
	key, label string
	span       time.Duration
	chartDays  int // days of the articles-per-day chart
}

const day = 24 * time.Hour

var periods = []period{
	{"day", "Last day", day, 7},
	{"week", "Last week", 7 * day, 7},
	{"month", "Last month", 30 * day, 30},
}

const defaultPeriod = "week"

func parsePeriod(v url.Values) (period, error) {
	for k := range v {
		if k != "period" {
			return period{}, breachwire.Errorf(breachwire.ECodeInvalid, "unknown parameter %q (the digest takes only period=day, week or month)", k)
		}
	}
	key := strings.TrimSpace(v.Get("period"))
	if key == "" {
		key = defaultPeriod
	}
	for _, p := range periods {
		if p.key == key {
			return p, nil
		}
	}
	return period{}, breachwire.Errorf(breachwire.ECodeInvalid, "period: %q is not day, week or month", key)
}

// toEUR is the digest's currency converter: the yearly reference rates.
func toEUR(amount float64, currency string, year int) (float64, bool) {
	v, err := breachwire.ToEUR(amount, currency, year)
	return v, err == nil
}

// digestData is what both the digest page and /api/digest show.
type digestData struct {
	Period period
	Now    time.Time
	Digest breachwire.Digest
	// Truncated is set when the window held more than maxDigestArticles
	// articles; the digest covers the newest of them.
	Truncated bool
	// Latest are the newest articles, shown when the window is empty.
	Latest []breachwire.Article
	PerDay []dayCount
	Fines  []monthFines
}

// dayCount is the number of articles dated on one UTC day.
type dayCount struct {
	Day   time.Time
	Count int
}

// digest reads the window from the store's time index (never the whole
// store): the period, or the chart's days when they reach further back.
func (s *Server) digest(ctx context.Context, p period) (*digestData, error) {
	now := s.now().UTC()
	since := now.Add(-p.span)
	today := now.Truncate(day)
	chartStart := today.AddDate(0, 0, -(p.chartDays - 1))
	readFrom := since
	if chartStart.Before(readFrom) {
		readFrom = chartStart
	}
	d := &digestData{Period: p, Now: now}
	d.PerDay = make([]dayCount, p.chartDays)
	for i := range d.PerDay {
		d.PerDay[i].Day = chartStart.AddDate(0, 0, i)
	}
	var inWindow []breachwire.Article
	n := 0
	for a, err := range s.store.Window(ctx, readFrom, time.Time{}) {
		if err != nil {
			return nil, err
		}
		if n++; n > maxDigestArticles {
			d.Truncated = true
			break
		}
		date := a.Date().UTC()
		if !date.Before(chartStart) {
			if i := int(date.Sub(chartStart) / day); i < len(d.PerDay) {
				d.PerDay[i].Count++
			}
		}
		if !date.Before(since) {
			a.Text = "" // not needed, and the digest keeps every article
			inWindow = append(inWindow, a)
		}
	}
	d.Digest = breachwire.BuildDigest(inWindow, since, now, toEUR)
	if len(inWindow) == 0 {
		latest, err := s.store.Recent(ctx, time.Time{}, time.Time{}, 10)
		if err != nil {
			return nil, err
		}
		d.Latest = latest
	}
	fines, err := s.finesByMonth(ctx, now)
	if err != nil {
		return nil, err
	}
	d.Fines = fines
	return d, nil
}

// itemView is one article in a list of the digest page.
type itemView struct {
	ID       uint64
	Title    string
	URL      string // the original, when it is an http(s) URL
	Source   string
	Date     time.Time
	Badges   []Badge
	Severity float64
}

func (s *Server) itemView(a *breachwire.Article, severity float64) itemView {
	title := a.Title
	if strings.TrimSpace(title) == "" {
		title = "(untitled)"
	}
	return itemView{ID: a.ID, Title: title, URL: safeURL(a.URL), Source: s.sourceName(a.SourceID, a.SourceName),
		Date: a.Date(), Badges: FactBadges(&a.Facts), Severity: severity}
}

type periodLink struct {
	Key, Label, URL string
	Current         bool
}

type figure struct {
	Label, Value, Note string
}

type groupView struct {
	Key, Title string
	Items      []itemView
}

type digestPage struct {
	layout
	Periods      []periodLink
	Period       string
	Since, Until time.Time
	Figures      []figure
	Groups       []groupView
	Empty        bool
	Latest       []itemView
	Truncated    bool
	PerDay       barChart
	Fines        barChart
}

func (s *Server) handleDigest(w http.ResponseWriter, r *http.Request) {
	p, err := parsePeriod(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.digest(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := digestPage{layout: s.layout(p.label, "digest"), Period: p.key,
		Since: d.Digest.Since, Until: d.Digest.Until, Truncated: d.Truncated,
		Empty: len(d.Digest.Items) == 0}
	for _, q := range periods {
		page.Periods = append(page.Periods, periodLink{Key: q.key, Label: q.label,
			URL: "/?period=" + q.key, Current: q.key == p.key})
	}
	page.Figures = figures(&d.Digest.Figures)
	for _, g := range breachwire.DigestGroups {
		items := d.Digest.Groups[g.Key]
		if len(items) == 0 {
			continue
		}
		gv := groupView{Key: g.Key, Title: g.Title}
		for i := range items {
			gv.Items = append(gv.Items, s.itemView(&items[i].Article, items[i].Severity))
		}
		page.Groups = append(page.Groups, gv)
	}
	for i := range d.Latest {
		a := &d.Latest[i]
		page.Latest = append(page.Latest, s.itemView(a, 0))
	}
	page.PerDay = perDayChart(d.PerDay)
	page.Fines = finesChart(d.Fines)
	s.render(w, r, http.StatusOK, "digest", page)
}

// figures are the digest's headline numbers.
func figures(f *breachwire.DigestFigures) []figure {
	fines := figure{Label: "Fines", Value: "none"}
	if len(f.Fines) > 0 {
		curs := make([]string, 0, len(f.Fines))
		for c := range f.Fines {
			curs = append(curs, c)
		}
		sort.Slice(curs, func(i, j int) bool {
			if f.Fines[curs[i]] != f.Fines[curs[j]] {
				return f.Fines[curs[i]] > f.Fines[curs[j]]
			}
			return curs[i] < curs[j]
		})
		var parts []string
		for _, c := range curs {
			parts = append(parts, breachwire.FormatMoney(f.Fines[c], c))
		}
		fines.Value = strings.Join(parts, " · ")
		if len(curs) > 1 && f.FinesEUR > 0 {
			fines.Note = "about " + breachwire.FormatMoney(f.FinesEUR, "EUR") + " in all"
		}
	}
	return []figure{
		{Label: "Articles", Value: breachwire.FormatCount(int64(f.Articles))},
		fines,
		{Label: "People affected", Value: breachwire.FormatCount(f.People), Note: "largest count of each article"},
		{Label: "MFA absent", Value: breachwire.FormatCount(int64(f.MFAAbsent)), Note: "articles"},
	}
}

// digestItemJSON is one article of /api/digest.
type digestItemJSON struct {
	ID       uint64    `json:"id"`
	Title    string    `json:"title"`
	URL      string    `json:"url"`
	Source   string    `json:"source"`
	SourceID string    `json:"source_id"`
	Date     time.Time `json:"date"`
	Severity float64   `json:"severity"`
	Reasons  []string  `json:"reasons"`
	Page     string    `json:"page"`
}

type digestGroupJSON struct {
	Key   string           `json:"key"`
	Title string           `json:"title"`
	Items []digestItemJSON `json:"items"`
}

type digestFiguresJSON struct {
	Articles       int                `json:"articles"`
	Fines          map[string]float64 `json:"fines"`
	FinesEUR       float64            `json:"fines_eur"`
	People         int64              `json:"people"`
	MFAAbsent      int                `json:"mfa_absent"`
	FailedControls int                `json:"failed_controls"`
}

type dayCountJSON struct {
	Date  string `json:"date"`
	Count int    `json:"count"`
}

type monthFinesJSON struct {
	Month       string         `json:"month"`
	Total       int            `json:"total"`
	ByRegulator map[string]int `json:"by_regulator"`
}

type digestJSON struct {
	Period         string            `json:"period"`
	Since          time.Time         `json:"since"`
	Until          time.Time         `json:"until"`
	Empty          bool              `json:"empty"`
	Truncated      bool              `json:"truncated"`
	Figures        digestFiguresJSON `json:"figures"`
	Groups         []digestGroupJSON `json:"groups"`
	Latest         []digestItemJSON  `json:"latest"`
	ArticlesPerDay []dayCountJSON    `json:"articles_per_day"`
	FinesPerMonth  []monthFinesJSON  `json:"fines_per_month"`
}

func (s *Server) digestItemJSON(a *breachwire.Article, severity float64, reasons []string) digestItemJSON {
	if reasons == nil {
		reasons = []string{}
	}
	return digestItemJSON{ID: a.ID, Title: a.Title, URL: a.URL, Source: s.sourceName(a.SourceID, a.SourceName),
		SourceID: a.SourceID, Date: a.Date(), Severity: severity, Reasons: reasons, Page: s.absURL(articlePath(a.ID))}
}

func (s *Server) handleAPIDigest(w http.ResponseWriter, r *http.Request) {
	p, err := parsePeriod(r.URL.Query())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	d, err := s.digest(r.Context(), p)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	fig := &d.Digest.Figures
	out := digestJSON{Period: p.key, Since: d.Digest.Since, Until: d.Digest.Until,
		Empty: len(d.Digest.Items) == 0, Truncated: d.Truncated,
		Figures: digestFiguresJSON{Articles: fig.Articles, Fines: fig.Fines, FinesEUR: fig.FinesEUR,
			People: fig.People, MFAAbsent: fig.MFAAbsent, FailedControls: fig.FailedControls},
		Groups: []digestGroupJSON{}, Latest: []digestItemJSON{}}
	for _, g := range breachwire.DigestGroups {
		gj := digestGroupJSON{Key: g.Key, Title: g.Title, Items: []digestItemJSON{}}
		for _, it := range d.Digest.Groups[g.Key] {
			gj.Items = append(gj.Items, s.digestItemJSON(&it.Article, it.Severity, it.Reasons))
		}
		out.Groups = append(out.Groups, gj)
	}
	for i := range d.Latest {
		a := &d.Latest[i]
		out.Latest = append(out.Latest, s.digestItemJSON(a, breachwire.Severity(a, toEUR), breachwire.FactSummary(&a.Facts)))
	}
	for _, c := range d.PerDay {
		out.ArticlesPerDay = append(out.ArticlesPerDay, dayCountJSON{Date: c.Day.Format(time.DateOnly), Count: c.Count})
	}
	for _, m := range d.Fines {
		by := make(map[string]int, len(m.ByRegulator))
		for _, rc := range m.ByRegulator {
			by[rc.Value] = rc.Count
		}
		out.FinesPerMonth = append(out.FinesPerMonth, monthFinesJSON{Month: m.Month.Format("2006-01"), Total: m.Total, ByRegulator: by})
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// safeURL returns u when it is an absolute http or https URL, else "", so
// that a javascript: or data: link from a feed is shown as text, never as a
// link.
func safeURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Host == "" {
		return ""
	}
	if s := strings.ToLower(p.Scheme); s != "http" && s != "https" {
		return ""
	}
	return p.String()
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
