package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"breachwire"
)

// Env is what a command may touch of the process: its streams and
// environment. Tests pass their own.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// IsTerminal reports whether Stdout is a terminal (progress output).
	IsTerminal bool
}

// Globals are the flags every command takes.
type Globals struct {
	Config     string
	Data       string
	LogLevel   string
	LogJSON    bool
	ConfigDump bool
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, g *Globals, env *Env, args []string) error
}

// commands is filled by each command's file in init order; see register.
var commands []command

func register(c command) { commands = append(commands, c) }

// errUsage marks an error in the command line; the command's help has been
// printed already.
var errUsage = errors.New("usage")

// addGlobals adds --config and --data to fs, so they are accepted after the
// command name as well as before it.
func addGlobals(fs *flag.FlagSet, g *Globals) {
	fs.StringVar(&g.Config, "config", g.Config, "configuration `file`")
	fs.StringVar(&g.Data, "data", g.Data, "data `directory` (database and search index)")
	fs.Var(logLevelFlag{&g.LogLevel}, "log-level", "log `level`: debug, info, warn or error (default info; error for fetch, whose summary names failed sources)")
	fs.BoolVar(&g.LogJSON, "log-json", g.LogJSON, "write logs as JSON lines")
}

// newFlagSet starts a command's flags: the global flags, and a usage text
// printed before the flags' defaults on --help or a bad command line.
func newFlagSet(name, usage string, g *Globals, env *Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	addGlobals(fs, g)
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses args with fs and checks that the arguments left after
// the flags number from minArgs to maxArgs (maxArgs < 0: no limit).
func parseArgs(fs *flag.FlagSet, env *Env, args []string, minArgs, maxArgs int) error {
	if err := parseFlags(fs, env, args); err != nil {
		return err
	}
	if fs.NArg() < minArgs || (maxArgs >= 0 && fs.NArg() > maxArgs) {
		fs.Usage()
		return errUsage
	}
	return nil
}

// logLevelFlag accepts only the levels slog knows, so that a mistyped
// --log-level is an error rather than silently the default.
type logLevelFlag struct{ p *string }

func (f logLevelFlag) String() string {
	if f.p == nil {
		return ""
	}
	return *f.p
}

func (f logLevelFlag) Set(s string) error {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return fmt.Errorf("%q is not debug, info, warn or error", s)
	}
	*f.p = s
	return nil
}

// parseFlags parses args with fs, printing help on --help and errors to the
// env's stderr. It returns errUsage on a bad command line and flag.ErrHelp
// on --help.
func parseFlags(fs *flag.FlagSet, env *Env, args []string) error {
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return flag.ErrHelp
		}
		return errUsage
	}
	return nil
}

func runCommand(ctx context.Context, args []string, env *Env) int {
	g := &Globals{Config: "feeds.yaml", Data: defaultDataDir(env.Getenv)}
	fs := flag.NewFlagSet("breachwire", flag.ContinueOnError)
	addGlobals(fs, g)
	fs.BoolVar(&g.ConfigDump, "config-dump", false, "print the configuration as understood, defaults filled in and secrets masked, then exit")
	fs.Usage = func() { fmt.Fprint(env.Stderr, usage()); fs.PrintDefaults() }
	if err := parseFlags(fs, env, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	rest := fs.Args()
	if g.ConfigDump {
		app := newApp(g, env)
		if err := app.loadConfig(); err != nil {
			fmt.Fprintf(env.Stderr, "breachwire: %s\n", errorText(err))
			return 1
		}
		if err := app.Config.Dump(env.Stdout); err != nil {
			fmt.Fprintf(env.Stderr, "breachwire: %s\n", errorText(err))
			return 1
		}
		return 0
	}
	if len(rest) == 0 || rest[0] == "help" {
		fs.Usage()
		if len(rest) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != rest[0] {
			continue
		}
		err := c.run(ctx, g, env, rest[1:])
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		default:
			fmt.Fprintf(env.Stderr, "breachwire %s: %s\n", c.name, errorText(err))
			return 1
		}
	}
	fmt.Fprintf(env.Stderr, "breachwire: unknown command %q\n\n%s", rest[0], usage())
	return 2
}

// errorText is the message shown for err: a user error's own message, else
// the full chain.
func errorText(err error) string {
	if breachwire.ErrorCode(err) != breachwire.ECodeInternal {
		return breachwire.ErrorMessage(err)
	}
	return strings.TrimSpace(err.Error())
}
