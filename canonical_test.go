package breachwire

import (
	"net/url"
	"strings"
	"testing"
)

func TestCanonicalURL_D3(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"lower scheme and host", "HTTPS://WWW.Example.COM/News/Item", "https://www.example.com/News/Item"},
		{"default https port", "https://example.com:443/a", "https://example.com/a"},
		{"default http port", "http://example.com:80/a", "http://example.com/a"},
		{"other port kept", "http://example.com:8080/a", "http://example.com:8080/a"},
		{"empty path", "https://example.com", "https://example.com/"},
		{"fragment dropped", "https://example.com/a#comments", "https://example.com/a"},
		{"utm dropped", "https://example.com/a?utm_source=rss&utm_medium=feed&UTM_Campaign=x", "https://example.com/a"},
		{"click ids dropped", "https://example.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&msclkid=5", "https://example.com/a"},
		{"query sorted", "https://example.com/a?b=2&a=1&utm_source=x", "https://example.com/a?a=1&b=2"},
		{"empty params dropped", "https://example.com/a?&&p=1&", "https://example.com/a?p=1"},
		{"credentials dropped", "https://user:pw@example.com/a", "https://example.com/a"},
		{"trailing dot host", "https://example.com./a", "https://example.com/a"},
		{"space trimmed", "  https://example.com/a  ", "https://example.com/a"},
		{"ipv6 host", "http://[2001:DB8::1]:80/x", "http://[2001:db8::1]/x"},
		{"escaping kept", "https://example.com/a%20b/C?q=a%26b", "https://example.com/a%20b/C?q=a%26b"},
		{"krebs self link", "https://krebsonsecurity.com/feed/?utm_source=chatgpt.com", "https://krebsonsecurity.com/feed/"},
		{"not http", "mailto:a@example.com", "mailto:a@example.com"},
		{"relative", "/en/news/", "/en/news/"},
		{"guid-like", "urn:uuid:1234", "urn:uuid:1234"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CanonicalURL(tt.in)
			if got != tt.want {
				t.Fatalf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := CanonicalURL(got); again != got {
				t.Fatalf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"https://example.com/a?utm_source=x&b=1#f",
		"HTTP://Example.COM:80",
		"https://[::1]:443/x?y=%zz",
		"http://a/b/../c?;=&",
		"https://www.priv.gc.ca/en/opc-actions-and-decisions/?a=1&A=2",
		"not a url",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := CanonicalURL(s)
		if again := CanonicalURL(got); again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, again)
		}
		u, err := url.Parse(got)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || strings.Trim(u.Hostname(), ".") == "" {
			return // not an http URL: returned as given
		}
		if u.Fragment != "" {
			t.Fatalf("fragment kept in %q", got)
		}
		for key := range u.Query() {
			if isTrackingParam(key) {
				t.Fatalf("tracking parameter %q kept in %q", key, got)
			}
		}
		if u.User != nil {
			t.Fatalf("credentials kept in %q", got)
		}
		if strings.ToLower(u.Host) != u.Host {
			t.Fatalf("host not lower case in %q", got)
		}
	})
}
