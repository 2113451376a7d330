package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
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

// remoteServer returns a client for the running serve: its address from
// <data>/serve.json, else the configuration's server.addr. Only a loopback
// address is used: these commands never send anything off the machine.
func (a *App) remoteServer() (*remote, error) {
	addr, err := a.serverAddr()
	if err != nil {
		return nil, err
	}
	dial, err := loopbackAddr(addr)
	if err != nil {
		return nil, err
	}
	return &remote{base: "http://" + dial, c: newLoopbackClient(apiTimeout)}, nil
}

// storeOrRemote opens the store read-only, or, when serve holds it, returns
// a client for the running server instead.
func (a *App) storeOrRemote() (*remote, error) {
	err := a.openStoreTimeout(true, searchLockTimeout)
	if err == nil {
		return nil, nil
	}
	if !errors.Is(err, store.ErrInUse) {
		return nil, err
	}
	return a.remoteServer()
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
	req.Header.Set("User-Agent", "breachwire-cli/"+buildVersion())
	resp, err := r.c.Do(req)
	if err != nil {
		return nil, breachwire.Errorf(breachwire.ECodeConflict,
			"the database is in use (by breachwire serve?) but the server at %s does not answer: %v", r.base, err)
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
			return nil, breachwire.Errorf(code, "%s (the server at %s answered %d)", truncate(oneLine(e.Error), 300), r.base, resp.StatusCode)
		}
		return nil, fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, truncate(oneLine(string(b)), 300))
	}
	return resp, nil
}

// getJSON decodes a GET's JSON answer, at most maxAPIBody bytes, into v.
func (r *remote) getJSON(ctx context.Context, path string, q url.Values, v any) error {
	resp, err := r.do(ctx, http.MethodGet, path, q)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAPIBody+1))
	if err != nil {
		return fmt.Errorf("read the answer of %s: %w", r.base, err)
	}
	if len(body) > maxAPIBody {
		return fmt.Errorf("the answer of %s%s is larger than %d bytes", r.base, path, maxAPIBody)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("the answer of %s%s is not what was expected: %w", r.base, path, err)
	}
	return nil
}

// serverAddr is where the running serve listens: DATA/serve.json, else
// the configuration's server.addr.
func (a *App) serverAddr() (string, error) {
	if addr := readServeInfo(a.Globals.Data); addr != "" {
		return addr, nil
	}
	if err := a.loadConfig(); err != nil {
		return "", fmt.Errorf("the database is in use (by breachwire serve?) and its address is unknown: "+
			"%s has none and the configuration could not be read: %w", serveInfoPath(a.Globals.Data), err)
	}
	return a.Config.Server.Addr, nil
}

// loopbackAddr turns a listening address into one to dial on this
// machine: an unspecified host (":8080", "0.0.0.0:8080") becomes
// 127.0.0.1; a host that is not loopback is refused, since search only
// talks to a server on this machine's loopback.
func loopbackAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", breachwire.Errorf(breachwire.ECodeInvalid, "server address %q is not host:port", addr)
	}
	switch host {
	case "", "0.0.0.0", "localhost":
		return net.JoinHostPort("127.0.0.1", port), nil
	case "::":
		return net.JoinHostPort("::1", port), nil
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.IsLoopback() {
		return "", breachwire.Errorf(breachwire.ECodeInvalid,
			"serve listens on %s, which is not a loopback address; search only asks a server on 127.0.0.1 or ::1 "+
				"(use its /api/search with curl, or stop serve to search the database directly)", addr)
	}
	return addr, nil
}

// newLoopbackClient returns the HTTP client the CLI uses to ask the running
// server (search, sources, backup), with timeout bounding a whole request. It is the one client outside the fetch package: it talks only to
// our own server on loopback (the dialer refuses anything else), uses no
// proxy, follows no redirect, and has its own timeouts.
func newLoopbackClient(timeout time.Duration) *http.Client {
	dialer := &net.Dialer{
		Timeout: 5 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !ap.Addr().Unmap().IsLoopback() {
				return fmt.Errorf("search: refusing to connect to %s: not loopback", address)
			}
			return nil
		},
	}
	return &http.Client{
		Transport: &http.Transport{
			DialContext:            dialer.DialContext,
			Proxy:                  nil,
			ResponseHeaderTimeout:  timeout,
			MaxResponseHeaderBytes: 64 << 10,
			DisableKeepAlives:      true,
		},
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
