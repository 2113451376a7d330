package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"breachwire"
	"breachwire/config"
	"breachwire/store"
)

func init() {
	register(command{"sources", "the health of every source (table, --json or --opml); 'sources import FILE.opml'", runSources})
}

// SourceStatus is one source with its saved state, the same JSON as the
// web API's /api/sources.
type SourceStatus = breachwire.SourceStatus

func runSources(ctx context.Context, g *Globals, env *Env, args []string) error {
	if len(args) > 0 && args[0] == "import" {
		return runSourcesImport(ctx, g, env, args[1:])
	}
	fs := newFlagSet("sources", "usage: breachwire sources [--json | --opml]\n       breachwire sources import FILE.opml\n\n"+
		"Shows every configured source with its last success, last error, consecutive failures and\n"+
		"next check. --opml writes the feed sources as OPML 2.0. 'import' prints feeds.yaml entries\n"+
		"for the feeds of an OPML file that are not sources yet, ready to paste.\n\n", g, env)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	asOPML := fs.Bool("opml", false, "print the feed sources as OPML, for other feed readers")
	if err := parseFlags(fs, env, args); err != nil {
		return err
	}
	if fs.NArg() > 0 || (*asJSON && *asOPML) {
		fs.Usage()
		return errUsage
	}
	app := newApp(g, env)
	defer app.Close()
	if err := app.loadConfig(); err != nil {
		return err
	}
	if *asOPML {
		return config.WriteOPML(env.Stdout, app.Config.Sources)
	}
	states := map[string]breachwire.SourceState{}
	r, err := app.storeOrRemote()
	switch {
	case r != nil:
		// serve holds the database: ask it
		var list []SourceStatus
		if err := r.getJSON(ctx, "/api/sources", nil, &list); err != nil {
			return err
		}
		for _, s := range list {
			states[s.ID] = s.State
		}
	case err != nil:
		if !errors.Is(err, os.ErrNotExist) && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		// no database yet: every source is new
	default:
		list, err := app.Store.SourceStates(ctx)
		if err != nil {
			return err
		}
		for _, st := range list {
			states[st.SourceID] = st
		}
	}
	var out []SourceStatus
	for i := range app.Config.Sources {
		s := &app.Config.Sources[i]
		out = append(out, breachwire.NewSourceStatus(s, states[s.ID]))
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	printSources(env.Stdout, out, time.Now())
	return nil
}

func printSources(w io.Writer, list []SourceStatus, now time.Time) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tKIND\tHEALTH\tLAST OK\tFAILURES\tNEXT CHECK\tARTICLES\tLAST ERROR")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%d\t%s\n", truncate(s.Name, 44), s.Kind, s.Health,
			ago(s.State.LastOK, now), s.State.Failures, until(s.State.NextCheck, now), s.State.Items,
			truncate(oneLine(s.State.LastError), 70))
	}
	tw.Flush()
}

func ago(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return roughDuration(now.Sub(t)) + " ago"
}

func until(t, now time.Time) string {
	if t.IsZero() {
		return "now"
	}
	if !t.After(now) {
		return "due"
	}
	return "in " + roughDuration(t.Sub(now))
}

func roughDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}

func runSourcesImport(ctx context.Context, g *Globals, env *Env, args []string) error {
	fs := newFlagSet("sources import", "usage: breachwire sources import FILE.opml\n\n"+
		"Prints feeds.yaml entries for the feeds in FILE.opml that are not sources yet.\n\n", g, env)
	if err := parseArgs(fs, env, args, 1, 1); err != nil {
		return err
	}
	app := newApp(g, env)
	defer app.Close()
	if err := app.loadConfig(); err != nil {
		return err
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return breachwire.Errorf(breachwire.ECodeInvalid, "%v", err)
	}
	defer f.Close()
	out, err := config.ImportOPML(f, app.Config.Sources)
	if err != nil {
		return breachwire.Errorf(breachwire.ECodeInvalid, "%s: %v", fs.Arg(0), err)
	}
	_, err = env.Stdout.Write(out)
	return err
}
