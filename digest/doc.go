// Package digest composes and sends breachwire's daily email.
//
// An Edition is one digest for one subscription: the articles of a window,
// ranked and grouped exactly as the web digest does (breachwire.BuildDigest),
// with for each item why it was included when the subscription has filters
// and a link to its page on the server when a public base URL is configured.
// It renders as plain text (readable at 72 columns) and as HTML (inline
// styles, tables for layout, no remote resources), and names itself in a
// subject line with the date and the headline figures.
//
// A Sender delivers an Edition's Message over SMTP (STARTTLS, implicit TLS,
// or none for a relay on this machine) as multipart/alternative, with every
// header one line whatever the titles hold (RELIABILITY E5).
//
// A Scheduler sends each subscription's digest daily at its local time. Its
// state lives in the store's digest records, reached through the Records
// interface: a digest covers everything since the last one sent, a restart
// never sends twice, a machine that was off at send time sends once when it
// comes back, and a digest that could not be sent stays pending and is
// retried with capped exponential backoff.
//
// The package imports only the root package: articles come through Finder
// and records through Records, which cmd/breachwire adapts from the search
// index and the store.
package digest
