package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"breachwire"
)

func TestBackup_P9_RoundTrip(t *testing.T) {
	ctx := context.Background()
	c := newClock()
	db, _ := openTest(t, c)
	s := save(t, db, srcICO, items(0, 120))
	save(t, db, srcReg, []Incoming{item(500)})
	if _, err := db.RecordDigest(ctx, DigestRecord{Subscription: "everything", ArticleIDs: s.IDs[:3], Status: DigestSent}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetIndexWatermark(ctx, 77); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(t.TempDir(), "backup.db")
	// An older backup in place is replaced.
	if err := os.WriteFile(path, []byte("old backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	n, err := db.BackupFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Size() != n {
		t.Fatalf("backup file %v, %v: want %d bytes", info, err, n)
	}
	// The database keeps working while and after the copy is made.
	save(t, db, srcICO, items(120, 121))

	if err := Verify(ctx, path); err != nil {
		t.Fatalf("Verify backup: %v", err)
	}
	cp, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if err := cp.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if got := count(t, cp); got != 121 {
		t.Fatalf("backup holds %d articles, want 121 (the live database now has %d)", got, count(t, db))
	}
	want, err := db.Changes(ctx, 0, MaxPage)
	if err != nil {
		t.Fatal(err)
	}
	got, err := cp.Changes(ctx, 0, MaxPage)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 121 || !slices.Equal(ids(got), ids(want[:121])) {
		t.Fatalf("backup changes differ: %d vs %d", len(got), len(want))
	}
	if a, b := article(t, cp, s.IDs[7]), article(t, db, s.IDs[7]); a.Text != b.Text || a.Seq != b.Seq || !a.FirstSeen.Equal(b.FirstSeen) {
		t.Fatal("article differs in the backup")
	}
	if w, _ := cp.IndexWatermark(ctx); w != 77 {
		t.Fatalf("watermark %d in backup", w)
	}
	if u, _ := cp.Unsent(ctx, "everything", s.IDs[:4]); !slices.Equal(u, s.IDs[3:4]) {
		t.Fatalf("sent-set in backup: unsent %v", u)
	}
	if st, err := cp.SourceState(ctx, srcReg.ID); err != nil || st.Items != 1 {
		t.Fatalf("source state in backup: %+v %v", st, err)
	}
	// No temporary files left beside it.
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil || len(entries) != 1 {
		t.Fatalf("backup directory holds %v (%v)", entries, err)
	}
}

func TestBackup_ToWriter(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t, newClock())
	save(t, db, srcICO, items(0, 10))
	var buf bytes.Buffer
	n, err := db.Backup(ctx, &buf)
	if err != nil || n != int64(buf.Len()) || n == 0 {
		t.Fatalf("Backup wrote %d (buffer %d): %v", n, buf.Len(), err)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Verify(ctx, path); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.Backup(cctx, &buf); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled backup: %v", err)
	}
}

func TestBackupFile_Refusals(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t, newClock())
	save(t, db, srcICO, items(0, 3))
	if _, err := db.BackupFile(ctx, path); breachwire.ErrorCode(err) != breachwire.ECodeInvalid {
		t.Fatalf("backup onto the database itself: %v", err)
	}
	if count(t, db) != 3 {
		t.Fatal("database damaged by a refused backup")
	}
	// A failed backup leaves the previous one alone.
	dst := filepath.Join(t.TempDir(), "backup.db")
	if _, err := db.BackupFile(ctx, dst); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, dst)
	cctx, cancel := context.WithTimeout(ctx, -time.Second)
	defer cancel()
	if _, err := db.BackupFile(cctx, dst); err == nil {
		t.Fatal("backup with an expired context succeeded")
	}
	if fileHash(t, dst) != before {
		t.Fatal("a failed backup replaced the previous one")
	}
	if _, err := db.BackupFile(ctx, filepath.Join(t.TempDir(), "no", "such", "dir", "b.db")); err == nil {
		t.Fatal("backup into a missing directory succeeded")
	}
}
