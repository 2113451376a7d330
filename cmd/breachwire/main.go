// Command breachwire fetches regulator and press feeds about cyber incidents,
// extracts structured facts from every article, stores them and serves a
// searchable digest. Run "breachwire help" for the subcommands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and returns the process exit code: 0 on
// success, 1 when the command failed, 2 on bad usage.
func run(ctx context.Context, args []string, stdin *os.File, stdout, stderr *os.File) int {
	return runCommand(ctx, args, &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv})
}

func usage() string {
	s := "usage: breachwire [--config FILE] [--data DIR] COMMAND [flags]\n\ncommands:\n"
	order := []string{"serve", "fetch", "sources", "search", "extract", "digest", "reindex", "reextract", "backup"}
	rank := func(name string) int {
		if i := slices.Index(order, name); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(commands, func(a, b command) int { return rank(a.name) - rank(b.name) })
	for _, c := range commands {
		s += fmt.Sprintf("  %-9s %s\n", c.name, c.summary)
	}
	s += "\nRun 'breachwire COMMAND --help' for a command's flags.\n\n" +
		"Environment:\n" +
		"  BREACHWIRE_DATA           data directory when --data is not given\n" +
		"  BREACHWIRE_SMTP_PASSWORD  the SMTP password (or the variable digest.smtp.password_env names)\n\n" +
		"Global flags:\n"
	return s
}
