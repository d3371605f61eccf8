package main

import (
	"context"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/fedigraph/fedigraph/cmd/fedigraph/config"
	"github.com/fedigraph/fedigraph/cmd/fedigraph/server"
	"github.com/fedigraph/fedigraph/graph/store"
)

// loadConfig reads the configuration for cmd and sets up logging to match it. Logs go
// to stderr so that a command's own output on stdout stays clean.
func loadConfig(cmd *cobra.Command) (*config.Config, *slog.Logger, error) {
	cfg, err := config.Load(cmd.Flags())
	if err != nil {
		return nil, nil, err
	}
	logger := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: cfg.SlogLevel()}))
	slog.SetDefault(logger)
	return cfg, logger, nil
}

// openMigrated opens the configured database and brings its schema up to date. The
// admin commands migrate too, so that the first account can be created before the
// server has ever started.
func openMigrated(ctx context.Context, cfg *config.Config) (*store.DB, error) {
	db, err := server.OpenDatabase(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
