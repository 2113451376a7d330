// Package index is breachwire's full-text and faceted search index: a bleve
// (scorch) index in the data folder, derived from the store and never the
// system of record.
//
// Every article carries the store's change sequence number (Article.Seq). The
// index remembers the highest sequence it holds (its watermark), written in
// the same bleve batch as the documents, so the two are persisted together.
// Reconcile indexes everything newer than the watermark; after a crash at
// any moment, running it again indexes whatever the crash lost, and indexing
// an article twice only replaces its document (documents are keyed by article
// ID). Rebuild builds a whole new index in a sibling folder and swaps it in,
// so a failed rebuild leaves the old index serving. The folder can be deleted
// at any time: Open creates an empty index and Reconcile refills it.
//
// The index is split into Shards bleve indexes by article ID, searched at
// once and merged (on a two-core machine a broad search takes about half as
// long), each with its own copy of the watermark; the index's watermark is
// the lowest.
//
// What the index stores: the title and text (the highlighter reads them) and
// a small JSON blob of badges (date, source, URL, largest fine, largest
// affected count, MFA status, regulators, attack types, failed controls,
// organisations, a lead). A results page needs nothing else; an article
// page reads the article from the store by ID.
package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"go.etcd.io/bbolt"

	"breachwire"
)

// ChangeSource gives the articles written after a change sequence number, in
// sequence order, each at most once (at its latest sequence), at most limit
// of them. The store implements it; the index depends on nothing else.
type ChangeSource interface {
	Changes(ctx context.Context, after uint64, limit int) ([]breachwire.Article, error)
}

// Counter is optionally implemented by a ChangeSource that can count its
// articles cheaply; Rebuild then reports a total to its progress function.
type Counter interface {
	Count(ctx context.Context) (int, error)
}

// ErrClosed is returned by calls on an Index after Close.
var ErrClosed = errors.New("index: closed")

// lockWait is how long Open waits for another process to let go of the
// index before it gives up with a conflict error.
const lockWait = 2 * time.Second

// BatchSize is how many articles Reconcile asks the source for and writes in
// one bleve batch (one fsync).
const BatchSize = 500

// Internal keys, stored in the bleve index beside the documents.
var (
	keyWatermark = []byte("breachwire.watermark")
	keyMapping   = []byte("breachwire.mapping")
)

// Shards is how many bleve indexes the index is split into, by article ID.
// A search runs on all of them at once, so on a machine with two cores a
// search takes about half as long as on one index; a rebuild builds them at
// once too.
const Shards = 2

// Index is an open search index. Its methods are safe for concurrent use;
// writes (Reconcile, Delete, the swap at the end of Rebuild) are serialised.
type Index struct {
	dir     string
	mapping *mapping.IndexMappingImpl

	rebuildMu sync.Mutex   // one Rebuild at a time
	writeMu   sync.Mutex   // serialises writers
	mu        sync.RWMutex // guards parts against the Rebuild swap and Close
	parts     shards       // nil once closed
	cache     resultCache  // recent results, emptied by every write
}

// shards are the bleve indexes of one index folder, in the subfolders
// "0", "1"...; article id lives in shard id % Shards.
type shards []bleve.Index

func shardOf(id uint64) int { return int(id % Shards) }

func (s shards) close() error {
	var errs []error
	for _, b := range s {
		if err := b.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Open opens the index in dir, creating an empty one when dir does not
// exist. An index written with another mapping version is replaced by an
// empty one (Reconcile refills it). A rebuild interrupted before or during
// its swap is cleaned up or rolled back here.
func Open(dir string) (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("index: mapping: %w", err)
	}
	if m.AnalyzerNamed(analyzerEnglish) == nil {
		return nil, fmt.Errorf("index: analyzer %q is not registered", analyzerEnglish)
	}
	x := &Index{dir: dir, mapping: m}
	if err := x.recoverSwap(); err != nil {
		return nil, err
	}
	parts, err := x.openOrCreate(dir)
	if err != nil {
		return nil, err
	}
	x.parts = parts
	return x, nil
}

// Dir returns the folder the index lives in.
func (x *Index) Dir() string { return x.dir }

func (x *Index) openOrCreate(dir string) (shards, error) {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return x.create(dir)
	} else if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	parts, current, err := openShards(dir)
	if err != nil {
		return nil, err
	}
	if current {
		return parts, nil
	}
	// Written by another version of breachwire: start afresh.
	if err := parts.close(); err != nil {
		return nil, fmt.Errorf("index: close outdated index: %w", err)
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("index: remove outdated index: %w", err)
	}
	return x.create(dir)
}

// openShards opens the shards in dir; current reports whether all of them
// were written with this mapping version.
func openShards(dir string) (parts shards, current bool, err error) {
	current = true
	for i := range Shards {
		sub := filepath.Join(dir, strconv.Itoa(i))
		if _, err := os.Stat(filepath.Join(sub, "index_meta.json")); err != nil {
			_ = parts.close()
			return nil, false, fmt.Errorf("index: %s is not a breachwire index (no shard %d): delete the folder to rebuild it from the store", dir, i)
		}
		bi, err := bleve.OpenUsing(sub, map[string]any{"bolt_timeout": lockWait.String()})
		if errors.Is(err, bbolt.ErrTimeout) {
			_ = parts.close()
			return nil, false, breachwire.Errorf(breachwire.ECodeConflict,
				"the search index %s is in use by another breachwire process", dir)
		}
		if err != nil {
			_ = parts.close()
			return nil, false, fmt.Errorf("index: open %s: %w (delete the folder to rebuild it from the store)", sub, err)
		}
		parts = append(parts, bi)
		v, err := bi.GetInternal(keyMapping)
		if err != nil {
			_ = parts.close()
			return nil, false, fmt.Errorf("index: read mapping version: %w", err)
		}
		current = current && string(v) == mappingVersion
	}
	return parts, current, nil
}

// create makes an empty index in a sibling folder and renames it into
// place, so that a crash never leaves a half-created index at dir.
func (x *Index) create(dir string) (shards, error) {
	tmp := dir + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	for i := range Shards {
		sub := filepath.Join(tmp, strconv.Itoa(i))
		bi, err := bleve.New(sub, x.mapping)
		if err != nil {
			return nil, fmt.Errorf("index: create %s: %w", sub, err)
		}
		b := bi.NewBatch()
		b.SetInternal(keyMapping, []byte(mappingVersion))
		b.SetInternal(keyWatermark, encodeSeq(0))
		if err := closeWith(bi, bi.Batch(b)); err != nil {
			return nil, fmt.Errorf("index: create: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return nil, fmt.Errorf("index: create: %w", err)
	}
	parts, current, err := openShards(dir)
	if err != nil {
		return nil, err
	}
	if !current {
		_ = parts.close()
		return nil, fmt.Errorf("index: new index at %s is incomplete", dir)
	}
	return parts, nil
}

// recoverSwap finishes or rolls back a Rebuild that stopped midway: a
// leftover ".new" or ".build" folder is an unfinished rebuild and is
// removed; a ".old" folder without the index means the crash came between
// the two renames of the swap, so the old index goes back.
func (x *Index) recoverSwap() error {
	for _, leftover := range []string{x.dir + ".new", x.dir + ".build"} {
		if err := os.RemoveAll(leftover); err != nil {
			return fmt.Errorf("index: remove unfinished rebuild: %w", err)
		}
	}
	old := x.dir + ".old"
	if _, err := os.Stat(old); err != nil {
		return nil
	}
	if _, err := os.Stat(x.dir); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(old, x.dir); err != nil {
			return fmt.Errorf("index: restore index after an interrupted rebuild: %w", err)
		}
		return nil
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("index: remove replaced index: %w", err)
	}
	return nil
}

// Close closes the index. Calls after Close return ErrClosed.
func (x *Index) Close() error {
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.parts == nil {
		return nil
	}
	err := x.parts.close()
	x.parts = nil
	if err != nil {
		return fmt.Errorf("index: close: %w", err)
	}
	return nil
}

// acquire returns the open shards under the read lock; release with
// x.mu.RUnlock.
func (x *Index) acquire() (shards, error) {
	x.mu.RLock()
	if x.parts == nil {
		x.mu.RUnlock()
		return nil, ErrClosed
	}
	return x.parts, nil
}

// DocCount returns how many articles the index holds.
func (x *Index) DocCount() (uint64, error) {
	parts, err := x.acquire()
	if err != nil {
		return 0, err
	}
	defer x.mu.RUnlock()
	var total uint64
	for _, bi := range parts {
		n, err := bi.DocCount()
		if err != nil {
			return 0, fmt.Errorf("index: count: %w", err)
		}
		total += n
	}
	return total, nil
}

// Watermark returns the highest change sequence number the index holds:
// every article written at or below it is indexed.
func (x *Index) Watermark() (uint64, error) {
	parts, err := x.acquire()
	if err != nil {
		return 0, err
	}
	defer x.mu.RUnlock()
	return parts.watermark()
}

// watermark is the lowest watermark of the shards: a crash between the
// shards' writes of one batch leaves one shard ahead, and the batch is
// indexed again.
func (s shards) watermark() (uint64, error) {
	var low uint64
	for i, bi := range s {
		wm, err := readWatermark(bi)
		if err != nil {
			return 0, err
		}
		if i == 0 || wm < low {
			low = wm
		}
	}
	return low, nil
}

func readWatermark(bi bleve.Index) (uint64, error) {
	v, err := bi.GetInternal(keyWatermark)
	if err != nil {
		return 0, fmt.Errorf("index: read watermark: %w", err)
	}
	if len(v) == 0 {
		return 0, nil
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("index: watermark is %d bytes, want 8", len(v))
	}
	return binary.BigEndian.Uint64(v), nil
}

func encodeSeq(seq uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, seq)
}

// Delete removes articles from the index, for articles deleted from the
// store (the change feed only carries articles that exist). IDs not in the
// index are ignored.
func (x *Index) Delete(ctx context.Context, ids ...uint64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	parts, err := x.acquire()
	if err != nil {
		return err
	}
	defer x.mu.RUnlock()
	defer x.cache.invalidate()
	for i, bi := range parts {
		b := bi.NewBatch()
		for _, id := range ids {
			if shardOf(id) == i {
				b.Delete(docID(id))
			}
		}
		if b.Size() == 0 {
			continue
		}
		if err := bi.Batch(b); err != nil {
			return fmt.Errorf("index: delete: %w", err)
		}
	}
	return nil
}

// Reconcile indexes every article the source has written after the
// watermark, BatchSize at a time, each batch persisted with its new
// watermark. It returns how many articles it indexed. Running it again after
// an error or a crash carries on where the last persisted batch ended.
func (x *Index) Reconcile(ctx context.Context, src ChangeSource) (int, error) {
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	parts, err := x.acquire()
	if err != nil {
		return 0, err
	}
	defer x.mu.RUnlock()
	n, err := reconcile(ctx, parts, src)
	if n > 0 || err != nil {
		x.cache.invalidate()
	}
	return n, err
}

func reconcile(ctx context.Context, parts shards, src ChangeSource) (int, error) {
	wm, err := parts.watermark()
	if err != nil {
		return 0, err
	}
	n := 0
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		arts, err := src.Changes(ctx, wm, BatchSize)
		if err != nil {
			return n, fmt.Errorf("index: read changes after %d: %w", wm, err)
		}
		if len(arts) == 0 {
			return n, nil
		}
		next, err := indexBatch(parts, arts, wm)
		if err != nil {
			return n, err
		}
		n += len(arts)
		wm = next
	}
}

// indexBatch writes articles and the new watermark, one batch per shard,
// the shards at once, and returns the new watermark. A source that goes
// backwards is an error, since following it would loop.
func indexBatch(parts shards, arts []breachwire.Article, wm uint64) (uint64, error) {
	batches := make([]*bleve.Batch, len(parts))
	for i, bi := range parts {
		batches[i] = bi.NewBatch()
	}
	next := wm
	for i := range arts {
		a := &arts[i]
		if a.Seq <= wm {
			return wm, fmt.Errorf("index: change source returned article %d at seq %d, not after %d", a.ID, a.Seq, wm)
		}
		next = max(next, a.Seq)
		if err := batches[shardOf(a.ID)].Index(docID(a.ID), document(a)); err != nil {
			return wm, fmt.Errorf("index: article %d: %w", a.ID, err)
		}
	}
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, bi := range parts {
		batches[i].SetInternal(keyWatermark, encodeSeq(next))
		wg.Go(func() { errs[i] = bi.Batch(batches[i]) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return wm, fmt.Errorf("index: write batch: %w", err)
	}
	return next, nil
}
