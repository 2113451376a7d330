package config

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"breachwire"
)

// ErrInvalid is in the chain of every error that Load, Parse and Validate
// return for a configuration that is wrong (as opposed to one that could not
// be read), so that callers can tell the two apart with errors.Is.
var ErrInvalid = errors.New("config: invalid configuration")

// maxProblems caps how many problems one error lists; a file with more is
// summarised, since nobody reads the two-hundredth line.
const maxProblems = 50

// Problem is one thing wrong with (or, as a warning, worth knowing about) a
// configuration file. Line is 1-based and 0 when unknown (a Config built in
// code rather than read from a file). Key is the path of the offending key,
// such as "sources[3].interval", with 0-based list indexes.
type Problem struct {
	File    string
	Line    int
	Key     string
	Message string
}

// String formats the problem as FILE:LINE: KEY: MESSAGE, leaving out the
// parts that are unknown.
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	} else if p.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// InvalidError reports every problem found in a configuration, not only the
// first, so that a user fixes the file in one go. Its chain holds ErrInvalid
// and a *breachwire.Error with code ECodeInvalid carrying the same text, so
// that the CLI shows it as a user error.
type InvalidError struct {
	Problems []Problem
}

// Error lists the problems, one a line, in file order.
func (e *InvalidError) Error() string {
	lines := make([]string, 0, min(len(e.Problems), maxProblems)+1)
	for i, p := range e.Problems {
		if i == maxProblems {
			lines = append(lines, fmt.Sprintf("... and %d more problems", len(e.Problems)-maxProblems))
			break
		}
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// Unwrap exposes ErrInvalid and the user-facing *breachwire.Error.
func (e *InvalidError) Unwrap() []error {
	return []error{ErrInvalid, breachwire.Errorf(breachwire.ECodeInvalid, "%s", e.Error())}
}

// problems collects Problems while a file is decoded and validated.
type problems struct {
	file string
	list []Problem
}

func (ps *problems) add(line int, key, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: ps.file, Line: line, Key: key, Message: fmt.Sprintf(format, args...)})
}

// err returns nil when no problem was found, else an *InvalidError with the
// problems sorted by line (problems without a line last) and duplicates
// removed.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &InvalidError{Problems: sortProblems(ps.list)}
}

func sortProblems(list []Problem) []Problem {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b Problem) int {
		if (a.Line == 0) != (b.Line == 0) {
			return cmp.Compare(b.Line, a.Line) // the one without a line goes last
		}
		return cmp.Compare(a.Line, b.Line)
	})
	return slices.Compact(out)
}

// loadError is a file that could not be read: a user error (wrong --config
// path, permissions) that keeps its cause for errors.Is(err, fs.ErrNotExist).
type loadError struct {
	user  *breachwire.Error
	cause error
}

func (e *loadError) Error() string   { return e.user.Message }
func (e *loadError) Unwrap() []error { return []error{e.user, e.cause} }
