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
//	╞══'g' sha256(source id, 0, guid)          - GUID, scoped to the source
//	╞══'u' sha256(canonical url)               - URL, global: two sources, one article
//	╘══'t' sha256(source id, 0, title, 0, date) - title and date, scoped to the source
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
// SaveFetch looks an item up by its GUID (scoped to the source), then its
// canonical URL (global), then its title and published date (scoped to the
// source; used only when the item has a date or has neither GUID nor URL,
// because a title alone is too weak to merge items that carry their own
// identities). seen keys are hashed so that their size is bounded whatever
// the publisher sends (bbolt keys are limited to 32 KiB). All of an item's
// keys are recorded against the article, so a GUID that changes form later
// still finds the article through its URL, and vice versa. When the GUID
// points at one article and the URL or title at another, the publisher has
// put one GUID on several items (RELIABILITY D2) and the GUID is ignored.
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
// Each call is one short transaction; long operations (SaveFetch of more
// than maxBatch items, UpdateFactsBatch, Window) are split into bounded
// transactions so that no write transaction holds more than a few thousand
// writes and no read transaction pins old pages for long. Bytes read from
// bbolt are decoded or copied before the transaction ends, and keys are
// collected before they are deleted, never deleted while a cursor walks
// them. Reads are guarded against the panics that bbolt raises on a damaged
// file (debug.SetPanicOnFault and recover): they fail with ErrCorrupt.
package store
