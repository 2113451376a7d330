package store

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"math"
	"time"

	"breachwire"

	bolt "go.etcd.io/bbolt"
)

// MaxPage is the most articles one call returns; a limit of zero or less
// means DefaultPage. Larger reads go through Window or repeated Changes
// calls, each page in its own short read transaction (RELIABILITY F3: a
// full scan must not hold one long read transaction).
const (
	MaxPage     = 1000
	DefaultPage = 100
)

func clampLimit(limit int) int {
	if limit <= 0 {
		return DefaultPage
	}
	return min(limit, MaxPage)
}

// Article returns one article, or ErrNotFound.
func (db *DB) Article(ctx context.Context, id uint64) (breachwire.Article, error) {
	var a *breachwire.Article
	err := db.view(ctx, func(tx *bolt.Tx) error {
		var err error
		a, err = getArticle(tx.Bucket(bucketArticles), id)
		return err
	})
	if err != nil {
		return breachwire.Article{}, err
	}
	if a == nil {
		return breachwire.Article{}, notFoundError("no article %d", id)
	}
	return *a, nil
}

// Articles returns the stored articles among ids, in the order given; ids
// not stored are left out. It serves search results, which arrive as ids
// from the index.
func (db *DB) Articles(ctx context.Context, ids []uint64) ([]breachwire.Article, error) {
	out := make([]breachwire.Article, 0, len(ids))
	err := db.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		for _, id := range ids {
			if err := ctx.Err(); err != nil {
				return err
			}
			a, err := getArticle(b, id)
			if err != nil {
				return err
			}
			if a != nil {
				out = append(out, *a)
			}
		}
		return nil
	})
	return out, err
}

// Count returns the number of stored articles.
func (db *DB) Count(ctx context.Context) (int, error) {
	var n uint64
	err := db.view(ctx, func(tx *bolt.Tx) error {
		n = readU64(tx.Bucket(bucketMeta).Get(keyArticleCount))
		return nil
	})
	return int(n), err
}

// LastSeq returns the last change sequence number handed out: an index whose
// watermark equals it holds every article write.
func (db *DB) LastSeq(ctx context.Context) (uint64, error) {
	var n uint64
	err := db.view(ctx, func(tx *bolt.Tx) error {
		n = readU64(tx.Bucket(bucketMeta).Get(keyLastSeq))
		return nil
	})
	return n, err
}

// Changes returns up to limit articles whose latest write has a sequence
// number above after, in sequence order. Each article appears once, at its
// latest write. The search index calls it with its watermark until it gets
// an empty page, setting the watermark to the last article's Seq after each
// page it has indexed.
func (db *DB) Changes(ctx context.Context, after uint64, limit int) ([]breachwire.Article, error) {
	limit = clampLimit(limit)
	var out []breachwire.Article
	if after == math.MaxUint64 {
		return nil, ctx.Err()
	}
	err := db.view(ctx, func(tx *bolt.Tx) error {
		articles := tx.Bucket(bucketArticles)
		c := tx.Bucket(bucketChanges).Cursor()
		for k, v := c.Seek(u64(after + 1)); k != nil && len(out) < limit; k, v = c.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			a, err := getArticle(articles, readU64(v))
			if err != nil {
				return err
			}
			if a == nil {
				return corruptError(tx.DB().Path(), fmt.Errorf("change %d names article %d, which is not stored", readU64(k), readU64(v)))
			}
			out = append(out, *a)
		}
		return nil
	})
	return out, err
}

// Recent returns up to limit articles whose effective date
// (breachwire.Article.Date, with implausible published dates clamped to the
// first-seen time) is in [since, until), newest first. A zero since or until
// leaves that end open.
func (db *DB) Recent(ctx context.Context, since, until time.Time, limit int) ([]breachwire.Article, error) {
	var upper []byte
	if !until.IsZero() {
		upper = timeKey(until)
	}
	var out []breachwire.Article
	err := db.view(ctx, func(tx *bolt.Tx) error {
		var err error
		out, _, err = scanByTime(ctx, tx, upper, since, clampLimit(limit))
		return err
	})
	return out, err
}

// Window yields every article whose effective date is in [since, until),
// newest first, reading DefaultPage articles per read transaction so that no
// transaction stays open while the caller works. An article rewritten with
// a different date during the walk may be yielded twice or not at all. The
// walk stops at the first error, which it yields.
func (db *DB) Window(ctx context.Context, since, until time.Time) iter.Seq2[breachwire.Article, error] {
	return func(yield func(breachwire.Article, error) bool) {
		var upper []byte
		if !until.IsZero() {
			upper = timeKey(until)
		}
		for {
			var page []breachwire.Article
			var last []byte
			err := db.view(ctx, func(tx *bolt.Tx) error {
				var err error
				page, last, err = scanByTime(ctx, tx, upper, since, DefaultPage)
				return err
			})
			if err != nil {
				yield(breachwire.Article{}, err)
				return
			}
			for _, a := range page {
				if !yield(a, nil) {
					return
				}
			}
			if len(page) < DefaultPage {
				return
			}
			upper = last
		}
	}
}

// scanByTime walks by_time backwards from just below upper (nil: the end)
// down to since, returning up to limit articles and the last key read (a
// copy, usable after the transaction).
func scanByTime(ctx context.Context, tx *bolt.Tx, upper []byte, since time.Time, limit int) ([]breachwire.Article, []byte, error) {
	articles := tx.Bucket(bucketArticles)
	c := tx.Bucket(bucketByTime).Cursor()
	var k []byte
	if upper == nil {
		k, _ = c.Last()
	} else if k, _ = c.Seek(upper); k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	var lower []byte
	if !since.IsZero() {
		lower = timeKey(since)
	}
	var out []breachwire.Article
	var last []byte
	for ; k != nil && len(out) < limit; k, _ = c.Prev() {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if lower != nil && bytes.Compare(k[:min(len(k), timeKeyLen)], lower) < 0 {
			break
		}
		id, ok := parseByTimeKey(k)
		if !ok {
			return nil, nil, corruptError(tx.DB().Path(), fmt.Errorf("by_time key of %d bytes", len(k)))
		}
		a, err := getArticle(articles, id)
		if err != nil {
			return nil, nil, err
		}
		if a == nil {
			return nil, nil, corruptError(tx.DB().Path(), fmt.Errorf("by_time names article %d, which is not stored", id))
		}
		out = append(out, *a)
		last = bytes.Clone(k)
	}
	return out, last, nil
}

// IndexWatermark returns the sequence number the search index recorded as
// holding (0 when it never did). The index may keep its own watermark
// instead; this one is for an index that wants it in the system of record.
func (db *DB) IndexWatermark(ctx context.Context) (uint64, error) {
	var n uint64
	err := db.view(ctx, func(tx *bolt.Tx) error {
		n = readU64(tx.Bucket(bucketMeta).Get(keyIndexSeq))
		return nil
	})
	return n, err
}

// SetIndexWatermark records that the search index holds every change up to
// seq. A rebuild sets it to 0 first.
func (db *DB) SetIndexWatermark(ctx context.Context, seq uint64) error {
	return db.update(ctx, func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketMeta).Put(keyIndexSeq, u64(seq)); err != nil {
			return fmt.Errorf("store: set index watermark: %w", err)
		}
		return nil
	})
}
