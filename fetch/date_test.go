package fetch

import (
	"testing"
	"time"
)

// TestParseDate_C6 covers the forms real feeds, sitemaps and listing pages
// use, and the malformed ones of RELIABILITY C6.
func TestParseDate_C6(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339; "" when unreadable
	}{
		{"Thu, 02 Jul 26 12:00:00 +0000", "2026-07-02T12:00:00Z"},                       // CISA
		{"Tue, 14 Jul 26 00:00:00 -0400", "2026-07-14T04:00:00Z"},                       // OPC
		{"Sun, 05 Jul 2026 10:14:52 -0400", "2026-07-05T14:14:52Z"},                     // RFC 1123Z
		{"Fri, 03 Jul 2026 13:01:00 GMT", "2026-07-03T13:01:00Z"},                       // RFC 1123
		{"Sat, 4 Jul 2026 18:17:53 +0530", "2026-07-04T12:47:53Z"},                      // one-digit day
		{"Tue, 20 Dec 2016 09:31:15 IST", "2016-12-20T04:01:15Z"},                       // India
		{"Tue, 20 Dec 2016 09:31:15 EDT", "2016-12-20T13:31:15Z"},                       // zone abbreviation
		{"Tue, 20 Dec 2016 09:31:15 CEST", "2016-12-20T07:31:15Z"},                      // zone abbreviation
		{"Dom, 16 Jun 2024 00:05:38 +0000 2024-06-16 00:05:38", "2024-06-16T00:05:38Z"}, // Spanish day, junk
		{"Monday, 2 March 2026 09:00:00 +0000", "2026-03-02T09:00:00Z"},
		{"2026-07-05T09:30:00+01:00", "2026-07-05T08:30:00Z"},
		{"2026-07-05T09:30:00.123Z", "2026-07-05T09:30:00.123Z"},
		{"2026-07-05T09:30", "2026-07-05T09:30:00Z"},
		{"2026-07-05 09:30:00", "2026-07-05T09:30:00Z"},
		{"2026-03-27", "2026-03-27T00:00:00Z"},
		{"27 March 2026", "2026-03-27T00:00:00Z"},
		{"9 September 2026", "2026-09-09T00:00:00Z"},
		{"3rd September 2026", "2026-09-03T00:00:00Z"},
		{"April 30, 2026", "2026-04-30T00:00:00Z"},
		{"Sep 1, 2026", "2026-09-01T00:00:00Z"},
		{"31.05.2017", "2017-05-31T00:00:00Z"},
		{"Published: 11 September 2026", "2026-09-11T00:00:00Z"},
		{"Date 27 March 2026 by the press office", "2026-03-27T00:00:00Z"},
		{"  \n Thu, 02 Jul 2026 12:00:00 +0000 \n", "2026-07-02T12:00:00Z"}, // whitespace from CDATA
		{"", ""},
		{"sometime last week", ""},
		{"not a date", ""},
		{"99/99/9999", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseDate(tt.in)
			if tt.want == "" {
				if ok {
					t.Fatalf("parseDate(%q) = %v, want unreadable", tt.in, got)
				}
				return
			}
			want, err := time.Parse(time.RFC3339Nano, tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if !ok || !got.Equal(want) {
				t.Fatalf("parseDate(%q) = %v, %v; want %v", tt.in, got, ok, want)
			}
		})
	}
}

// TestPlausibleDate_C7: placeholder dates become "no date"; real ones stay.
func TestPlausibleDate_C7(t *testing.T) {
	for _, tt := range []struct {
		in   time.Time
		keep bool
	}{
		{time.Time{}, false},
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2001, 1, 1, 0, 0, 0, 0, time.FixedZone("", -4*3600)), false}, // "Mon, 01 Jan 01"
		{time.Date(2001, 1, 1, 9, 30, 0, 0, time.UTC), true},
		{time.Date(2026, 7, 2, 12, 0, 0, 0, time.UTC), true},
		{time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC), true}, // future: kept raw; Article.Date clamps it
	} {
		if got := plausibleDate(tt.in); got.IsZero() == tt.keep {
			t.Errorf("plausibleDate(%v) = %v, keep %v", tt.in, got, tt.keep)
		}
	}
}
