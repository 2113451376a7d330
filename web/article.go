package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"breachwire"
)

// articleID reads the {id} path value.
func articleID(r *http.Request) (uint64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseUint(raw, 10, 64)
	if err != nil || id == 0 {
		return 0, breachwire.Errorf(breachwire.ECodeNotFound, "there is no article %q: article IDs are whole numbers from 1", truncateRunes(raw, 40))
	}
	return id, nil
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

func (s *Server) handleAPIArticle(w http.ResponseWriter, r *http.Request) {
	id, err := articleID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	a, err := s.store.Article(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	a.Facts.Normalize()
	s.writeJSON(w, r, http.StatusOK, a)
}

// factView is one fact listed on the article page, with its evidence.
type factView struct {
	Kind     string // fine, affected, control, money
	Label    string
	Evidence string
	// Anchor is the id of the fact's first highlighted words in the text,
	// or "" when they could not be located.
	Anchor string
}

// segment is a run of the article text: plain, inside an evidence
// sentence, or the words of a fact.
type segment struct {
	Text     string
	Evidence bool
	Fact     bool
	// Anchors are the ids of the facts whose words start here.
	Anchors []string
}

type namedList struct {
	Label  string
	Values []string
}

type articlePage struct {
	layout
	ID        uint64
	Heading   string
	URL       string // the original, when it is an http(s) URL
	RawURL    string // shown as text when it is not
	Source    string
	Kind      string
	Country   string
	Author    string
	Published time.Time
	FirstSeen time.Time
	Updated   time.Time
	Facts     []factView
	Lists     []namedList
	Segments  []segment
	Badges    []Badge
	APIURL    string
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	id, err := articleID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.store.Article(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	heading := a.Title
	if strings.TrimSpace(heading) == "" {
		heading = "(untitled)"
	}
	p := articlePage{layout: s.layout(heading, ""), ID: a.ID, Heading: heading,
		URL: safeURL(a.URL), Source: s.sourceName(a.SourceID, a.SourceName), Kind: string(a.Kind),
		Country: a.Country, Author: a.Author, Published: a.Published, FirstSeen: a.FirstSeen, Updated: a.Updated,
		Badges: FactBadges(&a.Facts), APIURL: "/api/articles/" + strconv.FormatUint(a.ID, 10)}
	if p.URL == "" {
		p.RawURL = a.URL
	}
	text := a.Text
	if strings.TrimSpace(text) == "" {
		text = a.Summary
	}
	p.Facts, p.Segments = highlight(text, &a.Facts)
	f := &a.Facts
	for _, l := range []namedList{
		{"Regulators", f.Regulators}, {"Organisations", f.Organisations}, {"Attack types", spaced(f.AttackTypes)},
		{"Threat actors", f.ThreatActors}, {"Vulnerabilities", f.CVEs}, {"Sectors", f.Sectors}, {"Countries", f.Countries},
	} {
		if len(l.Values) > 0 {
			p.Lists = append(p.Lists, l)
		}
	}
	s.render(w, r, http.StatusOK, "article", p)
}

// spaced writes vocabulary words (data_theft) as words.
func spaced(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ReplaceAll(w, "_", " ")
	}
	return out
}

// span is a byte range of the text to mark.
type span struct {
	start, end int
	fact       bool
	anchor     string
}

// validSpan reports whether [start, end) is a non-empty range of text that
// starts and ends on character boundaries.
func validSpan(text string, start, end int) bool {
	return start >= 0 && end <= len(text) && start < end &&
		utf8.RuneStart(text[start]) && (end == len(text) || utf8.RuneStart(text[end]))
}

// locate finds a fact's words in the text: at its offsets when they are in
// range, on character boundaries and hold the fact's words (the offsets
// are into the extractor's input, which is not always the stored text);
// else its words inside its evidence sentence; else the words anywhere.
// It also returns the evidence sentence's range when found.
func locate(text, words, evidence string, start, end int) (w, ev [2]int, okW, okEv bool) {
	if validSpan(text, start, end) && (words == "" || text[start:end] == words) {
		w, okW = [2]int{start, end}, true
	}
	if evidence != "" {
		from := 0
		for {
			i := strings.Index(text[from:], evidence)
			if i < 0 {
				break
			}
			i += from
			j := i + len(evidence)
			if !okW || (w[0] >= i && w[1] <= j) {
				ev, okEv = [2]int{i, j}, true
				break
			}
			from = j
		}
	}
	if !okW && words != "" {
		if okEv {
			if k := strings.Index(text[ev[0]:ev[1]], words); k >= 0 {
				w, okW = [2]int{ev[0] + k, ev[0] + k + len(words)}, true
			}
		} else if k := strings.Index(text, words); k >= 0 {
			w, okW = [2]int{k, k + len(words)}, true
		}
	}
	return w, ev, okW, okEv
}

// highlight lists the facts with their evidence and cuts the text into
// segments marking every evidence sentence and every fact's words.
func highlight(text string, f *breachwire.Facts) ([]factView, []segment) {
	var facts []factView
	var spans []span
	add := func(kind, label, words, evidence string, start, end int) {
		fv := factView{Kind: kind, Label: label, Evidence: evidence}
		w, ev, okW, okEv := locate(text, words, evidence, start, end)
		if okEv {
			spans = append(spans, span{start: ev[0], end: ev[1]})
		}
		if okW {
			fv.Anchor = "fact-" + strconv.Itoa(len(facts)+1)
			spans = append(spans, span{start: w[0], end: w[1], fact: true, anchor: fv.Anchor})
		} else if okEv {
			fv.Anchor = "fact-" + strconv.Itoa(len(facts)+1)
			spans = append(spans, span{start: ev[0], end: ev[0], anchor: fv.Anchor})
		}
		facts = append(facts, fv)
	}
	for _, x := range f.Fines {
		label := breachwire.FormatMoney(x.Amount, x.Currency) + " fine · " + x.Status
		if x.Regulator != "" {
			label += " · " + x.Regulator
		}
		add("fine", label, x.Text, x.Evidence, x.Start, x.End)
	}
	for _, x := range f.Affected {
		add("affected", qualified(x.Qualifier)+breachwire.FormatCount(x.Count)+" "+x.What, x.Text, x.Evidence, x.Start, x.End)
	}
	controls := f.Controls
	if f.MFA != nil && !containsControl(controls, breachwire.ControlMFA) {
		controls = append([]breachwire.Control{*f.MFA}, controls...)
	}
	for _, c := range controls {
		add("control", breachwire.ControlTitle(c.Control)+" "+controlStatus(c.Status), c.Text, c.Evidence, c.Start, c.End)
	}
	for _, m := range f.Money {
		if m.Role == breachwire.RoleFine {
			continue // listed as fines
		}
		add("money", breachwire.FormatMoney(m.Amount, m.Currency)+" "+m.Role, m.Text, m.Evidence, m.Start, m.End)
	}
	return facts, segments(text, spans)
}

func containsControl(cs []breachwire.Control, name string) bool {
	for _, c := range cs {
		if c.Control == name {
			return true
		}
	}
	return false
}

func controlStatus(st string) string {
	switch st {
	case breachwire.StatusAbsent:
		return "absent"
	case breachwire.StatusPresent:
		return "in place"
	case breachwire.StatusMentioned:
		return "advised"
	}
	return st
}

// segments cuts text at every span boundary; each piece records whether it
// lies in an evidence sentence, in a fact's words, and the anchors of the
// facts that start there. A fact located only by its sentence has an empty
// span at the sentence's start, which cuts there and carries its anchor.
func segments(text string, spans []span) []segment {
	if text == "" {
		return nil
	}
	cuts := []int{0, len(text)}
	for _, sp := range spans {
		cuts = append(cuts, sp.start, sp.end)
	}
	sort.Ints(cuts)
	var out []segment
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if a == b {
			continue
		}
		seg := segment{Text: text[a:b]}
		for _, sp := range spans {
			if sp.start <= a && b <= sp.end {
				if sp.fact {
					seg.Fact = true
				} else {
					seg.Evidence = true
				}
			}
			if sp.start == a && sp.anchor != "" {
				seg.Anchors = append(seg.Anchors, sp.anchor)
			}
		}
		out = append(out, seg)
	}
	return out
}
