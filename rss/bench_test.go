package rss

import (
	"fmt"
	"io"
	"testing"

	"breachwire"
)

// benchArticles are n copies of the canonical article with distinct ids,
// the size of a feed at breachwire.MaxLimit.
func benchArticles(n int) []breachwire.Article {
	out := make([]breachwire.Article, n)
	for i := range out {
		out[i] = advanced()
		out[i].ID = uint64(i + 1)
		out[i].Title = fmt.Sprintf("%s (%d)", out[i].Title, i)
	}
	return out
}

func BenchmarkWriteRSS(b *testing.B) {
	list := benchArticles(breachwire.MaxLimit)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteRSS(io.Discard, testMeta, list); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteAtom(b *testing.B) {
	list := benchArticles(breachwire.MaxLimit)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteAtom(io.Discard, testMeta, list); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkETag is the cost of answering a conditional request without
// rendering.
func BenchmarkETag(b *testing.B) {
	list := benchArticles(breachwire.MaxLimit)
	b.ReportAllocs()
	for b.Loop() {
		ETag(RSS, testMeta, list)
	}
}
