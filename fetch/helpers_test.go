package fetch

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"breachwire"
)

// TestMain fails the run if a test leaves goroutines behind: a fetch that
// times out or is refused must not leak its connection or reader (H3).
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// serve starts an httptest server closed at the end of the test.
func serve(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

// testClient returns a client that may reach the given loopback servers
// (through host:port allow entries, as a user would allow a local service)
// and nothing else private.
func testClient(t testing.TB, o Options, srvs ...*httptest.Server) *Client {
	t.Helper()
	for _, s := range srvs {
		o.Allow = append(o.Allow, s.Listener.Addr().String())
	}
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	if err := o.Validate(); err != nil {
		t.Fatalf("options: %v", err)
	}
	c := New(o)
	t.Cleanup(c.Close)
	return c
}

// fixture reads a file from testdata.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return b
}

// fileHandler serves a fixture with a content type; {{BASE}} in the file is
// replaced by the server's URL, read from the request.
func fileHandler(t testing.TB, name, contentType string) http.HandlerFunc {
	body := fixture(t, name)
	return func(w http.ResponseWriter, r *http.Request) {
		b := body
		if strings.Contains(string(b), "{{BASE}}") {
			b = []byte(strings.ReplaceAll(string(b), "{{BASE}}", "http://"+r.Host))
		}
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.Write(b)
	}
}

func source(format breachwire.Format, u string) *breachwire.Source {
	return &breachwire.Source{ID: "test", Name: "test source", URL: u, Format: format}
}
