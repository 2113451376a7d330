// Package testenv holds the rule for tests that need a program from outside
// the Go toolchain (mailpit, newsboat, python3-feedparser, chromium): on a
// developer's machine a missing program skips the test with a message saying
// what to install; in CI (BREACHWIRE_CI=1, set by .ci/run, which installs
// every such program) it fails the test, so that a missing install step can
// never turn into a silently green run.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// CIVar is the environment variable that makes a missing program a test
// failure rather than a skip.
const CIVar = "BREACHWIRE_CI"

// InCI reports whether the tests run under .ci/run (BREACHWIRE_CI=1).
func InCI() bool { return os.Getenv(CIVar) == "1" }

// Need returns the path of binary, looked up on PATH, then in GOBIN and
// GOPATH/bin (where "go install" puts mailpit, which need not be on PATH). A
// binary given as a path is checked as it is. When it is missing, the test
// is skipped, or failed under CI.
func Need(t testing.TB, binary string) string {
	t.Helper()
	if p, ok := lookPath(binary); ok {
		return p
	}
	Unavailable(t, "%s is not installed (not on PATH, in GOBIN or in GOPATH/bin)", binary)
	return ""
}

// Unavailable skips the test, or fails it under CI, because something it
// needs from outside Go is missing; the message says what.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if InCI() {
		t.Fatalf("%s; %s=1, so this is a failure: .ci/run must install it", msg, CIVar)
	}
	t.Skipf("%s; skipped (set %s=1 to make this a failure)", msg, CIVar)
}

func lookPath(binary string) (string, bool) {
	if strings.ContainsRune(binary, os.PathSeparator) {
		p, err := exec.LookPath(binary)
		return p, err == nil
	}
	if p, err := exec.LookPath(binary); err == nil {
		return p, true
	}
	for _, dir := range goBinDirs() {
		if p, err := exec.LookPath(filepath.Join(dir, binary)); err == nil {
			return p, true
		}
	}
	return "", false
}

// goBinDirs are the directories "go install" writes to, from the
// environment (without running the go command).
func goBinDirs() []string {
	var dirs []string
	if d := os.Getenv("GOBIN"); d != "" {
		dirs = append(dirs, d)
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		if home, err := os.UserHomeDir(); err == nil {
			gopath = filepath.Join(home, "go")
		}
	}
	for _, p := range filepath.SplitList(gopath) {
		if p != "" {
			dirs = append(dirs, filepath.Join(p, "bin"))
		}
	}
	return dirs
}
