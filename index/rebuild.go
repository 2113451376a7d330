package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"

	"breachwire"
)

// rebuildPage is how many articles Rebuild asks the source for at a time.
const rebuildPage = 2000

// Rebuild builds a new index from every article of src and swaps it in place
// of the current one, for `breachwire reindex` and after a mapping change.
// It builds offline (bleve's builder, one merged segment) in a sibling
// folder; searches and Reconcile go on against the old index meanwhile, and
// a failed or cancelled rebuild leaves the old index as it was. After the
// swap it reconciles, so that articles written during the build are not
// missed. progress, if not nil, is called after each page with the number of
// articles done and the total (from Counter; when src cannot count, the
// number done). One rebuild runs at a time; a second call waits.
func (x *Index) Rebuild(ctx context.Context, src ChangeSource, progress func(done, total int)) error {
	x.rebuildMu.Lock()
	defer x.rebuildMu.Unlock()
	if progress == nil {
		progress = func(int, int) {}
	}
	total := 0
	if c, ok := src.(Counter); ok {
		n, err := c.Count(ctx)
		if err != nil {
			return fmt.Errorf("index: rebuild: count: %w", err)
		}
		total = n
	}
	newDir, buildDir := x.dir+".new", x.dir+".build"
	if err := os.RemoveAll(newDir); err != nil {
		return fmt.Errorf("index: rebuild: %w", err)
	}
	err := x.build(ctx, src, newDir, buildDir, total, progress)
	_ = os.RemoveAll(buildDir)
	if err != nil {
		_ = os.RemoveAll(newDir)
		return err
	}
	if err := x.swap(newDir); err != nil {
		return err
	}
	_, err = x.Reconcile(ctx, src)
	return err
}

// build writes the whole index into newDir with its watermark: one offline
// builder per shard, each fed by its own goroutine.
func (x *Index) build(ctx context.Context, src ChangeSource, newDir, buildDir string, total int, progress func(int, int)) error {
	if err := os.MkdirAll(buildDir, 0o755); err != nil {
		return fmt.Errorf("index: rebuild: %w", err)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	feeds := make([]chan *breachwire.Article, Shards)
	builders := make([]bleve.Builder, Shards)
	var wg sync.WaitGroup
	for i := range Shards {
		b, err := bleve.NewBuilder(filepath.Join(newDir, strconv.Itoa(i)), x.mapping, map[string]any{
			"buildPathPrefix": buildDir,
			"batchSize":       1000,
		})
		if err != nil {
			cancel(err)
			break
		}
		builders[i] = b
		feeds[i] = make(chan *breachwire.Article, 256)
		wg.Go(func() {
			for a := range feeds[i] {
				if ctx.Err() != nil {
					continue // drain
				}
				if err := b.Index(docID(a.ID), document(a)); err != nil {
					cancel(fmt.Errorf("index: rebuild: article %d: %w", a.ID, err))
				}
			}
		})
	}
	// The builder may hold an article once only. An article written again
	// during the build comes back later in the feed with a higher sequence;
	// its last version is indexed after the build, as an update.
	seen := make(map[uint64]struct{}, total)
	late := map[uint64]breachwire.Article{}
	var wm uint64
	done := 0
	for ctx.Err() == nil {
		arts, err := src.Changes(ctx, wm, rebuildPage)
		if err != nil {
			cancel(fmt.Errorf("index: rebuild: read changes after %d: %w", wm, err))
			break
		}
		if len(arts) == 0 {
			break
		}
		for i := range arts {
			a := &arts[i]
			if a.Seq <= wm {
				cancel(fmt.Errorf("index: rebuild: change source returned article %d at seq %d, not after %d", a.ID, a.Seq, wm))
				break
			}
			wm = a.Seq
			if _, dup := seen[a.ID]; dup {
				late[a.ID] = *a
				continue
			}
			seen[a.ID] = struct{}{}
			if feeds[shardOf(a.ID)] != nil {
				feeds[shardOf(a.ID)] <- a
			}
			done++
		}
		progress(done, max(total, done))
	}
	for _, f := range feeds {
		if f != nil {
			close(f)
		}
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	for i, b := range builders {
		sub := filepath.Join(newDir, strconv.Itoa(i))
		if !builderHasDocs(seen, i) {
			// The builder cannot close without a segment (it would index
			// out of range), so it is abandoned (its files are in buildDir,
			// removed by Rebuild) and the shard is an empty index.
			if err := os.RemoveAll(sub); err != nil {
				return fmt.Errorf("index: rebuild: %w", err)
			}
			bi, err := bleve.New(sub, x.mapping)
			if err != nil {
				return fmt.Errorf("index: rebuild: %w", err)
			}
			if err := bi.Close(); err != nil {
				return fmt.Errorf("index: rebuild: %w", err)
			}
			continue
		}
		if err := b.Close(); err != nil {
			return fmt.Errorf("index: rebuild: finish shard %d: %w", i, err)
		}
	}
	parts, _, err := openShards(newDir)
	if err != nil {
		return fmt.Errorf("index: rebuild: open: %w", err)
	}
	if len(parts) != Shards {
		_ = parts.close()
		return fmt.Errorf("index: rebuild: %d shards built, want %d", len(parts), Shards)
	}
	var lateArts []breachwire.Article
	for _, a := range late {
		lateArts = append(lateArts, a)
	}
	// indexBatch wants articles after the watermark it is given.
	if _, err := indexBatch(parts, lateArts, 0); err != nil {
		return errors.Join(err, parts.close())
	}
	for _, bi := range parts {
		b := bi.NewBatch()
		b.SetInternal(keyMapping, []byte(mappingVersion))
		b.SetInternal(keyWatermark, encodeSeq(wm))
		if err := bi.Batch(b); err != nil {
			return errors.Join(fmt.Errorf("index: rebuild: write watermark: %w", err), parts.close())
		}
	}
	return parts.close()
}

// builderHasDocs reports whether any article seen goes to shard i.
func builderHasDocs(seen map[uint64]struct{}, i int) bool {
	for id := range seen {
		if shardOf(id) == i {
			return true
		}
	}
	return false
}

func closeWith(bi bleve.Index, err error) error {
	if cerr := bi.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("index: close: %w", cerr)
	}
	return err
}

// swap replaces the index folder with newDir: the current index is closed
// and renamed to ".old", newDir renamed into place and opened, and ".old"
// removed. Open rolls back a swap interrupted between the renames.
func (x *Index) swap(newDir string) error {
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.parts == nil {
		return ErrClosed
	}
	old := x.dir + ".old"
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("index: swap: %w", err)
	}
	if err := x.parts.close(); err != nil {
		return fmt.Errorf("index: swap: close old index: %w", err)
	}
	x.parts = nil
	reopenOld := func(cause error) error {
		parts, _, err := openShards(x.dir)
		if err != nil {
			return errors.Join(cause, fmt.Errorf("index: swap: reopen old index: %w", err))
		}
		x.parts = parts
		return cause
	}
	if err := os.Rename(x.dir, old); err != nil {
		return reopenOld(fmt.Errorf("index: swap: %w", err))
	}
	if err := os.Rename(newDir, x.dir); err != nil {
		if rerr := os.Rename(old, x.dir); rerr != nil {
			return errors.Join(fmt.Errorf("index: swap: %w", err), rerr)
		}
		return reopenOld(fmt.Errorf("index: swap: %w", err))
	}
	parts, current, err := openShards(x.dir)
	if err != nil {
		return fmt.Errorf("index: swap: open rebuilt index: %w", err)
	}
	if !current {
		_ = parts.close()
		return fmt.Errorf("index: swap: rebuilt index is incomplete")
	}
	x.parts = parts
	x.cache.invalidate()
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("index: swap: remove old index: %w", err)
	}
	return nil
}
