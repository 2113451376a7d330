package fetch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"breachwire"
)

func TestFetch_FileSource(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "feed.xml")
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>https://example.org/1</link><guid>g1</guid><description>Body one.</description></item>
</channel></rss>`
	if err := os.WriteFile(path, []byte(rss), 0o644); err != nil {
		t.Fatal(err)
	}
	src := &breachwire.Source{ID: "f", Name: "File", URL: "file://" + filepath.ToSlash(path), Format: breachwire.FormatFeed}
	ctx := context.Background()

	t.Run("A6_RefusedByDefault", func(t *testing.T) {
		_, err := New(Options{}).Fetch(ctx, src, breachwire.SourceState{})
		if !errors.Is(err, ErrScheme) {
			t.Fatalf("err = %v, want ErrScheme", err)
		}
	})
	t.Run("ReadAndNotModified", func(t *testing.T) {
		c := New(Options{AllowFiles: true})
		res, err := c.Fetch(ctx, src, breachwire.SourceState{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Items) != 1 || res.Items[0].Title != "One" || res.LastModified == "" {
			t.Fatalf("result = %+v", res)
		}
		again, err := c.Fetch(ctx, src, breachwire.SourceState{LastModified: res.LastModified})
		if err != nil {
			t.Fatal(err)
		}
		if !again.NotModified || len(again.Items) != 0 {
			t.Errorf("second read: NotModified=%v items=%d, want a 304-like answer", again.NotModified, len(again.Items))
		}
	})
	t.Run("B2_Capped", func(t *testing.T) {
		_, err := New(Options{AllowFiles: true, MaxBody: 10}).Fetch(ctx, src, breachwire.SourceState{})
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v, want ErrTooLarge", err)
		}
	})
}
