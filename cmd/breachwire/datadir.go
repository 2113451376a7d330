package main

import (
	"os"
	"path/filepath"
)

// defaultDataDir is where the database and index live when --data is not
// given: $BREACHWIRE_DATA if set; else ./data when it exists (a checkout or
// a deployment directory); else the platform's state directory,
// $XDG_STATE_HOME/breachwire or ~/.local/state/breachwire.
func defaultDataDir(getenv func(string) string) string {
	if d := getenv("BREACHWIRE_DATA"); d != "" {
		return d
	}
	if st, err := os.Stat("data"); err == nil && st.IsDir() {
		return "data"
	}
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "breachwire")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "state", "breachwire")
	}
	return "data"
}
