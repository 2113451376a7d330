package fetch

import (
	"regexp"
	"strings"
	"time"
)

// dateLayouts are the forms dates take in real feeds, sitemaps and listing
// pages, tried in order after the weekday is removed. Two-digit years (the
// CISA and OPC feeds: "Thu, 02 Jul 26 12:00:00 +0000") read as 2000-2068 and
// 1969-1999, as Go does.
var dateLayouts = []string{
	time.RFC3339Nano,
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04:05 MST",
	"2 Jan 06 15:04 -0700",
	"2 Jan 06 15:04 MST",
	"2 Jan 06 15:04:05",
	"2 Jan 06",
	"2 Jan 2006",
	"2 January 2006 15:04:05 -0700",
	"2 January 2006 15:04",
	"2 January 2006",
	"January 2, 2006 15:04:05 -0700",
	"January 2, 2006 3:04 PM",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006 15:04:05 -0700",
	"Jan 2, 2006 3:04 PM",
	"Jan 2, 2006",
	"Jan 2 2006",
	"Jan 2 15:04:05 2006",
	"Jan 2 15:04:05 MST 2006",
	"January 2006",
	"2.1.2006 15:04",
	"2.1.2006",
}

// fastLayouts are tried first, on the trimmed string as it came.
var fastLayouts = []string{time.RFC1123Z, time.RFC3339, time.RFC1123}

// zoneOffsets gives the offsets of zone abbreviations seen in feeds;
// time.Parse gives an unknown abbreviation a zero offset (gofeed 215c854).
// IST is read as India Standard Time, the commonest in security feeds.
var zoneOffsets = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
	"WEST": 1, "BST": 1, "CET": 1, "MET": 1, "CEST": 2, "MEST": 2, "EET": 2, "EEST": 3,
	"MSK": 3, "IST": 5*60 + 30, "PKT": 5, "SGT": 8, "HKT": 8, "AWST": 8, "CST": -6, "CDT": -5,
	"JST": 9, "KST": 9, "ACST": 9*60 + 30, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
	"EST": -5, "EDT": -4, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8,
	"HST": -10, "AST": -4, "ADT": -3, "NST": -3*60 - 30, "NDT": -2*60 - 30,
}

func zoneOffsetSeconds(abbr string) (int, bool) {
	v, ok := zoneOffsets[abbr]
	if !ok {
		return 0, false
	}
	if v > 14 || v < -14 { // given in minutes
		return v * 60, true
	}
	return v * 3600, true
}

var (
	// weekdayPrefix is a leading day name in any language ("Thu,", "Dom,",
	// "Monday,"), which no layout includes.
	weekdayPrefix = regexp.MustCompile(`^\p{L}{2,12}\.?,\s*`)
	ordinal       = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)\b`)
	dateLabel     = regexp.MustCompile(`(?i)^(?:published|posted|updated|date|last updated)\s*(?:on)?\s*:?\s*`)
	isoDateInText = regexp.MustCompile(`\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`)
	dmyInText     = regexp.MustCompile(`\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b`)
	mdyInText     = regexp.MustCompile(`\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, \d{4}\b`)
)

// parseDate reads a date written in any of the forms real feeds and pages
// use. It reports false for an empty or unreadable string; the caller keeps
// the raw string either way (RELIABILITY C6).
func parseDate(raw string) (time.Time, bool) {
	s := strings.TrimSpace(raw)
	if s == "" || len(s) > 200 {
		return time.Time{}, false
	}
	// Fast path: the standard forms most feeds and sitemaps use.
	for _, layout := range fastLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return fixZone(t), true
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	if dateLabel.MatchString(s) {
		s = dateLabel.ReplaceAllString(s, "")
	}
	if ordinal.MatchString(s) {
		s = ordinal.ReplaceAllString(s, "$1")
	}
	if loc := weekdayPrefix.FindStringIndex(s); loc != nil {
		s = s[loc[1]:]
	}
	if t, ok := tryLayouts(s); ok {
		return t, true
	}
	// Trailing junk, as in "16 Jun 2024 00:05:38 +0000 2024-06-16 00:05:38":
	// drop words from the end while something is left to parse.
	words := strings.Fields(s)
	for n := len(words) - 1; n >= 2 && n >= len(words)-4; n-- {
		if t, ok := tryLayouts(strings.Join(words[:n], " ")); ok {
			return t, true
		}
	}
	// A date somewhere inside a longer text ("Published on 9 September 2026
	// by the Board").
	for _, re := range []*regexp.Regexp{isoDateInText, dmyInText, mdyInText} {
		if m := re.FindString(s); m != "" {
			if t, ok := tryLayouts(m); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func tryLayouts(s string) (time.Time, bool) {
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if strings.Contains(layout, "MST") {
			t = fixZone(t)
		}
		return t, true
	}
	return time.Time{}, false
}

// fixZone gives a time parsed with a zone abbreviation the offset that
// abbreviation stands for, independently of the host's zone database.
func fixZone(t time.Time) time.Time {
	name, offset := t.Zone()
	if want, ok := zoneOffsetSeconds(strings.ToUpper(name)); ok && want != offset {
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, want))
	}
	return t
}

// plausibleDate drops placeholder dates: anything before 1995 (0001-01-01,
// 1970-01-01) and the "Mon, 01 Jan 01" midnight of 2001-01-01 that CMSs
// write when they have no date (the OPC feed's lastBuildDate).
func plausibleDate(t time.Time) time.Time {
	if t.IsZero() || t.Year() < 1995 {
		return time.Time{}
	}
	if t.Year() == 2001 && t.Month() == time.January && t.Day() == 1 && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return time.Time{}
	}
	return t
}
