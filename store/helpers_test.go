package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"breachwire"
)

// clock is a settable test clock, safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2025, 3, 27, 9, 0, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openTest opens a fresh database in t.TempDir and closes it at cleanup.
func openTest(t testing.TB, c *clock) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "breachwire.db")
	db := openPath(t, path, c)
	return db, path
}

func openPath(t testing.TB, path string, c *clock) *DB {
	t.Helper()
	opts := Options{Timeout: time.Second}
	if c != nil {
		opts.Now = c.Now
	}
	db, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

var (
	srcICO = &breachwire.Source{ID: "ico-news", Name: "ICO news", Kind: breachwire.KindRegulator, Country: "GB"}
	srcReg = &breachwire.Source{ID: "the-register", Name: "The Register", Kind: breachwire.KindPress, Country: "GB"}
)

// sampleFacts are facts of the kind the extractor returns, so that stored
// records have a realistic size.
func sampleFacts(n int) breachwire.Facts {
	ev := "The ICO has fined Advanced Computer Software Group Ltd £3.07m after a ransomware attack that entered through a customer account without multi-factor authentication."
	return breachwire.Facts{
		Fines: []breachwire.Fine{{Amount: 3070000 + float64(n), Currency: "GBP", Status: breachwire.FineFinal, Regulator: "ICO",
			Span: breachwire.Span{Text: "£3.07m", Evidence: ev, Start: 60, End: 67}}},
		Affected: []breachwire.Affected{{Count: 79404, What: "people", Qualifier: breachwire.QualExact,
			Span: breachwire.Span{Text: "79,404 people", Evidence: "The attack took the personal data of 79,404 people.", Start: 900, End: 913}}},
		MFA:           &breachwire.Control{Control: breachwire.ControlMFA, Status: breachwire.StatusAbsent, Evidence: ev},
		Controls:      []breachwire.Control{{Control: breachwire.ControlMFA, Status: breachwire.StatusAbsent, Evidence: ev}},
		AttackTypes:   []string{"ransomware"},
		Organisations: []string{"Advanced Computer Software Group Ltd"},
		Regulators:    []string{"ICO"},
		ThreatActors:  []string{"LockBit"},
		Sectors:       []string{"health"},
		Countries:     []string{"GB"},
		Money: []breachwire.Money{{Amount: 6090000, Currency: "GBP", Role: breachwire.RoleFine,
			Span: breachwire.Span{Text: "£6.09m", Evidence: "The provisional fine was £6.09m.", Start: 300, End: 306}}},
	}
}

// sampleText returns about size bytes of article-like text, different for
// each n.
func sampleText(n, size int) string {
	var b strings.Builder
	sentences := []string{
		"The Information Commissioner's Office said the company had failed to implement appropriate measures.",
		"Attackers used compromised credentials to reach a customer account that lacked multi-factor authentication.",
		"Services including NHS 111 were disrupted for several weeks while systems were rebuilt from backups.",
		"The regulator reduced the provisional penalty after the company cooperated with the investigation.",
		"Personal data of patients, including details of how to enter their homes, was exfiltrated.",
	}
	fmt.Fprintf(&b, "Article %d. ", n)
	for i := 0; b.Len() < size; i++ {
		b.WriteString(sentences[(i+n)%len(sentences)])
		b.WriteByte(' ')
	}
	return b.String()
}

// item builds an Incoming with GUID, URL, title and date derived from n.
func item(n int) Incoming {
	return Incoming{
		Item: breachwire.Item{
			GUID:         fmt.Sprintf("urn:ico:%d", n),
			URL:          fmt.Sprintf("https://ico.org.uk/news/%d?utm_source=rss", n),
			CanonicalURL: fmt.Sprintf("https://ico.org.uk/news/%d", n),
			Title:        fmt.Sprintf("ICO fines company %d", n),
			Summary:      fmt.Sprintf("Summary %d", n),
			Text:         sampleText(n, 600),
			Published:    time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Hour),
		},
		Facts:            sampleFacts(n),
		ExtractorVersion: 1,
	}
}

func items(from, to int) []Incoming {
	var out []Incoming
	for n := from; n < to; n++ {
		out = append(out, item(n))
	}
	return out
}

func save(t testing.TB, db *DB, src *breachwire.Source, in []Incoming) Saved {
	t.Helper()
	s, err := db.SaveFetch(context.Background(), src, breachwire.SourceState{SourceID: src.ID}, in)
	if err != nil {
		t.Fatalf("SaveFetch: %v", err)
	}
	return s
}

func count(t testing.TB, db *DB) int {
	t.Helper()
	n, err := db.Count(context.Background())
	if err != nil {
		t.Fatalf("Count: %v", err)
	}
	return n
}

func lastSeq(t testing.TB, db *DB) uint64 {
	t.Helper()
	n, err := db.LastSeq(context.Background())
	if err != nil {
		t.Fatalf("LastSeq: %v", err)
	}
	return n
}

func article(t testing.TB, db *DB, id uint64) breachwire.Article {
	t.Helper()
	a, err := db.Article(context.Background(), id)
	if err != nil {
		t.Fatalf("Article(%d): %v", id, err)
	}
	return a
}
