package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"breachwire/store"
)

func init() {
	register(command{"reindex", "rebuild the search index from the store", runReindex})
	register(command{"reextract", "extract facts again from stored text where an older extractor made them", runReextract})
	register(command{"backup", "write a consistent copy of the database to FILE, while breachwire runs", runBackup})
}

func runReindex(ctx context.Context, g *Globals, env *Env, args []string) error {
	if err := parseArgs(newFlagSet("reindex", "usage: breachwire reindex\n\n"+
		"Rebuilds the search index from the database into a new folder and swaps it in; a failed\n"+
		"rebuild leaves the old index in place. Stop serve first (it holds the database).\n\n", g, env), env, args, 0, 0); err != nil {
		return err
	}
	app := newApp(g, env)
	defer app.Close()
	if err := app.openStore(true); err != nil {
		return err
	}
	if err := app.openIndex(); err != nil {
		return err
	}
	tty := env.IsTerminal || isTerminal(env.Stderr)
	start := time.Now()
	last := 0
	err := app.Index.Rebuild(ctx, app.Store, func(done, total int) {
		last = done
		if tty {
			fmt.Fprintf(env.Stderr, "\r\033[Kindexed %d of %d articles", done, total)
		}
	})
	if tty {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "indexed %d articles in %s\n", last, time.Since(start).Round(time.Millisecond))
	return nil
}

func runReextract(ctx context.Context, g *Globals, env *Env, args []string) error {
	if err := parseArgs(newFlagSet("reextract", "usage: breachwire reextract\n\n"+
		"Extracts facts again from the stored text of every article whose facts came from an older\n"+
		"extractor, without fetching anything, then updates the search index. serve does the same\n"+
		"in the background at start.\n\n", g, env), env, args, 0, 0); err != nil {
		return err
	}
	app := newApp(g, env)
	defer app.Close()
	if err := app.loadConfig(); err != nil {
		return err
	}
	if err := app.openStore(false); err != nil {
		return err
	}
	tty := env.IsTerminal || isTerminal(env.Stderr)
	start := time.Now()
	n, err := app.pipeline().Reextract(ctx, func(done int) {
		if tty {
			fmt.Fprintf(env.Stderr, "\r\033[Kre-extracted %d articles", done)
		}
	})
	if tty {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	if err := app.indexNew(ctx); err != nil {
		return fmt.Errorf("facts re-extracted but the search index was not updated (run breachwire reindex): %w", err)
	}
	fmt.Fprintf(env.Stdout, "re-extracted %d articles in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}

func runBackup(ctx context.Context, g *Globals, env *Env, args []string) error {
	fs := newFlagSet("backup", "usage: breachwire backup FILE\n\n"+
		"Writes a consistent copy of the database to FILE, through a temporary file that is checked\n"+
		"before it replaces FILE. While serve runs, the running server makes the copy (hot backup).\n\n", g, env)
	if err := parseArgs(fs, env, args, 1, 1); err != nil {
		return err
	}
	app := newApp(g, env)
	defer app.Close()
	r, err := app.storeOrRemote()
	if err != nil {
		return err
	}
	var n int64
	if r != nil {
		r.c = newLoopbackClient(backupTimeout)
		n, err = r.backup(ctx, fs.Arg(0))
	} else {
		n, err = app.Store.BackupFile(ctx, fs.Arg(0))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "wrote %s (%d bytes), checked\n", fs.Arg(0), n)
	return nil
}

// backup asks the running server for a hot copy of its database and writes
// it to path the way store.BackupFile does: through a temporary file beside
// path, synced and checked before it replaces path.
func (r *remote) backup(ctx context.Context, path string) (int64, error) {
	resp, err := r.do(ctx, http.MethodPost, "/api/backup", nil)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, resp.Body)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	if err := store.Verify(ctx, tmp.Name()); err != nil {
		return 0, fmt.Errorf("backup: the copy received from the server does not check out, %s left as it was: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	return n, nil
}
