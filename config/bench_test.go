package config

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkParse_DefaultFeedsYAML measures loading the shipped feeds.yaml,
// which every command does at start-up.
func BenchmarkParse_DefaultFeedsYAML(b *testing.B) {
	data, err := os.ReadFile("../feeds.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("feeds.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportOPML measures importing the trimmed public list (58 feeds),
// each entry validated by a Parse of its own.
func BenchmarkImportOPML(b *testing.B) {
	data, err := os.ReadFile("testdata/security-feeds-trimmed.opml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ImportOPML(bytes.NewReader(data), nil); err != nil {
			b.Fatal(err)
		}
	}
}
