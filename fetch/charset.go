package fetch

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16BE = []byte{0xFE, 0xFF}
	bomUTF16LE = []byte{0xFF, 0xFE}

	// xmlDecl matches the XML declaration's encoding pseudo-attribute.
	xmlDecl = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)
	// metaCharset matches <meta charset=...> and the http-equiv form.
	metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)`)
)

// metaScanLimit is how far into an HTML page a <meta charset> is looked for.
// Browsers stop at 1024 bytes; real pages put it later (RELIABILITY C4).
const metaScanLimit = 64 << 10

// toUTF8 returns body as UTF-8, by the rule of RELIABILITY C4: bytes that
// are valid UTF-8 stay UTF-8 whatever the labels say; otherwise the charset
// from the Content-Type header, then the XML declaration or HTML meta, then
// sniffing. It converts at most once. For XML (isXML) the declaration is
// rewritten to say UTF-8, so that the XML decoder does not convert again.
func toUTF8(body []byte, contentType string, isXML bool) []byte {
	switch {
	case bytes.HasPrefix(body, bomUTF8):
		body = body[len(bomUTF8):]
	case bytes.HasPrefix(body, bomUTF16BE), bytes.HasPrefix(body, bomUTF16LE):
		if out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(body); err == nil {
			body = out
		}
	}
	if !utf8.Valid(body) {
		body = decodeLabelled(body, contentType, isXML)
	}
	if isXML {
		body = rewriteXMLDecl(body)
	}
	return body
}

// decodeLabelled converts non-UTF-8 bytes using the first charset label found.
func decodeLabelled(body []byte, contentType string, isXML bool) []byte {
	label := ""
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		label = params["charset"]
	}
	if label == "" {
		label = declaredCharset(body, isXML)
	}
	if label == "" {
		if mostlyUTF8(body) {
			return bytes.ToValidUTF8(body, []byte("\uFFFD"))
		}
		_, label, _ = charset.DetermineEncoding(body, "text/html")
	}
	enc, name := charset.Lookup(label)
	if enc == nil || name == "utf-8" {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return out
}

// declaredCharset returns the charset named in the XML declaration or an
// HTML meta element, or "".
func declaredCharset(body []byte, isXML bool) string {
	if m := xmlDecl.FindSubmatch(head(body, 1024)); m != nil {
		return string(m[1])
	}
	if isXML {
		return ""
	}
	if m := metaCharset.FindSubmatch(head(body, metaScanLimit)); m != nil {
		return string(m[1])
	}
	return ""
}

func head(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// mostlyUTF8 reports whether body holds more valid multi-byte UTF-8
// sequences than invalid bytes: UTF-8 text with a few damaged bytes, which
// must not be re-read as Latin-1 (C3).
func mostlyUTF8(body []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(body); {
		if body[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	return valid > 0 && invalid <= valid
}

// rewriteXMLDecl makes the XML declaration, if any, say UTF-8.
func rewriteXMLDecl(body []byte) []byte {
	loc := xmlDecl.FindSubmatchIndex(head(body, 1024))
	if loc == nil {
		return body
	}
	if strings.EqualFold(string(body[loc[2]:loc[3]]), "utf-8") {
		return body
	}
	out := make([]byte, 0, len(body))
	out = append(out, body[:loc[2]]...)
	out = append(out, "UTF-8"...)
	return append(out, body[loc[3]:]...)
}

// validXMLChar reports whether XML 1.0 allows the code point.
func validXMLChar(r uint64) bool {
	return r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// stripInvalidXMLChars removes characters XML 1.0 forbids (C0 controls but
// tab, LF and CR; U+FFFE and U+FFFF), written raw or as character
// references such as &#0; or &#999999999999;, which make the XML decoder
// stop (RELIABILITY C3). body must be UTF-8; it is returned unchanged (not
// copied) when clean.
func stripInvalidXMLChars(body []byte) []byte {
	body = stripRawInvalid(body)
	var out []byte // nil until an invalid reference is found
	last := 0
	for i := 0; ; {
		j := bytes.Index(body[i:], []byte("&#"))
		if j < 0 {
			break
		}
		start := i + j
		end, valid := charRefEnd(body, start)
		if end < 0 {
			i = start + 2
			continue
		}
		if !valid {
			out = append(out, body[last:start]...)
			last = end
		}
		i = end
	}
	if out == nil {
		return body
	}
	return append(out, body[last:]...)
}

// charRefEnd reads a numeric character reference at body[start:] ("&#65;",
// "&#x41;"), returning the index after its ';' (or -1 when it is not one)
// and whether XML allows the character it names.
func charRefEnd(body []byte, start int) (int, bool) {
	i := start + 2
	hex := i < len(body) && (body[i] == 'x' || body[i] == 'X')
	if hex {
		i++
	}
	var v uint64
	digits := 0
	for ; i < len(body) && digits <= 64; i++ {
		c := body[i]
		var d uint64
		switch {
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case hex && c >= 'a' && c <= 'f':
			d = uint64(c-'a') + 10
		case hex && c >= 'A' && c <= 'F':
			d = uint64(c-'A') + 10
		case c == ';' && digits > 0:
			return i + 1, validXMLChar(v)
		default:
			return -1, false
		}
		if v <= 0x10FFFF { // beyond that it is invalid anyway; avoid overflow
			if hex {
				v = v*16 + d
			} else {
				v = v*10 + d
			}
		}
		digits++
	}
	return -1, false
}

func stripRawInvalid(body []byte) []byte {
	clean := true
	for i := 0; i < len(body); i++ {
		b := body[i]
		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || (b == 0xEF && i+2 < len(body) && body[i+1] == 0xBF && (body[i+2] == 0xBE || body[i+2] == 0xBF)) {
			clean = false
			break
		}
	}
	if clean {
		return body
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		b := body[i]
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			i++
			continue
		}
		if b == 0xEF && i+2 < len(body) && body[i+1] == 0xBF && (body[i+2] == 0xBE || body[i+2] == 0xBF) {
			i += 3
			continue
		}
		out = append(out, b)
		i++
	}
	return out
}
