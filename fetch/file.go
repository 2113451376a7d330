package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
)

// getFile reads a file: source URL from disk, for sources the configuration
// explicitly allows to read local files (Options.AllowFiles). It answers like
// an HTTP exchange: the file's modification time is its Last-Modified
// validator, and a request carrying the same validator gets a 304. The body
// cap applies. Only a source URL itself can be a file: links, redirects and
// article pages are always http or https.
func (c *Client) getFile(ctx context.Context, r request) (*response, error) {
	if !c.opts.AllowFiles {
		return nil, fmt.Errorf("fetch: %s: %w (local files are not allowed)", r.url, ErrScheme)
	}
	u, err := url.Parse(r.url)
	if err != nil || u.Scheme != "file" || u.Path == "" || (u.Host != "" && u.Host != "localhost") {
		return nil, fmt.Errorf("fetch: %q: %w: not an absolute file URL", r.url, ErrBadURL)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.FromSlash(u.Path))
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	lastMod := st.ModTime().UTC().Format(http.TimeFormat)
	resp := &response{url: u, status: http.StatusOK, header: http.Header{"Last-Modified": {lastMod}}}
	if r.lastModified == lastMod {
		resp.status = http.StatusNotModified
		return resp, nil
	}
	body, err := readCapped(f, c.opts.MaxBody)
	if err != nil {
		return resp, fmt.Errorf("fetch: read %s: %w", u.Path, err)
	}
	if len(body) == 0 {
		return resp, fmt.Errorf("fetch: %s: %w", u.Path, ErrEmptyBody)
	}
	resp.body = body
	return resp, nil
}
