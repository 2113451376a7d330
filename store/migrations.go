package store

import (
	"context"
	"fmt"

	"breachwire"

	bolt "go.etcd.io/bbolt"
)

// A migration moves the database from schema version i to i+1, where i is
// its index in the migrations slice. It runs inside Open's one write
// transaction, together with the migrations after it, so a failure leaves
// the file at its old version with nothing half done.
type migration struct {
	name  string
	apply func(tx *bolt.Tx) error
}

// migrations is the ordered history of the schema; the current schema
// version is its length. To change the layout, append a migration (and its
// test in migrations_test.go) and update the tree in doc.go; never edit,
// remove or reorder one that has shipped. A migration that rewrites every
// article should do so in one pass of cursor reads followed by writes
// (never deleting under a cursor); at 100,000 articles that is within what
// one bbolt transaction handles.
var migrations = []migration{
	{name: "v1: first layout: meta counters and the article, dedupe and digest buckets", apply: migrateV1},
}

// CurrentSchema is the schema version this binary writes: the number of
// migrations (a test holds the two together).
const CurrentSchema = 1

func migrateV1(tx *bolt.Tx) error {
	for _, name := range topBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	for _, k := range [][]byte{keyLastID, keyLastSeq, keyArticleCount} {
		if meta.Get(k) == nil {
			if err := meta.Put(k, u64(0)); err != nil {
				return fmt.Errorf("initialise %s: %w", k, err)
			}
		}
	}
	return nil
}

// setup runs in Open's write transaction: it applies the migrations the file
// lacks, records the new version, and makes sure every bucket of the current
// layout exists.
func setup(tx *bolt.Tx, migs []migration) error {
	path := tx.DB().Path()
	var version uint64
	if meta := tx.Bucket(bucketMeta); meta != nil {
		version = readU64(meta.Get(keySchemaVersion))
	} else {
		// inspect has refused files with foreign buckets; this catches a
		// file swapped in between.
		foreign := false
		_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			foreign = true
			return nil
		})
		if foreign {
			return corruptError(path, fmt.Errorf("a bbolt file of another program"))
		}
	}
	if version > uint64(len(migs)) {
		return newError(breachwire.ECodeConflict, ErrNewerSchema, nil,
			"the database %s has schema version %d, newer than this breachwire knows (%d)", path, version, len(migs))
	}
	for v := version; v < uint64(len(migs)); v++ {
		if err := migs[v].apply(tx); err != nil {
			return fmt.Errorf("migration to version %d (%s): %w", v+1, migs[v].name, err)
		}
	}
	for _, name := range topBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	if version != uint64(len(migs)) {
		if err := tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(uint64(len(migs)))); err != nil {
			return fmt.Errorf("record schema version: %w", err)
		}
	}
	return nil
}

// SchemaVersion returns the schema version recorded in the file.
func (db *DB) SchemaVersion(ctx context.Context) (uint64, error) {
	var v uint64
	err := db.view(ctx, func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			v = readU64(meta.Get(keySchemaVersion))
		}
		return nil
	})
	return v, err
}
