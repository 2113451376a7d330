package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"breachwire"

	bolt "go.etcd.io/bbolt"
)

// filledDB writes a closed database holding n articles and returns its path.
func filledDB(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "breachwire.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	save(t, db, srcICO, items(0, n))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpen_G3_FailsSafe(t *testing.T) {
	tests := []struct {
		name  string
		build func(t *testing.T) string
	}{
		{"text file", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "notes.db")
			if err := os.WriteFile(path, []byte(strings.Repeat("this is not a database\n", 1000)), 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		}},
		{"tiny file", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "tiny.db")
			if err := os.WriteFile(path, []byte("{}"), 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		}},
		{"another program's bbolt file", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "other.db")
			rawBolt(t, path, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket([]byte("users"))
				if err != nil {
					return err
				}
				return b.Put([]byte("alice"), []byte("admin"))
			})
			return path
		}},
		{"truncated to half", func(t *testing.T) string {
			path := filledDB(t, 300)
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, info.Size()/2); err != nil {
				t.Fatal(err)
			}
			return path
		}},
		{"truncated to the meta pages", func(t *testing.T) string {
			path := filledDB(t, 300)
			if err := os.Truncate(path, 4*4096); err != nil {
				t.Fatal(err)
			}
			return path
		}},
		{"both meta pages zeroed", func(t *testing.T) string {
			path := filledDB(t, 50)
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteAt(make([]byte, 2*4096), 0); err != nil {
				t.Fatal(err)
			}
			return path
		}},
	}
	for _, tc := range tests {
		for _, readOnly := range []bool{false, true} {
			name := tc.name
			if readOnly {
				name += " read-only"
			}
			t.Run(name, func(t *testing.T) {
				path := tc.build(t)
				before := fileHash(t, path)
				start := time.Now()
				db, err := Open(path, Options{ReadOnly: readOnly})
				if err == nil {
					db.Close()
					t.Fatal("opened a damaged file")
				}
				if !errors.Is(err, ErrCorrupt) {
					t.Fatalf("err %v, want ErrCorrupt", err)
				}
				msg := breachwire.ErrorMessage(err)
				for _, want := range []string{path, "bbolt check", "backup", "untouched"} {
					if !strings.Contains(msg, want) {
						t.Errorf("message %q does not mention %q", msg, want)
					}
				}
				if fileHash(t, path) != before {
					t.Fatal("the damaged file was written")
				}
				if time.Since(start) > 5*time.Second {
					t.Fatalf("took %v to fail", time.Since(start))
				}
			})
		}
	}
}

// A page zeroed in the middle of the file passes Open (the meta pages are
// fine) but must never crash the process: Check reports it, and reads fail
// with ErrCorrupt or succeed, never panic.
func TestCheck_G3_DamagedPage(t *testing.T) {
	path := filledDB(t, 400)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Scribble over a run of pages in the middle (branch, leaf and
	// overflow pages all live there).
	junk := []byte(strings.Repeat("\xff\x13\x37garbage", 4096*8/10))
	if _, err := f.WriteAt(junk, info.Size()/2/4096*4096); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := Verify(ctx, path); err == nil {
		t.Fatal("Verify passed a damaged file")
	}
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		if errors.Is(err, ErrCorrupt) {
			return
		}
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Check(ctx); err == nil {
		t.Fatal("Check passed a damaged file")
	}
	// Every read path, over every article: errors are fine, crashes are not.
	for a, err := range db.Window(ctx, time.Time{}, time.Time{}) {
		if err != nil {
			t.Logf("Window: %v", err)
			break
		}
		_, _ = db.Article(ctx, a.ID)
	}
	_, _ = db.Changes(ctx, 0, MaxPage)
	_, _ = db.Stale(ctx, 99, MaxPage)
}

func TestSaveFetch_G5_MaxSize(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "small.db")
	db, err := Open(path, Options{MaxSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stored := 0
	var full error
	for pass := 0; pass < 100 && full == nil; pass++ {
		in := items(pass*20, (pass+1)*20)
		for i := range in {
			in[i].Text = sampleText(pass*20+i, 8000)
		}
		st := breachwire.SourceState{ETag: fmt.Sprint(pass)}
		if s, err := db.SaveFetch(ctx, srcICO, st, in); err != nil {
			full = err
		} else {
			stored += s.New
		}
	}
	if !errors.Is(full, ErrFull) {
		t.Fatalf("err %v, want ErrFull", full)
	}
	if !strings.Contains(breachwire.ErrorMessage(full), "bbolt compact") {
		t.Fatalf("message %q does not say what to do", breachwire.ErrorMessage(full))
	}
	// The failed pass left nothing, not even its validators; the rest is
	// intact and readable, and small writes still work.
	if n := count(t, db); n != stored || stored == 0 {
		t.Fatalf("%d articles, %d stored before the limit", n, stored)
	}
	st, err := db.SourceState(ctx, srcICO.ID)
	if err != nil || st.ETag != fmt.Sprint(stored/20-1) {
		t.Fatalf("state %+v (%v) after the failed pass", st, err)
	}
	if err := db.SaveSourceState(ctx, breachwire.SourceState{SourceID: srcICO.ID, LastError: "database full"}); err != nil {
		t.Fatalf("small write after ErrFull: %v", err)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
}
