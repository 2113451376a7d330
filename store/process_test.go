package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"breachwire"
)

// The process tests run this test binary again as a child that opens the
// database, chosen by these environment variables.
const (
	envChild = "BREACHWIRE_STORE_CHILD"
	envPath  = "BREACHWIRE_STORE_PATH"
)

func TestMain(m *testing.M) {
	switch os.Getenv(envChild) {
	case "":
		os.Exit(m.Run())
	case "hold":
		os.Exit(childHold(os.Getenv(envPath)))
	case "commit-loop":
		os.Exit(childCommitLoop(os.Getenv(envPath)))
	default:
		fmt.Fprintln(os.Stderr, "unknown child mode")
		os.Exit(2)
	}
}

// childHold opens the database, says "ready", and keeps it open until its
// standard input closes.
func childHold(path string) int {
	db, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)
	if err := db.Close(); err != nil {
		return 1
	}
	return 0
}

const loopItems = 20

// childCommitLoop commits pass after pass, as the fetch loop does, each
// storing loopItems new articles and the pass number as the ETag, and
// prints "committed N" after each commit. It resumes from the stored ETag,
// as a restarted fetch loop resumes from the stored state.
func childCommitLoop(path string) int {
	ctx := context.Background()
	db, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	pass := 0
	if st, err := db.SourceState(ctx, srcICO.ID); err == nil {
		pass, _ = strconv.Atoi(st.ETag)
		pass++
	}
	for ; ; pass++ {
		st := breachwire.SourceState{SourceID: srcICO.ID, ETag: strconv.Itoa(pass)}
		if _, err := db.SaveFetch(ctx, srcICO, st, items(pass*loopItems, (pass+1)*loopItems)); err != nil {
			fmt.Println("error:", err)
			return 1
		}
		fmt.Println("committed", pass)
	}
}

// startChild runs this test binary as a child in mode on path and returns
// it with its stdout lines.
func startChild(t *testing.T, mode, path string) (*exec.Cmd, io.WriteCloser, *bufio.Scanner) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), envChild+"="+mode, envPath+"="+path)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return cmd, stdin, bufio.NewScanner(stdout)
}

func TestOpen_G1_SecondProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "breachwire.db")
	cmd, stdin, out := startChild(t, "hold", path)
	if !out.Scan() || out.Text() != "ready" {
		t.Fatalf("child did not open the database: %q %v", out.Text(), out.Err())
	}

	for _, readOnly := range []bool{false, true} {
		timeout := 300 * time.Millisecond
		start := time.Now()
		db, err := Open(path, Options{Timeout: timeout, ReadOnly: readOnly})
		elapsed := time.Since(start)
		if err == nil {
			db.Close()
			t.Fatalf("read-only=%v: opened a database another process holds", readOnly)
		}
		if !errors.Is(err, ErrInUse) || breachwire.ErrorCode(err) != breachwire.ECodeConflict {
			t.Fatalf("read-only=%v: err %v, want ErrInUse with code conflict", readOnly, err)
		}
		msg := breachwire.ErrorMessage(err)
		if !strings.Contains(msg, "in use by another process") || !strings.Contains(msg, path) {
			t.Fatalf("message %q should say the database is in use and name it", msg)
		}
		// Not a hang: it waits about the timeout (bbolt retries the lock
		// every 50ms until then) and gives up, with room for a slow machine.
		if elapsed < timeout/2 || elapsed > timeout+5*time.Second {
			t.Fatalf("read-only=%v: gave up after %v with a %v timeout", readOnly, elapsed, timeout)
		}
	}

	// Once the other process is gone the database opens.
	if err := stdin.Close(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	db, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("open after the other process closed: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestCommit_G2_KillDuringCommitLoop(t *testing.T) {
	path := filepath.Join(t.TempDir(), "breachwire.db")
	ctx := context.Background()
	lastPrinted := -1
	for round := range 4 {
		cmd, _, out := startChild(t, "commit-loop", path)
		// Let it commit a few passes, then kill it at a moment that varies
		// by round, most likely inside a commit (which is where the loop
		// spends its time).
		target := 5 + 3*round
		for seen := 0; seen < target; {
			if !out.Scan() {
				t.Fatalf("round %d: child stopped: %v", round, out.Err())
			}
			line := out.Text()
			if n, ok := strings.CutPrefix(line, "committed "); ok {
				lastPrinted, _ = strconv.Atoi(n)
				seen++
				continue
			}
			t.Fatalf("round %d: child said %q", round, line)
		}
		time.Sleep(time.Duration(round) * 700 * time.Microsecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		// Lines printed after the last one read are lost with the pipe;
		// read what is left.
		for out.Scan() {
			if n, ok := strings.CutPrefix(out.Text(), "committed "); ok {
				lastPrinted, _ = strconv.Atoi(n)
			}
		}

		if err := Verify(ctx, path); err != nil {
			t.Fatalf("round %d: the file is not clean after SIGKILL: %v", round, err)
		}
		db, err := Open(path, Options{Timeout: time.Second})
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		if err := db.Check(ctx); err != nil {
			t.Fatalf("round %d: Check: %v", round, err)
		}
		st, err := db.SourceState(ctx, srcICO.ID)
		if err != nil {
			t.Fatal(err)
		}
		stored, _ := strconv.Atoi(st.ETag)
		// The last pass the child reported is there; the child may have
		// committed one more before printing it.
		if stored != lastPrinted && stored != lastPrinted+1 {
			t.Fatalf("round %d: stored pass %d, last reported %d", round, stored, lastPrinted)
		}
		// Items and validators are one transaction: the articles are
		// exactly those of the passes up to the stored one.
		if n := count(t, db); n != (stored+1)*loopItems || st.Items != n {
			t.Fatalf("round %d: %d articles (state says %d) for %d passes", round, n, st.Items, stored+1)
		}
		if seq := lastSeq(t, db); seq != uint64((stored+1)*loopItems) {
			t.Fatalf("round %d: last seq %d", round, seq)
		}
		lastPrinted = stored
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
