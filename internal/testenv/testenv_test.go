package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestNeed_FindsGoBin(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(bin, "breachwire-testenv-probe")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOBIN", "")
	t.Setenv("GOPATH", dir)
	if got := Need(t, "breachwire-testenv-probe"); got != exe {
		t.Fatalf("Need = %q, want %q", got, exe)
	}
}

func TestNeed_AbsolutePath(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "probe")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Need(t, exe); got != exe {
		t.Fatalf("Need = %q, want %q", got, exe)
	}
}

// TestNeed_MissingSkipsOrFails runs the missing case in a fake testing.TB
// so that both outcomes of the rule are observed.
func TestNeed_MissingSkipsOrFails(t *testing.T) {
	for _, ci := range []string{"", "1"} {
		t.Run("ci="+ci, func(t *testing.T) {
			t.Setenv(CIVar, ci)
			t.Setenv("GOBIN", t.TempDir())
			t.Setenv("GOPATH", t.TempDir())
			f := &fakeTB{TB: t}
			done := make(chan struct{})
			go func() {
				defer close(done)
				Need(f, "breachwire-no-such-program")
			}()
			<-done
			if ci == "1" && (!f.failed || f.skipped) {
				t.Fatalf("under CI: failed=%v skipped=%v, want a failure", f.failed, f.skipped)
			}
			if ci == "" && (f.failed || !f.skipped) {
				t.Fatalf("locally: failed=%v skipped=%v, want a skip", f.failed, f.skipped)
			}
		})
	}
}

type fakeTB struct {
	testing.TB
	failed, skipped bool
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(string, ...any) {
	f.failed = true
	runtime.Goexit()
}
func (f *fakeTB) Skipf(string, ...any) {
	f.skipped = true
	runtime.Goexit()
}
