package extract

import "strings"

// mention is a gazetteer entry found in the text: Name is its canonical
// short form, Start and End the byte offsets of the words matched.
type mention struct {
	Name    string
	Country string
	Start   int
	End     int
}

// regulatorMentions returns every regulator named in the text, in order of
// appearance, by its short form (ICO, FTC, HHS OCR...). The numeric
// extractor uses it to attribute fines.
//
// This is a minimal seed; the full gazetteer replaces it.
func regulatorMentions(d *doc) []mention {
	var out []mention
	for _, r := range []struct{ name, country string }{{"ICO", "GB"}, {"FTC", "US"}} {
		for i := 0; ; {
			j := strings.Index(d.text[i:], r.name)
			if j < 0 {
				break
			}
			out = append(out, mention{r.name, r.country, i + j, i + j + len(r.name)})
			i += j + len(r.name)
		}
	}
	return out
}
