package fetch

import (
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
)

// guard decides which destinations a dial may reach (RELIABILITY A1-A5). It
// runs in net.Dialer.Control, on the IP actually being dialled, so DNS
// answers (including rebinding), redirects and every secondary fetch are
// covered by the same check. A guard is immutable after newGuard.
type guard struct {
	allowPrivate bool
	prefixes     []netip.Prefix
	// hostPorts holds allow-listed destinations, normalised by
	// normHostPort: "127.0.0.1:8080", "[::1]:8080", "feeds.lan:8080".
	hostPorts map[string]bool
	ports     map[uint16]bool
}

// newGuard builds the guard from validated options. Allow entries that do
// not parse are ignored, so an invalid entry allows nothing (Options.Validate
// reports them).
func newGuard(o Options) *guard {
	g := &guard{
		allowPrivate: o.AllowPrivate,
		hostPorts:    make(map[string]bool),
		ports:        make(map[uint16]bool),
	}
	for _, p := range o.AllowedPorts {
		if p > 0 && p < 1<<16 {
			g.ports[uint16(p)] = true
		}
	}
	for _, e := range o.Allow {
		kind, prefix, hp := parseAllowEntry(e)
		switch kind {
		case allowPrefix:
			g.prefixes = append(g.prefixes, prefix)
		case allowHostPort:
			g.hostPorts[hp] = true
		}
	}
	return g
}

type allowKind int

const (
	allowInvalid allowKind = iota
	allowPrefix
	allowHostPort
)

// parseAllowEntry reads one allow-list entry: a CIDR prefix ("10.0.0.0/8"),
// a single IP ("192.168.1.5", taken as a /32 or /128) or a host:port
// ("127.0.0.1:8080", "[::1]:9000", "rss-bridge.lan:3000").
func parseAllowEntry(e string) (allowKind, netip.Prefix, string) {
	e = strings.TrimSpace(e)
	if p, err := netip.ParsePrefix(e); err == nil {
		return allowPrefix, p.Masked(), ""
	}
	if a, err := netip.ParseAddr(e); err == nil {
		a = a.Unmap().WithZone("")
		return allowPrefix, netip.PrefixFrom(a, a.BitLen()), ""
	}
	if hp, ok := normHostPort(e); ok {
		return allowHostPort, netip.Prefix{}, hp
	}
	return allowInvalid, netip.Prefix{}, ""
}

// normHostPort returns host:port with the host in lower case, a trailing dot
// removed and IP literals in canonical form, so that an allow entry and a
// dial address compare equal.
func normHostPort(s string) (string, bool) {
	host, port, err := net.SplitHostPort(s)
	if err != nil || host == "" {
		return "", false
	}
	n, err := strconv.Atoi(port)
	if err != nil || n <= 0 || n >= 1<<16 {
		return "", false
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if a, err := netip.ParseAddr(host); err == nil {
		host = a.Unmap().WithZone("").String()
	}
	return net.JoinHostPort(host, strconv.Itoa(n)), true
}

// allowsName reports whether the dial address (host:port as the transport
// asks for it, before DNS) is allow-listed.
func (g *guard) allowsName(addr string) bool {
	hp, ok := normHostPort(addr)
	return ok && g.hostPorts[hp]
}

// control returns the net.Dialer.Control function for one dial. nameAllowed
// is true when the requested host:port itself is on the allow-list.
func (g *guard) control(nameAllowed bool) func(network, address string, c syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		return g.check(network, address, nameAllowed)
	}
}

// check is the policy: TCP only; allow-listed host:port destinations pass;
// otherwise the IP must be public (unless AllowPrivate or an allowed prefix
// covers it) and the port allowed.
func (g *guard) check(network, address string, nameAllowed bool) error {
	if network != "tcp4" && network != "tcp6" && network != "tcp" {
		return fmt.Errorf("%w: %s", ErrNetworkNotAllowed, network)
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: cannot read dial address %q", ErrPrivateAddress, address)
	}
	ip := ap.Addr().Unmap().WithZone("")
	if nameAllowed || g.hostPorts[netip.AddrPortFrom(ip, ap.Port()).String()] {
		return nil
	}
	if reason := nonPublic(ip); reason != "" && !g.allowPrivate && !g.inPrefixes(ip) {
		return fmt.Errorf("%w: %s is %s", ErrPrivateAddress, ip, reason)
	}
	if !g.ports[ap.Port()] {
		return fmt.Errorf("%w: %d (allowed: %s)", ErrPortNotAllowed, ap.Port(), g.portList())
	}
	return nil
}

func (g *guard) inPrefixes(ip netip.Addr) bool {
	for _, p := range g.prefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

func (g *guard) portList() string {
	var ps []string
	for p := 1; p < 1<<16; p++ {
		if g.ports[uint16(p)] {
			ps = append(ps, strconv.Itoa(p))
		}
	}
	if len(ps) == 0 {
		return "none"
	}
	return strings.Join(ps, ", ")
}

// special lists address blocks that are not public destinations beyond what
// netip's predicates cover, after the IANA special-purpose registries.
var special = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), `"this network"`},
	{netip.MustParsePrefix("100.64.0.0/10"), "carrier-grade NAT (RFC 6598)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol assignment"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation"},
	{netip.MustParsePrefix("192.88.99.0/24"), "6to4 relay"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},
	{netip.MustParsePrefix("::/96"), "IPv4-compatible"},
	{netip.MustParsePrefix("64:ff9b::/96"), "NAT64"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "local NAT64"},
	{netip.MustParsePrefix("100::/64"), "discard-only"},
	{netip.MustParsePrefix("2001::/23"), "IETF protocol assignment (Teredo and others)"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},
	{netip.MustParsePrefix("2002::/16"), "6to4"},
	{netip.MustParsePrefix("3fff::/20"), "documentation"},
}

var globalUnicast6 = netip.MustParsePrefix("2000::/3")

// nonPublic returns why ip is not a public unicast address, or "" when it
// is. IPv4-mapped IPv6 addresses are unmapped first.
func nonPublic(ip netip.Addr) string {
	ip = ip.Unmap().WithZone("")
	switch {
	case !ip.IsValid():
		return "invalid"
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate() && ip.Is4():
		return "private"
	case ip.IsPrivate():
		return "unique local (ULA)"
	case ip.IsLinkLocalUnicast():
		return "link-local (cloud metadata lives here)"
	case ip.IsMulticast(), ip.IsLinkLocalMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	case ip == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "broadcast"
	}
	for _, s := range special {
		if s.prefix.Contains(ip) {
			return s.reason
		}
	}
	if ip.Is6() && !globalUnicast6.Contains(ip) {
		return "not global unicast"
	}
	return ""
}

// legacyIPv4 parses the host forms that inet_aton accepts but canonical
// dotted decimal does not: one to four parts, each decimal, octal (leading
// 0) or hex (0x), the last part filling the remaining bytes, as in
// 2130706433, 0x7f000001, 0177.0.0.1 or 127.1. Such hosts are refused during
// URL validation (A5), because resolvers disagree about them.
func legacyIPv4(host string) (netip.Addr, bool) {
	if host == "" || strings.Trim(host, "0123456789abcdefABCDEFxX.") != "" {
		return netip.Addr{}, false
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return netip.Addr{}, false // canonical
	}
	parts := strings.Split(host, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	vals := make([]uint64, len(parts))
	for i, p := range parts {
		base := 10
		switch {
		case strings.HasPrefix(p, "0x") || strings.HasPrefix(p, "0X"):
			base, p = 16, p[2:]
		case len(p) > 1 && p[0] == '0':
			base, p = 8, p[1:]
		}
		if p == "" {
			if base != 16 {
				return netip.Addr{}, false
			}
			p = "0" // "0x" alone is zero for inet_aton
		}
		v, err := strconv.ParseUint(p, base, 32)
		if err != nil {
			return netip.Addr{}, false
		}
		vals[i] = v
	}
	var n uint64
	last := len(vals) - 1
	for i, v := range vals[:last] {
		if v > 255 {
			return netip.Addr{}, false
		}
		n |= v << (8 * (3 - i))
	}
	rest := uint(8 * (4 - last))
	if rest < 64 && vals[last] >= 1<<rest {
		return netip.Addr{}, false
	}
	n |= vals[last]
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), true
}
