package config

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// The decoder walks goccy/go-yaml's syntax tree itself instead of calling
// yaml.Unmarshal: Unmarshal stops at the first unknown key or wrong type,
// while a user editing feeds.yaml wants every mistake listed at once, each
// with its line. Anchors, aliases and merge keys (<<) are resolved here.

// maxMergeDepth bounds merge keys that merge mappings that merge mappings,
// which also stops a mapping that merges itself.
const maxMergeDepth = 8

type decoder struct {
	*problems
	anchors map[string]ast.Node
	lines   map[string]int // key path -> line, for Validate
}

// pair is one key of a mapping with its value.
type pair struct {
	key   string
	line  int // line of the key
	value ast.Node
}

// parseDocument parses data and returns the body of its only document, or
// nil for an empty file. Syntax errors are recorded as problems.
func (d *decoder) parseDocument(data []byte) (ast.Node, bool) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		line, msg := 0, err.Error()
		var se *yaml.SyntaxError
		if errors.As(err, &se) {
			msg = se.Message
			if se.Token != nil && se.Token.Position != nil {
				line = se.Token.Position.Line
			}
		}
		d.add(line, "", "YAML syntax: %s", msg)
		return nil, false
	}
	var body ast.Node
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if body != nil {
			d.add(lineOf(doc.Body), "", "only one YAML document is allowed (remove the second '---')")
			return nil, false
		}
		body = doc.Body
	}
	if body != nil {
		d.collectAnchors(body)
	}
	return body, true
}

type anchorVisitor map[string]ast.Node

func (v anchorVisitor) Visit(n ast.Node) ast.Visitor {
	if a, ok := n.(*ast.AnchorNode); ok && a.Name != nil {
		v[nodeText(a.Name)] = a.Value
	}
	return v
}

func (d *decoder) collectAnchors(body ast.Node) {
	d.anchors = map[string]ast.Node{}
	ast.Walk(anchorVisitor(d.anchors), body)
}

// resolve strips anchors and tags and follows aliases. It returns nil for an
// alias to an unknown anchor (after recording the problem).
func (d *decoder) resolve(n ast.Node, path string) ast.Node {
	for range 16 {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		case *ast.AliasNode:
			name := ""
			if v.Value != nil {
				name = nodeText(v.Value)
			}
			target, ok := d.anchors[name]
			if !ok {
				d.add(lineOf(v), path, "alias *%s names no anchor", name)
				return nil
			}
			n = target
		default:
			return n
		}
	}
	d.add(lineOf(n), path, "aliases nested too deeply")
	return nil
}

// lineOf returns the 1-based line of a node, or 0.
func lineOf(n ast.Node) int {
	if n == nil {
		return 0
	}
	if _, ok := n.(*ast.DocumentNode); ok {
		return 0 // DocumentNode.GetToken panics on an empty document
	}
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		return lineOf(m.Values[0].Key)
	}
	if mv, ok := n.(*ast.MappingValueNode); ok {
		return lineOf(mv.Key)
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0
	}
	return tk.Position.Line
}

// nodeText is the text of a scalar node: the unquoted value of a string, the
// source text of a number, bool or null.
func nodeText(n ast.Node) string {
	if n == nil {
		return ""
	}
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value
	case *ast.LiteralNode:
		if v.Value != nil {
			return v.Value.Value
		}
		return ""
	case *ast.NullNode:
		return ""
	}
	if tk := n.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

// describe names the YAML type of a node for "expected X, got Y" messages.
func describe(n ast.Node) string {
	if n == nil {
		return "nothing"
	}
	switch v := n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "the number " + nodeText(v)
	case *ast.BoolNode:
		return "the boolean " + nodeText(v)
	case *ast.NullNode:
		return "nothing"
	}
	return strconv.Quote(nodeText(n))
}

func isNull(n ast.Node) bool {
	_, ok := n.(*ast.NullNode)
	return n == nil || ok
}

func isScalar(n ast.Node) bool {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
		return false
	}
	return n != nil
}

// mapping returns the pairs of a mapping node with merge keys applied
// (explicit keys win over merged ones). ok is false when n is not a mapping;
// a null node is an empty mapping.
func (d *decoder) mapping(n ast.Node, path string) ([]pair, bool) {
	return d.mappingDepth(n, path, 0)
}

func (d *decoder) mappingDepth(n ast.Node, path string, depth int) ([]pair, bool) {
	n = d.resolve(n, path)
	if isNull(n) {
		return nil, true
	}
	var values []*ast.MappingValueNode
	switch v := n.(type) {
	case *ast.MappingNode:
		values = v.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{v}
	default:
		d.add(lineOf(n), path, "expected a mapping (key: value), got %s", describe(n))
		return nil, false
	}
	var out, merged []pair
	for _, mv := range values {
		if mv.Key != nil && mv.Key.IsMergeKey() {
			if depth >= maxMergeDepth {
				d.add(lineOf(mv.Key), path, "merge keys (<<) nested too deeply")
				continue
			}
			merged = append(merged, d.mergeSources(mv.Value, path, depth)...)
			continue
		}
		key := ""
		if mv.Key != nil {
			k := d.resolve(mv.Key, path)
			if k == nil {
				continue // an alias to no anchor, already reported
			}
			if !isScalar(k) {
				d.add(lineOf(mv.Key), path, "a key must be a plain word, got %s", describe(k))
				continue
			}
			key = nodeText(k)
		}
		out = append(out, pair{key: key, line: lineOf(mv.Key), value: mv.Value})
	}
	for _, m := range merged {
		if !slices.ContainsFunc(out, func(p pair) bool { return p.key == m.key }) {
			out = append(out, m)
		}
	}
	return out, true
}

// mergeSources reads the value of a merge key: one mapping or a list of them,
// earlier ones winning.
func (d *decoder) mergeSources(n ast.Node, path string, depth int) []pair {
	n = d.resolve(n, path)
	var list []ast.Node
	if s, ok := n.(*ast.SequenceNode); ok {
		list = s.Values
	} else {
		list = []ast.Node{n}
	}
	var out []pair
	for _, item := range list {
		ps, ok := d.mappingDepth(item, path, depth+1)
		if !ok {
			continue
		}
		for _, p := range ps {
			if !slices.ContainsFunc(out, func(q pair) bool { return q.key == p.key }) {
				out = append(out, p)
			}
		}
	}
	return out
}

// fields decodes a mapping by dispatching each known key to its handler (in
// the order of the file) and reporting unknown keys with a suggestion. It
// records each key's line for Validate. ok is false when n is not a mapping.
func (d *decoder) fields(n ast.Node, path string, handlers map[string]func(path string, v ast.Node)) bool {
	pairs, ok := d.mapping(n, path)
	if !ok {
		return false
	}
	for _, p := range pairs {
		kp := join(path, p.key)
		h, known := handlers[p.key]
		if !known {
			if strings.HasPrefix(p.key, "x-") && path == "" {
				continue // extension keys at the top level may hold anchors
			}
			d.add(p.line, kp, "unknown key%s", suggest(p.key, handlers))
			continue
		}
		d.lines[kp] = p.line
		h(kp, p.value)
	}
	return true
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// suggest returns " (did you mean X?)" for a key close to a known one, else
// the list of known keys.
func suggest(key string, handlers map[string]func(string, ast.Node)) string {
	known := make([]string, 0, len(handlers))
	for k := range handlers {
		known = append(known, k)
	}
	slices.Sort(known)
	best, bestDist := "", 3
	for _, k := range known {
		if dist := editDistance(strings.ToLower(key), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return " (known: " + strings.Join(known, ", ") + ")"
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// str reads a scalar as text. Numbers and booleans give their source text
// (so that country: NO or name: 2024 read as written). ok is false for a null
// (the key is then treated as absent) and for a wrong type.
func (d *decoder) str(path string, n ast.Node) (string, bool) {
	n = d.resolve(n, path)
	if isNull(n) {
		return "", false
	}
	if !isScalar(n) {
		d.add(lineOf(n), path, "expected text, got %s", describe(n))
		return "", false
	}
	return nodeText(n), true
}

// strList reads a list of scalars; a single scalar is a list of one. It
// returns the lines of the items alongside.
func (d *decoder) strList(path string, n ast.Node) ([]string, []int) {
	n = d.resolve(n, path)
	if isNull(n) {
		return nil, nil
	}
	if isScalar(n) {
		return []string{nodeText(n)}, []int{lineOf(n)}
	}
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.add(lineOf(n), path, "expected a list, got %s", describe(n))
		return nil, nil
	}
	var out []string
	var lines []int
	for i, item := range seq.Values {
		ip := index(path, i)
		item = d.resolve(item, ip)
		if item == nil || !isScalar(item) {
			d.add(lineOf(item), ip, "expected text, got %s", describe(item))
			continue
		}
		out = append(out, nodeText(item))
		lines = append(lines, lineOf(item))
	}
	return out, lines
}

// boolean reads true or false.
func (d *decoder) boolean(path string, n ast.Node) (bool, bool) {
	n = d.resolve(n, path)
	if isNull(n) {
		return false, false
	}
	b, ok := n.(*ast.BoolNode)
	if !ok {
		d.add(lineOf(n), path, "expected true or false, got %s", describe(n))
		return false, false
	}
	return b.Value, true
}

// integer reads a whole number.
func (d *decoder) integer(path string, n ast.Node) (int, bool) {
	n = d.resolve(n, path)
	if isNull(n) {
		return 0, false
	}
	iv, ok := n.(*ast.IntegerNode)
	if !ok {
		d.add(lineOf(n), path, "expected a whole number, got %s", describe(n))
		return 0, false
	}
	switch v := iv.Value.(type) {
	case int64:
		if v >= math.MinInt32 && v <= math.MaxInt32 {
			return int(v), true
		}
	case uint64:
		if v <= math.MaxInt32 {
			return int(v), true
		}
	}
	d.add(lineOf(n), path, "%s is out of range", nodeText(n))
	return 0, false
}

// setString, setBool, setInt and setDuration return field decoders that
// store a value of their type in dst, or report what is wrong at the key.
func (d *decoder) setString(dst *string) func(string, ast.Node) {
	return func(p string, v ast.Node) {
		if x, ok := d.str(p, v); ok {
			*dst = x
		}
	}
}

func (d *decoder) setBool(dst *bool) func(string, ast.Node) {
	return func(p string, v ast.Node) {
		if x, ok := d.boolean(p, v); ok {
			*dst = x
		}
	}
}

func (d *decoder) setInt(dst *int) func(string, ast.Node) {
	return func(p string, v ast.Node) {
		if x, ok := d.integer(p, v); ok {
			*dst = x
		}
	}
}

func (d *decoder) setDuration(dst *time.Duration) func(string, ast.Node) {
	return func(p string, v ast.Node) {
		if x, ok := d.duration(p, v); ok {
			*dst = x
		}
	}
}
