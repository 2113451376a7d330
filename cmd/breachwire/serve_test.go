package main

import (
	"bytes"
	"context"
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
