package web

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"breachwire"
	"breachwire/index"
)

// The digest's two charts are drawn here as SVG geometry that the template
// writes inline: no script, no image request, and the numbers are also
// given as a table (the charts' text alternative).

// chartMonths is how many months the fines chart covers, this one included.
const chartMonths = 12

// chartRegulators is how many regulators the fines chart names; the rest
// are stacked as "Other".
const chartRegulators = 5

// monthFines counts the articles reporting a fine in one month, by
// regulator.
type monthFines struct {
	Month       time.Time
	Total       int
	ByRegulator []index.FacetValue
}

// finesCache holds the fines chart's months, each with the time it was
// counted at, and the index watermark they were counted at.
type finesCache struct {
	watermark uint64
	months    map[time.Time]cachedMonth
}

type cachedMonth struct {
	fines monthFines
	at    time.Time
}

// finesStale is how long a month's count is kept at most, even when no
// change the chart knows of touched it (an article moved to another month
// by an update, say).
const finesStale = 6 * time.Hour

// maxFinesChanges is how many article changes finesByMonth reads to find
// the months they touched; beyond it every month is counted again.
const maxFinesChanges = 2000

// finesByMonth counts, for each of the last chartMonths months, the
// articles with an imposed or proposed fine, by regulator, through the
// index's facets (one search per month, no article read). A month is
// counted again only when an article written since the last count is dated
// in it (the store's change feed says which), or when its count is older
// than finesStale; so after an ingest pass usually only this month is.
func (s *Server) finesByMonth(ctx context.Context, now time.Time) ([]monthFines, error) {
	wm, err := s.index.Watermark()
	if err != nil {
		return nil, err
	}
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	s.finesMu.Lock()
	defer s.finesMu.Unlock()
	cached := s.fines.months
	if wm != s.fines.watermark && cached != nil {
		dirty, err := s.touchedMonths(ctx, s.fines.watermark, wm)
		if err != nil {
			return nil, err
		}
		if dirty == nil {
			cached = nil // too many changes: count everything
		} else {
			for m := range dirty {
				delete(cached, m)
			}
		}
	}
	next := make(map[time.Time]cachedMonth, chartMonths)
	out := make([]monthFines, chartMonths)
	for i := range out {
		m0 := thisMonth.AddDate(0, i-(chartMonths-1), 0)
		if c, ok := cached[m0]; ok && now.Sub(c.at) < finesStale {
			out[i], next[m0] = c.fines, c
			continue
		}
		res, err := s.index.Search(ctx, breachwire.Filter{
			MinFine: 0.01, Currency: "EUR", Since: m0, Until: m0.AddDate(0, 1, 0),
			Sort: breachwire.SortDate, Limit: 1, Page: 1,
		})
		if err != nil {
			return nil, fmt.Errorf("web: fines of %s: %w", m0.Format("2006-01"), err)
		}
		mf := monthFines{Month: m0, Total: int(res.Total), ByRegulator: res.Facets["regulator"]}
		out[i], next[m0] = mf, cachedMonth{fines: mf, at: now}
	}
	s.fines = finesCache{watermark: wm, months: next}
	return out, nil
}

// touchedMonths returns the months of the articles written after one
// watermark, up to and a little beyond another, or nil when there are more
// than maxFinesChanges of them.
func (s *Server) touchedMonths(ctx context.Context, after, upto uint64) (map[time.Time]bool, error) {
	if upto < after || upto-after > maxFinesChanges {
		return nil, nil
	}
	months := map[time.Time]bool{}
	for n := 0; n <= maxFinesChanges; {
		arts, err := s.store.Changes(ctx, after, 500)
		if err != nil {
			return nil, err
		}
		if len(arts) == 0 {
			return months, nil
		}
		for _, a := range arts {
			d := a.Date().UTC()
			months[time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)] = true
			after = a.Seq
			if a.Seq >= upto {
				return months, nil
			}
		}
		n += len(arts)
	}
	return nil, nil
}

// barChart is a bar chart ready to draw: coordinates in the SVG's own
// units (the viewBox), stacked rectangles, axis labels, a legend and the
// same numbers as a table.
type barChart struct {
	ID, Title, Desc string
	Width, Height   int
	Left, Bottom    float64 // the plot's left and bottom edges
	Top, Right      float64
	Max             string // the value at the top of the axis
	Bars            []svgBar
	Legend          []legendItem
	Columns         []string
	Rows            []tableRow
	Empty           bool
}

type svgBar struct {
	X, W, LabelX float64
	Label        string
	Rects        []svgRect
}

type svgRect struct {
	Y, H  float64
	Class string
	Tip   string
}

type legendItem struct {
	Class, Name string
}

type tableRow struct {
	Label string
	Cells []string
}

const (
	chartW      = 640
	chartH      = 220
	chartLeft   = 44.0
	chartRight  = chartW - 8.0
	chartTop    = 12.0
	chartBottom = chartH - 30.0
)

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten.
func niceMax(v int) int {
	if v <= 1 {
		return 1
	}
	p := int(math.Pow10(int(math.Floor(math.Log10(float64(v))))))
	for _, m := range []int{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// stack is one bar's parts: values by series index.
type stack struct {
	label, long string
	values      []int
}

// layoutBars places stacked bars evenly over the plot.
func layoutBars(c *barChart, stacks []stack, series []legendItem, every int) {
	c.Width, c.Height = chartW, chartH
	c.Left, c.Right, c.Top, c.Bottom = chartLeft, chartRight, chartTop, chartBottom
	peak := 0
	for _, st := range stacks {
		sum := 0
		for _, v := range st.values {
			sum += v
		}
		peak = max(peak, sum)
	}
	c.Empty = peak == 0
	top := niceMax(peak)
	c.Max = strconv.Itoa(top)
	slot := (chartRight - chartLeft) / float64(len(stacks))
	scale := (chartBottom - chartTop) / float64(top)
	for i, st := range stacks {
		x := chartLeft + float64(i)*slot
		b := svgBar{X: round1(x + slot*0.15), W: round1(slot * 0.7), LabelX: round1(x + slot/2)}
		if i%every == 0 || i == len(stacks)-1 {
			b.Label = st.label
		}
		y := chartBottom
		for j, v := range st.values {
			if v == 0 {
				continue
			}
			h := float64(v) * scale
			y -= h
			b.Rects = append(b.Rects, svgRect{Y: round1(y), H: round1(h), Class: series[j].Class,
				Tip: fmt.Sprintf("%s: %s %d", st.long, series[j].Name, v)})
		}
		c.Bars = append(c.Bars, b)
	}
}

// perDayChart draws the articles per day.
func perDayChart(days []dayCount) barChart {
	c := barChart{ID: "chart-days", Title: "Articles per day"}
	series := []legendItem{{Class: "s0", Name: "articles"}}
	stacks := make([]stack, len(days))
	total, busiest := 0, dayCount{}
	c.Columns = []string{"Day", "Articles"}
	for i, d := range days {
		stacks[i] = stack{label: d.Day.Format("2 Jan"), long: d.Day.Format("Mon 2 Jan 2006"), values: []int{d.Count}}
		total += d.Count
		if d.Count > busiest.Count {
			busiest = d
		}
		c.Rows = append(c.Rows, tableRow{Label: d.Day.Format("Mon 2 Jan 2006"), Cells: []string{strconv.Itoa(d.Count)}})
	}
	every := 2
	if len(days) > 10 {
		every = 7
	}
	layoutBars(&c, stacks, series, every)
	if len(days) > 0 {
		c.Desc = fmt.Sprintf("%d articles over the %d days from %s to %s (UTC)", total, len(days),
			days[0].Day.Format("2 Jan"), days[len(days)-1].Day.Format("2 Jan 2006"))
		if busiest.Count > 0 {
			c.Desc += fmt.Sprintf("; the busiest day was %s with %d.", busiest.Day.Format("Mon 2 Jan"), busiest.Count)
		} else {
			c.Desc += "."
		}
	}
	return c
}

// finesChart draws the fines per month, stacked by the regulators with the
// most fines over the months shown.
func finesChart(months []monthFines) barChart {
	c := barChart{ID: "chart-fines", Title: "Fines per month by regulator"}
	totals := map[string]int{}
	for _, m := range months {
		for _, rc := range m.ByRegulator {
			totals[rc.Value] += rc.Count
		}
	}
	names := sortedKeys(totals)
	sort.SliceStable(names, func(i, j int) bool { return totals[names[i]] > totals[names[j]] })
	if len(names) > chartRegulators {
		names = names[:chartRegulators]
	}
	var series []legendItem
	for i, n := range names {
		series = append(series, legendItem{Class: "s" + strconv.Itoa(i+1), Name: n})
	}
	series = append(series, legendItem{Class: "s9", Name: "Other"})
	c.Columns = append([]string{"Month", "Fines"}, names...)
	stacks := make([]stack, len(months))
	sum, peak := 0, monthFines{}
	for i, m := range months {
		vals := make([]int, len(series))
		named := 0
		row := tableRow{Label: m.Month.Format("January 2006"), Cells: []string{strconv.Itoa(m.Total)}}
		for j, n := range names {
			for _, rc := range m.ByRegulator {
				if rc.Value == n {
					vals[j] = rc.Count
				}
			}
			named += vals[j]
			row.Cells = append(row.Cells, strconv.Itoa(vals[j]))
		}
		vals[len(vals)-1] = max(0, m.Total-named)
		stacks[i] = stack{label: m.Month.Format("Jan 06"), long: m.Month.Format("January 2006"), values: vals}
		c.Rows = append(c.Rows, row)
		sum += m.Total
		if m.Total > peak.Total {
			peak = m
		}
	}
	layoutBars(&c, stacks, series, 3)
	c.Legend = series
	if len(months) > 0 {
		c.Desc = fmt.Sprintf("%d articles reporting a fine over the %d months from %s to %s", sum, len(months),
			months[0].Month.Format("January 2006"), months[len(months)-1].Month.Format("January 2006"))
		if peak.Total > 0 {
			c.Desc += fmt.Sprintf("; the most in %s (%d).", peak.Month.Format("January 2006"), peak.Total)
		} else {
			c.Desc += "."
		}
	}
	return c
}
