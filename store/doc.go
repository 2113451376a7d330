// Package store is breachwire's system of record: sources' fetch state,
// articles with their extracted facts, and the record of digests sent, in one
// bbolt file. Everything else (the search index, the web pages, the email)
// is derived from it or reads it.
//
// # Bucket tree
//
// A "/" in a path separates buckets; *name* is a variable key; "->" gives
// the value; "nil" marks index buckets whose keys carry all the information.
// Integers are big-endian so that bbolt's byte order is numeric order.
//
//	meta                                 - counters and the schema version
//	╞══schema_version -> u64             - version of this tree (see migrations.go)
//	╞══last_id        -> u64             - last article id handed out
//	╞══last_seq       -> u64             - last change sequence number
//	╞══article_count  -> u64             - number of keys in articles
//	╘══index_seq      -> u64             - the search index's watermark (optional)
//	sources
//	╘══*source id*    -> JSON breachwire.SourceState
//	articles
//	╘══*id u64*       -> JSON breachwire.Article (ID never changes; Seq is its last write)
//	seen                                 - dedupe keys, each -> the article id (u64)
//	╞══'u' sha256(canonical url)         - URL, global: two sources, one article
//	╞══'g' sha256(source id, guid[, #j]) - GUID slot j, scoped to the source
//	╘══'t' sha256(source id, title, date[, #j]) - title slot j, for items with
//	                                       neither GUID nor URL
//	by_time                              - newest-first scans and time windows
//	╘══*date 12 bytes* *id u64* -> nil   - Article.Date(): u64 Unix seconds with the
//	                                       sign bit flipped, then u32 nanoseconds
//	changes                              - one entry per article, at its latest write
//	╘══*seq u64*      -> id u64
//	extracted                            - articles by extractor version, for re-extraction
//	╘══*version u32* *id u64* -> nil
//	digests
//	╘══*subscription*                    - one bucket per digest subscription
//	   ├──runs
//	   │  ╘══*run id u64* -> JSON DigestRecord
//	   └──sent                           - the sent-set: what was mailed, never mailed again
//	      ╘══*article id u64* -> run id u64
//
// Every bucket is created in the one transaction that Open runs, which also
// applies pending migrations; nothing else creates buckets except the
// per-subscription buckets under digests.
//
// # Identity and change sequence
//
// An article's ID is assigned at first insert and never changes. Every write
// of an article (insert, update in place after an upstream edit, new facts
// from a newer extractor) takes the next change sequence number, stores it
// in Article.Seq, and moves the article's single entry in changes to that
// number. A reader that remembers the last Seq it processed (the search
// index) calls Changes(after) to get everything written since, in order, and
// misses nothing even if it crashed halfway.
//
// # Dedupe
//
// SaveFetch finds an item's article by its canonical URL (global: the same
// article from two sources is one article, kept by the first source), then
// by its GUID (scoped to the source), then, for items with neither GUID nor
// URL (RELIABILITY D1), by its title and published date, else its title,
// else its content. Items with a GUID or URL never match by title, so that
// two items sharing a generic title on one day are never merged.
//
// A GUID or title key owns a list of slots (the plain key, then key#1,
// key#2...), because publishers put one GUID on several items
// (RELIABILITY D2): an item takes the first slot whose article no earlier
// item of the same pass has taken, and a new article binds the first free
// slot. Each of an item's keys is recorded against its article (a URL key
// when free, a slot when none points at the article yet), so a GUID that
// changes form later still finds the article through its URL and vice
// versa (D3), and storing the same document again, in any order, finds
// every item's article again (the property test checks both). seen keys are
// hashed so their size is bounded whatever the publisher sends (bbolt keys
// are limited to 32 KiB).
//
// # Encoding
//
// Records are JSON. The root types already carry JSON tags for the API, the
// form is stable and self-describing (fields can be added without a
// migration, and `bbolt get` shows a readable record), and decoding cost is
// small next to the fsyncs of a commit (see BenchmarkSaveFetch). Integers in
// keys are fixed-width big-endian.
//
// # Transactions
//
// Each call is one short transaction. Long operations (SaveFetch of more
// than 1,000 items, UpdateFactsBatch, Window) are split into bounded
// transactions, and SaveFetches groups small passes into one, each pass's
// items always with its state; so no write transaction holds more than a
// few thousand writes and no read transaction pins old pages for long.
// Bytes read from bbolt are decoded or copied before the transaction ends,
// and deletes go by key, never while a cursor walks the bucket. Reads are
// guarded against the panics that bbolt raises on a damaged file
// (debug.SetPanicOnFault and recover): they fail with ErrCorrupt.
package store
