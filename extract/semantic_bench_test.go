package extract

import (
	"testing"

	"breachwire"
)

// BenchmarkExtractSemantic measures the semantic half alone (the token
// pass, gazetteers, controls, attack types, organisations, regulators) on
// the articles of BenchmarkExtract.
func BenchmarkExtractSemantic(b *testing.B) {
	arts, n := benchArticles(4 << 20)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	c0 := cpuTime()
	iters := 0
	for b.Loop() {
		for _, t := range arts {
			d := newDoc(Input{Text: t})
			var f breachwire.Facts
			extractSemantic(d, &f)
		}
		iters++
	}
	if cpu := cpuTime() - c0; cpu > 0 {
		b.ReportMetric(float64(n*iters)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}
