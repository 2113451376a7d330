package index

// Benchmarks over a synthetic corpus (internal/corpus), by default of
// 100,000 articles. See the README, "Search", "Benchmark".
//
//	go test -run '^$' -bench . -benchtime 200x ./index/
//
// BREACHWIRE_BENCH_N sets the corpus size and BREACHWIRE_BENCH_DIR the
// folder where the built index and the SQLite database are kept between
// runs (default: breachwire-bench in the temporary folder).

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"breachwire"
	"breachwire/internal/corpus"
)

const benchSeed = 42

func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("BREACHWIRE_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// benchDir is the folder for what is built from the corpus: the SQLite
// database there, the bleve index in a subfolder named for the mapping.
func benchDir(tb testing.TB) string {
	base := os.Getenv("BREACHWIRE_BENCH_DIR")
	if base == "" {
		base = filepath.Join(os.TempDir(), "breachwire-bench")
	}
	dir := filepath.Join(base, fmt.Sprintf("n%d-seed%d-c%d", benchN(), benchSeed, corpus.Version))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// sliceSource is a change feed over articles held in memory (Seq = index+1),
// so that build benchmarks time indexing, not generation.
type sliceSource []breachwire.Article

func (s sliceSource) Changes(ctx context.Context, after uint64, limit int) ([]breachwire.Article, error) {
	i := sort.Search(len(s), func(i int) bool { return s[i].Seq > after })
	return s[i:min(len(s), i+limit)], ctx.Err()
}

func (s sliceSource) Count(context.Context) (int, error) { return len(s), nil }

// generate makes the first n corpus articles on every core.
func generate(n int) sliceSource {
	g := corpus.New(benchSeed)
	out := make(sliceSource, n)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				out[i] = g.Article(i)
			}
		})
	}
	wg.Wait()
	return out
}

// benchQueries are ten representative searches: words, a phrase, signs,
// filters alone, filters with words, every sort, the front page.
var benchQueries = []struct {
	name string
	f    breachwire.Filter
	fts  ftsQuery
}{
	{"word", breachwire.Filter{Q: "ransomware"},
		ftsQuery{match: "ransomware"}},
	{"phrase", breachwire.Filter{Q: `"data breach"`},
		ftsQuery{match: `"data breach"`}},
	{"signs", breachwire.Filter{Q: "+ransomware +hospital -phishing"},
		ftsQuery{match: "ransomware AND hospital NOT phishing"}},
	{"regulator_by_date", breachwire.Filter{Regulator: []string{"ICO"}, Sort: breachwire.SortDate},
		ftsQuery{where: "a.id IN (SELECT id FROM kv WHERE field='regulator' AND value='ico')", order: "a.published DESC"}},
	{"min_fine_gbp_by_fine", breachwire.Filter{MinFine: 1e6, Currency: "GBP", Sort: breachwire.SortFine},
		ftsQuery{where: "((a.fine_cur='GBP' AND a.fine>=1000000) OR (a.fine_cur!='GBP' AND a.fine_eur>=1181167))", order: "a.fine_eur DESC"}},
	{"word_mfa_attack", breachwire.Filter{Q: "fine", MFA: "absent", Attack: []string{"ransomware"}},
		ftsQuery{match: "fine", where: "a.mfa='absent' AND a.id IN (SELECT id FROM kv WHERE field='attack' AND value='ransomware')"}},
	{"phrase_since", breachwire.Filter{Q: `"multi-factor authentication"`, Since: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)},
		ftsQuery{match: `"multi factor authentication"`, where: "a.published>=1672531200"}},
	{"front_page", breachwire.Filter{Sort: breachwire.SortDate},
		ftsQuery{order: "a.published DESC"}},
	{"words_country_affected", breachwire.Filter{Q: "credential stuffing", Country: []string{"US"}, MinAffected: 100_000},
		ftsQuery{match: "credential OR stuffing", where: "a.affected>=100000 AND a.id IN (SELECT id FROM kv WHERE field='country' AND value='US')"}},
	{"words_control_sector", breachwire.Filter{Q: "patch vulnerability", Control: []string{"patching:absent"}, Sector: []string{"health"}},
		ftsQuery{match: "patch OR vulnerability", where: "a.id IN (SELECT id FROM kv WHERE field='control' AND value='patching:absent') AND a.id IN (SELECT id FROM kv WHERE field='sector' AND value='health')"}},
}

// BenchmarkBuild times Rebuild of the whole corpus (bleve's offline
// builder, one merged segment): the path of `breachwire reindex`.
func BenchmarkBuild(b *testing.B) {
	arts := generate(benchN())
	b.ResetTimer()
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), "index")
		x, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if err := x.Rebuild(context.Background(), arts, nil); err != nil {
			b.Fatal(err)
		}
		if err := x.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkReconcileFromEmpty times Reconcile of the whole corpus into an
// empty index, BatchSize articles per persisted batch: the path of a first
// start of `breachwire serve` over a full store.
func BenchmarkReconcileFromEmpty(b *testing.B) {
	arts := generate(benchN())
	b.ResetTimer()
	for b.Loop() {
		x, err := Open(filepath.Join(b.TempDir(), "index"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := x.Reconcile(context.Background(), arts); err != nil {
			b.Fatal(err)
		}
		if err := x.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// builtIndex returns the folder of the corpus index, building it once.
func builtIndex(b *testing.B) string {
	dir := filepath.Join(benchDir(b), "index-m"+mappingVersion)
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err == nil {
		return dir
	}
	b.Logf("building the bleve index of %d articles in %s", benchN(), dir)
	x, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	if err := x.Rebuild(context.Background(), generate(benchN()), nil); err != nil {
		b.Fatal(err)
	}
	if err := x.Close(); err != nil {
		b.Fatal(err)
	}
	return dir
}

// percentiles returns the median and the 99th percentile in milliseconds.
func percentiles(d []time.Duration) (p50, p99 float64) {
	s := slices.Clone(d)
	slices.Sort(s)
	at := func(p float64) float64 {
		i := min(len(s)-1, int(p*float64(len(s))))
		return float64(s[i]) / 1e6
	}
	return at(0.50), at(0.99)
}

type latency struct{ p50, p99 float64 }

// BenchmarkSearch runs the ten queries (top 20, facets, snippets) on the
// bleve index and, when Debian's sqlite3 is installed, the same queries on
// SQLite FTS5 over the same corpus, and logs a table with the ratios.
func BenchmarkSearch(b *testing.B) {
	dir := builtIndex(b)
	x, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	loadBefore := loadAvg()
	// One warm-up pass, as the FTS5 runner does.
	for _, q := range benchQueries {
		if _, err := x.Search(context.Background(), q.f); err != nil {
			b.Fatal(err)
		}
	}
	bl := map[string]latency{}
	for _, q := range benchQueries {
		b.Run("bleve/"+q.name, func(b *testing.B) {
			f := q.f
			f.Limit = 20
			d := make([]time.Duration, 0, b.N)
			var total uint64
			for b.Loop() {
				t0 := time.Now()
				r, err := x.search(context.Background(), f) // not the cache
				if err != nil {
					b.Fatal(err)
				}
				d = append(d, time.Since(t0))
				total = r.Total
			}
			p50, p99 := percentiles(d)
			bl[q.name] = latency{p50, p99}
			b.ReportMetric(p50, "p50-ms")
			b.ReportMetric(p99, "p99-ms")
			b.ReportMetric(float64(total), "hits")
		})
	}
	fts := map[string]latency{}
	var ftsRSS int
	if _, err := exec.LookPath("sqlite3"); err != nil {
		b.Log("sqlite3 is not installed (apt-get install -y sqlite3): the FTS5 reference is skipped")
	} else {
		db := builtFTS(b)
		for _, q := range benchQueries {
			b.Run("fts5/"+q.name, func(b *testing.B) {
				d, hits, rss := runFTS(b, db, q.fts, b.N)
				p50, p99 := percentiles(d)
				fts[q.name] = latency{p50, p99}
				ftsRSS = max(ftsRSS, rss)
				b.ReportMetric(p50, "p50-ms")
				b.ReportMetric(p99, "p99-ms")
				b.ReportMetric(float64(hits), "hits")
			})
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n%d articles, %d cores (GOMAXPROCS %d), %s, %d shards\n", benchN(), runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), Shards)
	fmt.Fprintf(&sb, "load average before: %s; after: %s (other processes share the cores when it is above 0)\n", loadBefore, loadAvg())
	fmt.Fprintf(&sb, "%-24s %10s %10s %10s %10s %8s %8s\n", "query (top 20+facets)", "bleve p50", "bleve p99", "fts5 p50", "fts5 p99", "p50 x", "p99 x")
	var all50, all99, f50, f99 []float64
	for _, q := range benchQueries {
		l, f := bl[q.name], fts[q.name]
		all50, all99 = append(all50, l.p50), append(all99, l.p99)
		f50, f99 = append(f50, f.p50), append(f99, f.p99)
		fmt.Fprintf(&sb, "%-24s %8.2fms %8.2fms %8.2fms %8.2fms %8s %8s\n", q.name, l.p50, l.p99, f.p50, f.p99, ratio(l.p50, f.p50), ratio(l.p99, f.p99))
	}
	fmt.Fprintf(&sb, "%-24s %8.2fms %8.2fms %8.2fms %8.2fms %8s %8s\n", "median of the ten", median(all50), median(all99), median(f50), median(f99), ratio(median(all50), median(f50)), ratio(median(all99), median(f99)))
	fmt.Fprintf(&sb, "%-24s %8.2fms %8.2fms %8.2fms %8.2fms %8s %8s\n", "worst of the ten", slices.Max(all50), slices.Max(all99), maxOr0(f50), maxOr0(f99), ratio(slices.Max(all50), maxOr0(f50)), ratio(slices.Max(all99), maxOr0(f99)))
	if ftsRSS > 0 {
		fmt.Fprintf(&sb, "sqlite3 process resident memory after the queries: %.1f MB\n", float64(ftsRSS)/1024)
	}
	// Printed, not logged: the log of a benchmark with sub-benchmarks is
	// shown only with -v.
	fmt.Print(sb.String())
}

// loadAvg is the 1-minute load average of the machine, "?" when unknown.
func loadAvg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(raw)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

func maxOr0(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	return slices.Max(v)
}

// rssEnv names the index folder a child process opens to measure its
// resident memory (BenchmarkMemoryAtRest).
const rssEnv = "BREACHWIRE_BENCH_RSS_DIR"

// TestHelperRSS runs only as the child of BenchmarkMemoryAtRest: it opens
// the index, measures its resident memory at rest, runs the ten queries and
// measures again.
func TestHelperRSS(t *testing.T) {
	dir := os.Getenv(rssEnv)
	if dir == "" {
		t.Skip("helper process for BenchmarkMemoryAtRest")
	}
	x, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.DocCount(); err != nil {
		t.Fatal(err)
	}
	settle := func() {
		runtime.GC()
		debug.FreeOSMemory()
		time.Sleep(200 * time.Millisecond)
	}
	settle()
	fmt.Printf("rss-open %d\n", rssKB(os.Getpid()))
	for range 3 {
		for _, q := range benchQueries {
			if _, err := x.Search(context.Background(), q.f); err != nil {
				t.Fatal(err)
			}
		}
	}
	settle()
	fmt.Printf("rss-warm %d\n", rssKB(os.Getpid()))
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("heap-inuse %d\n", ms.HeapInuse/1024)
}

// rssKB reads VmRSS of a process from /proc, in kB; 0 when unavailable.
func rssKB(pid int) int {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(raw)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return n
		}
	}
	return 0
}

// BenchmarkMemoryAtRest measures, in a fresh process, the resident memory
// of the opened corpus index, and again after the ten queries.
func BenchmarkMemoryAtRest(b *testing.B) {
	dir := builtIndex(b)
	var open, warm, heap float64
	// One child process whatever b.N (run with -benchtime 1x).
	{
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRSS$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), rssEnv+"="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		for line := range strings.Lines(string(out)) {
			f := strings.Fields(line)
			if len(f) != 2 {
				continue
			}
			v, _ := strconv.ParseFloat(f[1], 64)
			switch f[0] {
			case "rss-open":
				open = v / 1024
			case "rss-warm":
				warm = v / 1024
			case "heap-inuse":
				heap = v / 1024
			}
		}
	}
	for b.Loop() {
	}
	b.ReportMetric(open, "rss-open-MB")
	b.ReportMetric(warm, "rss-warm-MB")
	b.ReportMetric(heap, "heap-MB")
	var size int64
	_ = filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return nil
	})
	b.ReportMetric(float64(size)/(1<<20), "disk-MB")
}

// ftsQuery is a bench query for SQLite: an FTS5 MATCH expression (empty for
// none), a WHERE clause over the articles table a, and an order for queries
// without text (text queries rank by bm25).
type ftsQuery struct {
	match, where, order string
}

// sql returns the statements of one search: the top 20 with snippets, the
// total and the facet counts, as the bleve search returns them.
func (q ftsQuery) sql() string {
	var from, where []string
	where = append(where, "1")
	if q.match != "" {
		from = append(from, "t JOIN a ON a.id = t.rowid")
		where = append(where, "t MATCH '"+strings.ReplaceAll(q.match, "'", "''")+"'")
	} else {
		from = append(from, "a")
	}
	if q.where != "" {
		where = append(where, q.where)
	}
	cond := strings.Join(from, "") + " WHERE " + strings.Join(where, " AND ")
	top := "SELECT a.id, d.title, substr(d.lead, 1, 200) FROM " + cond + " ORDER BY " + orDefault(q.order, "a.published DESC") + " LIMIT 20;"
	if q.match != "" {
		top = "SELECT a.id, d.title, snippet(t, 1, '<mark>', '</mark>', '…', 24) FROM " + cond +
			" ORDER BY bm25(t, 2.0, 1.0), a.published DESC LIMIT 20;"
	}
	top = strings.Replace(top, " WHERE ", " JOIN docs d ON d.id = a.id WHERE ", 1)
	return "CREATE TEMP TABLE h AS SELECT a.id AS id FROM " + cond + ";\n" +
		top + "\n" +
		"SELECT count(*) FROM h;\n" +
		"SELECT a.kind, count(*) FROM a JOIN h USING(id) GROUP BY a.kind ORDER BY 2 DESC LIMIT 30;\n" +
		"SELECT a.source, count(*) FROM a JOIN h USING(id) GROUP BY a.source ORDER BY 2 DESC LIMIT 30;\n" +
		"SELECT a.mfa, count(*) FROM a JOIN h USING(id) WHERE a.mfa != '' GROUP BY a.mfa ORDER BY 2 DESC;\n" +
		"SELECT kv.field, kv.value, count(*) FROM kv JOIN h USING(id) WHERE kv.field IN ('regulator_disp','attack','control','sector','country') GROUP BY kv.field, kv.value;\n" +
		"DROP TABLE h;\n"
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// builtFTS returns the path of the SQLite database of the corpus, building
// it once through the sqlite3 command from CSV files.
func builtFTS(b *testing.B) string {
	dir := benchDir(b)
	db := filepath.Join(dir, "fts5.db")
	if _, err := os.Stat(db); err == nil {
		return db
	}
	b.Logf("building the SQLite FTS5 database of %d articles in %s", benchN(), db)
	arts := generate(benchN())
	tmp := b.TempDir()
	write := func(name string, rows func(w *csv.Writer)) string {
		p := filepath.Join(tmp, name)
		f, err := os.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		w := csv.NewWriter(f)
		rows(w)
		w.Flush()
		if err := w.Error(); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		return p
	}
	docs := write("docs.csv", func(w *csv.Writer) {
		for i := range arts {
			a := &arts[i]
			d := document(a)
			_ = w.Write([]string{strconv.FormatUint(a.ID, 10), a.Title, d[fText].(string), lead(a.Summary, a.Text)})
		}
	})
	meta := write("meta.csv", func(w *csv.Writer) {
		for i := range arts {
			a := &arts[i]
			d := document(a)
			fine, fineEUR, aff := "", "", ""
			if v, ok := d[fFine].(float64); ok {
				fine = strconv.FormatFloat(v, 'f', -1, 64)
			}
			if v, ok := d[fFineEUR].(float64); ok {
				fineEUR = strconv.FormatFloat(v, 'f', -1, 64)
			}
			if v, ok := d[fAffected].(float64); ok {
				aff = strconv.FormatFloat(v, 'f', -1, 64)
			}
			mfa, _ := d[fMFA].(string)
			cur, _ := d[fFineCur].(string)
			_ = w.Write([]string{strconv.FormatUint(a.ID, 10), a.SourceID, string(a.Kind),
				fine, cur, fineEUR, aff, strconv.FormatInt(a.Date().Unix(), 10), mfa})
		}
	})
	kv := write("kv.csv", func(w *csv.Writer) {
		for i := range arts {
			a := &arts[i]
			d := document(a)
			id := strconv.FormatUint(a.ID, 10)
			for field, key := range map[string]string{"regulator": fRegulatorLC, "regulator_disp": fRegulator, "attack": fAttack, "control": fControl, "sector": fSector, "country": fCountry} {
				vals, _ := d[key].([]string)
				for _, v := range vals {
					if field == "regulator" || field == "sector" {
						v = strings.ToLower(v)
					}
					_ = w.Write([]string{id, field, v})
				}
			}
		}
	})
	// The text lives in docs, the FTS5 index's external content; the
	// filters, sorts and facets read the narrow table a and kv.
	script := fmt.Sprintf(`
CREATE TABLE docs(id INTEGER PRIMARY KEY, title TEXT, text TEXT, lead TEXT);
CREATE TABLE a(id INTEGER PRIMARY KEY, source TEXT, kind TEXT, fine REAL, fine_cur TEXT, fine_eur REAL, affected INTEGER, published INTEGER, mfa TEXT);
CREATE TABLE kv(id INTEGER, field TEXT, value TEXT);
.mode csv
.import %s docs
.import %s a
.import %s kv
UPDATE a SET fine = NULL WHERE fine = '';
UPDATE a SET fine_eur = NULL WHERE fine_eur = '';
UPDATE a SET affected = NULL WHERE affected = '';
CREATE INDEX a_published ON a(published);
CREATE INDEX a_fine_eur ON a(fine_eur);
CREATE INDEX a_fine ON a(fine_cur, fine);
CREATE INDEX a_affected ON a(affected);
CREATE INDEX a_mfa ON a(mfa);
CREATE INDEX kv_fv ON kv(field, value, id);
CREATE INDEX kv_id ON kv(id, field, value);
CREATE VIRTUAL TABLE t USING fts5(title, text, content='docs', content_rowid='id', tokenize='porter unicode61');
INSERT INTO t(rowid, title, text) SELECT id, title, text FROM docs;
INSERT INTO t(t) VALUES('optimize');
ANALYZE;
`, docs, meta, kv)
	cmd := exec.Command("sqlite3", "-batch", db+".tmp")
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		_ = os.Remove(db + ".tmp")
		b.Fatalf("sqlite3: %v\n%s", err, out)
	}
	if err := os.Rename(db+".tmp", db); err != nil {
		b.Fatal(err)
	}
	return db
}

// runFTS runs a query n times (after one warm-up) in one sqlite3 process,
// timing each run from the moment its statements are written to the moment
// the last result line is read. It returns the durations, the total of
// hits, and the process's resident memory at the end in kB.
func runFTS(b *testing.B, db string, q ftsQuery, n int) ([]time.Duration, int, int) {
	cmd := exec.Command("sqlite3", "-batch", "-readonly", db)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = stdin.Close(); _ = cmd.Wait() }()
	r := bufio.NewReaderSize(stdout, 1<<16)
	const done = "@@done"
	sql := q.sql() + "SELECT '" + done + "';\n"
	// The count is the first line after the 20 results that is a lone
	// number; read it from the warm-up run.
	once := func() ([]string, error) {
		if _, err := io.WriteString(stdin, sql); err != nil {
			return nil, err
		}
		var lines []string
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return lines, err
			}
			line = strings.TrimRight(line, "\n")
			if line == done {
				return lines, nil
			}
			lines = append(lines, line)
		}
	}
	lines, err := once()
	if err != nil {
		b.Fatalf("sqlite3: %v (%d lines)", err, len(lines))
	}
	hits := 0
	for _, l := range lines {
		if v, err := strconv.Atoi(l); err == nil && !strings.Contains(l, "|") {
			hits = v // the count line; ids have a | after them
			break
		}
	}
	d := make([]time.Duration, 0, n)
	b.ResetTimer()
	for range n {
		t0 := time.Now()
		if _, err := once(); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t0))
	}
	b.StopTimer()
	return d, hits, rssKB(cmd.Process.Pid)
}

// BenchmarkSearchCached is the default search page served again before the
// index changes (the result cache).
func BenchmarkSearchCached(b *testing.B) {
	x, err := Open(builtIndex(b))
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	f := breachwire.Filter{Sort: breachwire.SortDate, Limit: 20}
	if _, err := x.Search(context.Background(), f); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := x.Search(context.Background(), f); err != nil {
			b.Fatal(err)
		}
	}
}
