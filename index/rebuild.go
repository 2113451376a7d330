package index

import (
	"context"
	"errors"
	"fmt"
	"os"

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
// articles done and the total (0 when src does not implement Counter).
func (x *Index) Rebuild(ctx context.Context, src ChangeSource, progress func(done, total int)) error {
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

// build writes the whole index into newDir with its watermark.
func (x *Index) build(ctx context.Context, src ChangeSource, newDir, buildDir string, total int, progress func(int, int)) error {
	if err := os.MkdirAll(buildDir, 0o755); err != nil {
		return fmt.Errorf("index: rebuild: %w", err)
	}
	builder, err := bleve.NewBuilder(newDir, x.mapping, map[string]any{
		"buildPathPrefix": buildDir,
		"batchSize":       1000,
	})
	if err != nil {
		return fmt.Errorf("index: rebuild: %w", err)
	}
	// The builder may hold an article once only. An article written again
	// during the build comes back later in the feed with a higher sequence;
	// its last version is indexed after the build, as an update.
	seen := make(map[uint64]struct{}, total)
	late := map[uint64]breachwire.Article{}
	var wm uint64
	done := 0
	var buildErr error
	for buildErr == nil {
		if buildErr = ctx.Err(); buildErr != nil {
			break
		}
		arts, err := src.Changes(ctx, wm, rebuildPage)
		if err != nil {
			buildErr = fmt.Errorf("index: rebuild: read changes after %d: %w", wm, err)
			break
		}
		if len(arts) == 0 {
			break
		}
		for i := range arts {
			a := &arts[i]
			if a.Seq <= wm {
				buildErr = fmt.Errorf("index: rebuild: change source returned article %d at seq %d, not after %d", a.ID, a.Seq, wm)
				break
			}
			wm = a.Seq
			if _, dup := seen[a.ID]; dup {
				late[a.ID] = *a
				continue
			}
			seen[a.ID] = struct{}{}
			if err := builder.Index(docID(a.ID), document(a)); err != nil {
				buildErr = fmt.Errorf("index: rebuild: article %d: %w", a.ID, err)
				break
			}
			done++
		}
		progress(done, max(total, done))
	}
	if len(seen) == 0 {
		// The builder cannot close without a segment (it would index
		// out of range), so it is abandoned: its files are in buildDir
		// and newDir, both removed, and the new index is an empty one.
		_ = os.RemoveAll(newDir)
		if buildErr != nil {
			return buildErr
		}
		bi, err := x.create(newDir)
		if err != nil {
			return err
		}
		return closeWith(bi, nil)
	}
	if err := builder.Close(); err != nil && buildErr == nil {
		buildErr = fmt.Errorf("index: rebuild: finish: %w", err)
	}
	if buildErr != nil {
		return buildErr
	}
	bi, err := bleve.Open(newDir)
	if err != nil {
		return fmt.Errorf("index: rebuild: open: %w", err)
	}
	b := bi.NewBatch()
	for id, a := range late {
		if err := b.Index(docID(id), document(&a)); err != nil {
			return closeWith(bi, fmt.Errorf("index: rebuild: article %d: %w", id, err))
		}
	}
	b.SetInternal(keyMapping, []byte(mappingVersion))
	b.SetInternal(keyWatermark, encodeSeq(wm))
	if err := bi.Batch(b); err != nil {
		return closeWith(bi, fmt.Errorf("index: rebuild: write watermark: %w", err))
	}
	return closeWith(bi, nil)
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
	if x.bi == nil {
		return ErrClosed
	}
	old := x.dir + ".old"
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("index: swap: %w", err)
	}
	if err := x.bi.Close(); err != nil {
		return fmt.Errorf("index: swap: close old index: %w", err)
	}
	x.bi = nil
	reopenOld := func(cause error) error {
		bi, err := bleve.Open(x.dir)
		if err != nil {
			return errors.Join(cause, fmt.Errorf("index: swap: reopen old index: %w", err))
		}
		x.bi = bi
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
	bi, err := bleve.Open(x.dir)
	if err != nil {
		return fmt.Errorf("index: swap: open rebuilt index: %w", err)
	}
	x.bi = bi
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("index: swap: remove old index: %w", err)
	}
	return nil
}
