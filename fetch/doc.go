// Package fetch is breachwire's only way to the network: one guarded HTTP
// client that reads sources (RSS, Atom and JSON feeds, HTML listing pages,
// sitemaps) and article pages, politely and safely.
//
// Safety (RELIABILITY A): every dial passes through a guard in
// net.Dialer.Control that checks the IP actually dialled, so DNS answers,
// redirects and article fetches are all covered. Loopback, private,
// link-local, unique-local, carrier-grade NAT, metadata, NAT64 and other
// non-public addresses are refused unless Options.AllowPrivate or an
// Options.Allow entry allows them; only TCP to ports 80 and 443 is allowed
// by default. Only http and https URLs are fetched, redirects are re-checked
// at every hop, https never redirects to http, and credentials never follow a
// redirect to another host.
//
// Limits (RELIABILITY B, C8): a timeout per exchange that covers the whole
// body, a cap on the decoded body size, a redirect limit, a cap on items per
// document and on field sizes.
//
// Politeness (RELIABILITY B6-B8, H2): conditional GET with the stored
// validators sent back byte for byte, one request at a time per host with a
// gap between requests, an honest User-Agent, 429 and 503 Retry-After
// returned to the scheduler (see NextCheck), bot-protection challenges
// reported as such.
//
// Parsing (RELIABILITY C, D): gofeed parses the bytes fetched here (never
// ParseURL), a new parser per document; the format is detected from the
// content. gofeed and goquery types never leave this package: callers get
// breachwire.Item values with a dedupe key, absolute canonical links, plain
// text with paragraph breaks and parsed dates.
package fetch
