package config

import (
	"bytes"
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

// FuzzImportOPML checks that any OPML input either is refused or gives
// entries that load as a valid sources list: the import never prints
// something a user would paste and then have refused.
func FuzzImportOPML(f *testing.F) {
	for _, name := range []string{"testdata/import.opml", "testdata/security-feeds-trimmed.opml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<opml><body><outline text="a&#10;b" xmlUrl="https://a.example/?x=&quot;"/></body></opml>`))
	f.Add([]byte(`<opml><body><outline text="&#x85;&#x2028;" xmlUrl="https://a.example/"/></body></opml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := ImportOPML(bytes.NewReader(data), nil)
		if err != nil {
			return
		}
		if _, err := Parse("import.yaml", append([]byte("sources:\n"), out...)); err != nil {
			t.Fatalf("the import does not load: %v\n%s", err, out)
		}
	})
}
