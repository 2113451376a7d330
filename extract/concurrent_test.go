package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"breachwire"
)

// TestExtract_ConcurrentSameFacts runs Extract on the golden texts from
// many goroutines at once and checks each result equals the one of a
// sequential run: the buffers an extraction reuses (token analysis,
// amounts, sentence spans, organisation grouping) belong to one document
// at a time. Run it with -race.
func TestExtract_ConcurrentSameFacts(t *testing.T) {
	var texts []string
	for _, dir := range []string{"semantic", "numeric"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	if len(texts) < 100 {
		t.Fatalf("only %d golden texts found", len(texts))
	}
	want := make([]breachwire.Facts, len(texts))
	for i, s := range texts {
		want[i] = Extract(Input{Text: s})
	}
	const workers = 8
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			// each worker walks the texts from a different start, so that
			// documents of different sizes share the pools at once
			for k := range texts {
				i := (k + w*len(texts)/workers) % len(texts)
				if got := Extract(Input{Text: texts[i]}); !reflect.DeepEqual(got, want[i]) {
					errs <- texts[i]
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Errorf("facts differ from the sequential run for %.80q", s)
	}
}
