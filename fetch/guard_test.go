package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/net/dns/dnsmessage"

	"breachwire"
)

// TestGuard_A1_A2_A5_Addresses runs dial addresses through the guard's
// policy directly (no network), covering every address class of A1, A2 and
// A5 and the allow-list forms.
func TestGuard_A1_A2_A5_Addresses(t *testing.T) {
	def := Options{}.withDefaults()
	tests := []struct {
		name    string
		opts    Options
		network string
		addr    string
		byName  string // the requested host:port, for name allow entries
		want    error
	}{
		{"loopback v4", def, "tcp4", "127.0.0.1:80", "", ErrPrivateAddress},
		{"loopback other", def, "tcp4", "127.9.9.9:443", "", ErrPrivateAddress},
		{"loopback v6", def, "tcp6", "[::1]:80", "", ErrPrivateAddress},
		{"loopback v6 long form", def, "tcp6", "[0:0:0:0:0:0:0:1]:80", "", ErrPrivateAddress},
		{"ipv4-mapped loopback", def, "tcp6", "[::ffff:127.0.0.1]:80", "", ErrPrivateAddress},
		{"ipv4-mapped private", def, "tcp6", "[::ffff:10.0.0.5]:443", "", ErrPrivateAddress},
		{"ipv4-compatible", def, "tcp6", "[::7f00:1]:80", "", ErrPrivateAddress},
		{"unspecified v4", def, "tcp4", "0.0.0.0:80", "", ErrPrivateAddress},
		{"this network", def, "tcp4", "0.1.2.3:80", "", ErrPrivateAddress},
		{"unspecified v6", def, "tcp6", "[::]:80", "", ErrPrivateAddress},
		{"private 10", def, "tcp4", "10.0.0.5:443", "", ErrPrivateAddress},
		{"private 172", def, "tcp4", "172.16.0.1:80", "", ErrPrivateAddress},
		{"private 192.168", def, "tcp4", "192.168.1.1:80", "", ErrPrivateAddress},
		{"metadata", def, "tcp4", "169.254.169.254:80", "", ErrPrivateAddress},
		{"metadata v6 (ULA)", def, "tcp6", "[fd00:ec2::254]:80", "", ErrPrivateAddress},
		{"alibaba metadata (CGNAT)", def, "tcp4", "100.100.100.200:80", "", ErrPrivateAddress},
		{"CGNAT", def, "tcp4", "100.64.0.1:443", "", ErrPrivateAddress},
		{"link-local v6", def, "tcp6", "[fe80::1%eth0]:80", "", ErrPrivateAddress},
		{"NAT64 of loopback", def, "tcp6", "[64:ff9b::7f00:1]:80", "", ErrPrivateAddress},
		{"NAT64 of public", def, "tcp6", "[64:ff9b::5db8:d70e]:80", "", ErrPrivateAddress},
		{"local NAT64", def, "tcp6", "[64:ff9b:1::1]:80", "", ErrPrivateAddress},
		{"6to4", def, "tcp6", "[2002:7f00:1::1]:80", "", ErrPrivateAddress},
		{"teredo", def, "tcp6", "[2001::1]:80", "", ErrPrivateAddress},
		{"documentation v4", def, "tcp4", "203.0.113.7:80", "", ErrPrivateAddress},
		{"documentation v6", def, "tcp6", "[2001:db8::1]:80", "", ErrPrivateAddress},
		{"multicast", def, "tcp4", "224.0.0.1:80", "", ErrPrivateAddress},
		{"broadcast", def, "tcp4", "255.255.255.255:80", "", ErrPrivateAddress},
		{"reserved", def, "tcp4", "240.0.0.1:80", "", ErrPrivateAddress},
		{"public v4 https", def, "tcp4", "93.184.215.14:443", "", nil},
		{"public v4 http", def, "tcp4", "151.101.0.81:80", "", nil},
		{"public v6", def, "tcp6", "[2606:4700::1111]:443", "", nil},
		{"public redis port", def, "tcp4", "93.184.215.14:6379", "", ErrPortNotAllowed},
		{"public smtp port", def, "tcp4", "93.184.215.14:25", "", ErrPortNotAllowed},
		{"public ssh port", def, "tcp4", "93.184.215.14:22", "", ErrPortNotAllowed},
		{"udp", def, "udp4", "93.184.215.14:443", "", ErrNetworkNotAllowed},
		{"allow private", Options{AllowPrivate: true}.withDefaults(), "tcp4", "10.0.0.5:80", "", nil},
		{"allow private keeps ports", Options{AllowPrivate: true}.withDefaults(), "tcp4", "10.0.0.5:6379", "", ErrPortNotAllowed},
		{"allowed prefix", Options{Allow: []string{"10.0.0.0/8"}}.withDefaults(), "tcp4", "10.1.2.3:443", "", nil},
		{"outside allowed prefix", Options{Allow: []string{"10.0.0.0/8"}}.withDefaults(), "tcp4", "192.168.1.1:443", "", ErrPrivateAddress},
		{"allowed single IP", Options{Allow: []string{"192.168.1.5"}}.withDefaults(), "tcp4", "192.168.1.5:80", "", nil},
		{"allowed host:port", Options{Allow: []string{"127.0.0.1:8080"}}.withDefaults(), "tcp4", "127.0.0.1:8080", "", nil},
		{"other port of allowed host", Options{Allow: []string{"127.0.0.1:8080"}}.withDefaults(), "tcp4", "127.0.0.1:8081", "", ErrPrivateAddress},
		{"allowed v6 host:port", Options{Allow: []string{"[::1]:9000"}}.withDefaults(), "tcp6", "[::1]:9000", "", nil},
		{"allowed name", Options{Allow: []string{"Feeds.LAN:3000"}}.withDefaults(), "tcp4", "10.0.0.9:3000", "feeds.lan:3000", nil},
		{"other name", Options{Allow: []string{"feeds.lan:3000"}}.withDefaults(), "tcp4", "10.0.0.9:3000", "evil.lan:3000", ErrPrivateAddress},
		{"invalid allow entry allows nothing", Options{Allow: []string{"10.0.0.0/99"}}.withDefaults(), "tcp4", "10.0.0.1:80", "", ErrPrivateAddress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGuard(tt.opts)
			err := g.check(tt.network, tt.addr, tt.byName != "" && g.allowsName(tt.byName))
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Fatalf("check(%s, %s) = %v, want %v", tt.network, tt.addr, err, tt.want)
			}
		})
	}
}

func TestLegacyIPv4_A5(t *testing.T) {
	tests := []struct {
		host string
		want string // "" when not a legacy form
	}{
		{"2130706433", "127.0.0.1"},
		{"0x7f000001", "127.0.0.1"},
		{"0177.0.0.1", "127.0.0.1"},
		{"127.1", "127.0.0.1"},
		{"0x7f.1", "127.0.0.1"},
		{"10.0x00.0.1", "10.0.0.1"},
		{"3232235777", "192.168.1.1"},
		{"127.0.0.1", ""},   // canonical: checked at dial
		{"example.com", ""}, // a name
		{"cafe.bad", ""},    // hex letters, not a number
		{"4294967296", ""},  // out of range
		{"1.2.3.4.5", ""},   // too many parts
		{"256.1.1.1", ""},   // part too large
		{"0x", "0.0.0.0"},   // inet_aton reads it as zero
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			ip, ok := legacyIPv4(tt.host)
			if tt.want == "" {
				if ok {
					t.Fatalf("legacyIPv4(%q) = %v, want not legacy", tt.host, ip)
				}
				return
			}
			if !ok || ip.String() != tt.want {
				t.Fatalf("legacyIPv4(%q) = %v, %v, want %s", tt.host, ip, ok, tt.want)
			}
		})
	}
}

// countingServer counts requests that reached it.
func countingServer(t *testing.T, body string) (*httptest.Server, *atomic.Int64) {
	var hits atomic.Int64
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(body))
	}))
	return srv, &hits
}

const tinyFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://t.example/</link><description/>
<item><title>One</title><link>https://t.example/1</link><guid>one</guid></item></channel></rss>`

func srvPort(t *testing.T, srv *httptest.Server) int {
	_, p, err := net.SplitHostPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(p)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFetch_A1_LoopbackRefusedByDefault: a source on loopback is refused at
// dial time, whatever the port, and no request reaches the server.
func TestFetch_A1_LoopbackRefusedByDefault(t *testing.T) {
	srv, hits := countingServer(t, tinyFeed)
	for _, tt := range []struct {
		name string
		opts Options
		want error
	}{
		{"defaults", Options{}, ErrPrivateAddress},
		{"port allowed, address not", Options{AllowedPorts: []int{srvPort(t, srv)}}, ErrPrivateAddress},
		{"address allowed, port not", Options{AllowPrivate: true}, ErrPortNotAllowed},
		{"prefix allowed, port not", Options{Allow: []string{"127.0.0.0/8"}}, ErrPortNotAllowed},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := testClient(t, tt.opts)
			_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/feed"), breachwire.SourceState{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Fetch error = %v, want %v", err, tt.want)
			}
			if tt.want == ErrPrivateAddress && !strings.Contains(err.Error(), "private network refused: 127.0.0.1 is loopback") {
				t.Fatalf("message %q does not say what was refused", err)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("%d requests reached the refused server", n)
	}
	t.Run("allowed", func(t *testing.T) {
		for _, o := range []Options{
			{Allow: []string{srv.Listener.Addr().String()}},
			{Allow: []string{"127.0.0.0/8"}, AllowedPorts: []int{srvPort(t, srv)}},
			{AllowPrivate: true, AllowedPorts: []int{srvPort(t, srv)}},
		} {
			c := testClient(t, o)
			res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL+"/feed"), breachwire.SourceState{})
			if err != nil || len(res.Items) != 1 {
				t.Fatalf("allowed fetch with %+v: %v", o.Allow, err)
			}
		}
	})
}

// fakeDNS answers A queries from a table and returns a resolver that uses
// it, so that a public-looking name can resolve to loopback (A3).
func fakeDNS(t testing.TB, answers map[string][]netip.Addr) *net.Resolver {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			var p dnsmessage.Parser
			h, err := p.Start(buf[:n])
			if err != nil {
				continue
			}
			q, err := p.Question()
			if err != nil {
				continue
			}
			name := strings.TrimSuffix(q.Name.String(), ".")
			ips, known := answers[name]
			rh := dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RCode: dnsmessage.RCodeSuccess}
			if !known {
				rh.RCode = dnsmessage.RCodeNameError
			}
			b := dnsmessage.NewBuilder(nil, rh)
			b.StartQuestions()
			b.Question(q)
			b.StartAnswers()
			for _, ip := range ips {
				if q.Type == dnsmessage.TypeA && ip.Is4() {
					b.AResource(dnsmessage.ResourceHeader{Name: q.Name, Type: dnsmessage.TypeA, Class: dnsmessage.ClassINET, TTL: 60}, dnsmessage.AResource{A: ip.As4()})
				}
			}
			msg, err := b.Finish()
			if err != nil {
				continue
			}
			pc.WriteTo(msg, from)
		}
	}()
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "udp", pc.LocalAddr().String())
		},
	}
}

// TestFetch_A3_PublicNameResolvingToLoopback: the guard checks the IP that
// is dialled, so a public-looking name whose DNS answer is loopback is
// refused. The positive control proves the resolver was used.
func TestFetch_A3_PublicNameResolvingToLoopback(t *testing.T) {
	srv, hits := countingServer(t, tinyFeed)
	port := srvPort(t, srv)
	res := fakeDNS(t, map[string][]netip.Addr{
		"feeds.public-regulator.test":  {netip.MustParseAddr("127.0.0.1")},
		"rebind.public-regulator.test": {netip.MustParseAddr("127.0.0.2"), netip.MustParseAddr("127.0.0.1")},
	})
	for _, host := range []string{"feeds.public-regulator.test", "rebind.public-regulator.test"} {
		t.Run(host, func(t *testing.T) {
			c := testClient(t, Options{Resolver: res, AllowedPorts: []int{port}})
			u := "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/feed"
			_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, u), breachwire.SourceState{})
			if !errors.Is(err, ErrPrivateAddress) {
				t.Fatalf("Fetch(%s) error = %v, want ErrPrivateAddress", u, err)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("%d requests reached the server behind the name", n)
	}
	t.Run("control: allowed prefix reaches it", func(t *testing.T) {
		c := testClient(t, Options{Resolver: res, AllowedPorts: []int{port}, Allow: []string{"127.0.0.0/8"}})
		u := "http://" + net.JoinHostPort("feeds.public-regulator.test", strconv.Itoa(port)) + "/feed"
		if _, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, u), breachwire.SourceState{}); err != nil {
			t.Fatalf("Fetch through the fake resolver: %v", err)
		}
		if hits.Load() != 1 {
			t.Fatalf("hits = %d, want 1", hits.Load())
		}
	})
}

// TestFetch_A4_RedirectToPrivate: a 302 from an allowed server into another
// (not allowed) loopback address is refused at that hop; nothing reaches the
// target and the target is not reported as the source's new URL.
func TestFetch_A4_RedirectToPrivate(t *testing.T) {
	admin, adminHits := countingServer(t, "secret admin page")
	for _, code := range []int{http.StatusFound, http.StatusMovedPermanently} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			public := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, admin.URL+"/admin", code)
			}))
			c := testClient(t, Options{}, public)
			res, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, public.URL+"/feed"), breachwire.SourceState{})
			if !errors.Is(err, ErrPrivateAddress) {
				t.Fatalf("error = %v, want ErrPrivateAddress", err)
			}
			if res != nil && res.PermanentRedirect != "" {
				t.Fatalf("refused target reported as permanent redirect %q", res.PermanentRedirect)
			}
		})
	}
	if n := adminHits.Load(); n != 0 {
		t.Fatalf("%d requests reached the private target", n)
	}
}

// TestFetch_A5_OddAddressForms: numeric host forms are refused during URL
// validation; IPv4-mapped, long-form and unspecified addresses at dial; odd
// ports at dial. Every target is on this machine.
func TestFetch_A5_OddAddressForms(t *testing.T) {
	tests := []struct {
		url  string
		opts Options
		want error
	}{
		{"http://2130706433/", Options{}, ErrPrivateAddress},
		{"http://0x7f000001/", Options{}, ErrPrivateAddress},
		{"http://0177.0.0.1/", Options{}, ErrPrivateAddress},
		{"http://127.1/", Options{}, ErrPrivateAddress},
		{"http://[::ffff:127.0.0.1]/", Options{}, ErrPrivateAddress},
		{"http://[0:0:0:0:0:0:0:1]/", Options{}, ErrPrivateAddress},
		{"http://[::1]/", Options{}, ErrPrivateAddress},
		{"http://0.0.0.0/", Options{}, ErrPrivateAddress},
		{"http://localhost/", Options{}, ErrPrivateAddress},
		{"http://127.0.0.1:6379/", Options{AllowPrivate: true}, ErrPortNotAllowed},
		{"http://127.0.0.1:25/", Options{AllowPrivate: true}, ErrPortNotAllowed},
		{"http://127.0.0.1:22/", Options{AllowPrivate: true}, ErrPortNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			c := testClient(t, tt.opts)
			_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, tt.url), breachwire.SourceState{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestFetch_A6_NonHTTPSchemes: only http and https, checked before any I/O,
// for the source URL and for redirect targets.
func TestFetch_A6_NonHTTPSchemes(t *testing.T) {
	c := testClient(t, Options{})
	for _, u := range []string{
		"file:///etc/passwd", "ftp://ftp.example.org/feed.xml", "gopher://example.org/1",
		"data:text/html,<rss/>", "javascript:alert(1)", "//example.org/feed", "feed://example.org/rss",
	} {
		t.Run(u, func(t *testing.T) {
			_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, u), breachwire.SourceState{})
			if !errors.Is(err, ErrScheme) {
				t.Fatalf("error = %v, want ErrScheme", err)
			}
		})
	}
	t.Run("no host", func(t *testing.T) {
		_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, "http:///feed"), breachwire.SourceState{})
		if !errors.Is(err, ErrBadURL) {
			t.Fatalf("error = %v, want ErrBadURL", err)
		}
	})
	t.Run("redirect to file", func(t *testing.T) {
		srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "file:///etc/passwd")
			w.WriteHeader(http.StatusFound)
		}))
		c := testClient(t, Options{}, srv)
		_, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL), breachwire.SourceState{})
		if !errors.Is(err, ErrScheme) {
			t.Fatalf("error = %v, want ErrScheme", err)
		}
	})
}

// TestFetch_A7_ProxyFromEnvironmentIgnored: a proxy in the environment would
// hide the destination from the guard, so it is not used.
func TestFetch_A7_ProxyFromEnvironmentIgnored(t *testing.T) {
	srv, hits := countingServer(t, tinyFeed)
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:1")
	t.Setenv("http_proxy", "http://127.0.0.1:1")
	t.Setenv("NO_PROXY", "")
	c := testClient(t, Options{}, srv)
	if _, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, srv.URL), breachwire.SourceState{}); err != nil {
		t.Fatalf("Fetch with HTTP_PROXY set: %v", err)
	}
	if hits.Load() != 1 {
		t.Fatalf("direct hits = %d, want 1", hits.Load())
	}
}

// TestFetch_A9_CredentialsStrippedCrossHost: basic-auth credentials from the
// source URL go to its own host on every hop, never to another host.
func TestFetch_A9_CredentialsStrippedCrossHost(t *testing.T) {
	var otherAuth atomic.Value
	otherAuth.Store("unset")
	other := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherAuth.Store(r.Header.Get("Authorization") + "|" + r.Header.Get("Cookie"))
		w.Write([]byte(tinyFeed))
	}))
	otherURL := "http://localhost:" + strconv.Itoa(srvPort(t, other)) + "/feed"
	var sameHostAuth atomic.Value
	origin := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/start":
			http.SetCookie(w, &http.Cookie{Name: "session", Value: "s3cret"})
			http.Redirect(w, r, "/moved", http.StatusFound)
		case "/moved":
			sameHostAuth.Store(r.Header.Get("Authorization"))
			http.Redirect(w, r, otherURL, http.StatusFound)
		}
	}))
	o := Options{Allow: []string{"localhost:" + strconv.Itoa(srvPort(t, other))}}
	c := testClient(t, o, origin)
	u := strings.Replace(origin.URL, "http://", "http://reader:pa55word@", 1) + "/start"
	if _, err := c.Fetch(context.Background(), source(breachwire.FormatFeed, u), breachwire.SourceState{}); err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if got, _ := sameHostAuth.Load().(string); !strings.HasPrefix(got, "Basic ") {
		t.Fatalf("same-host hop lost the credentials: %q", got)
	}
	if got := otherAuth.Load().(string); got != "|" {
		t.Fatalf("other host received credentials or cookies: %q", got)
	}
}
