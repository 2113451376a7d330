package fetch

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// allowedOutbound lists, module-wide, every place allowed to create an HTTP
// client or transport or to reach the network without the fetch package's
// guard, with the reason. Add to it only with a reason a reviewer accepts.
var allowedOutbound = []string{
	"fetch/client.go newHTTPClient: &http.Transport{}", // the one factory
	"fetch/client.go newHTTPClient: &http.Client{}",    // the one factory
	"fetch/client.go newHTTPClient: net.Dialer{}",      // the guarded dialer
	// A test helper reading a mailpit it started on loopback (digest and
	// cmd/breachwire tests); never part of the binary.
	"internal/mailpit/mailpit.go fetch: http.DefaultClient",
	"internal/mailpit/mailpit.go ready: http.Get",
	"internal/mailpit/mailpit.go ready: net.DialTimeout",
	// The CLI asking the running serve for what it cannot read from the
	// locked database (search, sources, backup): it talks only to our own
	// server on loopback (its dialer refuses any other address), with no
	// proxy and no redirects, never to a feed.
	"cmd/breachwire/remote.go newLoopbackClient: &http.Client{}",
	"cmd/breachwire/remote.go newLoopbackClient: &http.Transport{}",
	"cmd/breachwire/remote.go newLoopbackClient: net.Dialer{}",
}

// outboundSites finds, in one file, the constructs that create a client,
// a transport or a dialer, or use net/http's global client.
func outboundSites(fset *token.FileSet, f *ast.File, rel string) []string {
	alias := map[string]string{} // local name -> import path
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		alias[name] = path
	}
	isPkg := func(e ast.Expr, path string) (string, bool) {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return "", false
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok || alias[id.Name] != path {
			return "", false
		}
		return sel.Sel.Name, true
	}
	var sites []string
	var fn string
	add := func(what string) {
		sites = append(sites, fmt.Sprintf("%s %s: %s", rel, fn, what))
	}
	for _, decl := range f.Decls {
		fn = "(package level)"
		if fd, ok := decl.(*ast.FuncDecl); ok {
			fn = fd.Name.Name
		}
		ast.Inspect(decl, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if name, ok := isPkg(n.Type, "net/http"); ok && (name == "Client" || name == "Transport") {
					add("&http." + name + "{}")
				}
				if name, ok := isPkg(n.Type, "net"); ok && name == "Dialer" {
					add("net.Dialer{}")
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "new" && len(n.Args) == 1 {
					if name, ok := isPkg(n.Args[0], "net/http"); ok && (name == "Client" || name == "Transport") {
						add("new(http." + name + ")")
					}
				}
				if name, ok := isPkg(n.Fun, "net"); ok && (name == "Dial" || name == "DialTimeout") {
					add("net." + name)
				}
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "ParseURL" || sel.Sel.Name == "ParseURLWithContext") {
					add(sel.Sel.Name + " (gofeed fetching by itself)")
				}
			case *ast.SelectorExpr:
				if name, ok := isPkg(n, "net/http"); ok {
					switch name {
					case "DefaultClient", "DefaultTransport", "Get", "Head", "Post", "PostForm":
						add("http." + name)
					}
				}
			}
			return true
		})
	}
	return sites
}

// TestOneClientFactory_A8 lists every place in the module (tests excluded)
// that creates an http.Client, an http.Transport or a dialer, or uses
// net/http's global client: only the fetch package's factory may, so that
// feeds, sitemaps and article pages all pass the same guard (RELIABILITY
// A8, P2).
func TestOneClientFactory_A8(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var found []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		found = append(found, outboundSites(fset, f, filepath.ToSlash(rel))...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(found)
	want := slices.Clone(allowedOutbound)
	slices.Sort(want)
	if !slices.Equal(found, want) {
		t.Fatalf("outbound network sites:\n  %s\nwant exactly:\n  %s", strings.Join(found, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestOutboundSites_Detects proves the scanner sees what it looks for, so
// that TestOneClientFactory_A8 cannot pass by missing everything.
func TestOutboundSites_Detects(t *testing.T) {
	src := `package x
import (
	nethttp "net/http"
	"net"
	"github.com/mmcdole/gofeed"
)
var c = &nethttp.Client{}
func a() { _ = nethttp.Transport{}; _ = new(nethttp.Client); nethttp.Get("u"); _ = nethttp.DefaultClient }
func b() { net.Dial("tcp", "x:1"); _ = &net.Dialer{}; gofeed.NewParser().ParseURL("u") }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := outboundSites(fset, f, "x.go")
	want := []string{
		"x.go (package level): &http.Client{}",
		"x.go a: &http.Transport{}", "x.go a: new(http.Client)", "x.go a: http.Get", "x.go a: http.DefaultClient",
		"x.go b: net.Dial", "x.go b: net.Dialer{}", "x.go b: ParseURL (gofeed fetching by itself)",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("found\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
