package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"breachwire"

	bolt "go.etcd.io/bbolt"
)

// Incoming is one item of a source pass, ready to store: the item as fetch
// read it, plus the facts the caller extracted from its title and text and
// the extractor version that produced them.
type Incoming struct {
	breachwire.Item
	Facts            breachwire.Facts
	ExtractorVersion int
}

// Saved reports what SaveFetch did. New, Updated, Unchanged, Duplicate and
// Skipped add up to the number of items committed.
type Saved struct {
	// New counts articles inserted; Updated, articles of this source whose
	// title, text, summary, date or link changed upstream (or whose facts
	// came from a newer extractor) and were rewritten in place.
	New, Updated int
	// Unchanged counts items already stored as they are, including
	// repeats of an item within the pass.
	Unchanged int
	// Duplicate counts items already stored from another source (the same
	// canonical URL): the first source keeps the article, and this
	// source's GUID and title keys are recorded against it.
	Duplicate int
	// Skipped counts items with no GUID, URL, title or text to key them.
	Skipped int
	// IDs gives, for each item in order, the article it was stored as or
	// matched; 0 for a skipped item.
	IDs []uint64
	// NewIDs and UpdatedIDs list the articles written, in item order.
	NewIDs, UpdatedIDs []uint64
	// Seq is the last change sequence number after the pass.
	Seq uint64
}

func (s *Saved) add(p *Saved) {
	s.New += p.New
	s.Updated += p.Updated
	s.Unchanged += p.Unchanged
	s.Duplicate += p.Duplicate
	s.Skipped += p.Skipped
	s.NewIDs = append(s.NewIDs, p.NewIDs...)
	s.UpdatedIDs = append(s.UpdatedIDs, p.UpdatedIDs...)
	s.Seq = p.Seq
}

// SaveFetch stores the items of one successful pass over src together with
// the source's new state, validators included, in one transaction
// (RELIABILITY B7, G2): after a crash either both are there or neither.
//
// Items are deduplicated as the package doc describes: refetching the same
// items stores nothing and takes no sequence number; an item whose title,
// text, summary, published date or link changed upstream is updated in
// place (same ID, FirstSeen kept, new Seq). Empty fields of an item never
// erase stored ones: an item whose page was not fetched again (Known) keeps
// its stored text and facts. When such an item's title changed, its
// ExtractorVersion is set to 0 so that the re-extractor redoes its facts
// from the stored text.
//
// The store keeps state.Items (articles stored from the source) and sets
// state.LastNew; other fields are stored as given. Passes of more than
// 1,000 items are written in several transactions, the state with the
// last; if one fails, the earlier ones stay and the validators are not
// saved, so the next pass fetches the whole document again and dedupe makes
// that harmless. The returned Saved covers the committed transactions.
func (db *DB) SaveFetch(ctx context.Context, src *breachwire.Source, state breachwire.SourceState, items []Incoming) (Saved, error) {
	saved, err := db.SaveFetches(ctx, []Pass{{Source: src, State: state, Items: items}})
	return saved[0], err
}

// Pass is one successful pass over a source, for SaveFetches.
type Pass struct {
	Source *breachwire.Source
	State  breachwire.SourceState
	Items  []Incoming
}

// SaveFetches stores several passes, as SaveFetch does each, grouping
// consecutive passes into one transaction while they hold at most 1,000
// items together. Each pass's items and state still commit together
// (RELIABILITY B7), and a writer that has several passes waiting pays for
// one commit (two fsyncs) instead of one per pass. An error rolls back the
// group it happened in; groups committed before it stay, and their Saved are
// filled in. Saved is returned for every pass, in order.
func (db *DB) SaveFetches(ctx context.Context, passes []Pass) ([]Saved, error) {
	results := make([]Saved, len(passes))
	for i := range passes {
		ps := &passes[i]
		results[i].IDs = make([]uint64, len(ps.Items))
		if ps.Source == nil || ps.Source.ID == "" {
			return results, breachwire.Errorf(breachwire.ECodeInvalid, "store: save fetch: no source id")
		}
		if ps.State.SourceID == "" {
			ps.State.SourceID = ps.Source.ID
		}
		if ps.State.SourceID != ps.Source.ID {
			return results, breachwire.Errorf(breachwire.ECodeInvalid, "store: save fetch: state of source %q given for source %q", ps.State.SourceID, ps.Source.ID)
		}
	}
	now := db.now().UTC().Round(0)
	for i := 0; i < len(passes); {
		if len(passes[i].Items) > maxBatch {
			if err := db.saveLarge(ctx, &passes[i], &results[i], now); err != nil {
				return results, err
			}
			i++
			continue
		}
		j, total := i, 0
		for j < len(passes) && total+len(passes[j].Items) <= maxBatch {
			total += len(passes[j].Items)
			j++
		}
		parts := make([]Saved, j-i)
		err := db.update(ctx, func(tx *bolt.Tx) error {
			w, err := newWriter(tx)
			if err != nil {
				return err
			}
			for k := i; k < j; k++ {
				ps := &passes[k]
				p := newPass()
				if parts[k-i], err = w.savePart(ctx, tx, ps, 0, len(ps.Items), true, p, now, results[k].IDs, 0); err != nil {
					return err
				}
			}
			return w.flush()
		})
		if err != nil {
			for k := i; k < j; k++ {
				clear(results[k].IDs)
			}
			return results, err
		}
		for k := i; k < j; k++ {
			results[k].add(&parts[k-i])
		}
		i = j
	}
	return results, nil
}

// saveLarge stores a pass of more than maxBatch items in transactions of
// maxBatch items, the state with the last.
func (db *DB) saveLarge(ctx context.Context, ps *Pass, saved *Saved, now time.Time) error {
	p := newPass() // shared across the transactions: a failed one ends the pass
	for start := 0; start < len(ps.Items); start += maxBatch {
		end := min(start+maxBatch, len(ps.Items))
		var part Saved
		err := db.update(ctx, func(tx *bolt.Tx) error {
			w, err := newWriter(tx)
			if err != nil {
				return err
			}
			if part, err = w.savePart(ctx, tx, ps, start, end, end == len(ps.Items), p, now, saved.IDs, saved.New); err != nil {
				return err
			}
			return w.flush()
		})
		if err != nil {
			clear(saved.IDs[start:end])
			return err
		}
		saved.add(&part)
	}
	return nil
}

// savePart stores ps.Items[start:end] in the writer's transaction, writing
// each item's article id into ids; when last, it stores the pass's state
// too, counting earlierNew articles stored by earlier transactions of the
// pass.
func (w *writer) savePart(ctx context.Context, tx *bolt.Tx, ps *Pass, start, end int, last bool, p *pass, now time.Time, ids []uint64, earlierNew int) (Saved, error) {
	var part Saved
	for i := start; i < end; i++ {
		if err := ctx.Err(); err != nil {
			return part, err
		}
		id, out, err := w.save(ps.Source, &ps.Items[i], now, p)
		if err != nil {
			return part, fmt.Errorf("store: save item %d (%q) of source %q: %w", i, ps.Items[i].Title, ps.Source.ID, err)
		}
		ids[i] = id
		switch out {
		case outNew:
			part.New++
			part.NewIDs = append(part.NewIDs, id)
		case outUpdated:
			part.Updated++
			part.UpdatedIDs = append(part.UpdatedIDs, id)
		case outUnchanged:
			part.Unchanged++
		case outDuplicate:
			part.Duplicate++
		case outSkipped:
			part.Skipped++
		}
	}
	if last {
		b := tx.Bucket(bucketSources)
		old, err := getState(b, ps.Source.ID)
		if err != nil {
			return part, err
		}
		state := ps.State
		state.LastNew = earlierNew + part.New
		state.Items = state.LastNew
		if old != nil {
			state.Items += old.Items
		}
		if err := putState(b, &state); err != nil {
			return part, err
		}
	}
	part.Seq = w.lastSeq
	return part, nil
}

type outcome int

const (
	outSkipped outcome = iota
	outNew
	outUpdated
	outUnchanged
	outDuplicate
)

// writer holds the buckets and counters of one write transaction.
type writer struct {
	meta, articles, seen, byTime, changes, extracted *bolt.Bucket
	lastID, lastSeq, count                           uint64
}

func newWriter(tx *bolt.Tx) (*writer, error) {
	w := &writer{
		meta:      tx.Bucket(bucketMeta),
		articles:  tx.Bucket(bucketArticles),
		seen:      tx.Bucket(bucketSeen),
		byTime:    tx.Bucket(bucketByTime),
		changes:   tx.Bucket(bucketChanges),
		extracted: tx.Bucket(bucketExtracted),
	}
	if w.meta == nil || w.articles == nil || w.seen == nil || w.byTime == nil || w.changes == nil || w.extracted == nil {
		return nil, corruptError(tx.DB().Path(), fmt.Errorf("a bucket of the schema is missing"))
	}
	// Keys of these buckets only grow (ids, sequence numbers, mostly recent
	// dates): full pages waste less space than bbolt's default half-full
	// split, which suits random inserts.
	w.articles.FillPercent = 0.9
	w.changes.FillPercent = 0.9
	w.byTime.FillPercent = 0.9
	w.extracted.FillPercent = 0.9
	w.lastID = readU64(w.meta.Get(keyLastID))
	w.lastSeq = readU64(w.meta.Get(keyLastSeq))
	w.count = readU64(w.meta.Get(keyArticleCount))
	return w, nil
}

// flush writes the counters back to meta.
func (w *writer) flush() error {
	for _, kv := range []struct {
		k []byte
		v uint64
	}{{keyLastID, w.lastID}, {keyLastSeq, w.lastSeq}, {keyArticleCount, w.count}} {
		if err := w.meta.Put(kv.k, u64(kv.v)); err != nil {
			return fmt.Errorf("store: put meta %s: %w", kv.k, err)
		}
	}
	return nil
}

// get returns the stored article, or nil.
func (w *writer) get(id uint64) (*breachwire.Article, error) {
	return getArticle(w.articles, id)
}

func getArticle(b *bolt.Bucket, id uint64) (*breachwire.Article, error) {
	v := b.Get(u64(id))
	if v == nil {
		return nil, nil
	}
	var a breachwire.Article
	if err := json.Unmarshal(v, &a); err != nil {
		return nil, fmt.Errorf("store: decode article %d: %w", id, err)
	}
	return &a, nil
}

// put writes a with the next sequence number and moves its entries in the
// index buckets; old is the stored version (nil for an insert).
func (w *writer) put(a, old *breachwire.Article) error {
	w.lastSeq++
	a.Seq = w.lastSeq
	a.Facts.Normalize()
	v, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("encode article %d: %w", a.ID, err)
	}
	id := u64(a.ID)
	if err := w.articles.Put(id, v); err != nil {
		return fmt.Errorf("put article %d: %w", a.ID, err)
	}
	tk := byTimeKey(a.Date(), a.ID)
	ek := extractedKey(a.ExtractorVersion, a.ID)
	if old == nil {
		w.count++
	} else {
		if err := w.changes.Delete(u64(old.Seq)); err != nil {
			return fmt.Errorf("delete change %d: %w", old.Seq, err)
		}
		if otk := byTimeKey(old.Date(), a.ID); !bytes.Equal(otk, tk) {
			if err := w.byTime.Delete(otk); err != nil {
				return fmt.Errorf("delete by_time entry of article %d: %w", a.ID, err)
			}
		}
		if oek := extractedKey(old.ExtractorVersion, a.ID); !bytes.Equal(oek, ek) {
			if err := w.extracted.Delete(oek); err != nil {
				return fmt.Errorf("delete extracted entry of article %d: %w", a.ID, err)
			}
		}
	}
	if err := w.changes.Put(u64(a.Seq), id); err != nil {
		return fmt.Errorf("put change %d: %w", a.Seq, err)
	}
	if err := w.byTime.Put(tk, nil); err != nil {
		return fmt.Errorf("put by_time entry of article %d: %w", a.ID, err)
	}
	if err := w.extracted.Put(ek, nil); err != nil {
		return fmt.Errorf("put extracted entry of article %d: %w", a.ID, err)
	}
	return nil
}

// cleanItem makes an item storable exactly as it will read back, so that a
// refetch compares equal: invalid UTF-8 (which JSON would rewrite to
// U+FFFD) is replaced the same way now, and a date outside the years 1 to
// 9999 (which JSON cannot encode) is dropped, its raw text kept.
func cleanItem(it breachwire.Item) breachwire.Item {
	fix := func(s *string) { *s = strings.ToValidUTF8(*s, "\uFFFD") }
	for _, s := range []*string{&it.Key, &it.GUID, &it.URL, &it.CanonicalURL, &it.Title,
		&it.Author, &it.Summary, &it.Text, &it.PublishedRaw} {
		fix(s)
	}
	if it.Categories != nil {
		it.Categories = slices.Clone(it.Categories)
		for i := range it.Categories {
			fix(&it.Categories[i])
		}
	}
	for _, t := range []*time.Time{&it.Published, &it.Updated} {
		if y := t.Year(); y < 1 || y > 9999 {
			*t = time.Time{}
		}
	}
	return it
}

// itemKeys are an item's identity: its cleaned GUID and URL, its URL key,
// and the material of its GUID and title slot keys (nil when the item lacks
// what the key is made of).
type itemKeys struct {
	guid, url string
	uk        []byte
	g, t      []string
}

// keysOf computes an item's dedupe keys. The title key is the fallback of
// RELIABILITY D1 for items with neither GUID nor URL: title and date, else
// the title, else the content. Items that have a GUID or URL never match by
// title, so that two items that share a generic title on one day ("Monetary
// penalty notice") are never merged.
func keysOf(sourceID string, it *breachwire.Item) itemKeys {
	k := itemKeys{guid: strings.TrimSpace(it.GUID), url: strings.TrimSpace(it.CanonicalURL)}
	if k.url == "" {
		k.url = strings.TrimSpace(it.URL)
	}
	if k.guid != "" {
		k.g = []string{sourceID, k.guid}
	}
	if k.url != "" {
		k.uk = seenKey(seenURL, k.url)
	}
	if k.guid != "" || k.url != "" {
		return k
	}
	title := normTitle(it.Title)
	switch {
	case title != "" && !it.Published.IsZero():
		k.t = []string{sourceID, title, it.Published.UTC().Format(time.RFC3339)}
	case title != "":
		k.t = []string{sourceID, title, ""}
	case it.Summary != "" || it.Text != "":
		k.t = []string{sourceID, "", "", it.Summary, it.Text}
	}
	return k
}

func (k *itemKeys) empty() bool { return k.uk == nil && k.g == nil && k.t == nil }

// slotKey returns slot j of a GUID or title key. Several items can share a
// GUID (RELIABILITY D2) or a title and date: each gets its own slot, the
// first the plain key and later ones key#1, key#2...
func slotKey(prefix byte, parts []string, j int) []byte {
	if j == 0 {
		return seenKey(prefix, parts...)
	}
	return seenKey(prefix, append(slices.Clone(parts), "#"+strconv.Itoa(j))...)
}

// lookup returns the article id a seen key points at, or 0 when the key is
// absent or its article is gone.
func lookup(seen, articles *bolt.Bucket, key []byte) uint64 {
	id := readU64(seen.Get(key))
	if id == 0 || articles.Get(u64(id)) == nil {
		return 0
	}
	return id
}

// slots reads the bound slots of a GUID or title key, in order, up to the
// first free one.
func slots(seen, articles *bolt.Bucket, prefix byte, parts []string) []uint64 {
	var ids []uint64
	for j := 0; parts != nil; j++ {
		id := lookup(seen, articles, slotKey(prefix, parts, j))
		if id == 0 {
			break
		}
		ids = append(ids, id)
	}
	return ids
}

// resolve finds the stored article an item is, or 0 for a new one. claimed
// holds the articles that earlier items of the same pass resolved to (nil
// outside a pass).
//
// The URL decides first: the same canonical URL is the same article, from
// any source, whatever its GUID says (a changed GUID for the same URL finds
// the article). Otherwise the GUID's slots are read in order and the first
// article that no earlier item of this pass has claimed is the one: with
// one GUID on several items, each item keeps its own article whatever the
// order of the document. Items with neither GUID nor URL go the same way
// through their title slots.
func resolve(seen, articles *bolt.Bucket, k *itemKeys, claimed map[uint64]bool) (id uint64, gSlots, tSlots []uint64) {
	if k.uk != nil {
		if id := lookup(seen, articles, k.uk); id != 0 {
			return id, nil, nil
		}
	}
	gSlots = slots(seen, articles, seenGUID, k.g)
	for _, id := range gSlots {
		if !claimed[id] {
			return id, gSlots, nil
		}
	}
	tSlots = slots(seen, articles, seenTitle, k.t)
	for _, id := range tSlots {
		if !claimed[id] {
			return id, gSlots, tSlots
		}
	}
	return 0, gSlots, tSlots
}

// fingerprint identifies an item's content, to spot an item listed twice in
// one document. It is a map key, compared in full: no hash collisions.
type fingerprint struct {
	guid, url, title, summary, text string
	published                       int64
}

func fingerprintOf(it *breachwire.Item) fingerprint {
	return fingerprint{it.GUID, it.CanonicalURL + "\x00" + it.URL, it.Title, it.Summary, it.Text, it.Published.UnixNano()}
}

// pass is the state of one source pass across its transactions.
type pass struct {
	claimed map[uint64]bool        // articles that items of this pass resolved to
	repeats map[fingerprint]uint64 // items listed twice
}

func newPass() *pass {
	return &pass{claimed: map[uint64]bool{}, repeats: map[fingerprint]uint64{}}
}

// save stores one item and reports what it did.
func (w *writer) save(src *breachwire.Source, raw *Incoming, now time.Time, p *pass) (uint64, outcome, error) {
	in := &Incoming{Item: cleanItem(raw.Item), Facts: raw.Facts, ExtractorVersion: raw.ExtractorVersion}
	k := keysOf(src.ID, &in.Item)
	if k.empty() {
		return 0, outSkipped, nil
	}
	fp := fingerprintOf(&in.Item)
	if id, ok := p.repeats[fp]; ok {
		return id, outUnchanged, nil
	}
	id, gSlots, tSlots := resolve(w.seen, w.articles, &k, p.claimed)
	var out outcome
	switch {
	case id == 0:
		w.lastID++
		id = w.lastID
		a := &breachwire.Article{
			ID:               id,
			SourceID:         src.ID,
			SourceName:       src.Name,
			Kind:             src.Kind,
			Country:          src.Country,
			URL:              k.url,
			GUID:             k.guid,
			Title:            strings.TrimSpace(in.Title),
			Author:           in.Author,
			Summary:          in.Summary,
			Text:             in.Text,
			Published:        in.Published,
			PublishedRaw:     in.PublishedRaw,
			FirstSeen:        now,
			Updated:          in.Updated,
			Categories:       in.Categories,
			Facts:            in.Facts,
			ExtractorVersion: in.ExtractorVersion,
		}
		if err := w.put(a, nil); err != nil {
			return 0, 0, err
		}
		out = outNew
	case p.claimed[id]:
		// Another copy of an article already seen in this pass (the same
		// URL): the first copy wins.
		out = outUnchanged
	default:
		old, err := w.get(id)
		if err != nil {
			return 0, 0, err
		}
		if old.SourceID != src.ID {
			out = outDuplicate
			break
		}
		a, changed := merge(old, in, &k)
		if !changed {
			out = outUnchanged
			break
		}
		if err := w.put(&a, old); err != nil {
			return 0, 0, err
		}
		out = outUpdated
	}
	p.claimed[id] = true
	p.repeats[fp] = id
	// Record the item's keys against the article, so that a later copy
	// with only one of them in common still finds it: the URL key when it
	// is free, and a GUID or title slot when none of the key's slots
	// points at the article yet (the first free slot). Keys pointing at
	// another article keep it: first come, first kept.
	if k.uk != nil && lookup(w.seen, w.articles, k.uk) == 0 {
		if err := w.seen.Put(k.uk, u64(id)); err != nil {
			return 0, 0, fmt.Errorf("put seen key: %w", err)
		}
	}
	for _, s := range []struct {
		prefix byte
		parts  []string
		bound  []uint64
	}{{seenGUID, k.g, gSlots}, {seenTitle, k.t, tSlots}} {
		if s.parts == nil || slices.Contains(s.bound, id) {
			continue
		}
		if s.bound == nil { // resolved by URL: the slots were not read
			s.bound = slots(w.seen, w.articles, s.prefix, s.parts)
			if slices.Contains(s.bound, id) {
				continue
			}
		}
		if err := w.seen.Put(slotKey(s.prefix, s.parts, len(s.bound)), u64(id)); err != nil {
			return 0, 0, fmt.Errorf("put seen key: %w", err)
		}
	}
	return id, out, nil
}

// merge applies an upstream copy of an article to the stored one and says
// whether anything that counts changed.
func merge(old *breachwire.Article, in *Incoming, k *itemKeys) (breachwire.Article, bool) {
	a := *old
	changed := false
	set := func(dst *string, v string) {
		if v != "" && v != *dst {
			*dst, changed = v, true
		}
	}
	title := strings.TrimSpace(in.Title)
	titleChanged := title != "" && title != old.Title
	set(&a.Title, title)
	set(&a.Summary, in.Summary)
	set(&a.Text, in.Text)
	set(&a.URL, k.url)
	if !in.Published.IsZero() && !in.Published.Equal(old.Published) {
		a.Published, a.PublishedRaw, changed = in.Published, in.PublishedRaw, true
	}
	if changed {
		// Secondary fields follow the newest copy, but do not on their own
		// make an update: feeds rewrite them on every request.
		if in.Author != "" {
			a.Author = in.Author
		}
		if len(in.Categories) > 0 {
			a.Categories = in.Categories
		}
		if !in.Updated.IsZero() {
			a.Updated = in.Updated
		}
		if a.GUID == "" {
			a.GUID = k.guid
		}
	}
	// The caller's facts describe the caller's title and text. When it had
	// no text and the store has some, the stored facts (from the full
	// text) are better, unless the title they were drawn from changed:
	// then version 0 sends the article to the re-extractor.
	haveText := in.Text != "" || old.Text == ""
	switch {
	case haveText && (changed || in.ExtractorVersion > old.ExtractorVersion):
		a.Facts, a.ExtractorVersion, changed = in.Facts, in.ExtractorVersion, true
	case !haveText && titleChanged:
		a.ExtractorVersion = 0
	}
	return a, changed
}

// Known reports, for each item, whether an article for it is stored with
// its text and with the same title and published date, so that the pipeline
// can skip fetching the article page of items it already has. An item that
// is new, was edited upstream, or whose page was never read is not known.
func (db *DB) Known(ctx context.Context, sourceID string, items []breachwire.Item) ([]bool, error) {
	known := make([]bool, len(items))
	err := db.view(ctx, func(tx *bolt.Tx) error {
		seen, articles := tx.Bucket(bucketSeen), tx.Bucket(bucketArticles)
		for i := range items {
			if err := ctx.Err(); err != nil {
				return err
			}
			it := cleanItem(items[i])
			k := keysOf(sourceID, &it)
			id, _, _ := resolve(seen, articles, &k, nil)
			if id == 0 {
				continue
			}
			a, err := getArticle(articles, id)
			if err != nil {
				return err
			}
			if a.SourceID != sourceID {
				// Another source's article: SaveFetch never rewrites it
				// from this source, so its page is not needed.
				known[i] = a.Text != ""
				continue
			}
			known[i] = a.Text != "" &&
				(it.Title == "" || strings.TrimSpace(it.Title) == a.Title) &&
				(it.Published.IsZero() || it.Published.Equal(a.Published))
		}
		return nil
	})
	return known, err
}
