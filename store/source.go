package store

import (
	"context"
	"encoding/json"
	"fmt"

	"breachwire"

	bolt "go.etcd.io/bbolt"
)

// SourceState returns the stored state of one source, or ErrNotFound for a
// source that was never fetched (the caller then starts from a zero state).
func (db *DB) SourceState(ctx context.Context, id string) (breachwire.SourceState, error) {
	var st breachwire.SourceState
	err := db.view(ctx, func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketSources).Get([]byte(id))
		if v == nil {
			return notFoundError("no state stored for source %q", id)
		}
		if err := json.Unmarshal(v, &st); err != nil {
			return fmt.Errorf("store: decode state of source %q: %w", id, err)
		}
		return nil
	})
	return st, err
}

// SourceStates returns the stored state of every source, ordered by source
// id.
func (db *DB) SourceStates(ctx context.Context) ([]breachwire.SourceState, error) {
	var out []breachwire.SourceState
	err := db.view(ctx, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSources).ForEach(func(k, v []byte) error {
			var st breachwire.SourceState
			if err := json.Unmarshal(v, &st); err != nil {
				return fmt.Errorf("store: decode state of source %q: %w", k, err)
			}
			out = append(out, st)
			return nil
		})
	})
	return out, err
}

// SaveSourceState records a pass that stored no items: a 304, a failure, a
// new schedule. It never changes the stored ETag and Last-Modified
// validators (RELIABILITY B7): those are written only by SaveFetch, in the
// transaction that stores the items they describe, so a failure after a 200
// can never hide new items behind later 304s. Items, the count of articles
// stored from the source, is likewise kept by the store.
func (db *DB) SaveSourceState(ctx context.Context, st breachwire.SourceState) error {
	if st.SourceID == "" {
		return breachwire.Errorf(breachwire.ECodeInvalid, "store: source state without a source id")
	}
	return db.update(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSources)
		old, err := getState(b, st.SourceID)
		if err != nil {
			return err
		}
		st.ETag, st.LastModified, st.Items = "", "", 0
		if old != nil {
			st.ETag, st.LastModified, st.Items = old.ETag, old.LastModified, old.Items
		}
		return putState(b, &st)
	})
}

func getState(b *bolt.Bucket, id string) (*breachwire.SourceState, error) {
	v := b.Get([]byte(id))
	if v == nil {
		return nil, nil
	}
	var st breachwire.SourceState
	if err := json.Unmarshal(v, &st); err != nil {
		return nil, fmt.Errorf("store: decode state of source %q: %w", id, err)
	}
	return &st, nil
}

func putState(b *bolt.Bucket, st *breachwire.SourceState) error {
	v, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("store: encode state of source %q: %w", st.SourceID, err)
	}
	if err := b.Put([]byte(st.SourceID), v); err != nil {
		return fmt.Errorf("store: put state of source %q: %w", st.SourceID, err)
	}
	return nil
}
