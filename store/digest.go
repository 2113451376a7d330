package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"breachwire"

	bolt "go.etcd.io/bbolt"
)

// DigestStatus is where a digest run stands.
type DigestStatus string

// Digest statuses. A run is recorded as pending before the first attempt
// to send it, so that a crash during sending is seen on restart; it ends as
// sent, or stays pending (or failed) with NextRetry set while SMTP fails.
const (
	DigestPending DigestStatus = "pending"
	DigestSent    DigestStatus = "sent"
	DigestFailed  DigestStatus = "failed"
)

// DigestRecord is one digest run of one subscription: what it covers, to
// whom it went, and how sending it went.
type DigestRecord struct {
	// ID numbers the subscription's runs from 1; RecordDigest assigns it
	// when it is zero and otherwise updates that run.
	ID           uint64 `json:"id"`
	Subscription string `json:"subscription"`
	// Since and Until are the window of effective dates the digest covers
	// (Until exclusive); the next digest starts at the last sent Until.
	Since       time.Time    `json:"since,omitzero"`
	Until       time.Time    `json:"until,omitzero"`
	CreatedAt   time.Time    `json:"created_at"`
	SentAt      time.Time    `json:"sent_at,omitzero"`
	Recipients  []string     `json:"recipients"`
	ArticleIDs  []uint64     `json:"article_ids"`
	IncidentIDs []uint64     `json:"incident_ids,omitempty"`
	Status      DigestStatus `json:"status"`
	Attempts    int          `json:"attempts"`
	LastError   string       `json:"last_error,omitempty"`
	NextRetry   time.Time    `json:"next_retry,omitzero"`
}

// maxSubscriptionLen bounds subscription names, which are bucket keys.
const maxSubscriptionLen = 512

func checkSubscription(name string) error {
	if name == "" || len(name) > maxSubscriptionLen {
		return breachwire.Errorf(breachwire.ECodeInvalid, "store: digest subscription name must be 1 to %d bytes, got %d", maxSubscriptionLen, len(name))
	}
	return nil
}

// RecordDigest stores rec, a new run (ID 0) or a new state of an existing
// one, and returns it as stored. When rec's status is sent, its articles
// join the subscription's sent-set in the same transaction, so that after
// a restart Unsent never offers them again. CreatedAt, and SentAt for a sent
// run, default to the DB's clock.
func (db *DB) RecordDigest(ctx context.Context, rec DigestRecord) (DigestRecord, error) {
	if err := checkSubscription(rec.Subscription); err != nil {
		return rec, err
	}
	switch rec.Status {
	case DigestPending, DigestSent, DigestFailed:
	default:
		return rec, breachwire.Errorf(breachwire.ECodeInvalid, "store: digest status %q is not pending, sent or failed", rec.Status)
	}
	now := db.now().UTC().Round(0)
	if rec.CreatedAt.IsZero() {
		rec.CreatedAt = now
	}
	if rec.Status == DigestSent && rec.SentAt.IsZero() {
		rec.SentAt = now
	}
	err := db.update(ctx, func(tx *bolt.Tx) error {
		sub, err := tx.Bucket(bucketDigests).CreateBucketIfNotExists([]byte(rec.Subscription))
		if err != nil {
			return fmt.Errorf("store: digest bucket of %q: %w", rec.Subscription, err)
		}
		runs, err := sub.CreateBucketIfNotExists(bucketRuns)
		if err != nil {
			return fmt.Errorf("store: digest runs of %q: %w", rec.Subscription, err)
		}
		sent, err := sub.CreateBucketIfNotExists(bucketSent)
		if err != nil {
			return fmt.Errorf("store: digest sent-set of %q: %w", rec.Subscription, err)
		}
		if rec.ID == 0 {
			if rec.ID, err = runs.NextSequence(); err != nil {
				return fmt.Errorf("store: number digest run of %q: %w", rec.Subscription, err)
			}
		} else if runs.Get(u64(rec.ID)) == nil {
			return notFoundError("no digest run %d for subscription %q", rec.ID, rec.Subscription)
		}
		v, err := json.Marshal(&rec)
		if err != nil {
			return fmt.Errorf("store: encode digest run: %w", err)
		}
		if err := runs.Put(u64(rec.ID), v); err != nil {
			return fmt.Errorf("store: put digest run %d of %q: %w", rec.ID, rec.Subscription, err)
		}
		if rec.Status == DigestSent {
			for _, id := range rec.ArticleIDs {
				if err := sent.Put(u64(id), u64(rec.ID)); err != nil {
					return fmt.Errorf("store: put sent article %d: %w", id, err)
				}
			}
		}
		return nil
	})
	return rec, err
}

// LastDigest returns the subscription's newest run whose status is one of
// statuses (any status when none is given), or ErrNotFound. The digest
// timer asks for the last sent run to know where the next window starts,
// and for the last run of any status to find one still pending.
func (db *DB) LastDigest(ctx context.Context, subscription string, statuses ...DigestStatus) (DigestRecord, error) {
	var rec DigestRecord
	if err := checkSubscription(subscription); err != nil {
		return rec, err
	}
	found := false
	err := db.view(ctx, func(tx *bolt.Tx) error {
		runs := digestBucket(tx, subscription, bucketRuns)
		if runs == nil {
			return nil
		}
		c := runs.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			if err := ctx.Err(); err != nil {
				return err
			}
			var r DigestRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("store: decode digest run %d of %q: %w", readU64(k), subscription, err)
			}
			if len(statuses) == 0 || slices.Contains(statuses, r.Status) {
				rec, found = r, true
				return nil
			}
		}
		return nil
	})
	if err == nil && !found {
		err = notFoundError("no digest recorded for subscription %q", subscription)
	}
	return rec, err
}

// Unsent returns the ids among ids that were never in a sent digest of the
// subscription, in the order given. Because dedupe gives an article one id
// whatever GUID or URL it arrives under, this keeps an article from being
// mailed twice (RELIABILITY D3).
func (db *DB) Unsent(ctx context.Context, subscription string, ids []uint64) ([]uint64, error) {
	if err := checkSubscription(subscription); err != nil {
		return nil, err
	}
	out := make([]uint64, 0, len(ids))
	err := db.view(ctx, func(tx *bolt.Tx) error {
		sent := digestBucket(tx, subscription, bucketSent)
		for _, id := range ids {
			if err := ctx.Err(); err != nil {
				return err
			}
			if sent == nil || sent.Get(u64(id)) == nil {
				out = append(out, id)
			}
		}
		return nil
	})
	return out, err
}

func digestBucket(tx *bolt.Tx, subscription string, name []byte) *bolt.Bucket {
	sub := tx.Bucket(bucketDigests).Bucket([]byte(subscription))
	if sub == nil {
		return nil
	}
	return sub.Bucket(name)
}
