package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"breachwire/index"
	"breachwire/internal/farm"
	"breachwire/store"
	"breachwire/web"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `breachwire serve` as main does, on a free loopback port,
// and returns its base URL and a stop function that cancels it (as SIGTERM
// would) and waits for a clean exit.
func startServe(t *testing.T, cfg, data string, extra ...string) (string, func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	env := &Env{Stdin: strings.NewReader(""), Stdout: logs, Stderr: logs, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	args := append([]string{"--config", cfg, "--data", data, "serve", "--addr", "127.0.0.1:0", "--spread", "100ms"}, extra...)
	go func() { done <- runCommand(ctx, args, env) }()
	var base string
	deadline := time.Now().Add(20 * time.Second)
	for base == "" {
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited %d before listening:\n%s", code, logs)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start:\n%s", logs)
		}
		if addr := readServeInfo(data); addr != "" {
			base = "http://" + addr
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	stopped := false
	stop := func() string {
		if stopped {
			return logs.String()
		}
		stopped = true
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d:\n%s", code, logs)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("serve did not stop within 30s of the signal:\n%s", logs)
		}
		return logs.String()
	}
	t.Cleanup(func() { stop() })
	return base, stop
}

// hotCount takes a hot backup through the running server and counts the
// articles in the copy.
func hotCount(t *testing.T, cfg, data string) int {
	t.Helper()
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	code, out, errOut := runCLI(t, "--config", cfg, "--data", data, "backup", copyPath)
	if code != 0 {
		t.Fatalf("backup while serving: exit %d\n%s%s", code, out, errOut)
	}
	db, err := store.Open(copyPath, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestServe_EndToEnd starts serve over the fixture farm, waits for the
// first pass, checks that the CLI works beside it (backup, fetch refused
// with a clear error), stops it as a signal would, and checks that
// everything stored was indexed.
func TestServe_EndToEnd(t *testing.T) {
	f, err := farm.New(snapshots)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, _ := farmConfig(t, f, 2*time.Second)
	data := t.TempDir()
	want := distinctItems(t, f) + f.Articles

	base, stop := startServe(t, cfg, data)
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/healthz: %s", resp.Status)
	}

	// The first pass: every source is first checked within --spread of
	// start, so wait for the articles to arrive.
	deadline := time.Now().Add(90 * time.Second)
	n := 0
	for n < want && time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		n = hotCount(t, cfg, data)
	}
	if n != want {
		t.Fatalf("after the first pass the store holds %d articles, want %d", n, want)
	}

	code, _, errOut := runCLI(t, "--config", cfg, "--data", data, "fetch")
	if code != 1 || !strings.Contains(errOut, "in use") {
		t.Errorf("fetch while serve runs: exit %d, %q; want 1 and 'in use'", code, errOut)
	}
	checkServing(t, base, cfg, data, want)

	logs := stop()
	for _, line := range []string{"shutting down", "stopped"} {
		if !strings.Contains(logs, line) {
			t.Errorf("serve's log has no %q:\n%s", line, logs)
		}
	}
	if _, err := os.Stat(serveInfoPath(data)); !os.IsNotExist(err) {
		t.Errorf("serve.json left behind after stopping: %v", err)
	}
	ix, err := index.Open(filepath.Join(data, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs, err := ix.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	if int(docs) != want {
		t.Errorf("the index holds %d documents after shutdown, want %d", docs, want)
	}
}

// TestServe_DemoOffline runs the offline demo the README shows: serve over
// examples/demo.yaml fills the store from local files in seconds.
func TestServe_DemoOffline(t *testing.T) {
	data := t.TempDir()
	cfg := "../../examples/demo.yaml"
	_, stop := startServe(t, cfg, data)
	deadline := time.Now().Add(90 * time.Second)
	n := 0
	for n < 12 && time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		n = hotCount(t, cfg, data)
	}
	if n != 12 {
		t.Fatalf("the demo stored %d articles, want 12", n)
	}
	stop()
}

// checkServing checks the pages, the API, the output feeds and the CLI of a
// running serve that holds want articles from the farm (issue 4's end to
// end test, through the same wiring as main).
func checkServing(t *testing.T, base, cfg, data string, want int) {
	t.Helper()
	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, string(b)
	}
	// the indexer follows the store within a second or two
	var res web.SearchResponse
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, body := get("/api/search?sort=date&limit=500")
		if code != http.StatusOK {
			t.Fatalf("/api/search: %d %s", code, body)
		}
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatal(err)
		}
		if int(res.Total) == want || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if int(res.Total) != want {
		t.Fatalf("/api/search finds %d articles, want %d", res.Total, want)
	}
	// the listing's articles are fines with MFA absent, extracted on the way in
	code, body := get("/api/search?mfa=absent&min_fine=100000&currency=GBP")
	if code != http.StatusOK || !strings.Contains(body, "Example Company") {
		t.Errorf("/api/search with filters: %d %.300s", code, body)
	}
	id := res.Hits[0].ID
	for _, page := range []struct{ path, want string }{
		{"/", res.Hits[0].Title}, // the window is empty, so the latest articles
		{"/?period=month", "<svg"},
		{"/search?q=fined&regulator=ICO", "<form"},
		{fmt.Sprintf("/articles/%d", id), res.Hits[0].Title},
		{"/sources", "bad hang"},
		{"/api/sources", `"health":"ok"`},
		{fmt.Sprintf("/api/articles/%d", id), `"facts"`},
		{"/api/digest", `"figures"`},
		{"/feed.rss?mfa=absent", "urn:breachwire:ns:1"},
		{"/feed.atom", "<feed"},
	} {
		code, body := get(page.path)
		if code != http.StatusOK || !strings.Contains(body, html.EscapeString(page.want)) && !strings.Contains(body, page.want) {
			t.Errorf("GET %s: %d, want 200 with %q (%.200s)", page.path, code, page.want, body)
		}
	}
	if code, body := get("/api/search?limit=0"); code != http.StatusBadRequest || !strings.Contains(body, `"error"`) {
		t.Errorf("bad limit: %d %s", code, body)
	}
	// the CLI beside serve asks it
	code, out, errOut := runCLI(t, "--config", cfg, "--data", data, "search", "--json", "--mfa", "absent", "fined")
	if code != 0 || !strings.Contains(out, "Example Company") {
		t.Errorf("search while serve runs: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "--config", cfg, "--data", data, "search", "--rss", "--regulator", "ICO")
	if code != 0 || !strings.Contains(out, "<rss") {
		t.Errorf("search --rss while serve runs: exit %d\n%.300s\n%s", code, out, errOut)
	}
	statuses := sourcesJSON(t, cfg, data)
	if s := statuses["listing"]; s.Health != "ok" || s.State.LastOK.IsZero() {
		t.Errorf("sources while serve runs: listing is %q, last ok %v", s.Health, s.State.LastOK)
	}
}
