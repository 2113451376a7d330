package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"breachwire"

	bolt "go.etcd.io/bbolt"
)

const (
	benchSources = 200
	benchItems   = 50
	benchText    = 4096
)

// benchCorpus builds the passes of 200 sources with 50 items each: about
// 4 KB of text and a full set of facts per article.
func benchCorpus() ([]*breachwire.Source, [][]Incoming) {
	srcs := make([]*breachwire.Source, benchSources)
	passes := make([][]Incoming, benchSources)
	for s := range srcs {
		srcs[s] = &breachwire.Source{ID: fmt.Sprintf("source-%03d", s), Name: fmt.Sprintf("Source %d", s),
			Kind: breachwire.KindPress, Country: "GB"}
		for i := range benchItems {
			n := s*benchItems + i
			in := item(n)
			in.GUID = fmt.Sprintf("https://source-%03d.example/?p=%d", s, n)
			in.URL = fmt.Sprintf("https://source-%03d.example/news/%d?utm_source=rss", s, n)
			in.CanonicalURL = fmt.Sprintf("https://source-%03d.example/news/%d", s, n)
			in.Summary = sampleText(n+1, 300)
			in.Text = sampleText(n, benchText)
			in.Categories = []string{"enforcement", "data protection"}
			passes[s] = append(passes[s], in)
		}
	}
	return srcs, passes
}

func storeCorpus(b *testing.B, db *DB, srcs []*breachwire.Source, passes [][]Incoming) (stored int) {
	ctx := context.Background()
	for s, src := range srcs {
		st := breachwire.SourceState{SourceID: src.ID, ETag: `W/"` + src.ID + `"`, LastOK: time.Now()}
		saved, err := db.SaveFetch(ctx, src, st, passes[s])
		if err != nil {
			b.Fatal(err)
		}
		stored += saved.New
	}
	return stored
}

// BenchmarkSaveFetch stores 200 source passes of 50 articles each, one
// transaction (two fsyncs) per pass, into a new file, and reports articles
// stored per second and the file's bytes per article.
func BenchmarkSaveFetch(b *testing.B) {
	srcs, passes := benchCorpus()
	var total int
	var elapsed time.Duration
	var bytesPerArticle, dataPerArticle float64
	var cpu time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.db", i))
		db, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		n := storeCorpus(b, db, srcs, passes)
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
		total += n
		b.StopTimer()
		if n != benchSources*benchItems {
			b.Fatalf("stored %d articles, want %d", n, benchSources*benchItems)
		}
		if err := db.view(context.Background(), func(tx *bolt.Tx) error {
			dataPerArticle = float64(tx.Size()) / float64(n)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		bytesPerArticle = float64(info.Size()) / float64(n)
		b.StartTimer()
	}
	b.ReportMetric(float64(total)/elapsed.Seconds(), "articles/s")
	// CPU time (user and system, fsync calls included, waits excluded) is
	// steadier than wall time on a busy machine.
	b.ReportMetric(float64(cpu.Microseconds())/float64(total), "cpu-µs/article")
	// The file grows in steps of 16 MiB; the pages in use are the data.
	b.ReportMetric(bytesPerArticle, "file-bytes/article")
	b.ReportMetric(dataPerArticle, "data-bytes/article")
}

// BenchmarkSaveFetches stores the same 200 passes through SaveFetches, 20
// passes (1,000 articles) per call and so per commit, as a writer does when
// passes queue up behind a slow disk.
func BenchmarkSaveFetches(b *testing.B) {
	srcs, passes := benchCorpus()
	ctx := context.Background()
	total := 0
	var elapsed, cpu time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		db, err := Open(filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.db", i)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		for g := 0; g < len(srcs); g += 20 {
			var group []Pass
			for s := g; s < g+20; s++ {
				group = append(group, Pass{Source: srcs[s], State: breachwire.SourceState{ETag: srcs[s].ID}, Items: passes[s]})
			}
			res, err := db.SaveFetches(ctx, group)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range res {
				total += r.New
			}
		}
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
		b.StopTimer()
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(total)/elapsed.Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(total), "cpu-µs/article")
}

// BenchmarkSaveFetch_Refetch runs the same 200 passes over a database that
// holds them already: the steady state of a scheduler, where nearly every
// item is known and nothing is written but the source state.
func BenchmarkSaveFetch_Refetch(b *testing.B) {
	srcs, passes := benchCorpus()
	db, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	storeCorpus(b, db, srcs, passes)
	ctx := context.Background()
	items := 0
	start := time.Now()
	for b.Loop() {
		for s, src := range srcs {
			saved, err := db.SaveFetch(ctx, src, breachwire.SourceState{SourceID: src.ID}, passes[s])
			if err != nil {
				b.Fatal(err)
			}
			if saved.New != 0 || saved.Updated != 0 {
				b.Fatalf("refetch stored %+v", saved)
			}
			items += len(passes[s])
		}
	}
	b.ReportMetric(float64(items)/time.Since(start).Seconds(), "items/s")
}

// BenchmarkChanges reads the whole store in pages of 500, as the search
// index does on a rebuild.
func BenchmarkChanges(b *testing.B) {
	srcs, passes := benchCorpus()
	db, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	storeCorpus(b, db, srcs, passes)
	ctx := context.Background()
	read := 0
	start := time.Now()
	for b.Loop() {
		for after := uint64(0); ; {
			page, err := db.Changes(ctx, after, 500)
			if err != nil {
				b.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			read += len(page)
			after = page[len(page)-1].Seq
		}
	}
	b.ReportMetric(float64(read)/time.Since(start).Seconds(), "articles/s")
}
