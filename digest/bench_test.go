package digest

import (
	"fmt"
	"io"
	"testing"

	"breachwire"
)

func benchCorpus(n int) []breachwire.Article {
	base := corpus()
	out := make([]breachwire.Article, n)
	for i := range out {
		out[i] = base[i%len(base)]
		out[i].ID = uint64(i + 1)
		out[i].Title = fmt.Sprintf("%s (%d)", out[i].Title, i)
	}
	return out
}

// BenchmarkEdition composes a digest of breachwire.MaxLimit articles (the
// most a Finder query returns) and renders both parts, as one send does.
func BenchmarkEdition(b *testing.B) {
	list := benchCorpus(breachwire.MaxLimit)
	b.ReportAllocs()
	for b.Loop() {
		e := Compose("everything", breachwire.Filter{Regulator: []string{"ICO"}}, list, since, until, london, baseOpts)
		if err := e.WriteText(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := e.WriteHTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
