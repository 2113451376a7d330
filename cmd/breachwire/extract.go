package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"breachwire"
	"breachwire/extract"
)

func init() {
	register(command{"extract", "print the facts in one text (or, with --jsonl, in many)", runExtract})
}

// maxExtractInput bounds one text read by extract: more than any article.
const maxExtractInput = 64 << 20

func runExtract(ctx context.Context, g *Globals, env *Env, args []string) error {
	fs := newFlagSet("extract", "usage: breachwire extract [--title T] [FILE|-]\n       breachwire extract --jsonl [FILE|-]\n\n"+
		"Prints the facts the extractor finds in a text (HTML is reduced to text first) as JSON.\n\n", g, env)
	title := fs.String("title", "", "the article's `title`, for context")
	jsonl := fs.Bool("jsonl", false, `read JSON lines {"id","title","text"} and print one result line each, with its id`)
	if err := parseArgs(fs, env, args, 0, 1); err != nil {
		return err
	}
	in := env.Stdin
	name := "standard input"
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return breachwire.Errorf(breachwire.ECodeInvalid, "%v", err)
		}
		defer f.Close()
		in, name = f, fs.Arg(0)
	}
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if !*jsonl {
		b, err := io.ReadAll(io.LimitReader(in, maxExtractInput+1))
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if len(b) > maxExtractInput {
			return breachwire.Errorf(breachwire.ECodeInvalid, "%s is larger than %d MiB", name, maxExtractInput>>20)
		}
		facts := extract.Extract(extract.Input{Title: *title, Text: extract.PlainText(string(b))})
		return enc.Encode(facts)
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 1<<20), maxExtractInput)
	line := 0
	for sc.Scan() {
		line++
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec struct {
			ID    json.RawMessage `json:"id"`
			Title string          `json:"title"`
			Text  *string         `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return breachwire.Errorf(breachwire.ECodeInvalid, "%s:%d: not a JSON object with id, title and text: %v", name, line, err)
		}
		if rec.Text == nil {
			return breachwire.Errorf(breachwire.ECodeInvalid, "%s:%d: no \"text\" field", name, line)
		}
		facts := extract.Extract(extract.Input{Title: rec.Title, Text: extract.PlainText(*rec.Text)})
		if err := enc.Encode(struct {
			ID json.RawMessage `json:"id,omitempty"`
			breachwire.Facts
		}{rec.ID, facts}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return breachwire.Errorf(breachwire.ECodeInvalid, "%s:%d: %v", name, line+1, err)
	}
	return nil
}
