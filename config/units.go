package config

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
)

// sizeUnits are the suffixes ParseSize accepts, lower-cased. Binary units
// (KiB, MiB, GiB) are powers of 1024; decimal ones powers of 1000.
var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30},
	{"b", 1},
}

// ParseSize reads a byte size such as "10MiB", "512 KiB", "2MB" or "1048576".
// It exists so that max_body can be written the way people think of it.
func ParseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n < 0 || math.IsNaN(n) || n*float64(mult) > float64(math.MaxInt64/2) {
		return 0, fmt.Errorf("%q is not a size (use a number with B, KiB, MiB or GiB, such as 10MiB)", s)
	}
	return int64(n * float64(mult)), nil
}

// FormatSize writes a byte count in the largest binary unit that divides it,
// the inverse of ParseSize.
func FormatSize(n int64) string {
	for _, u := range []struct {
		s string
		m int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n != 0 && n%u.m == 0 {
			return strconv.FormatInt(n/u.m, 10) + u.s
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}

// FormatDuration writes a duration the way a person writes it in feeds.yaml:
// "6h", "90m", "1h30m", "2s", without the zero parts time.Duration.String
// adds.
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

var humanDuration = regexp.MustCompile(`^(\d+)\s*([a-zA-Z]+)$`)

// durationHint turns what a person might write ("6 hours", "2 days",
// "3600") into the Go duration they meant, for the error message.
func durationHint(s string) string {
	s = strings.TrimSpace(s)
	if _, err := strconv.Atoi(s); err == nil {
		return s + "s"
	}
	m := humanDuration.FindStringSubmatch(s)
	if m == nil {
		return "a number with a unit: s, m or h, such as 90s, 30m, 6h"
	}
	n, _ := strconv.Atoi(m[1])
	switch strings.ToLower(m[2]) {
	case "s", "sec", "secs", "second", "seconds":
		return fmt.Sprintf("%ds", n)
	case "m", "min", "mins", "minute", "minutes":
		return fmt.Sprintf("%dm", n)
	case "h", "hr", "hrs", "hour", "hours":
		return fmt.Sprintf("%dh", n)
	case "d", "day", "days":
		return fmt.Sprintf("%dh", n*24)
	case "w", "week", "weeks":
		return fmt.Sprintf("%dh", n*24*7)
	case "ms", "millisecond", "milliseconds":
		return fmt.Sprintf("%dms", n)
	}
	return "a number with a unit: s, m or h, such as 90s, 30m, 6h"
}

// duration reads a Go duration ("6h", "90s", "1h30m").
func (d *decoder) duration(path string, n ast.Node) (time.Duration, bool) {
	n = d.resolve(n, path)
	if isNull(n) {
		return 0, false
	}
	if !isScalar(n) {
		d.add(lineOf(n), path, "expected a duration such as 6h, got %s", describe(n))
		return 0, false
	}
	s := nodeText(n)
	v, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		d.add(lineOf(n), path, "%q is not a duration (use %s)", s, durationHint(s))
		return 0, false
	}
	return v, true
}

// size reads a byte size with ParseSize.
func (d *decoder) size(path string, n ast.Node) (int64, bool) {
	n = d.resolve(n, path)
	if isNull(n) {
		return 0, false
	}
	if !isScalar(n) {
		d.add(lineOf(n), path, "expected a size such as 10MiB, got %s", describe(n))
		return 0, false
	}
	v, err := ParseSize(nodeText(n))
	if err != nil {
		d.add(lineOf(n), path, "%v", err)
		return 0, false
	}
	return v, true
}
