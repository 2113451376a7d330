package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"breachwire"
	"breachwire/store"
)

// remote talks to a running breachwire serve, for the commands that must
// work while serve holds the database (bbolt locks the file to one process).
type remote struct {
	base string
	c    *http.Client
}

// remoteServer returns a client for the serve recorded in <data>/serve.json,
// or nil when none is recorded. Only a loopback address is used: the file
// is ours, but the commands never send anything off the machine.
func (a *App) remoteServer() *remote {
	addr := readServeInfo(a.Globals.Data)
	if addr == "" {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil
	}
	return &remote{base: "http://" + addr, c: &http.Client{Timeout: 5 * time.Minute}}
}

// storeOrRemote opens the store read-only, or, when serve holds it, returns
// a client for the running server instead.
func (a *App) storeOrRemote() (*remote, error) {
	err := a.openStoreTimeout(true, 300*time.Millisecond)
	if err == nil {
		return nil, nil
	}
	if !errors.Is(err, store.ErrInUse) {
		return nil, err
	}
	if r := a.remoteServer(); r != nil {
		return r, nil
	}
	return nil, err
}

// do sends a request and fails on any status but 200, with the server's
// JSON error message when it gave one.
func (r *remote) do(ctx context.Context, method, path string, q url.Values) (*http.Response, error) {
	u := r.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := r.c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("the database is in use and the running server at %s did not answer: %w", r.base, err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		var e struct {
			Error string `json:"error"`
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		if json.Unmarshal(b, &e) == nil && e.Error != "" {
			code := breachwire.ECodeInternal
			if resp.StatusCode == http.StatusBadRequest {
				code = breachwire.ECodeInvalid
			} else if resp.StatusCode == http.StatusNotFound {
				code = breachwire.ECodeNotFound
			}
			return nil, breachwire.Errorf(code, "%s", e.Error)
		}
		return nil, fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, strings.TrimSpace(string(b)))
	}
	return resp, nil
}

// getJSON decodes a GET's JSON answer into v.
func (r *remote) getJSON(ctx context.Context, path string, q url.Values, v any) error {
	resp, err := r.do(ctx, http.MethodGet, path, q)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}
