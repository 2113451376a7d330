package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"breachwire"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageNames are the pages; each has templates/<name>.html defining
// "title" and "content", rendered inside templates/layout.html.
var pageNames = []string{"digest", "search", "article", "sources", "error"}

// pageTemplate is one page's parsed template set.
type pageTemplate struct {
	t *template.Template
}

func (p *pageTemplate) execute(w io.Writer, data any) error {
	return p.t.ExecuteTemplate(w, "layout", data)
}

// funcs are the template functions; they only format values.
var funcs = template.FuncMap{
	"money": breachwire.FormatMoney,
	"count": breachwire.FormatCount,
	"day":   func(t time.Time) string { return fmtDay(t) },
	"iso":   func(t time.Time) string { return fmtISO(t) },
	"stamp": func(t time.Time) string { return fmtStamp(t) },
}

func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2 Jan 2006")
}

func fmtISO(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func fmtStamp(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2 Jan 2006 15:04 UTC")
}

// parsePages parses every page with the layout, failing on the first page
// that does not parse or lacks a block.
func parsePages() (map[string]*pageTemplate, error) {
	pages := make(map[string]*pageTemplate, len(pageNames))
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse page %s: %w", name, err)
		}
		for _, block := range []string{"layout", "title", "content"} {
			if t.Lookup(block) == nil {
				return nil, fmt.Errorf("web: page %s defines no %q template", name, block)
			}
		}
		pages[name] = &pageTemplate{t: t}
	}
	return pages, nil
}

// layout is the part of every page's data that the layout reads.
type layout struct {
	Title   string
	Nav     string // digest, search, sources: the current section
	Version string
	Style   string // URL of the stylesheet, with its hash for caching
	Query   string // the header search box's value
}

func (s *Server) layout(title, nav string) layout {
	return layout{Title: title, Nav: nav, Version: s.version, Style: s.assetURL("style.css")}
}

// errorPage is the data of the error page.
type errorPage struct {
	layout
	Status  int
	Heading string
	Message string
}

func (s *Server) errorPage(status int, msg string) errorPage {
	return errorPage{layout: s.layout(http.StatusText(status), ""), Status: status,
		Heading: http.StatusText(status), Message: msg}
}

// asset is one embedded static file, read once at start.
type asset struct {
	body  []byte
	ctype string
	etag  string
}

// loadAssets reads the embedded static files into memory. Only the names
// found here are ever served, so no request path can reach another file
// (RELIABILITY F2).
func loadAssets() (map[string]asset, error) {
	out := map[string]asset{}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		out[strings.TrimPrefix(p, "static/")] = asset{body: body, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: embedded assets: %w", err)
	}
	if _, ok := out["style.css"]; !ok {
		return nil, fmt.Errorf("web: embedded assets: style.css is missing")
	}
	return out, nil
}

// assetURL is the URL of an asset with its hash as a version, so it can be
// cached for long and still change with a new binary.
func (s *Server) assetURL(name string) string {
	return "/static/" + name + "?v=" + strings.Trim(s.assets[name].etag, `"`)
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	a, ok := s.assets[r.PathValue("name")]
	if !ok {
		s.fail(w, r, breachwire.Errorf(breachwire.ECodeNotFound, "there is no file at %s", r.URL.Path))
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", "public, max-age=86400")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}
