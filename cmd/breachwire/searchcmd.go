package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode"

	"breachwire"
	"breachwire/index"
	"breachwire/store"
	"breachwire/web"
)

func init() {
	register(command{"search", "search the articles (table, --json or --csv); asks the running server when serve holds the database", runSearch})
}

// Timeouts of the search command.
const (
	// searchLockTimeout is how long search waits for the database lock
	// before concluding that serve holds it and asking serve instead.
	searchLockTimeout = 200 * time.Millisecond
	// searchIndexTimeout bounds opening the index, whose lock another
	// search may hold (bleve waits for it without a limit).
	searchIndexTimeout = 5 * time.Second
	// searchAPITimeout bounds the whole request to the running server.
	searchAPITimeout = 60 * time.Second
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
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	vals := url.Values{}
	for _, key := range breachwire.FilterKeys {
		if key == "q" {
			continue
		}
		fs.Var(filterFlag{key, vals}, strings.ReplaceAll(key, "_", "-"), filterFlagHelp[key])
	}
	asJSON := fs.Bool("json", false, "print the results as JSON (the /api/search answer)")
	asCSV := fs.Bool("csv", false, "print the results as CSV")
	// TODO(lead): --rss and --atom once package rss (branch publish) is
	// merged: in the store mode, read the hits' articles with
	// Store.Articles and rss.Write them; against a running server, fetch
	// /feed.rss or /feed.atom with the same query.
	addGlobals(fs, g)
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, "usage: breachwire search [flags] [QUERY...]\n\n"+
			"Searches the stored articles: words and phrases (\"notice of intent\", +must, -not) and the\n"+
			"filters below, the same as /search and /api/search. Prints a table, or --json or --csv.\n"+
			"When 'breachwire serve' runs it holds the database, so search asks it (its address is in\n"+
			"DATA/serve.json); otherwise search opens the database and the index itself.\n\n")
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, env, args); err != nil {
		return err
	}
	if *asJSON && *asCSV {
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

// search runs the filter on the store and index directly when no other
// process holds the database, else on the running server's API.
func (a *App) search(ctx context.Context, f breachwire.Filter) (*web.SearchResponse, error) {
	db, err := store.Open(a.dbPath(), store.Options{Timeout: searchLockTimeout, ReadOnly: true})
	if errors.Is(err, store.ErrInUse) {
		return a.searchServer(ctx, f)
	}
	if err != nil {
		return nil, err
	}
	a.Store = db
	a.closers = append(a.closers, db.Close)
	idx, err := openIndexWithin(ctx, a.indexPath(), searchIndexTimeout)
	if err != nil {
		return nil, err
	}
	a.closers = append(a.closers, idx.Close)
	if err := catchUp(ctx, a, idx); err != nil {
		return nil, err
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

// openIndexWithin opens the index, giving up after d: bleve waits for the
// index's file lock without a limit, and another search may hold it. The
// abandoned open finishes (or not) in the background; the process exits
// soon after anyway.
func openIndexWithin(ctx context.Context, dir string, d time.Duration) (*index.Index, error) {
	type result struct {
		idx *index.Index
		err error
	}
	done := make(chan result, 1)
	go func() {
		idx, err := index.Open(dir)
		done <- result{idx, err}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-done:
		return r.idx, r.err
	case <-t.C:
		go func() { // close it if it ever opens
			if r := <-done; r.err == nil {
				r.idx.Close()
			}
		}()
		return nil, breachwire.Errorf(breachwire.ECodeConflict,
			"the search index %s is in use by another process (another search or a reindex?); try again", dir)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// runningServer is what serve writes to DATA/serve.json.
type runningServer struct {
	Addr string `json:"addr"`
	PID  int    `json:"pid"`
}

// serverAddr is where the running serve listens: DATA/serve.json, else
// the configuration's server.addr.
func (a *App) serverAddr() (string, error) {
	raw, err := os.ReadFile(filepath.Join(a.Globals.Data, "serve.json"))
	if err == nil {
		var rs runningServer
		if err := json.Unmarshal(raw, &rs); err == nil && rs.Addr != "" {
			return rs.Addr, nil
		}
	}
	if err := a.loadConfig(); err != nil {
		return "", fmt.Errorf("the database is in use (by breachwire serve?) and its address is unknown: "+
			"%s has none and the configuration could not be read: %w", filepath.Join(a.Globals.Data, "serve.json"), err)
	}
	return a.Config.Server.Addr, nil
}

// loopbackAddr turns a listening address into one to dial on this
// machine: an unspecified host (":8080", "0.0.0.0:8080") becomes
// 127.0.0.1; a host that is not loopback is refused, since search only
// talks to a server on this machine's loopback.
func loopbackAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", breachwire.Errorf(breachwire.ECodeInvalid, "server address %q is not host:port", addr)
	}
	switch host {
	case "", "0.0.0.0", "localhost":
		return net.JoinHostPort("127.0.0.1", port), nil
	case "::":
		return net.JoinHostPort("::1", port), nil
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.IsLoopback() {
		return "", breachwire.Errorf(breachwire.ECodeInvalid,
			"serve listens on %s, which is not a loopback address; search only asks a server on 127.0.0.1 or ::1 "+
				"(use its /api/search with curl, or stop serve to search the database directly)", addr)
	}
	return addr, nil
}

// newLoopbackClient returns the HTTP client search uses to ask the running
// server. It is the one client outside the fetch package: it talks only to
// our own server on loopback (the dialer refuses anything else), uses no
// proxy, follows no redirect, and has its own timeouts.
func newLoopbackClient() *http.Client {
	dialer := &net.Dialer{
		Timeout: 5 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !ap.Addr().Unmap().IsLoopback() {
				return fmt.Errorf("search: refusing to connect to %s: not loopback", address)
			}
			return nil
		},
	}
	return &http.Client{
		Transport: &http.Transport{
			DialContext:            dialer.DialContext,
			Proxy:                  nil,
			ResponseHeaderTimeout:  searchAPITimeout,
			MaxResponseHeaderBytes: 64 << 10,
			DisableKeepAlives:      true,
		},
		Timeout:       searchAPITimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// searchServer asks the running server's /api/search.
func (a *App) searchServer(ctx context.Context, f breachwire.Filter) (*web.SearchResponse, error) {
	addr, err := a.serverAddr()
	if err != nil {
		return nil, err
	}
	dial, err := loopbackAddr(addr)
	if err != nil {
		return nil, err
	}
	u := "http://" + dial + "/api/search?" + f.Values().Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "breachwire-search/"+buildVersion())
	client := newLoopbackClient()
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	if err != nil {
		return nil, breachwire.Errorf(breachwire.ECodeConflict,
			"the database is in use (by breachwire serve?) but the server at %s does not answer: %v", dial, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAPIBody+1))
	if err != nil {
		return nil, fmt.Errorf("search: read the answer of %s: %w", dial, err)
	}
	if len(body) > maxAPIBody {
		return nil, fmt.Errorf("search: the answer of %s is larger than %d bytes", dial, maxAPIBody)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		msg := strings.TrimSpace(string(body))
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			msg = e.Error
		}
		code := breachwire.ECodeInternal
		switch resp.StatusCode {
		case http.StatusBadRequest:
			code = breachwire.ECodeInvalid
		case http.StatusNotFound:
			code = breachwire.ECodeNotFound
		}
		return nil, breachwire.Errorf(code, "%s (the server at %s answered %d)", truncate(oneLine(msg), 300), dial, resp.StatusCode)
	}
	var out web.SearchResponse
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("search: the answer of %s is not a search result: %w", dial, err)
	}
	return &out, nil
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
