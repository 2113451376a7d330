package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"breachwire"
)

// randomDoc builds a document whose items share GUIDs, URLs, titles and
// dates by chance, from small pools, so that every dedupe rule and their
// conflicts (RELIABILITY D1-D3) come up.
func randomDoc(r *rand.Rand) []Incoming {
	pick := func(pool []string) string { return pool[r.IntN(len(pool))] }
	guids := []string{"", "", "g1", "g2", "g3", "g4"}
	urls := []string{"", "", "https://x.example/1", "https://x.example/2", "https://x.example/3", "https://x.example/4"}
	titles := []string{"", "Fine issued", "Breach notified", "Guidance", "Fine  ISSUED"}
	texts := []string{"", "alpha", "beta", "gamma"}
	base := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	dates := []time.Time{{}, base, base.Add(24 * time.Hour)}
	n := 1 + r.IntN(12)
	doc := make([]Incoming, n)
	for i := range doc {
		u := pick(urls)
		doc[i] = Incoming{Item: breachwire.Item{
			GUID: pick(guids), URL: u, CanonicalURL: u, Title: pick(titles),
			Text: pick(texts), Summary: pick(texts), Published: dates[r.IntN(len(dates))],
		}, ExtractorVersion: 1}
	}
	return doc
}

// realisticDoc builds a document of distinct items, each with its own GUID
// and URL or lacking one or both, with the quirks real feeds have: an item
// listed twice, a GUID reused on an item with another link (D2), titles
// shared by several items, missing dates.
func realisticDoc(r *rand.Rand, next *int) []Incoming {
	titles := []string{"Fine issued", "Breach notified", "Guidance", "Enforcement notice"}
	base := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	n := 1 + r.IntN(12)
	var doc []Incoming
	for range n {
		*next++
		k := *next
		it := breachwire.Item{Title: titles[r.IntN(len(titles))], Text: fmt.Sprint("text ", k)}
		if r.IntN(4) > 0 {
			it.GUID = fmt.Sprint("guid-", k)
		}
		if r.IntN(4) > 0 {
			it.URL = fmt.Sprint("https://x.example/", k)
			it.CanonicalURL = it.URL
		}
		if r.IntN(3) > 0 {
			it.Published = base.Add(time.Duration(r.IntN(3)) * 24 * time.Hour)
		}
		if it.GUID == "" && it.URL == "" {
			// Title and date are then all there is: items that share them
			// cannot be told apart, except by their order.
			it.Title = fmt.Sprint(it.Title, " ", k)
		}
		doc = append(doc, Incoming{Item: it, ExtractorVersion: 1})
		switch r.IntN(8) {
		case 0: // listed twice
			doc = append(doc, doc[len(doc)-1])
		case 1: // its GUID reused on another item with its own link
			if it.GUID != "" {
				*next++
				dup := it
				dup.URL = fmt.Sprint("https://x.example/", *next)
				dup.CanonicalURL, dup.Title, dup.Text = dup.URL, "Other", "other text"
				doc = append(doc, Incoming{Item: dup, ExtractorVersion: 1})
			}
		}
	}
	return doc
}

func permuted(r *rand.Rand, doc []Incoming) []Incoming {
	out := make([]Incoming, len(doc))
	for i, j := range r.Perm(len(doc)) {
		out[i] = doc[j]
	}
	return out
}

// TestSaveFetch_P6_IdempotenceProperty: storing any document again, however
// contradictory its items, stores nothing, and each item finds the same
// article; a realistic document stored again in another order, or in part,
// stores nothing either, and the same articles from a second source are
// duplicates, not new articles.
func TestSaveFetch_P6_IdempotenceProperty(t *testing.T) {
	// Each trial commits about 20 transactions, each with two fsyncs.
	trials := 60
	if testing.Short() {
		trials = 15
	}
	ctx := context.Background()
	for trial := range trials {
		seed := uint64(trial)
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 0x5eed))
			db, err := Open(filepath.Join(t.TempDir(), "db"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			store := func(src *breachwire.Source, doc []Incoming) Saved {
				s, err := db.SaveFetch(ctx, src, breachwire.SourceState{}, doc)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			next := 0
			docs := [][]Incoming{randomDoc(r), realisticDoc(r, &next), realisticDoc(r, &next)}
			for d, doc := range docs {
				first := store(srcICO, doc)
				n, seq := count(t, db), lastSeq(t, db)
				again := store(srcICO, doc)
				if again.New != 0 || again.Updated != 0 || count(t, db) != n || lastSeq(t, db) != seq {
					t.Fatalf("doc %d, identical pass: %+v after %+v\ndoc: %+v", d, again, first, doc)
				}
				if !slices.Equal(again.IDs, first.IDs) {
					t.Fatalf("doc %d: items resolved to %v, then to %v", d, first.IDs, again.IDs)
				}
				if d == 0 {
					continue // contradictory items: order matters
				}
				for range 3 {
					p := permuted(r, doc)
					p = p[:1+r.IntN(len(p))]
					if s := store(srcICO, p); s.New != 0 || s.Updated != 0 {
						t.Fatalf("doc %d, reordered pass: %+v\ndoc: %+v", d, s, p)
					}
				}
				s := store(srcReg, doc)
				for i, it := range doc {
					if it.URL != "" && !slices.Contains(first.IDs, s.IDs[i]) {
						t.Fatalf("doc %d: item %d with URL %q became article %d from a second source", d, i, it.URL, s.IDs[i])
					}
				}
			}
			if err := db.Check(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}
