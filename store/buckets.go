package store

import (
	"crypto/sha256"
	"encoding/binary"
	"strings"
	"time"
)

// Bucket names: the tree is in the package doc comment.
var (
	bucketMeta      = []byte("meta")
	bucketSources   = []byte("sources")
	bucketArticles  = []byte("articles")
	bucketSeen      = []byte("seen")
	bucketByTime    = []byte("by_time")
	bucketChanges   = []byte("changes")
	bucketExtracted = []byte("extracted")
	bucketDigests   = []byte("digests")
	bucketRuns      = []byte("runs")
	bucketSent      = []byte("sent")
)

// topBuckets are the buckets Open creates; a file holding other top-level
// buckets and no meta bucket is not ours.
var topBuckets = [][]byte{bucketMeta, bucketSources, bucketArticles, bucketSeen,
	bucketByTime, bucketChanges, bucketExtracted, bucketDigests}

// Keys in meta.
var (
	keySchemaVersion = []byte("schema_version")
	keyLastID        = []byte("last_id")
	keyLastSeq       = []byte("last_seq")
	keyArticleCount  = []byte("article_count")
	keyIndexSeq      = []byte("index_seq")
)

// Prefixes of the dedupe keys in seen.
const (
	seenGUID  = 'g'
	seenURL   = 'u'
	seenTitle = 't'
)

func u64(n uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, n)
	return b
}

// readU64 decodes a big-endian u64; a value of the wrong length reads as 0,
// which every caller treats as absent.
func readU64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

const timeKeyLen = 12

// timeKey encodes t so that byte order is time order for any time, including
// the zero time and times before 1970: Unix seconds with the sign bit flipped,
// then nanoseconds.
func timeKey(t time.Time) []byte {
	b := make([]byte, timeKeyLen, timeKeyLen+8)
	binary.BigEndian.PutUint64(b, uint64(t.Unix())^(1<<63))
	binary.BigEndian.PutUint32(b[8:], uint32(t.Nanosecond()))
	return b
}

func byTimeKey(t time.Time, id uint64) []byte {
	return binary.BigEndian.AppendUint64(timeKey(t), id)
}

func parseByTimeKey(k []byte) (id uint64, ok bool) {
	if len(k) != timeKeyLen+8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(k[timeKeyLen:]), true
}

func extractedKey(version int, id uint64) []byte {
	b := make([]byte, 4, 12)
	binary.BigEndian.PutUint32(b, clampVersion(version))
	return binary.BigEndian.AppendUint64(b, id)
}

func clampVersion(v int) uint32 {
	if v < 0 {
		return 0
	}
	if v > 1<<31 {
		return 1 << 31
	}
	return uint32(v)
}

func seenKey(prefix byte, parts ...string) []byte {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return h.Sum([]byte{prefix})
}

// normTitle makes trivial differences in spacing and case irrelevant to the
// title key.
func normTitle(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
