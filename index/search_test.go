package index

import (
	"context"
	"errors"
	"math"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"breachwire"
)

// parse builds a filter the way the web and CLI do, from query parameters.
func parse(t *testing.T, qs string) breachwire.Filter {
	t.Helper()
	v, err := url.ParseQuery(qs)
	if err != nil {
		t.Fatal(err)
	}
	f, err := breachwire.ParseFilter(v, day("2025-04-01"))
	if err != nil {
		t.Fatalf("ParseFilter(%q): %v", qs, err)
	}
	return f
}

func TestSearch_Filters(t *testing.T) {
	x, _ := openFilled(t)
	tests := []struct {
		name string
		qs   string
		want []uint64
	}{
		{"everything", "", []uint64{1, 2, 3, 4, 5, 6, 7, 8}},
		{"regulator", "regulator=ICO", []uint64{1, 6, 8}},
		{"regulator any case", "regulator=ico", []uint64{1, 6, 8}},
		{"regulator from a fine", "regulator=dpc", []uint64{7}},
		{"two regulators", "regulator=CNIL,FTC", []uint64{2, 3}},
		{"kind press", "kind=press", []uint64{4, 5}},
		{"source by id", "source=ico-news", []uint64{1, 6, 8}},
		{"source by name", "source=The+Register", []uint64{4}},
		{"min fine euro", "min_fine=5m", []uint64{7}},
		{"min fine in dollars", "min_fine=5m&currency=USD", []uint64{3, 7}},
		{"min fine pounds native", "min_fine=950k&currency=GBP", []uint64{1, 2, 3, 7, 8}},
		{"min affected", "min_affected=1m", []uint64{2, 3, 7}},
		{"mfa absent", "mfa=absent", []uint64{1, 3}},
		{"mfa present", "mfa=present", []uint64{4}},
		{"control name", "control=patching", []uint64{1, 3}},
		{"control with status", "control=mfa:absent", []uint64{1, 3}},
		{"control mfa any status", "control=mfa", []uint64{1, 3, 4, 5}},
		{"control status present", "control=backups:present", []uint64{4}},
		{"attack", "attack=ransomware", []uint64{1, 4}},
		{"attack any of", "attack=phishing,credential_stuffing", []uint64{2, 5}},
		{"sector any case", "sector=health", []uint64{1, 4}},
		{"country", "country=fr", []uint64{2}},
		{"country from source", "country=EU", []uint64{7}},
		{"org whole name any case", "org=advanced+computer+software+group+ltd", []uint64{1}},
		{"org word", "org=Meta", []uint64{7}},
		{"since inclusive", "since=2024-12-17", []uint64{1, 4, 7}},
		{"until exclusive", "until=2023-09-01", []uint64{8}},
		{"since and until", "since=2024-01-01&until=2024-12-01", []uint64{2, 5, 6}},
		{"future published uses first seen", "since=2022-05-04&until=2022-05-05", []uint64{8}},
		{"filters combine", "regulator=ICO&min_fine=1m&currency=GBP&mfa=absent", []uint64{1}},
		{"text and filter", "q=breach&kind=regulator&country=GB", []uint64{6}},
		{"text and range filters", "q=fine&min_fine=1m&currency=GBP&since=2024-01-01", []uint64{1, 2, 7}},
		{"text, term and range filters", "q=fine&regulator=ico&min_affected=1000", []uint64{1, 6}},
		{"no match", "regulator=ICO&kind=press", []uint64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := x.Search(context.Background(), parse(t, tt.qs))
			if err != nil {
				t.Fatal(err)
			}
			if got := sorted(ids(r)); !slices.Equal(got, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.qs, got, tt.want)
			}
			if r.Total != uint64(len(tt.want)) {
				t.Errorf("%s: Total = %d, want %d", tt.qs, r.Total, len(tt.want))
			}
		})
	}
}

func TestSearch_MinFineConvertsCurrency(t *testing.T) {
	x, _ := openFilled(t)
	// £1m is about €1.18m at the latest rates: the CNIL's €1.2m fine
	// matches, the ICO's £950k provisional fine does not.
	r, err := x.Search(context.Background(), parse(t, "min_fine=1000000&currency=GBP"))
	if err != nil {
		t.Fatal(err)
	}
	got := sorted(ids(r))
	if !slices.Contains(got, 2) {
		t.Errorf("min_fine=1000000&currency=GBP: %v lacks the €1.2m fine (2)", got)
	}
	if slices.Contains(got, 8) {
		t.Errorf("min_fine=1000000&currency=GBP: %v holds the £950k fine (8)", got)
	}
	// £1.05m is about €1.24m: now the €1.2m fine is below the threshold.
	r, err = x.Search(context.Background(), parse(t, "min_fine=1.05m&currency=GBP"))
	if err != nil {
		t.Fatal(err)
	}
	if got := sorted(ids(r)); slices.Contains(got, 2) || !slices.Contains(got, 1) {
		t.Errorf("min_fine=1.05m&currency=GBP: %v, want the £3.07m fine (1) and not the €1.2m one (2)", got)
	}
	_, err = x.Search(context.Background(), parse(t, "min_fine=1m&currency=XYZ"))
	if breachwire.ErrorCode(err) != breachwire.ECodeInvalid || !strings.Contains(err.Error(), "XYZ") {
		t.Errorf("unknown currency: err = %v, want invalid naming XYZ", err)
	}
}

func TestSearch_Sort(t *testing.T) {
	x, _ := openFilled(t)
	tests := []struct {
		qs   string
		want []uint64
	}{
		{"sort=date", []uint64{1, 4, 7, 5, 2, 6, 3, 8}},
		// Largest fine in euros first; articles without a fine last,
		// newest first among them.
		{"sort=fine", []uint64{7, 3, 1, 2, 8, 4, 5, 6}},
		{"sort=affected", []uint64{7, 2, 3, 1, 6, 4, 5, 8}},
		// No text: relevance means newest first.
		{"sort=relevance&regulator=ICO", []uint64{1, 6, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.qs, func(t *testing.T) {
			r, err := x.Search(context.Background(), parse(t, tt.qs))
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(r); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSearch_RelevanceRanksTitleAndMoreTerms(t *testing.T) {
	x, _ := openFilled(t)
	r, err := x.Search(context.Background(), parse(t, "q=ransomware+hospital"))
	if err != nil {
		t.Fatal(err)
	}
	got := ids(r)
	if want := []uint64{4, 1}; !slices.Equal(got, want) {
		t.Fatalf("q=ransomware hospital: got %v, want %v (both words first)", got, want)
	}
	if r.Hits[0].Score <= r.Hits[1].Score {
		t.Errorf("scores %v, %v are not decreasing", r.Hits[0].Score, r.Hits[1].Score)
	}
}

func TestSearch_FiltersDoNotChangeScores(t *testing.T) {
	x, _ := openFilled(t)
	score := func(qs string) float64 {
		r, err := x.Search(context.Background(), parse(t, qs))
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range r.Hits {
			if h.ID == 1 {
				return h.Score
			}
		}
		t.Fatalf("%s: article 1 not found", qs)
		return 0
	}
	plain := score("q=ransomware")
	for _, qs := range []string{"q=ransomware&regulator=ICO,CNIL", "q=ransomware&control=mfa&country=GB", "q=ransomware&min_fine=1m"} {
		if got := score(qs); math.IsNaN(got) || math.Abs(got-plain) > 1e-4*plain {
			t.Errorf("%s: score %v, want %v as without filters", qs, got, plain)
		}
	}
}

func TestSearch_TextSyntax(t *testing.T) {
	x, _ := openFilled(t)
	tests := []struct {
		name, q string
		want    []uint64
	}{
		{"word", "ransomware", []uint64{1, 4}},
		{"stemming", "fined", []uint64{1, 2, 6, 7, 8}}, // fine, fines, fined
		{"either word", "reprimand settlement", []uint64{3, 6}},
		{"phrase", `"data breach"`, []uint64{3, 6, 7}},
		{"phrase keeps order", `"breach data"`, []uint64{}},
		{"phrase across stop word", `"notice of intent"`, []uint64{1, 8}},
		{"required", "+ransomware hospital", []uint64{1, 4}},
		{"two required", "+ransomware +hospital", []uint64{4}},
		{"excluded", "ransomware -hospital", []uint64{1}},
		{"excluded phrase", `breach -"data breach"`, []uint64{}},
		{"only excluded", "-ico", []uint64{2, 3, 4, 5, 7}},
		{"required phrase", `+"multi-factor authentication" -ransomware`, []uint64{3, 5}},
		{"stop words only", "the of", []uint64{1, 2, 3, 4, 5, 6, 7, 8}},
		{"query syntax of bleve is plain text", "title:ransomware", []uint64{}},
		{"hyphen inside word", "credential-stuffing", []uint64{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := x.Search(context.Background(), breachwire.Filter{Q: tt.q})
			if err != nil {
				t.Fatal(err)
			}
			if got := sorted(ids(r)); !slices.Equal(got, tt.want) {
				t.Errorf("q=%s: got %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestSearch_BadQueryIsInvalid(t *testing.T) {
	x, _ := openFilled(t)
	tests := []struct {
		name string
		f    breachwire.Filter
		want string // in the message
	}{
		{"unclosed quote", breachwire.Filter{Q: `"data breach`}, "not closed"},
		{"empty phrase", breachwire.Filter{Q: `fine ""`}, "no words"},
		{"lone plus", breachwire.Filter{Q: "fine + ransomware"}, "column 6"},
		{"trailing minus", breachwire.Filter{Q: "fine -"}, "must be followed"},
		{"double sign", breachwire.Filter{Q: "+-fine"}, "two signs"},
		{"quote inside word", breachwire.Filter{Q: `da"ta`}, "inside a word"},
		{"text after phrase", breachwire.Filter{Q: `"data breach"x`}, "space after"},
		{"too many terms", breachwire.Filter{Q: strings.Repeat("a ", 40)}, "more than 32"},
		{"too long", breachwire.Filter{Q: strings.Repeat("x", breachwire.MaxQueryLen+1)}, "limit"},
		{"bad utf-8", breachwire.Filter{Q: "fine \xff"}, "UTF-8"},
		{"bad sort", breachwire.Filter{Sort: "size"}, "sort"},
		{"page beyond max", breachwire.Filter{Page: breachwire.MaxPage + 1}, "page"},
		{"window too deep", breachwire.Filter{Limit: 500, Page: 30}, "first 10000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := x.Search(context.Background(), tt.f)
			var e *breachwire.Error
			if !errors.As(err, &e) || e.Code != breachwire.ECodeInvalid {
				t.Fatalf("err = %v, want *breachwire.Error with code invalid", err)
			}
			if !strings.Contains(e.Message, tt.want) {
				t.Errorf("message %q lacks %q", e.Message, tt.want)
			}
		})
	}
}

func TestSearch_Pagination(t *testing.T) {
	x, _ := openFilled(t)
	var all []uint64
	for page := 1; page <= 3; page++ {
		r, err := x.Search(context.Background(), breachwire.Filter{Sort: breachwire.SortDate, Limit: 3, Page: page})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != 8 || r.Page != page || r.Limit != 3 {
			t.Fatalf("page %d: Total %d Page %d Limit %d", page, r.Total, r.Page, r.Limit)
		}
		all = append(all, ids(r)...)
	}
	if want := []uint64{1, 4, 7, 5, 2, 6, 3, 8}; !slices.Equal(all, want) {
		t.Errorf("pages = %v, want %v", all, want)
	}
	// A limit over the maximum is capped, zero means the default.
	r, err := x.Search(context.Background(), breachwire.Filter{Limit: 1 << 30})
	if err != nil || r.Limit != breachwire.MaxLimit {
		t.Errorf("limit 1<<30: Limit = %v, err %v; want %d", r.Limit, err, breachwire.MaxLimit)
	}
	r, err = x.Search(context.Background(), breachwire.Filter{Limit: 0, Page: 0})
	if err != nil || r.Limit != breachwire.DefaultLimit || r.Page != 1 {
		t.Errorf("limit 0: Limit %d Page %d, err %v", r.Limit, r.Page, err)
	}
}

func TestSearch_Facets(t *testing.T) {
	x, _ := openFilled(t)
	r, err := x.Search(context.Background(), parse(t, "kind=regulator"))
	if err != nil {
		t.Fatal(err)
	}
	count := func(facet, value string) int {
		for _, v := range r.Facets[facet] {
			if v.Value == value {
				return v.Count
			}
		}
		return 0
	}
	tests := []struct {
		facet, value string
		want         int
	}{
		{"regulator", "ICO", 3},
		{"regulator", "CNIL", 1},
		{"kind", "regulator", 6},
		{"kind", "press", 0},
		{"source", "ico-news", 3},
		{"attack", "ransomware", 1},
		{"mfa", "absent", 2},
		{"control", "patching:absent", 2},
		{"control", "mfa", 2},
		{"sector", "technology", 2},
		{"country", "GB", 3},
	}
	for _, tt := range tests {
		t.Run(tt.facet+"="+tt.value, func(t *testing.T) {
			if got := count(tt.facet, tt.value); got != tt.want {
				t.Errorf("facet %s %q = %d, want %d (all: %v)", tt.facet, tt.value, got, tt.want, r.Facets[tt.facet])
			}
		})
	}
	for _, name := range []string{"regulator", "kind", "source", "attack", "mfa", "control", "sector", "country"} {
		if _, ok := r.Facets[name]; !ok {
			t.Errorf("facet %s missing", name)
		}
	}
	// Most frequent first.
	if regs := r.Facets["regulator"]; len(regs) == 0 || regs[0].Value != "ICO" {
		t.Errorf("regulator facet %v does not start with ICO", regs)
	}
}

func TestSearch_E2_SnippetEscapesHTML(t *testing.T) {
	x, _ := openFilled(t)
	r, err := x.Search(context.Background(), breachwire.Filter{Q: "phishing alert"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) != 1 || r.Hits[0].ID != 5 {
		t.Fatalf("hits %v, want article 5", ids(r))
	}
	h := r.Hits[0]
	for name, s := range map[string]string{"snippet": string(h.Snippet), "title": string(h.TitleHTML)} {
		if strings.Contains(s, "<script") || strings.Contains(s, "<img") {
			t.Errorf("%s holds markup from the article: %s", name, s)
		}
		rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
		if strings.ContainsAny(rest, "<>") {
			t.Errorf("%s holds a < or > besides <mark>: %s", name, s)
		}
		if !strings.Contains(s, "<mark>") {
			t.Errorf("%s highlights nothing: %s", name, s)
		}
	}
	if !strings.Contains(string(h.Snippet), "&lt;script&gt;") || !strings.Contains(string(h.Snippet), "&amp;") {
		t.Errorf("snippet does not show the escaped text: %s", h.Snippet)
	}
	if !strings.Contains(string(h.TitleHTML), "&lt;img") {
		t.Errorf("title does not show the escaped text: %s", h.TitleHTML)
	}
	if h.Title != fixtures()[4].Title {
		t.Errorf("plain title = %q", h.Title)
	}
}

func TestSearch_SnippetWithoutTextMatchIsEscapedLead(t *testing.T) {
	x, _ := openFilled(t)
	r, err := x.Search(context.Background(), parse(t, "source=bleeping"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) != 1 {
		t.Fatalf("hits %v", ids(r))
	}
	s := string(r.Hits[0].Snippet)
	if !strings.HasPrefix(s, "Security researchers warn") || strings.Contains(s, "<script") || strings.Contains(s, "<mark>") {
		t.Errorf("snippet = %q, want the escaped lead", s)
	}
	if strings.Contains(string(r.Hits[0].TitleHTML), "<img") {
		t.Errorf("title_html = %q is not escaped", r.Hits[0].TitleHTML)
	}
}

func TestSearch_Badges(t *testing.T) {
	x, _ := openFilled(t)
	r, err := x.Search(context.Background(), breachwire.Filter{Q: "advanced"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) != 1 {
		t.Fatalf("hits %v", ids(r))
	}
	h := r.Hits[0]
	if h.ID != 1 || h.SourceName != "ICO news" || h.SourceID != "ico-news" || h.Kind != "regulator" ||
		h.URL != "https://ico.example/advanced" || !h.Date.Equal(day("2025-03-27")) {
		t.Errorf("hit header = %+v", h)
	}
	if h.Fine == nil || h.Fine.Amount != 3_070_000 || h.Fine.Currency != "GBP" || h.Fine.Status != "final" ||
		h.Fine.Regulator != "ICO" || h.Fine.EUR < 3_500_000 || h.Fine.EUR > 3_700_000 {
		t.Errorf("fine badge = %+v", h.Fine)
	}
	if h.Affected == nil || h.Affected.Count != 79_404 || h.Affected.What != "people" {
		t.Errorf("affected badge = %+v", h.Affected)
	}
	if h.MFA != "absent" || !slices.Equal(h.Failed, []string{"mfa", "patching"}) ||
		!slices.Equal(h.Regulators, []string{"ICO"}) || !slices.Equal(h.Attacks, []string{"ransomware"}) {
		t.Errorf("badges = %+v", h.Badges)
	}
}

func TestSearch_DeadlineRespected(t *testing.T) {
	x, _ := openFilled(t)
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err := x.Search(ctx, breachwire.Filter{Q: "ransomware"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
}

func TestIndex_ClosedGivesErrClosed(t *testing.T) {
	x, err := Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := x.Search(context.Background(), breachwire.Filter{}); !errors.Is(err, ErrClosed) {
		t.Errorf("Search after Close: %v", err)
	}
	if _, err := x.DocCount(); !errors.Is(err, ErrClosed) {
		t.Errorf("DocCount after Close: %v", err)
	}
	if _, err := x.Reconcile(context.Background(), &memSource{}); !errors.Is(err, ErrClosed) {
		t.Errorf("Reconcile after Close: %v", err)
	}
}

func TestDelete(t *testing.T) {
	x, _ := openFilled(t)
	if err := x.Delete(context.Background(), 1, 4, 999); err != nil {
		t.Fatal(err)
	}
	n, err := x.DocCount()
	if err != nil || n != 6 {
		t.Fatalf("DocCount = %d, %v; want 6", n, err)
	}
	r, err := x.Search(context.Background(), breachwire.Filter{Q: "ransomware"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) != 0 {
		t.Errorf("deleted articles still found: %v", ids(r))
	}
}

// FuzzSearch_F3: any query text gives results or an invalid error, never an
// internal error, and every snippet stays HTML-safe.
func FuzzSearch_F3(f *testing.F) {
	for _, s := range []string{`ransomware`, `"data breach" -ico`, `+"a`, `<script>`, `title:x~2`, `\xff`, `+fine +`, `"" ""`} {
		f.Add(s)
	}
	x, err := Open(f.TempDir() + "/index")
	if err != nil {
		f.Fatal(err)
	}
	defer x.Close()
	src := &memSource{}
	src.put(fixtures()...)
	if _, err := x.Reconcile(context.Background(), src); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		r, err := x.Search(context.Background(), breachwire.Filter{Q: q})
		if err != nil {
			if breachwire.ErrorCode(err) != breachwire.ECodeInvalid {
				t.Fatalf("q=%q: %v", q, err)
			}
			return
		}
		for _, h := range r.Hits {
			rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(string(h.Snippet) + string(h.TitleHTML))
			if strings.ContainsAny(rest, "<>") {
				t.Fatalf("q=%q: markup in %q", q, rest)
			}
		}
	})
}

func TestSearch_CacheFollowsWrites(t *testing.T) {
	x, src := openFilled(t)
	ctx := context.Background()
	f := breachwire.Filter{Q: "ransomware", Sort: breachwire.SortDate}
	first, err := x.Search(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	// Changing a result does not change what the next search returns.
	first.Hits[0].Title = "scribbled"
	first.Facets["kind"] = nil
	again, err := x.Search(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if again.Hits[0].Title == "scribbled" || len(again.Facets["kind"]) == 0 {
		t.Fatalf("cached result was changed through a returned one: %+v", again.Hits[0])
	}
	steps := []struct {
		name  string
		write func() error
		want  []uint64
	}{
		{"reconcile", func() error {
			a := fixtures()[4]
			a.ID, a.Title, a.Text = 9, "Ransomware at a school", "Ransomware closed a school."
			a.Published, a.FirstSeen = day("2025-03-30"), day("2025-03-30")
			src.put(a)
			_, err := x.Reconcile(ctx, src)
			return err
		}, []uint64{9, 1, 4}},
		{"delete", func() error { return x.Delete(ctx, 1) }, []uint64{9, 4}},
		{"rebuild", func() error { return x.Rebuild(ctx, src, nil) }, []uint64{9, 1, 4}},
	}
	for _, st := range steps {
		if err := st.write(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		r, err := x.Search(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(r); !slices.Equal(got, st.want) {
			t.Errorf("after %s: %v, want %v", st.name, got, st.want)
		}
	}
}
