package index

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"breachwire"
)

func TestReconcile_WatermarkAndIdempotence(t *testing.T) {
	x, err := Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	if wm, err := x.Watermark(); err != nil || wm != 0 {
		t.Fatalf("new index: Watermark = %d, %v; want 0", wm, err)
	}
	src := &memSource{}
	src.put(fixtures()...)
	n, err := x.Reconcile(ctx, src)
	if err != nil || n != 8 {
		t.Fatalf("first Reconcile = %d, %v; want 8", n, err)
	}
	if wm, _ := x.Watermark(); wm != 8 {
		t.Errorf("Watermark = %d, want 8", wm)
	}
	// Nothing new: nothing indexed, one call to the source.
	src.calls = 0
	if n, err := x.Reconcile(ctx, src); err != nil || n != 0 || src.calls != 1 {
		t.Errorf("second Reconcile = %d, %v after %d calls; want 0, nil, 1", n, err, src.calls)
	}
	// An article rewritten by the store comes back at a new Seq and
	// replaces its document rather than adding one.
	a := fixtures()[3]
	a.Title = "Hospital recovers from ransomware attack"
	src.put(a)
	if n, err := x.Reconcile(ctx, src); err != nil || n != 1 {
		t.Fatalf("Reconcile after update = %d, %v; want 1", n, err)
	}
	if c, _ := x.DocCount(); c != 8 {
		t.Errorf("DocCount = %d after an update, want 8", c)
	}
	r, err := x.Search(ctx, breachwire.Filter{Q: `"operations cancelled"`})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) != 0 {
		t.Errorf("old title still found: %v", ids(r))
	}
	r, err = x.Search(ctx, breachwire.Filter{Q: "recovers"})
	if err != nil || len(r.Hits) != 1 || r.Hits[0].ID != 4 {
		t.Fatalf("new title: %v, %v", r, err)
	}
	// Indexing everything again from zero (as after a lost watermark) is
	// harmless: same documents, same count.
	if _, err := indexBatch(x.parts, src.arts, 0); err != nil {
		t.Fatal(err)
	}
	if c, _ := x.DocCount(); c != 8 {
		t.Errorf("DocCount = %d after indexing twice, want 8", c)
	}
}

func TestReconcile_ManyBatches(t *testing.T) {
	x, err := Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	feed := smallFeed{N: 2*BatchSize + 17}
	n, err := x.Reconcile(context.Background(), feed)
	if err != nil || n != feed.N {
		t.Fatalf("Reconcile = %d, %v; want %d", n, err, feed.N)
	}
	if c, _ := x.DocCount(); c != uint64(feed.N) {
		t.Errorf("DocCount = %d, want %d", c, feed.N)
	}
	if wm, _ := x.Watermark(); wm != uint64(feed.N) {
		t.Errorf("Watermark = %d, want %d", wm, feed.N)
	}
}

// backwards is a broken change source that returns what it was asked to
// skip.
type backwards struct{}

func (backwards) Changes(ctx context.Context, after uint64, limit int) ([]breachwire.Article, error) {
	return []breachwire.Article{{ID: 1, Seq: after, Title: "again"}}, nil
}

func TestReconcile_SourceGoingBackwardsIsAnError(t *testing.T) {
	x, err := Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if _, err := x.Reconcile(context.Background(), backwards{}); err == nil || !strings.Contains(err.Error(), "not after") {
		t.Fatalf("err = %v, want a complaint about the sequence", err)
	}
}

// failing is a change source that fails after some articles.
type failing struct {
	ChangeSource
	failAfter uint64
}

func (f failing) Changes(ctx context.Context, after uint64, limit int) ([]breachwire.Article, error) {
	if after >= f.failAfter {
		return nil, errors.New("store: disk on fire")
	}
	return f.ChangeSource.Changes(ctx, after, limit)
}

// smallFeed is a change feed of N short generated articles (Seq and ID i),
// cheap enough to index by the thousand under the race detector.
type smallFeed struct{ N int }

func (f smallFeed) Changes(ctx context.Context, after uint64, limit int) ([]breachwire.Article, error) {
	var out []breachwire.Article
	for i := after + 1; i <= uint64(f.N) && len(out) < limit; i++ {
		out = append(out, breachwire.Article{
			ID: i, Seq: i, SourceID: "s" + strconv.FormatUint(i%7, 10), Kind: breachwire.KindPress,
			Title:     "Article " + strconv.FormatUint(i, 10),
			Text:      "Breach number w" + strconv.FormatUint(i, 10) + " at a hospital.",
			FirstSeen: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
		})
	}
	return out, ctx.Err()
}

func TestReconcile_ErrorKeepsProgress(t *testing.T) {
	x, err := Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	feed := smallFeed{N: 3 * BatchSize}
	n, err := x.Reconcile(context.Background(), failing{feed, BatchSize})
	if err == nil || n != BatchSize {
		t.Fatalf("Reconcile = %d, %v; want %d and an error", n, err, BatchSize)
	}
	if wm, _ := x.Watermark(); wm != BatchSize {
		t.Errorf("Watermark = %d, want %d", wm, BatchSize)
	}
	n, err = x.Reconcile(context.Background(), feed)
	if err != nil || n != 2*BatchSize {
		t.Fatalf("Reconcile after the fault = %d, %v; want %d", n, err, 2*BatchSize)
	}
}

func TestReconcile_CancelledContext(t *testing.T) {
	x, err := Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := x.Reconcile(ctx, smallFeed{N: 10}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// crashEnv names the folder a child process reconciles into before it is
// killed (TestReconcile_CrashSafety).
const crashEnv = "BREACHWIRE_INDEX_CRASH_DIR"

const crashArticles = 8 * BatchSize

// TestHelperCrashChild runs only as the child of TestReconcile_CrashSafety:
// it reconciles the corpus, printing a line before each read of the change
// feed, until the parent kills it. It never closes the index.
func TestHelperCrashChild(t *testing.T) {
	dir := os.Getenv(crashEnv)
	if dir == "" {
		t.Skip("helper process for TestReconcile_CrashSafety")
	}
	x, err := Open(dir)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	feed := announcing{smallFeed{N: crashArticles}}
	_, err = x.Reconcile(context.Background(), feed)
	fmt.Println("finished", err)
	os.Exit(0) // no Close: as if the process died after the last batch
}

type announcing struct{ smallFeed }

func (a announcing) Changes(ctx context.Context, after uint64, limit int) ([]breachwire.Article, error) {
	fmt.Printf("changes %d\n", after)
	return a.smallFeed.Changes(ctx, after, limit)
}

func TestReconcile_CrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a process")
	}
	for _, killAt := range []int{1, 4} {
		t.Run(fmt.Sprintf("killed during batch %d", killAt+1), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashEnv+"="+dir)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(out)
			calls := 0
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "error") || strings.HasPrefix(line, "finished") {
					t.Fatalf("child: %s", line)
				}
				if strings.HasPrefix(line, "changes ") {
					calls++
					if calls > killAt {
						// The child is now reading and then indexing
						// a batch: kill it without warning.
						if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
							t.Fatal(err)
						}
						break
					}
				}
			}
			_ = cmd.Wait()

			x, err := Open(dir)
			if err != nil {
				t.Fatalf("reopen after kill: %v", err)
			}
			defer x.Close()
			wm, err := x.Watermark()
			if err != nil {
				t.Fatal(err)
			}
			count, err := x.DocCount()
			if err != nil {
				t.Fatal(err)
			}
			// The kill came mid-way, and every article at or below the
			// watermark was persisted (the feed has one article per
			// sequence number); one shard may hold part of the next
			// batch.
			if wm == 0 || wm >= crashArticles {
				t.Fatalf("watermark %d: the kill did not land mid-way", wm)
			}
			if count < wm || count > wm+BatchSize {
				t.Fatalf("after the kill: %d documents but watermark %d", count, wm)
			}
			t.Logf("after the kill: watermark %d, %d documents", wm, count)
			n, err := x.Reconcile(context.Background(), smallFeed{N: crashArticles})
			if err != nil {
				t.Fatal(err)
			}
			if n != crashArticles-int(wm) {
				t.Errorf("Reconcile indexed %d, want %d", n, crashArticles-int(wm))
			}
			count, _ = x.DocCount()
			if count != crashArticles {
				t.Fatalf("after Reconcile: %d documents, want %d", count, crashArticles)
			}
			// Spot-check that every article is findable by ID order.
			r, err := x.Search(context.Background(), breachwire.Filter{Sort: breachwire.SortDate, Limit: breachwire.MaxLimit})
			if err != nil || r.Total != crashArticles {
				t.Fatalf("search: total %v, %v", r.Total, err)
			}
		})
	}
}

func TestRebuild_SwapsInNewIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	src := &memSource{}
	src.put(fixtures()...)
	if _, err := x.Reconcile(ctx, src); err != nil {
		t.Fatal(err)
	}
	// The store loses article 5 (deleted without telling the index) and
	// rewrites article 4: a rebuild reflects the store exactly.
	src.arts = slices.DeleteFunc(src.arts, func(a breachwire.Article) bool { return a.ID == 5 })
	a := fixtures()[3]
	a.Title = "Hospital recovers from ransomware attack"
	src.put(a)

	var calls [][2]int
	if err := x.Rebuild(ctx, src, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 || calls[len(calls)-1] != [2]int{7, 7} {
		t.Errorf("progress calls %v, want to end at 7 of 7", calls)
	}
	if c, _ := x.DocCount(); c != 7 {
		t.Errorf("DocCount = %d, want 7", c)
	}
	if wm, _ := x.Watermark(); wm != src.seq {
		t.Errorf("Watermark = %d, want %d", wm, src.seq)
	}
	r, err := x.Search(ctx, breachwire.Filter{Q: "recovers"})
	if err != nil || len(r.Hits) != 1 {
		t.Fatalf("rewritten article: %v, %v", r, err)
	}
	for _, leftover := range []string{dir + ".new", dir + ".old", dir + ".build"} {
		if _, err := os.Stat(leftover); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left behind: %v", leftover, err)
		}
	}
	// Reopening finds the rebuilt index, and Reconcile goes on from its
	// watermark.
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	y, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	src.put(fixtures()[4])
	if n, err := y.Reconcile(ctx, src); err != nil || n != 1 {
		t.Errorf("Reconcile after rebuild = %d, %v; want 1", n, err)
	}
}

// rewriting is a change source that rewrites an article while a rebuild
// reads it, as the store does when ingest goes on during a reindex.
type rewriting struct {
	*memSource
	once bool
}

func (s *rewriting) Changes(ctx context.Context, after uint64, limit int) ([]breachwire.Article, error) {
	out, err := s.memSource.Changes(ctx, after, limit)
	if !s.once && len(out) > 0 {
		s.once = true
		a := out[0]
		a.Title = "Rewritten during the rebuild"
		s.put(a)
	}
	return out, err
}

func TestRebuild_ArticleRewrittenDuringBuild(t *testing.T) {
	x, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	src := &memSource{}
	src.put(fixtures()...)
	if err := x.Rebuild(context.Background(), &rewriting{memSource: src}, nil); err != nil {
		t.Fatal(err)
	}
	if c, _ := x.DocCount(); c != 8 {
		t.Errorf("DocCount = %d, want 8 (no duplicate)", c)
	}
	r, err := x.Search(context.Background(), breachwire.Filter{Q: `"rewritten during"`})
	if err != nil || len(r.Hits) != 1 || r.Hits[0].ID != 1 {
		t.Fatalf("latest version not indexed: %v, %v", r, err)
	}
}

func TestRebuild_FailureKeepsOldIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	feed := smallFeed{N: 2 * rebuildPage}
	if _, err := x.Reconcile(ctx, smallFeed{N: 100}); err != nil {
		t.Fatal(err)
	}
	err = x.Rebuild(ctx, failing{feed, rebuildPage}, nil)
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("Rebuild err = %v, want the source's error", err)
	}
	if c, _ := x.DocCount(); c != 100 {
		t.Errorf("DocCount = %d after a failed rebuild, want the old 100", c)
	}
	if wm, _ := x.Watermark(); wm != 100 {
		t.Errorf("Watermark = %d, want 100", wm)
	}
	for _, leftover := range []string{dir + ".new", dir + ".build"} {
		if _, err := os.Stat(leftover); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left behind: %v", leftover, err)
		}
	}
	// A cancelled rebuild too.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := x.Rebuild(cctx, feed, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Rebuild err = %v", err)
	}
	if c, _ := x.DocCount(); c != 100 {
		t.Errorf("DocCount = %d after a cancelled rebuild, want 100", c)
	}
}

func TestRebuild_EmptySource(t *testing.T) {
	x, _ := openFilled(t)
	if err := x.Rebuild(context.Background(), &memSource{}, nil); err != nil {
		t.Fatal(err)
	}
	if c, _ := x.DocCount(); c != 0 {
		t.Errorf("DocCount = %d, want 0", c)
	}
}

func TestOpen_RecoversInterruptedSwap(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) // dir holds an index of the 8 fixtures
		want  uint64
	}{
		{"crash between the renames: old index restored", func(t *testing.T, dir string) {
			if err := os.Rename(dir, dir+".old"); err != nil {
				t.Fatal(err)
			}
		}, 8},
		{"crash after the renames: stale old index removed", func(t *testing.T, dir string) {
			if err := os.Mkdir(dir+".old", 0o755); err != nil {
				t.Fatal(err)
			}
		}, 8},
		{"crash during the build: unfinished index removed", func(t *testing.T, dir string) {
			for _, d := range []string{dir + ".new", dir + ".build"} {
				if err := os.MkdirAll(filepath.Join(d, "junk"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
		}, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			x, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			src := &memSource{}
			src.put(fixtures()...)
			if _, err := x.Reconcile(ctx, src); err != nil {
				t.Fatal(err)
			}
			if err := x.Close(); err != nil {
				t.Fatal(err)
			}
			tt.setup(t, dir)
			y, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer y.Close()
			if c, _ := y.DocCount(); c != tt.want {
				t.Errorf("DocCount = %d, want %d", c, tt.want)
			}
			for _, leftover := range []string{dir + ".new", dir + ".old", dir + ".build"} {
				if _, err := os.Stat(leftover); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s left behind", leftover)
				}
			}
		})
	}
}

func TestOpen_OtherMappingVersionStartsAfresh(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, _ := Open(dir)
	src := &memSource{}
	src.put(fixtures()...)
	if _, err := x.Reconcile(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	// One shard of another version is enough to start afresh.
	if err := x.parts[Shards-1].SetInternal(keyMapping, []byte("0")); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	y, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if c, _ := y.DocCount(); c != 0 {
		t.Errorf("DocCount = %d, want an empty index", c)
	}
	if wm, _ := y.Watermark(); wm != 0 {
		t.Errorf("Watermark = %d, want 0 so that Reconcile refills it", wm)
	}
	if n, err := y.Reconcile(context.Background(), src); err != nil || n != 8 {
		t.Errorf("Reconcile = %d, %v; want 8", n, err)
	}
}

func TestOpen_NotAnIndex(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir)
	if err == nil || !strings.Contains(err.Error(), "delete the folder") {
		t.Fatalf("err = %v, want advice to delete the folder", err)
	}
	// A folder that is not an index is left alone.
	if raw, err := os.ReadFile(filepath.Join(dir, "index_meta.json")); err != nil || string(raw) != "{not json" {
		t.Errorf("the folder was changed: %q, %v", raw, err)
	}
}

func TestWatermarkEncoding(t *testing.T) {
	for _, seq := range []uint64{0, 1, 255, 256, 1 << 40, ^uint64(0)} {
		t.Run(strconv.FormatUint(seq, 10), func(t *testing.T) {
			x, err := Open(filepath.Join(t.TempDir(), "index"))
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			for _, bi := range x.parts {
				if err := bi.SetInternal(keyWatermark, encodeSeq(seq)); err != nil {
					t.Fatal(err)
				}
			}
			if got, err := x.Watermark(); err != nil || got != seq {
				t.Errorf("Watermark = %d, %v; want %d", got, err, seq)
			}
		})
	}
}

func TestReconcile_ShardAheadIsIndexedAgain(t *testing.T) {
	x, src := openFilled(t)
	for i, bi := range x.parts {
		if n, err := bi.DocCount(); err != nil || n == 0 {
			t.Fatalf("shard %d holds %d documents, %v: articles are not spread", i, n, err)
		}
	}
	// As after a crash between the shards' writes of one batch: one shard
	// has the next watermark, the other not.
	if err := x.parts[0].SetInternal(keyWatermark, encodeSeq(9)); err != nil {
		t.Fatal(err)
	}
	if wm, _ := x.Watermark(); wm != 8 {
		t.Fatalf("Watermark = %d, want the lower, 8", wm)
	}
	a := fixtures()[1]
	a.Title = "CNIL fine confirmed on appeal"
	src.put(a)
	if n, err := x.Reconcile(context.Background(), src); err != nil || n != 1 {
		t.Fatalf("Reconcile = %d, %v; want 1", n, err)
	}
	if wm, _ := x.Watermark(); wm != 9 {
		t.Errorf("Watermark = %d, want 9", wm)
	}
	r, err := x.Search(context.Background(), breachwire.Filter{Q: "appeal"})
	if err != nil || len(r.Hits) != 1 || r.Hits[0].ID != 2 {
		t.Fatalf("rewritten article: %v, %v", r, err)
	}
}

func TestOpen_InUseIsAConflict(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	_, err = Open(dir)
	if breachwire.ErrorCode(err) != breachwire.ECodeConflict || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second Open: err = %v, want a conflict saying the index is in use", err)
	}
}

func TestIndex_SearchDuringReconcileAndRebuild(t *testing.T) {
	x, src := openFilled(t)
	ctx := context.Background()
	stop := make(chan struct{})
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			for {
				select {
				case <-stop:
					errs <- nil
					return
				default:
				}
				if _, err := x.Search(ctx, breachwire.Filter{Q: "fine", Sort: breachwire.SortDate}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := range 3 {
		a := fixtures()[i]
		a.Title += " (updated)"
		src.put(a)
		if _, err := x.Reconcile(ctx, src); err != nil {
			t.Fatal(err)
		}
		if err := x.Rebuild(ctx, src, nil); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("search during writes: %v", err)
		}
	}
	if c, _ := x.DocCount(); c != 8 {
		t.Errorf("DocCount = %d, want 8", c)
	}
}
