package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"breachwire"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole database to w while the
// database stays in use (a hot backup: bbolt Tx.WriteTo in a read
// transaction, so writers go on and the copy is one committed state). It
// returns the bytes written. Cancelling ctx stops the copy at the next
// write.
func (db *DB) Backup(ctx context.Context, w io.Writer) (int64, error) {
	var n int64
	err := db.view(ctx, func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(ctxWriter{ctx: ctx, w: w})
		return err
	})
	if err != nil {
		return n, fmt.Errorf("store: backup of %s: %w", db.path, err)
	}
	return n, nil
}

// BackupFile writes a backup to path and proves it restores: the copy goes
// to a temporary file beside path, is synced, opened read-only and checked
// (Tx.Check and the schema version), and only then renamed over path, so a
// failed or damaged backup never replaces a good older one. path must not
// be the database itself.
func (db *DB) BackupFile(ctx context.Context, path string) (int64, error) {
	if same, err := sameFile(db.path, path); err != nil {
		return 0, fmt.Errorf("store: backup to %s: %w", path, err)
	} else if same {
		return 0, breachwire.Errorf(breachwire.ECodeInvalid, "store: backup to %s: that is the database itself", path)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return 0, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	n, err := db.Backup(ctx, f)
	if err != nil {
		return n, err
	}
	if err := f.Sync(); err != nil {
		return n, fmt.Errorf("store: backup to %s: sync: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return n, fmt.Errorf("store: backup to %s: close: %w", path, err)
	}
	if err := Verify(ctx, tmp); err != nil {
		return n, fmt.Errorf("store: backup to %s failed its check: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return n, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	ok = true
	// The rename is durable once the directory is synced.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return n, nil
}

// Verify opens the database file at path read-only (a shared lock, no
// writes) and checks it: bbolt's Tx.Check of every page, a schema version
// this binary knows, and the counters in meta against the buckets. Use it
// on backups, or on the live file while breachwire is stopped.
func Verify(ctx context.Context, path string) error {
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.view(ctx, func(tx *bolt.Tx) error {
		if err := checkTx(ctx, tx); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return corruptError(path, errors.New("no meta bucket"))
		}
		if v := readU64(meta.Get(keySchemaVersion)); v != CurrentSchema {
			return corruptError(path, fmt.Errorf("schema version %d, want %d", v, CurrentSchema))
		}
		for _, name := range topBuckets {
			if tx.Bucket(name) == nil {
				return corruptError(path, fmt.Errorf("bucket %s is missing", name))
			}
		}
		n := uint64(tx.Bucket(bucketArticles).Stats().KeyN)
		if c := readU64(meta.Get(keyArticleCount)); c != n {
			return corruptError(path, fmt.Errorf("meta counts %d articles, the articles bucket holds %d", c, n))
		}
		if c := uint64(tx.Bucket(bucketChanges).Stats().KeyN); c != n {
			return corruptError(path, fmt.Errorf("%d articles but %d change entries", n, c))
		}
		return nil
	})
}

func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}

// ctxWriter stops a long copy when ctx is cancelled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
