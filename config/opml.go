package config

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"breachwire"
)

// OPML is the file format every feed reader imports and exports. breachwire
// writes its feed sources as OPML 2.0 and turns a reader's OPML export into
// feeds.yaml entries, so that users can move their lists both ways.

// maxOPMLSize caps the OPML read by ImportOPML; the largest public security
// lists are a few hundred kilobytes.
const maxOPMLSize = 16 << 20

// maxOPMLFeeds caps the feeds taken from one OPML file.
const maxOPMLFeeds = 5000

type opmlOut struct {
	XMLName xml.Name     `xml:"opml"`
	Version string       `xml:"version,attr"`
	Title   string       `xml:"head>title"`
	Comment xml.Comment  `xml:",comment"`
	Body    []outlineOut `xml:"body>outline"`
}

// outlineOut is an outline as written. kind and country are breachwire's own
// attributes (OPML lets outlines carry any attribute); readers ignore them
// and ImportOPML reads them back.
type outlineOut struct {
	Text     string       `xml:"text,attr"`
	Title    string       `xml:"title,attr,omitempty"`
	Type     string       `xml:"type,attr,omitempty"`
	XMLURL   string       `xml:"xmlUrl,attr,omitempty"`
	Kind     string       `xml:"kind,attr,omitempty"`
	Country  string       `xml:"country,attr,omitempty"`
	Outlines []outlineOut `xml:"outline"`
}

// WriteOPML writes the feed sources as an OPML 2.0 document, grouped in two
// folders, Regulators and Press. Sources read as html listings or sitemaps
// are not feeds a reader could subscribe to; they are named in a comment
// instead. Every value is escaped by encoding/xml.
func WriteOPML(w io.Writer, sources []breachwire.Source) error {
	doc := opmlOut{Version: "2.0", Title: "breachwire sources"}
	groups := []struct {
		kind  breachwire.Kind
		title string
	}{{breachwire.KindRegulator, "Regulators"}, {breachwire.KindPress, "Press"}}
	var left []string
	for _, g := range groups {
		folder := outlineOut{Text: g.title, Title: g.title}
		for _, s := range sources {
			if s.Kind != g.kind {
				continue
			}
			if s.Format != breachwire.FormatFeed {
				left = append(left, fmt.Sprintf("%s (%s %s)", s.Name, s.Format, s.URL))
				continue
			}
			folder.Outlines = append(folder.Outlines, outlineOut{
				Text: s.Name, Title: s.Name, Type: "rss", XMLURL: s.URL,
				Kind: string(s.Kind), Country: s.Country,
			})
		}
		if len(folder.Outlines) > 0 {
			doc.Body = append(doc.Body, folder)
		}
	}
	if len(left) > 0 {
		// "--" may not appear in an XML comment.
		text := strings.ReplaceAll(strings.Join(left, "; "), "--", "- -")
		doc.Comment = xml.Comment(" Not feeds, so left out: " + text + " ")
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("config: write OPML: %w", err)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.Write(out)
	bw.WriteString("\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("config: write OPML: %w", err)
	}
	return nil
}

// outlineIn is an outline as read: attributes are matched without regard to
// case, since exporters write xmlUrl, xmlURL and xmlurl.
type outlineIn struct {
	Attrs    []xml.Attr  `xml:",any,attr"`
	Outlines []outlineIn `xml:"outline"`
}

func (o *outlineIn) attr(name string) string {
	for _, a := range o.Attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

type opmlIn struct {
	XMLName xml.Name `xml:"opml"`
	Body    *struct {
		Outlines []outlineIn `xml:"outline"`
	} `xml:"body"`
}

// feedIn is one feed found in an OPML file.
type feedIn struct {
	title, url, kind, country string
}

// ImportOPML reads an OPML file and returns feeds.yaml source entries for
// the feeds in it that are not already sources (URLs compared after
// NormalizeURL), as YAML text ready to paste under "sources:". Each entry is
// validated like feeds.yaml itself; a feed that would not load (a URL that
// is not http or https, a missing URL) is left out and listed with its
// reason in a comment at the top, as are the feeds already configured.
// Nested folders are walked; the kind is read from breachwire's own kind
// attribute, else guessed (regulator for government and regulator sites,
// press otherwise); the interval is left to its default. The error is for an
// OPML file that cannot be read at all.
func ImportOPML(r io.Reader, existing []breachwire.Source) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxOPMLSize+1))
	if err != nil {
		return nil, fmt.Errorf("config: read OPML: %w", err)
	}
	if len(data) > maxOPMLSize {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "the OPML file is larger than %d bytes", maxOPMLSize)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false // real exports carry bare ampersands and HTML entities
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = charsetReader
	var doc opmlIn
	if err := dec.Decode(&doc); err != nil {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "not an OPML file: %v", err)
	}
	if doc.Body == nil {
		return nil, breachwire.Errorf(breachwire.ECodeInvalid, "not an OPML file: no <body> element")
	}
	var feeds []feedIn
	var skipped []string
	var walk func(list []outlineIn, depth int)
	walk = func(list []outlineIn, depth int) {
		for i := range list {
			o := &list[i]
			title := o.attr("title")
			if title == "" {
				title = o.attr("text")
			}
			xmlURL := o.attr("xmlUrl")
			if xmlURL == "" {
				if len(o.Outlines) == 0 && title != "" {
					skipped = append(skipped, fmt.Sprintf("%s: no xmlUrl, not a feed", quoteComment(title)))
				}
				if depth < 32 {
					walk(o.Outlines, depth+1)
				}
				continue
			}
			if len(feeds) < maxOPMLFeeds {
				feeds = append(feeds, feedIn{title: title, url: xmlURL, kind: strings.ToLower(o.attr("kind")), country: strings.ToUpper(o.attr("country"))})
			}
			if depth < 32 {
				walk(o.Outlines, depth+1) // a feed outline may nest others
			}
		}
	}
	walk(doc.Body.Outlines, 0)

	seenURL := map[string]string{} // normalised URL -> name it is configured as
	ids := map[string]bool{}
	for _, s := range existing {
		seenURL[NormalizeURL(s.URL)] = s.Name
		ids[s.ID] = true
		ids[Slug(s.Name)] = true
	}
	var entries bytes.Buffer
	var already []string
	added := 0
	for _, f := range feeds {
		label := quoteComment(orDefault(f.title, f.url))
		if msg := checkHTTPURL(f.url); msg != "" {
			skipped = append(skipped, fmt.Sprintf("%s: %s", label, msg))
			continue
		}
		key := NormalizeURL(f.url)
		if name, ok := seenURL[key]; ok {
			already = append(already, fmt.Sprintf("%s %s (as %s)", label, f.url, quoteComment(name)))
			continue
		}
		s := feedSource(f, ids)
		entry := renderEntry(s)
		if _, err := Parse("opml", []byte("sources:\n"+entry)); err != nil {
			var inv *InvalidError
			msg := err.Error()
			if errors.As(err, &inv) && len(inv.Problems) > 0 {
				p := inv.Problems[0]
				msg = strings.TrimPrefix(p.Key, "sources[0].") + ": " + p.Message
			}
			skipped = append(skipped, fmt.Sprintf("%s: %s", label, msg))
			continue
		}
		seenURL[key] = s.Name
		ids[Slug(s.Name)] = true
		entries.WriteString(entry)
		added++
	}

	var out bytes.Buffer
	fmt.Fprintf(&out, "# %d new feeds from the OPML file, ready to paste under \"sources:\" in feeds.yaml.\n", added)
	out.WriteString("# Kinds are guessed (regulator for government and regulator sites, else press): check them.\n")
	if len(already) > 0 {
		fmt.Fprintf(&out, "# Already configured or listed twice, left out (%d):\n", len(already))
		for _, a := range already {
			fmt.Fprintf(&out, "#   %s\n", a)
		}
	}
	if len(skipped) > 0 {
		fmt.Fprintf(&out, "# Skipped (%d):\n", len(skipped))
		for _, s := range skipped {
			fmt.Fprintf(&out, "#   %s\n", s)
		}
	}
	out.Write(entries.Bytes())
	return out.Bytes(), nil
}

// feedSource builds the source for an imported feed, with a name whose id is
// not taken yet.
func feedSource(f feedIn, ids map[string]bool) breachwire.Source {
	u, _ := url.Parse(f.url)
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	name := cleanName(f.title)
	if Slug(name) == "" {
		name = host
	}
	for n := 2; ids[Slug(name)]; n++ {
		base := cleanName(f.title)
		if Slug(base) == "" {
			base = host
		}
		if n == 2 && base != host {
			name = truncate(base, maxNameLen-len(host)-3) + " (" + host + ")"
		} else {
			name = truncate(base, maxNameLen-8) + " " + strconv.Itoa(n)
		}
	}
	kind := breachwire.Kind(f.kind)
	if kind != breachwire.KindRegulator && kind != breachwire.KindPress {
		kind = guessKind(f.title, host)
	}
	country := f.country
	if !validCountry(country) {
		country = ""
		if kind == breachwire.KindRegulator {
			country = guessCountry(host)
		}
	}
	return breachwire.Source{Name: name, Kind: kind, Country: country, URL: f.url, Format: breachwire.FormatFeed}
}

// cleanName collapses white space and control characters in a feed title
// and trims it to the length feeds.yaml accepts.
func cleanName(s string) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	return truncate(s, maxNameLen)
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if n < 0 {
		n = 0
	}
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimSpace(s[:n])
}

// regulatorTitle recognises regulators by name; regulatorHost by domain.
// feeds.yaml files government agencies (CISA, NCSC) as regulators too.
var regulatorTitle = regexp.MustCompile(`(?i)\b(regulator|regulatory|commissioner|supervisory authority|data protection (authority|commission)|autoriteit|garante|ombudsman|trade commission|exchange commission)\b`)

var regulatorDomains = []string{
	"gc.ca", "europa.eu", "admin.ch", "bund.de", "ico.org.uk", "cnil.fr", "dataprotection.ie",
	"autoriteitpersoonsgegevens.nl", "aepd.es", "garanteprivacy.it",
}

func regulatorHost(host string) bool {
	for _, label := range strings.Split(host, ".") {
		switch label {
		case "gov", "gouv", "gob", "govt", "mil":
			return true
		}
	}
	for _, d := range regulatorDomains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

func guessKind(title, host string) breachwire.Kind {
	if regulatorHost(host) || regulatorTitle.MatchString(title) {
		return breachwire.KindRegulator
	}
	return breachwire.KindPress
}

// guessCountry reads the country of a government host from its domain.
func guessCountry(host string) string {
	switch {
	case strings.HasSuffix(host, ".gov"), strings.HasSuffix(host, ".mil"):
		return "US"
	case strings.HasSuffix(host, "europa.eu"):
		return "EU"
	case strings.HasSuffix(host, ".uk"):
		return "GB"
	}
	if i := strings.LastIndexByte(host, '.'); i >= 0 && len(host)-i == 3 {
		if cc := strings.ToUpper(host[i+1:]); validCountry(cc) {
			return cc
		}
	}
	return ""
}

// renderEntry writes one source as a feeds.yaml list entry, indented to sit
// under "sources:".
func renderEntry(s breachwire.Source) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  - name: %s\n", yamlQuote(s.Name))
	fmt.Fprintf(&b, "    kind: %s\n", s.Kind)
	if s.Country != "" {
		fmt.Fprintf(&b, "    country: %s\n", s.Country)
	}
	fmt.Fprintf(&b, "    url: %s\n", yamlQuote(s.URL))
	fmt.Fprintf(&b, "    format: %s\n", s.Format)
	return b.String()
}

// yamlQuote writes s as a YAML double-quoted scalar. Go's escapes (\n, \t,
// \xXX, \uXXXX, \UXXXXXXXX) are all valid in YAML double-quoted strings.
func yamlQuote(s string) string { return strconv.Quote(s) }

// quoteComment quotes s for a one-line YAML comment.
func quoteComment(s string) string {
	return strconv.Quote(s)
}

// charsetReader decodes the encodings OPML exports use besides UTF-8:
// Latin-1 (and Windows-1252, read as Latin-1).
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return r, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		for _, c := range data {
			b.WriteRune(rune(c))
		}
		return strings.NewReader(b.String()), nil
	}
	return nil, fmt.Errorf("unsupported encoding %q (save the file as UTF-8)", label)
}
