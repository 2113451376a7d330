package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"breachwire"
)

// FuzzSaveFetch_P5 stores one item with arbitrary fields, as a hostile feed
// could send them (RELIABILITY C3, C8): storing never fails or panics, the
// item is found again by a refetch without an update, and what is stored
// reads back.
func FuzzSaveFetch_P5(f *testing.F) {
	f.Add("urn:1", "https://ico.org.uk/a", "Title", "Text", int64(1700000000))
	f.Add("", "", "\xff\xfe bad utf-8 \x00", "", int64(0))
	f.Add("g", "", "", "\u2028", int64(-1<<40))
	f.Add("  spaced  ", " https://x.example/ ", "  T  ", "body", int64(4102444800))
	db, err := Open(filepath.Join(f.TempDir(), "fuzz.db"), Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = db.Close() })
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, guid, url, title, text string, published int64) {
		it := breachwire.Item{GUID: guid, URL: url, CanonicalURL: url, Title: title, Text: text,
			Published: time.Unix(published, 0)}
		in := []Incoming{{Item: it, ExtractorVersion: 1}}
		first, err := db.SaveFetch(ctx, srcICO, breachwire.SourceState{}, in)
		if err != nil {
			t.Fatalf("SaveFetch: %v", err)
		}
		again, err := db.SaveFetch(ctx, srcICO, breachwire.SourceState{}, in)
		if err != nil {
			t.Fatalf("SaveFetch again: %v", err)
		}
		if again.New != 0 || again.Updated != 0 || again.IDs[0] != first.IDs[0] {
			t.Fatalf("refetch: %+v after %+v", again, first)
		}
		if first.IDs[0] == 0 {
			return // nothing to key it by
		}
		if _, err := db.Article(ctx, first.IDs[0]); err != nil {
			t.Fatal(err)
		}
	})
}
