package breachwire

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestParseFilter(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	f, err := ParseFilter(url.Values{"q": {"ransomware"}, "regulator": {"ICO,CNIL"}, "min_fine": {"1.5m"},
		"currency": {"gbp"}, "since": {"7d"}, "until": {"2026-11-28"}, "control": {"patching:absent"},
		"sort": {"fine"}, "limit": {"50"}, "page": {"2"}, "country": {"gb"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if f.MinFine != 1.5e6 || f.Currency != "GBP" || len(f.Regulator) != 2 || f.Sort != SortFine || f.Limit != 50 || f.Page != 2 || f.Country[0] != "GB" {
		t.Errorf("parsed %+v", f)
	}
	if !f.Since.Equal(now.Add(-7 * 24 * time.Hour)) {
		t.Errorf("since = %v", f.Since)
	}
	// round trip
	g, err := ParseFilter(f.Values(), now)
	if err != nil {
		t.Fatal(err)
	}
	if g.Values().Encode() != f.Values().Encode() {
		t.Errorf("round trip changed the filter:\n%s\n%s", f.Values().Encode(), g.Values().Encode())
	}
}

func TestParseFilter_F3_BadInput(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name string
		v    url.Values
		want string
	}{
		{"unknown", url.Values{"regulater": {"ICO"}}, `unknown filter "regulater"`},
		{"limit zero", url.Values{"limit": {"0"}}, "limit"},
		{"limit huge", url.Values{"limit": {"1000000000"}}, "limit"},
		{"limit negative", url.Values{"limit": {"-1"}}, "limit"},
		{"bad date", url.Values{"since": {"yesterday"}}, "since"},
		{"bad sort", url.Values{"sort": {"random"}}, "sort"},
		{"bad mfa", url.Values{"mfa": {"maybe"}}, "mfa"},
		{"bad attack", url.Values{"attack": {"alien"}}, "attack"},
		{"bad control", url.Values{"control": {"firewall"}}, "control"},
		{"bad currency", url.Values{"currency": {"pounds"}}, "currency"},
		{"bad min_fine", url.Values{"min_fine": {"lots"}}, "min_fine"},
		{"long q", url.Values{"q": {strings.Repeat("a", MaxQueryLen+1)}}, "q:"},
		{"until before since", url.Values{"since": {"2026-02-01"}, "until": {"2026-01-01"}}, "until"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFilter(tt.v, now)
			if err == nil {
				t.Fatal("no error")
			}
			if ErrorCode(err) != ECodeInvalid || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q (code %s), want it to mention %q", err, ErrorCode(err), tt.want)
			}
		})
	}
}
