package config

import (
	"os"
	"testing"
)

// FuzzParse checks that no input makes Parse panic or hang, and that every
// problem it reports names the file. feeds.yaml is edited by hand and may be
// pasted from anywhere.
func FuzzParse(f *testing.F) {
	seed, err := os.ReadFile("../feeds.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	for _, s := range []string{
		"",
		"sources:\n  - name: A\n    kind: press\n    url: https://a.example/\n",
		"x: &a [*a]\n",
		"sources:\n  - &a {<<: [*a, *a], name: A}\n",
		"digest:\n  subscriptions:\n    - {name: x, to: a@b.example, time: '7:00', filters: {since: 7d}}\n",
		"settings: {allow: ['::ffff:127.0.0.1/128'], max_body: 1e400}\n",
		"a: [1,\n",
		"!!binary x: y\n",
		"? [a]\n: b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data)
		if err != nil {
			if _, ok := err.(*InvalidError); !ok {
				t.Fatalf("Parse returned %T, want *InvalidError: %v", err, err)
			}
			for _, p := range err.(*InvalidError).Problems {
				if p.File != "fuzz.yaml" {
					t.Fatalf("problem without the file name: %+v", p)
				}
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("Parse accepted a config that Validate refuses: %v", err)
		}
	})
}
