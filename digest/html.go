package digest

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"breachwire"
)

//go:embed templates/digest.html
var templateFS embed.FS

// htmlTemplate is parsed once: a template that does not parse fails every
// test, never a send.
var htmlTemplate = template.Must(template.New("digest.html").
	Funcs(template.FuncMap{"join": strings.Join}).
	ParseFS(templateFS, "templates/digest.html"))

// MoreText counts the articles not listed: "2 more articles".
func (e *Edition) MoreText() string {
	if e.More == 1 {
		return "1 more article"
	}
	return breachwire.FormatCount(int64(e.More)) + " more articles"
}

// WriteHTML writes the HTML part: the same content as the text part in a
// layout for mail clients (see templates/digest.html).
func (e *Edition) WriteHTML(w io.Writer) error {
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, e); err != nil {
		return fmt.Errorf("digest: render html: %w", err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("digest: write html: %w", err)
	}
	return nil
}
