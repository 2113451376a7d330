package store

import (
	"context"
	"encoding/binary"
	"fmt"

	"breachwire"

	bolt "go.etcd.io/bbolt"
)

// Stale returns up to limit articles whose facts come from an extractor
// older than version (ExtractorVersion < version), lowest version first.
// It reads the extracted index, so it costs the same however many articles
// are up to date. The re-extractor calls it until it returns nothing,
// sending each page to UpdateFactsBatch; it must write a result for every
// article it was given (even empty facts), or it would be given the same
// page again.
func (db *DB) Stale(ctx context.Context, version, limit int) ([]breachwire.Article, error) {
	limit = clampLimit(limit)
	want := clampVersion(version)
	var out []breachwire.Article
	err := db.view(ctx, func(tx *bolt.Tx) error {
		articles := tx.Bucket(bucketArticles)
		c := tx.Bucket(bucketExtracted).Cursor()
		for k, _ := c.First(); k != nil && len(out) < limit; k, _ = c.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			if len(k) != 12 {
				return corruptError(tx.DB().Path(), fmt.Errorf("extracted key of %d bytes", len(k)))
			}
			if binary.BigEndian.Uint32(k) >= want {
				break
			}
			id := binary.BigEndian.Uint64(k[4:])
			a, err := getArticle(articles, id)
			if err != nil {
				return err
			}
			if a == nil {
				return corruptError(tx.DB().Path(), fmt.Errorf("extracted index names article %d, which is not stored", id))
			}
			out = append(out, *a)
		}
		return nil
	})
	return out, err
}

// FactsUpdate is new facts for one stored article.
type FactsUpdate struct {
	ID      uint64
	Facts   breachwire.Facts
	Version int
	// Seq, when not zero, is the Seq of the article the facts were
	// computed from; the update is skipped if the article has been
	// written since (its text may have changed), and the article stays
	// stale for the next round if it still is.
	Seq uint64
}

// UpdateFacts replaces one article's facts and extractor version, taking a
// new sequence number so that the index picks it up. It returns ErrNotFound
// for an unknown id.
func (db *DB) UpdateFacts(ctx context.Context, id uint64, facts breachwire.Facts, version int) error {
	n, err := db.UpdateFactsBatch(ctx, []FactsUpdate{{ID: id, Facts: facts, Version: version}})
	if err == nil && n == 0 {
		return notFoundError("no article %d", id)
	}
	return err
}

// UpdateFactsBatch applies updates in transactions of at most 1,000
// articles (each a few writes, well within what one bbolt transaction
// handles quickly) and returns how many articles it rewrote. Unknown ids and updates
// whose Seq no longer matches are skipped. On error the transactions
// already committed stay.
func (db *DB) UpdateFactsBatch(ctx context.Context, updates []FactsUpdate) (int, error) {
	done := 0
	for start := 0; start < len(updates); start += maxBatch {
		end := min(start+maxBatch, len(updates))
		n := 0
		err := db.update(ctx, func(tx *bolt.Tx) error {
			n = 0
			w, err := newWriter(tx)
			if err != nil {
				return err
			}
			for i := start; i < end; i++ {
				if err := ctx.Err(); err != nil {
					return err
				}
				u := &updates[i]
				old, err := w.get(u.ID)
				if err != nil {
					return err
				}
				if old == nil || (u.Seq != 0 && u.Seq != old.Seq) {
					continue
				}
				a := *old
				a.Facts, a.ExtractorVersion = u.Facts, u.Version
				if err := w.put(&a, old); err != nil {
					return fmt.Errorf("store: update facts of article %d: %w", u.ID, err)
				}
				n++
			}
			return w.flush()
		})
		if err != nil {
			return done, err
		}
		done += n
	}
	return done, nil
}
