package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"breachwire"
	"breachwire/extract"
	"breachwire/index"
	"breachwire/store"
	"breachwire/web"
)

var searchSource = breachwire.Source{ID: "ico-news", Name: "ICO news", Kind: breachwire.KindRegulator, Country: "GB",
	URL: "https://ico.example/news.rss", Format: breachwire.FormatFeed, Interval: 6 * time.Hour}

// searchItems are two articles with real extracted facts, one with a
// title a spreadsheet would run as a formula and a terminal escape.
var searchItems = []struct{ url, title, text string }{
	{"https://ico.example/news/advanced", "ICO fines software provider £3.07m over ransomware attack",
		"The Information Commissioner's Office (ICO) has fined Advanced Computer Software Group Ltd £3.07m after a 2022 ransomware attack. " +
			"Hackers entered through a customer account that did not have multi-factor authentication (MFA). " +
			"The personal information of 79,404 people was taken."},
	{"https://ico.example/news/formula", "=HYPERLINK(\"https://evil.example\",\"click\") \x1b[31mred\x1b[0m charity reprimanded",
		"The ICO reprimanded a charity after a phishing attack exposed the data of 1,200 people."},
}

// searchData writes a config and a data directory with a store holding
// searchItems, and returns the config path and the data directory.
func searchData(t *testing.T, addr string) (cfg, data string) {
	t.Helper()
	dir := t.TempDir()
	data = filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o750); err != nil {
		t.Fatal(err)
	}
	cfg = filepath.Join(dir, "feeds.yaml")
	yaml := "sources:\n  - {name: ICO news, kind: regulator, country: GB, url: \"https://ico.example/news.rss\", format: feed}\n" +
		"server:\n  addr: \"" + addr + "\"\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(filepath.Join(data, "breachwire.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var in []store.Incoming
	for i, it := range searchItems {
		item := breachwire.Item{Key: it.url, GUID: it.url, URL: it.url, CanonicalURL: it.url, Title: it.title, Text: it.text,
			Published: time.Date(2025, 3, 27-i, 9, 0, 0, 0, time.UTC)}
		in = append(in, store.Incoming{Item: item, Facts: extract.Extract(extract.Input{Title: it.title, Text: it.text}), ExtractorVersion: extract.Version})
	}
	if _, err := db.SaveFetch(context.Background(), &searchSource, breachwire.SourceState{SourceID: searchSource.ID}, in); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return cfg, data
}

func decodeSearch(t *testing.T, out string) web.SearchResponse {
	t.Helper()
	var r web.SearchResponse
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	return r
}

// TestSearch_Direct: nothing runs, so search opens the store and builds
// the index itself.
func TestSearch_Direct(t *testing.T) {
	cfg, data := searchData(t, "127.0.0.1:1")
	code, out, errOut := runCLI(t, "--config", cfg, "--data", data, "search", "--json", "ransomware", "--regulator", "ICO")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	r := decodeSearch(t, out)
	if r.Total != 1 || len(r.Hits) != 1 || !strings.HasPrefix(r.Hits[0].Title, "ICO fines software provider") {
		t.Fatalf("result %+v", r)
	}
	if got := strings.Join(r.Hits[0].Labels, " | "); got != "£3.07m fine · final · ICO | 79,404 people | MFA absent | ransomware | data theft" {
		t.Errorf("labels %q", got)
	}
	if !strings.Contains(string(r.Hits[0].Snippet), "<mark>ransomware</mark>") {
		t.Errorf("snippet %q", r.Hits[0].Snippet)
	}

	code, out, errOut = runCLI(t, "--config", cfg, "--data", data, "search", "--sort", "date")
	if code != 0 {
		t.Fatalf("table: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"2 articles", "ID", "TITLE", "ICO fines software provider", "£3.07m fine · final · ICO"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("a terminal escape reached the table: %q", out)
	}

	code, out, errOut = runCLI(t, "--config", cfg, "--data", data, "search", "--csv", "--sort", "date")
	if code != 0 {
		t.Fatalf("csv: exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][3] != "title" || rows[1][5] != "3070000" || rows[1][6] != "GBP" {
		t.Fatalf("csv rows %q", rows)
	}
	if !strings.HasPrefix(rows[2][3], "'=HYPERLINK") {
		t.Errorf("formula not defused: %q", rows[2][3])
	}

	code, _, errOut = runCLI(t, "--config", cfg, "--data", data, "search", "--since", "last tuesday")
	if code != 1 || !strings.Contains(errOut, "since:") {
		t.Errorf("bad date: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "--config", cfg, "--data", data, "search", `"unclosed`)
	if code != 1 || !strings.Contains(errOut, "quote") {
		t.Errorf("bad query: exit %d, %q", code, errOut)
	}
}

// TestSearch_ServerRunning: the store is locked by another open (as serve
// holds it), so search asks the server at the address in serve.json, or
// the configuration's when there is none.
func TestSearch_ServerRunning(t *testing.T) {
	cfg, data := searchData(t, "127.0.0.1:1")
	db, err := store.Open(filepath.Join(data, "breachwire.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	idx, err := index.Open(filepath.Join(data, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if _, err := idx.Reconcile(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Deps{Store: db, Index: idx, Sources: []breachwire.Source{searchSource}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	writeServe := func(addr string) {
		t.Helper()
		raw, _ := json.Marshal(serveInfo{Addr: addr, PID: os.Getpid()})
		if err := os.WriteFile(filepath.Join(data, "serve.json"), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeServe(addr)

	code, out, errOut := runCLI(t, "--config", cfg, "--data", data, "search", "--json", "--mfa", "absent", "ransomware")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	r := decodeSearch(t, out)
	if r.Total != 1 || r.Hits[0].Page != "/articles/1" || r.Query != "mfa=absent&q=ransomware" {
		t.Fatalf("result %+v", r)
	}

	// The server's own errors come through with its message.
	code, _, errOut = runCLI(t, "--config", cfg, "--data", data, "search", `"unclosed`)
	if code != 1 || !strings.Contains(errOut, "quote") || !strings.Contains(errOut, "answered 400") {
		t.Errorf("server error: exit %d, %q", code, errOut)
	}

	// No serve.json: the configuration's server.addr.
	if err := os.Remove(filepath.Join(data, "serve.json")); err != nil {
		t.Fatal(err)
	}
	cfg2 := filepath.Join(t.TempDir(), "feeds.yaml")
	raw, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg2, []byte(strings.Replace(string(raw), "127.0.0.1:1", addr, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, "--config", cfg2, "--data", data, "search", "--csv")
	if code != 0 || !strings.Contains(out, "ICO fines software provider") {
		t.Fatalf("config address: exit %d, %s %s", code, out, errOut)
	}

	for _, c := range []struct{ addr, want string }{
		{"127.0.0.1:1", "does not answer"},
		{"192.0.2.1:8080", "not a loopback address"},
		{"nonsense", "not host:port"},
	} {
		writeServe(c.addr)
		code, _, errOut = runCLI(t, "--config", cfg, "--data", data, "search", "x")
		if code != 1 || !strings.Contains(errOut, c.want) {
			t.Errorf("serve at %s: exit %d, %q", c.addr, code, errOut)
		}
	}
}

func TestLoopbackAddr(t *testing.T) {
	for in, want := range map[string]string{
		":8080": "127.0.0.1:8080", "0.0.0.0:80": "127.0.0.1:80", "[::]:80": "[::1]:80", "localhost:9": "127.0.0.1:9",
		"127.0.0.1:8080": "127.0.0.1:8080", "[::1]:8080": "[::1]:8080", "10.0.0.1:80": "", "example.org:80": "",
	} {
		got, err := loopbackAddr(in)
		if (err != nil) != (want == "") || got != want {
			t.Errorf("loopbackAddr(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+SUM(A1)": "'+SUM(A1)", "-2": "'-2", "@cmd": "'@cmd", "\tx": "'\tx", "\rx": "'\rx",
		"ok": "ok", "": "", "a=b": "a=b",
	} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
