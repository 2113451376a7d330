package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"breachwire"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DefaultTimeout is how long Open waits for another process to release the
// file's lock before it returns ErrInUse: long enough to ride out a
// `breachwire backup` finishing, short enough that a user never waits on a
// hang.
const DefaultTimeout = 2 * time.Second

// maxBatch bounds the articles written in one transaction; with about eight
// writes per article it keeps a transaction under 10,000 writes, which bbolt
// handles comfortably.
const maxBatch = 1000

// Options configure Open. The zero value is usable.
type Options struct {
	// Timeout is how long to wait for the file lock; zero means
	// DefaultTimeout. bbolt's own default (wait forever) is never used.
	Timeout time.Duration
	// MaxSize caps the file size in bytes; a commit that would grow the
	// file past it fails (bbolt ErrMaxSizeReached) and the program stays
	// up. Zero means no cap.
	MaxSize int
	// ReadOnly opens the file with a shared lock and refuses writes with
	// ErrReadOnly. It never creates or migrates anything, so a database
	// that needs a migration must be opened read-write once first.
	ReadOnly bool
	// Now is the clock used for FirstSeen and digest times; nil means
	// time.Now.
	Now func() time.Time
}

// DB is an open breachwire database. Its methods are safe for concurrent use
// by several goroutines: bbolt runs one write transaction at a time and any
// number of reads beside it.
type DB struct {
	bolt     *bolt.DB
	path     string
	now      func() time.Time
	readOnly bool
}

// Open opens the database at path, creating it when it does not exist, and
// brings its schema up to date in one transaction.
//
// Errors: ErrInUse when another process holds the file for longer than
// Options.Timeout; ErrCorrupt when the file is foreign, truncated or damaged
// (the file is never written then); ErrNewerSchema when a newer breachwire
// wrote it. All three carry a *breachwire.Error whose message tells the
// operator what to do.
func Open(path string, opts Options) (*DB, error) {
	return openWith(path, opts, migrations)
}

func openWith(path string, opts Options, migs []migration) (*DB, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	current := uint64(len(migs))

	// A non-empty file is first opened read-only and inspected: that takes
	// only a shared lock and never writes, so a foreign, truncated or newer
	// file is refused before bbolt could write to it.
	if info, err := os.Stat(path); err == nil && info.Size() > 0 {
		ro, err := openBolt(path, opts, true)
		if err != nil {
			return nil, err
		}
		err = inspect(ro, path, info.Size(), current, opts.ReadOnly)
		closeErr := ro.Close()
		if err != nil {
			return nil, err
		}
		if closeErr != nil {
			return nil, fmt.Errorf("store: close %s after inspection: %w", path, closeErr)
		}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	} else if opts.ReadOnly {
		return nil, newError(breachwire.ECodeNotFound, ErrNotFound, nil,
			"no database at %s (run `breachwire fetch` first, or check --data)", path)
	}
	if opts.ReadOnly {
		b, err := openBolt(path, opts, true)
		if err != nil {
			return nil, err
		}
		return &DB{bolt: b, path: path, now: opts.Now, readOnly: true}, nil
	}

	b, err := openBolt(path, opts, false)
	if err != nil {
		return nil, err
	}
	db := &DB{bolt: b, path: path, now: opts.Now}
	if err := db.update(context.Background(), func(tx *bolt.Tx) error {
		return setup(tx, migs)
	}); err != nil {
		_ = b.Close()
		if errors.Is(err, ErrNewerSchema) || errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		return nil, fmt.Errorf("store: set up %s: %w", path, err)
	}
	return db, nil
}

// openBolt opens the file with bbolt, turning its errors and panics into
// ours. A panic inside bolt.Open after it took the lock leaves that file
// descriptor (and the lock) with this process; the caller cannot use the
// file anyway, and the lock goes when the process exits.
func openBolt(path string, opts Options, readOnly bool) (b *bolt.DB, err error) {
	defer guard(path, &err)()
	b, err = bolt.Open(path, 0o600, &bolt.Options{
		Timeout:      opts.Timeout,
		MaxSize:      opts.MaxSize,
		ReadOnly:     readOnly,
		FreelistType: bolt.FreelistMapType,
	})
	switch {
	case err == nil:
		return b, nil
	case errors.Is(err, berrors.ErrTimeout):
		return nil, inUseError(path, err)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrInvalidMapping),
		strings.Contains(err.Error(), "file size too small"):
		return nil, corruptError(path, err)
	default:
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
}

// inspect checks, without writing, that the file is a whole breachwire
// database this binary can use.
func inspect(b *bolt.DB, path string, fileSize int64, current uint64, readOnly bool) (err error) {
	defer guard(path, &err)()
	return b.View(func(tx *bolt.Tx) error {
		// The meta page says how far the file reaches; a shorter file was
		// truncated (a copy cut short, a full disk).
		if tx.Size() > fileSize {
			return corruptError(path, fmt.Errorf("truncated: the file is %d bytes, its header says %d", fileSize, tx.Size()))
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			var names []string
			_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
				names = append(names, string(name))
				return nil
			})
			if len(names) > 0 {
				return corruptError(path, fmt.Errorf("a bbolt file of another program (buckets: %s)", strings.Join(names, ", ")))
			}
			// An empty bbolt file: opened read-write, Open sets it up.
		}
		var v uint64
		if meta != nil {
			v = readU64(meta.Get(keySchemaVersion))
		}
		if v > current {
			return newError(breachwire.ECodeConflict, ErrNewerSchema, nil,
				"the database %s has schema version %d, newer than this breachwire knows (%d): "+
					"run the newer breachwire, or restore a backup made by this version", path, v, current)
		}
		if readOnly && v < current {
			return newError(breachwire.ECodeConflict, ErrOldSchema, nil,
				"the database %s has schema version %d and needs upgrading to %d, which a read-only open cannot do: "+
					"open it once read-write (breachwire fetch or serve)", path, v, current)
		}
		return nil
	})
}

// Close waits for running transactions and closes the file. Close the DB
// after everything that uses it has stopped (RELIABILITY G4).
func (db *DB) Close() error {
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("store: close %s: %w", db.path, err)
	}
	return nil
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// guard turns a panic or memory fault during a bbolt call into ErrCorrupt.
// bbolt panics (or faults on the memory map) when a page is damaged; with
// SetPanicOnFault the fault becomes a panic this goroutine can recover.
// Use as: defer guard(path, &err)().
func guard(path string, errp *error) func() {
	old := debug.SetPanicOnFault(true)
	return func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			*errp = corruptError(path, panicError(r))
		}
	}
}

// view runs fn in a read transaction after checking ctx, guarded against
// panics from a damaged file.
func (db *DB) view(ctx context.Context, fn func(tx *bolt.Tx) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	defer guard(db.path, &err)()
	return db.bolt.View(fn)
}

// update runs fn in a write transaction; fn's error rolls it back.
func (db *DB) update(ctx context.Context, fn func(tx *bolt.Tx) error) (err error) {
	if db.readOnly {
		return readOnlyError(db.path)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	defer guard(db.path, &err)()
	err = db.bolt.Update(fn)
	if errors.Is(err, berrors.ErrMaxSizeReached) {
		return fullError(db.path, err)
	}
	return err
}

// Check reads every page of the file and verifies its structure (bbolt
// Tx.Check); problems are returned joined, as ErrCorrupt. On a read-write
// DB it runs in a write transaction, the safe way with concurrent writers,
// so it blocks writes while it runs (seconds per GB).
func (db *DB) Check(ctx context.Context) error {
	check := func(tx *bolt.Tx) error { return checkTx(ctx, tx) }
	if db.readOnly {
		return db.view(ctx, check)
	}
	return db.update(ctx, check)
}

func checkTx(ctx context.Context, tx *bolt.Tx) error {
	// bbolt checks in a goroutine of its own, where a memory fault on a
	// damaged page cannot be recovered and kills the process. Reading
	// every reachable page here first, on the caller's goroutine where
	// guard has set SetPanicOnFault, turns such a fault into ErrCorrupt
	// before bbolt's check touches the page.
	if err := walkTx(ctx, tx); err != nil {
		return err
	}
	var errs []error
	n := 0
	// Read the channel to its end so that bbolt's checking goroutine
	// finishes; keep the first few problems.
	for err := range tx.Check() {
		if n++; len(errs) < 20 {
			errs = append(errs, err)
		}
	}
	if n > len(errs) {
		errs = append(errs, fmt.Errorf("and %d more problems", n-len(errs)))
	}
	if len(errs) > 0 {
		return corruptError(tx.DB().Path(), fmt.Errorf("integrity check: %w", errors.Join(errs...)))
	}
	return ctx.Err()
}

// walkTx reads every key and touches every page of every value in the file.
func walkTx(ctx context.Context, tx *bolt.Tx) error {
	var sink byte
	var walk func(b *bolt.Bucket) error
	walk = func(b *bolt.Bucket) error {
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			sink ^= k[len(k)-1]
			if v == nil {
				if child := b.Bucket(k); child != nil {
					if err := walk(child); err != nil {
						return err
					}
				}
				continue
			}
			for i := 0; i < len(v); i += 1024 {
				sink ^= v[i]
			}
			if len(v) > 0 {
				sink ^= v[len(v)-1]
			}
		}
		return nil
	}
	err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b) })
	_ = sink
	return err
}
