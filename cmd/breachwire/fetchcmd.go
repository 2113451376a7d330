package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"breachwire/ingest"
)

func init() {
	register(command{"fetch", "read every source once now (or one, with --source), then exit", runFetch})
}

func runFetch(ctx context.Context, g *Globals, env *Env, args []string) error {
	fs := newFlagSet("fetch", "usage: breachwire fetch [--source NAME] [--quiet]\n\n"+
		"Runs one pass over the sources in the configuration: fetches each feed, listing or sitemap\n"+
		"(conditionally), fetches article pages for new teaser items, extracts facts and stores new\n"+
		"articles. Exits 0 when the pass ran, even if some sources failed (the summary names them),\n"+
		"and 1 when it could not run (invalid configuration, database in use).\n\n", g, env)
	source := fs.String("source", "", "read only the source with this `name` (or id)")
	quiet := fs.Bool("quiet", false, "print no progress and no summary table, only failures")
	if err := parseArgs(fs, env, args, 0, 0); err != nil {
		return err
	}
	if g.LogLevel == "" {
		// the summary table names every failed source with its error;
		// a warning per source on top of it is noise
		g.LogLevel = "error"
	}
	app := newApp(g, env)
	defer app.Close()
	if err := app.loadConfig(); err != nil {
		return err
	}
	sources, err := app.sources(*source)
	if err != nil {
		return err
	}
	if err := app.openStore(false); err != nil {
		return err
	}
	if err := app.newClient(); err != nil {
		return err
	}
	p := app.pipeline()
	tty := env.IsTerminal || isTerminal(env.Stderr)
	var mu sync.Mutex
	progress := func(pr ingest.Progress) {
		if !tty || *quiet {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(env.Stderr, "\r\033[K%d/%d sources · %d new · %s", pr.Done, pr.Total, pr.New, truncate(pr.Last.Source.Name, 40))
	}
	sum, err := p.Pass(ctx, sources, progress)
	if tty && !*quiet {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	if sum == nil {
		return err
	}
	if err := app.indexNew(ctx); err != nil {
		app.Logger.Warn("search index not updated", "error", err)
	}
	printSummary(env.Stdout, sum, *quiet)
	if err != nil {
		return fmt.Errorf("pass interrupted: %w", err)
	}
	return nil
}

// printSummary writes a table of the pass's sources and a closing line that
// names the failed ones.
func printSummary(w io.Writer, sum *ingest.Summary, quiet bool) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if !quiet {
		fmt.Fprintln(tw, "SOURCE\tRESULT\tNEW\tUPDATED\tTOOK")
	}
	var failed []string
	for _, o := range sum.Outcomes {
		if o == nil {
			continue
		}
		result := "ok"
		switch {
		case o.Err != nil:
			result = "FAILED: " + truncate(oneLine(o.Err.Error()), 100)
			failed = append(failed, o.Source.Name)
		case o.Deferred:
			result = "deferred: the server asked to wait until " + o.State.NextCheck.Local().Format("2006-01-02 15:04")
		case o.NotModified:
			result = "not modified"
		case o.PageErrors > 0:
			result = fmt.Sprintf("ok (%d of %d article pages failed)", o.PageErrors, o.Pages)
		}
		if quiet && o.Err == nil {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", o.Source.Name, result, o.Saved.New, o.Saved.Updated, o.Duration.Round(10*time.Millisecond))
	}
	tw.Flush()
	if quiet && len(failed) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%d sources, %d new articles, %d updated, %d failed, in %s\n",
		len(sum.Outcomes), sum.New, sum.Updated, len(failed), sum.Duration.Round(10*time.Millisecond))
	if len(failed) > 0 {
		fmt.Fprintf(w, "failed: %s (see 'breachwire sources' for details)\n", strings.Join(failed, "; "))
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
