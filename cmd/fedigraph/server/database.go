package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/fedigraph/fedigraph/cmd/fedigraph/config"
	"github.com/fedigraph/fedigraph/graph/store"
)

// OpenDatabase connects to the database cfg names, without migrating it. For SQLite it
// first creates the directory that will hold the file, so a fresh checkout runs with
// the default ./data/sqlite.db and nothing made by hand.
//
// The DSN comes from cfg.DatabaseDSN, which carries the configured busy timeout;
// store adds only the pragmas that are not already there.
func OpenDatabase(ctx context.Context, cfg *config.Config) (*store.DB, error) {
	opts := store.Options{Type: cfg.DB.Type, DSN: cfg.DatabaseDSN()}
	switch cfg.DB.Type {
	case store.SQLite:
		// SQLite has a single writer: store's small default pool suits it better than
		// a pool sized by CPUs.
		if err := makeSQLiteDir(cfg.DB.Address); err != nil {
			return nil, err
		}
	case store.Postgres:
		opts.MaxOpenConns = cfg.DB.MaxOpenConnsMultiplier * runtime.GOMAXPROCS(0)
	}
	db, err := store.Open(ctx, opts)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// makeSQLiteDir creates the parent directory of a SQLite file given as a path or a
// file: URI. In-memory databases need none.
func makeSQLiteDir(address string) error {
	path, query, _ := strings.Cut(strings.TrimPrefix(address, "file:"), "?")
	if path == "" || path == ":memory:" || strings.Contains(query, "mode=memory") {
		return nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("create database directory %s: %w", dir, err)
	}
	return nil
}
