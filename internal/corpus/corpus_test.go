package corpus

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"breachwire"
)

func TestArticle_Deterministic(t *testing.T) {
	a, b := New(7), New(7)
	for _, i := range []int{0, 1, 999, 123456} {
		if x, y := a.Article(i), b.Article(i); !reflect.DeepEqual(x, y) {
			t.Errorf("article %d differs between two generators with one seed", i)
		}
	}
	if x, y := New(7).Article(5), New(8).Article(5); x.Text == y.Text {
		t.Error("seeds 7 and 8 give the same text")
	}
}

func TestArticle_Realistic(t *testing.T) {
	g := New(1)
	const n = 2000
	kinds := map[breachwire.Kind]int{}
	currencies := map[string]bool{}
	words := map[string]bool{}
	fines, affected, teasers := 0, 0, 0
	for i := range n {
		a := g.Article(i)
		if a.ID != uint64(i+1) || a.Seq != uint64(i+1) {
			t.Fatalf("article %d: ID %d Seq %d", i, a.ID, a.Seq)
		}
		if a.Title == "" || a.Text == "" || a.SourceID == "" || a.FirstSeen.IsZero() {
			t.Fatalf("article %d lacks title, text, source or first seen: %+v", i, a)
		}
		kinds[a.Kind]++
		for _, f := range a.Facts.Fines {
			fines++
			currencies[f.Currency] = true
			if _, err := breachwire.ToEUR(f.Amount, f.Currency, 2020); err != nil {
				t.Errorf("article %d: fine currency %s has no rate", i, f.Currency)
			}
		}
		if len(a.Facts.Affected) > 0 {
			affected++
		}
		for _, at := range a.Facts.AttackTypes {
			if !slices.Contains(breachwire.AttackTypes, at) {
				t.Errorf("article %d: attack type %q not in the vocabulary", i, at)
			}
		}
		if len(strings.Fields(a.Text)) < 150 {
			teasers++
		}
		for _, w := range strings.Fields(a.Text) {
			words[strings.ToLower(strings.Trim(w, ".,"))] = true
		}
	}
	if kinds[breachwire.KindRegulator] < n/4 || kinds[breachwire.KindPress] < n/4 {
		t.Errorf("kinds %v are lopsided", kinds)
	}
	if fines < n/5 || affected < n/3 || len(currencies) < 5 {
		t.Errorf("fines %d, affected %d, currencies %v: too few", fines, affected, currencies)
	}
	if teasers < n/5 || teasers > n/2 {
		t.Errorf("teasers %d of %d", teasers, n)
	}
	if len(words) < 5000 {
		t.Errorf("vocabulary of %d distinct words is too small", len(words))
	}
}

func TestFeed_Changes(t *testing.T) {
	f := Feed{G: New(1), N: 5}
	got, err := f.Changes(context.Background(), 2, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Seq != 3 || got[2].Seq != 5 {
		t.Fatalf("Changes(2, 10) gave %d articles from seq %d", len(got), got[0].Seq)
	}
	if got, _ := f.Changes(context.Background(), 5, 10); len(got) != 0 {
		t.Errorf("Changes after the end gave %d", len(got))
	}
}
