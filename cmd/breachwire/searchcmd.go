package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"breachwire"
	"breachwire/index"
	"breachwire/rss"
	"breachwire/web"
)

func init() {
	register(command{"search", "search the stored articles: table, --json, --csv, --rss or --atom", runSearch})
}

// Timeouts of the commands that can ask a running serve.
const (
	// searchLockTimeout is how long search, sources and backup wait for
	// the database lock before concluding that serve holds it and asking
	// serve instead.
	searchLockTimeout = 200 * time.Millisecond
	// apiTimeout bounds a whole request to the running server.
	apiTimeout = 60 * time.Second
	// backupTimeout bounds a hot backup through the running server.
	backupTimeout = 30 * time.Minute
	// maxAPIBody caps the server's answer (a page of 500 hits with
	// snippets is well under it).
	maxAPIBody = 32 << 20
)

// filterFlag collects a filter given as a flag into query parameters, so
// that the command line goes through breachwire.ParseFilter exactly like a
// URL. List filters may be repeated or comma-separated.
type filterFlag struct {
	key  string
	vals url.Values
}

func (f filterFlag) String() string { return strings.Join(f.vals[f.key], ",") }

func (f filterFlag) Set(s string) error {
	f.vals.Add(f.key, s)
	return nil
}

// filterFlagHelp describes each filter flag; the names are the filter
// keys with dashes.
var filterFlagHelp = map[string]string{
	"regulator":    "regulator named or fining, e.g. ICO (repeatable, or comma-separated)",
	"kind":         "kind of source: regulator or press",
	"source":       "source ID or name",
	"min_fine":     "largest fine at least this `amount` (1000000, 250k, 1.5m)",
	"currency":     "ISO 4217 `code` of --min-fine (default EUR)",
	"min_affected": "largest count of people or records at least this `number`",
	"mfa":          "MFA `status`: absent, present or mentioned",
	"control":      "a control, or control:status, e.g. patching:absent",
	"attack":       "attack type, e.g. ransomware",
	"sector":       "sector, e.g. health",
	"country":      "country code, e.g. GB",
	"org":          "organisation name or words of it",
	"since":        "dated on or after: YYYY-MM-DD, RFC 3339, or an age such as 7d",
	"until":        "dated before: YYYY-MM-DD, RFC 3339, or an age",
	"sort":         "relevance, date, fine or affected",
	"limit":        "results per page, 1 to 500 (default 20)",
	"page":         "page `number`",
}

func runSearch(ctx context.Context, g *Globals, env *Env, args []string) error {
	fs := newFlagSet("search", "usage: breachwire search [flags] [QUERY...]\n\n"+
		"Searches the stored articles: words and phrases (\"notice of intent\", +must, -not) and the\n"+
		"filters below, the same as /search and /api/search. Prints a table, or --json, --csv, --rss or --atom.\n"+
		"When 'breachwire serve' runs it holds the database, so search asks it (its address is in\n"+
		"DATA/serve.json); otherwise search opens the database and the index itself.\n\n", g, env)
	vals := url.Values{}
	for _, key := range breachwire.FilterKeys {
		if key == "q" {
			continue
		}
		fs.Var(filterFlag{key, vals}, strings.ReplaceAll(key, "_", "-"), filterFlagHelp[key])
	}
	asJSON := fs.Bool("json", false, "print the results as JSON (the /api/search answer)")
	asCSV := fs.Bool("csv", false, "print the results as CSV")
	asRSS := fs.Bool("rss", false, "print the results as an RSS 2.0 feed (the /feed.rss answer): newest first, 50 items unless --sort or --limit say otherwise")
	asAtom := fs.Bool("atom", false, "print the results as an Atom 1.0 feed (the /feed.atom answer)")
	if err := parseInterspersed(fs, env, args); err != nil {
		return err
	}
	if countTrue(*asJSON, *asCSV, *asRSS, *asAtom) > 1 {
		fs.Usage()
		return errUsage
	}
	if q := strings.TrimSpace(strings.Join(fs.Args(), " ")); q != "" {
		vals.Set("q", q)
	}
	f, err := breachwire.ParseFilter(vals, time.Now())
	if err != nil {
		return err
	}
	app := newApp(g, env)
	defer app.Close()
	if *asRSS || *asAtom {
		format := rss.RSS
		if *asAtom {
			format = rss.Atom
		}
		web.FeedDefaults(&f, vals)
		return app.searchFeed(ctx, env.Stdout, format, f)
	}
	resp, err := app.search(ctx, f)
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(resp)
	case *asCSV:
		return writeSearchCSV(env.Stdout, resp)
	}
	printSearchTable(env.Stdout, resp)
	return nil
}

// parseInterspersed parses flags that may come after the query words, as
// in `breachwire search ransomware --regulator ICO`.
func parseInterspersed(fs *flag.FlagSet, env *Env, args []string) error {
	var words []string
	for {
		if err := parseFlags(fs, env, args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			words = append(words, rest[1:]...)
			break
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
	return fs.Parse(append([]string{"--"}, words...))
}

func countTrue(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// openSearch opens the store and the index for searching, brought up to
// date, or returns a client for the running server when it holds the
// database.
func (a *App) openSearch(ctx context.Context) (*remote, *index.Index, error) {
	r, err := a.storeOrRemote()
	if r != nil || err != nil {
		return r, nil, err
	}
	if err := a.openIndex(); err != nil {
		return nil, nil, err
	}
	if err := catchUp(ctx, a, a.Index); err != nil {
		return nil, nil, err
	}
	return nil, a.Index, nil
}

// searchFeed writes the search's results as an output feed, from the store
// or from the running server's /feed.rss or /feed.atom.
func (a *App) searchFeed(ctx context.Context, w io.Writer, format rss.Format, f breachwire.Filter) error {
	r, idx, err := a.openSearch(ctx)
	if err != nil {
		return err
	}
	if r != nil {
		resp, err := r.do(ctx, http.MethodGet, "/feed."+string(format), f.Values())
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, err = io.Copy(w, io.LimitReader(resp.Body, maxAPIBody))
		return err
	}
	articles, err := web.FeedArticles(ctx, idx, a.Store, f)
	if err != nil {
		return err
	}
	meta := rss.FeedMeta{Title: "breachwire search", Generator: "breachwire " + buildVersion()}
	if a.loadConfig() == nil {
		meta.BaseURL = a.Config.Server.BaseURL
	}
	return rss.Write(w, format, meta, articles)
}

// search runs the filter on the store and index directly when no other
// process holds the database, else on the running server's API.
func (a *App) search(ctx context.Context, f breachwire.Filter) (*web.SearchResponse, error) {
	r, idx, err := a.openSearch(ctx)
	if err != nil {
		return nil, err
	}
	if r != nil {
		var out web.SearchResponse
		if err := r.getJSON(ctx, "/api/search", f.Values(), &out); err != nil {
			return nil, err
		}
		return &out, nil
	}
	res, err := idx.Search(ctx, f)
	if err != nil {
		return nil, err
	}
	base := ""
	if a.loadConfig() == nil {
		base = a.Config.Server.BaseURL
	}
	resp := web.NewSearchResponse(f, res, base)
	return &resp, nil
}

// catchUp indexes what the store holds beyond the index's watermark (a
// fetch run without serve, say), saying so on stderr when there is much.
func catchUp(ctx context.Context, a *App, idx *index.Index) error {
	wm, err := idx.Watermark()
	if err != nil {
		return err
	}
	last, err := a.Store.LastSeq(ctx)
	if err != nil {
		return err
	}
	if last <= wm {
		return nil
	}
	if last-wm > index.BatchSize {
		fmt.Fprintf(a.Env.Stderr, "updating the search index (%d changes)…\n", last-wm)
	}
	if _, err := idx.Reconcile(ctx, a.Store); err != nil {
		return fmt.Errorf("search: update the index: %w", err)
	}
	return nil
}

// printable replaces control characters (a title could carry terminal
// escape sequences) and collapses whitespace.
func printable(s string) string {
	return oneLine(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s))
}

func printSearchTable(w io.Writer, r *web.SearchResponse) {
	noun := "articles"
	if r.Total == 1 {
		noun = "article"
	}
	fmt.Fprintf(w, "%s %s", breachwire.FormatCount(int64(r.Total)), noun)
	if r.Pages > 1 {
		fmt.Fprintf(w, ", page %d of %d", r.Page, r.Pages)
	}
	fmt.Fprintln(w)
	if len(r.Hits) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tSOURCE\tTITLE\tFACTS")
	for _, h := range r.Hits {
		date := ""
		if !h.Date.IsZero() {
			date = h.Date.UTC().Format(time.DateOnly)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", h.ID, date, truncate(printable(h.SourceName), 24),
			truncate(printable(h.Title), 70), truncate(printable(strings.Join(h.Labels, " · ")), 80))
	}
	tw.Flush()
	if r.Page < r.Pages {
		fmt.Fprintf(w, "more: --page %d\n", r.Page+1)
	}
}

// csvSafe defuses a cell that a spreadsheet would read as a formula
// (OWASP "CSV injection"): a leading =, +, -, @, tab or carriage return
// gets a quote in front.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func writeSearchCSV(w io.Writer, r *web.SearchResponse) error {
	cw := csv.NewWriter(w)
	header := []string{"id", "date", "source", "title", "url", "fine", "currency", "fine_status", "fine_regulator",
		"fine_eur", "affected", "affected_what", "mfa", "failed_controls", "attacks", "regulators", "organisations", "page"}
	if err := cw.Write(header); err != nil {
		return err
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, h := range r.Hits {
		date := ""
		if !h.Date.IsZero() {
			date = h.Date.UTC().Format(time.RFC3339)
		}
		row := []string{strconv.FormatUint(h.ID, 10), date, h.SourceName, h.Title, h.URL}
		if f := h.Fine; f != nil {
			eur := ""
			if f.EUR > 0 {
				eur = num(f.EUR)
			}
			row = append(row, num(f.Amount), f.Currency, f.Status, f.Regulator, eur)
		} else {
			row = append(row, "", "", "", "", "")
		}
		if a := h.Affected; a != nil {
			row = append(row, strconv.FormatInt(a.Count, 10), a.What)
		} else {
			row = append(row, "", "")
		}
		row = append(row, h.MFA, strings.Join(h.Failed, ";"), strings.Join(h.Attacks, ";"),
			strings.Join(h.Regulators, ";"), strings.Join(h.Orgs, ";"), h.Page)
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
