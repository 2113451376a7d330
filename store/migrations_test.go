package store

import (
	"context"
	"crypto/sha256"
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

func TestMigrations_CurrentSchemaIsTheirCount(t *testing.T) {
	if CurrentSchema != len(migrations) {
		t.Fatalf("CurrentSchema is %d but there are %d migrations", CurrentSchema, len(migrations))
	}
	db, _ := openTest(t, nil)
	v, err := db.SchemaVersion(context.Background())
	if err != nil || v != CurrentSchema {
		t.Fatalf("fresh database at version %d (%v), want %d", v, err, CurrentSchema)
	}
}

// rawBolt opens path with bbolt directly, to build files as an older or
// newer breachwire (or another program) would have left them.
func rawBolt(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestMigration_V1_FirstLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v0.db")
	// An empty bbolt file: what Open meets the first time.
	rawBolt(t, path, func(tx *bolt.Tx) error { return nil })
	rawBolt(t, path, func(tx *bolt.Tx) error {
		if err := migrateV1(tx); err != nil {
			return err
		}
		for _, name := range topBuckets {
			if tx.Bucket(name) == nil {
				return fmt.Errorf("bucket %s missing after v1", name)
			}
		}
		meta := tx.Bucket(bucketMeta)
		for _, k := range [][]byte{keyLastID, keyLastSeq, keyArticleCount} {
			if v := meta.Get(k); len(v) != 8 || readU64(v) != 0 {
				return fmt.Errorf("meta %s = %x, want a zero u64", k, v)
			}
		}
		return nil
	})
	// Open takes the file from there and records the version.
	db := openPath(t, path, nil)
	if v, err := db.SchemaVersion(context.Background()); err != nil || v != 1 {
		t.Fatalf("version %d, %v", v, err)
	}
}

// Later migrations for the test: v2 writes a marker, v3 checks it and adds
// a bucket; failing replaces v3 with one that fails after writing.
var (
	testV2 = migration{name: "test v2", apply: func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte("test_v2"), []byte("done"))
	}}
	testV3 = migration{name: "test v3", apply: func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta).Get([]byte("test_v2")) == nil {
			return errors.New("v3 ran before v2")
		}
		_, err := tx.CreateBucket([]byte("test_v3"))
		return err
	}}
	failing = migration{name: "failing", apply: func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucket([]byte("half_done")); err != nil {
			return err
		}
		return errors.New("disk on fire")
	}}
)

func TestMigrations_AppliedInOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	db := openPath(t, path, nil)
	save(t, db, srcICO, items(0, 3))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := openWith(path, Options{}, []migration{migrations[0], testV2, testV3})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(context.Background()); v != 3 {
		t.Fatalf("version %d, want 3", v)
	}
	if err := db.view(context.Background(), func(tx *bolt.Tx) error {
		if tx.Bucket([]byte("test_v3")) == nil {
			return errors.New("v3 not applied")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if count(t, db) != 3 {
		t.Fatal("data lost in migration")
	}
}

func TestMigrations_FailureRollsBackEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	db := openPath(t, path, nil)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := openWith(path, Options{}, []migration{migrations[0], testV2, failing})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") || !strings.Contains(err.Error(), "version 3") {
		t.Fatalf("err %v, want the failing migration named", err)
	}
	rawBolt(t, path, func(tx *bolt.Tx) error {
		if v := readU64(tx.Bucket(bucketMeta).Get(keySchemaVersion)); v != 1 {
			return fmt.Errorf("version %d after a failed migration, want 1", v)
		}
		if tx.Bucket(bucketMeta).Get([]byte("test_v2")) != nil || tx.Bucket([]byte("half_done")) != nil {
			return errors.New("a failed migration left part of its work")
		}
		return nil
	})
}

func TestOpen_NewerSchemaFailsClearly(t *testing.T) {
	for _, readOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("read-only=%v", readOnly), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "db")
			db := openPath(t, path, nil)
			save(t, db, srcICO, items(0, 2))
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			rawBolt(t, path, func(tx *bolt.Tx) error {
				return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(CurrentSchema+1))
			})
			before := fileHash(t, path)
			_, err := Open(path, Options{ReadOnly: readOnly})
			if !errors.Is(err, ErrNewerSchema) || breachwire.ErrorCode(err) != breachwire.ECodeConflict {
				t.Fatalf("err %v, want ErrNewerSchema with code conflict", err)
			}
			if msg := breachwire.ErrorMessage(err); !strings.Contains(msg, "newer") || !strings.Contains(msg, path) {
				t.Fatalf("message %q should say the file is newer and name it", msg)
			}
			if fileHash(t, path) != before {
				t.Fatal("the file was written")
			}
		})
	}
}

func TestOpen_ReadOnlyNeedsCurrentSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	db := openPath(t, path, nil)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := openWith(path, Options{ReadOnly: true}, []migration{migrations[0], testV2})
	if !errors.Is(err, ErrOldSchema) {
		t.Fatalf("err %v, want ErrOldSchema", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing.db"), Options{ReadOnly: true}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("read-only open of a missing file: %v", err)
	}
}

func TestOpen_ReadOnlyRefusesWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	db := openPath(t, path, nil)
	save(t, db, srcICO, items(0, 2))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if count(t, ro) != 2 {
		t.Fatal("read-only open does not read")
	}
	_, err = ro.SaveFetch(context.Background(), srcICO, breachwire.SourceState{}, items(2, 3))
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("write on read-only: %v", err)
	}
	if err := ro.Check(context.Background()); err != nil {
		t.Fatalf("Check read-only: %v", err)
	}
}
