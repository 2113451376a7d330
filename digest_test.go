package breachwire

import (
	"reflect"
	"testing"
	"time"
)

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		amount float64
		cur    string
		want   string
	}{
		{3070000, "GBP", "£3.07m"},
		{500000, "EUR", "€500,000"},
		{1200000, "PLN", "PLN 1.2m"},
		{1.5e9, "USD", "$1.5bn"},
		{999, "USD", "$999"},
		{6090000, "GBP", "£6.09m"},
	}
	for _, tt := range tests {
		if got := FormatMoney(tt.amount, tt.cur); got != tt.want {
			t.Errorf("FormatMoney(%v, %s) = %q, want %q", tt.amount, tt.cur, got, tt.want)
		}
	}
	if got := FormatCount(79404); got != "79,404" {
		t.Errorf("FormatCount(79404) = %q", got)
	}
	if got := FormatCount(-1000); got != "-1,000" {
		t.Errorf("FormatCount(-1000) = %q", got)
	}
}

func TestBuildDigest(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	fined := Article{ID: 1, Title: "fined", FirstSeen: now, Facts: Facts{
		Fines:       []Fine{{Amount: 3070000, Currency: "GBP", Status: FineFinal, Regulator: "ICO"}, {Amount: 6090000, Currency: "GBP", Status: FineOther}},
		Affected:    []Affected{{Count: 79404, What: "people"}, {Count: 890, What: "people"}},
		MFA:         &Control{Control: ControlMFA, Status: StatusAbsent},
		AttackTypes: []string{"ransomware"},
	}}
	breach := Article{ID: 2, Title: "breach", FirstSeen: now, Facts: Facts{
		Affected:    []Affected{{Count: 1000, What: "customers"}},
		AttackTypes: []string{"phishing"}, Organisations: []string{"Acme"},
	}}
	advisory := Article{ID: 3, Title: "advisory", FirstSeen: now, Facts: Facts{CVEs: []string{"CVE-2026-1"}}}
	plain := Article{ID: 4, Title: "plain", FirstSeen: now}
	d := BuildDigest([]Article{plain, advisory, breach, fined}, now.Add(-24*time.Hour), now, nil)
	var order []uint64
	for _, it := range d.Items {
		order = append(order, it.Article.ID)
	}
	if want := []uint64{1, 2, 3, 4}; !reflect.DeepEqual(order, want) {
		t.Errorf("order = %v, want %v", order, want)
	}
	groups := map[uint64]string{}
	for _, it := range d.Items {
		groups[it.Article.ID] = it.Group
	}
	if want := map[uint64]string{1: GroupEnforcement, 2: GroupBreaches, 3: GroupAdvisories, 4: GroupOther}; !reflect.DeepEqual(groups, want) {
		t.Errorf("groups = %v, want %v", groups, want)
	}
	f := d.Figures
	if f.Articles != 4 || f.Fines["GBP"] != 3070000 || f.People != 80404 || f.MFAAbsent != 1 || f.FailedControls != 1 {
		t.Errorf("figures = %+v", f)
	}
	if got, want := d.Items[0].Reasons, []string{"£3.07m fine (final) · ICO", "79,404 people", "MFA absent", "ransomware"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reasons = %q, want %q", got, want)
	}
}
