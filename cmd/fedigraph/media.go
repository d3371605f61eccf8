package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/fedigraph/fedigraph/cmd/fedigraph/config"
	"github.com/fedigraph/fedigraph/cmd/fedigraph/server"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/store"
)

// newMediaCommand builds `media prune`, which the server also runs daily as a job.
func newMediaCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "media", Short: "Manage stored media"}
	var dryRun bool
	prune := &cobra.Command{
		Use:   "prune",
		Short: "Remove expired remote media, unattached uploads and orphaned files",
		Long: "Uncaches remote media older than media-remote-cache-days (it is fetched again when\n" +
			"needed), deletes uploads never attached to a status and replaced avatars and headers\n" +
			"after a day, and removes stored files that no attachment refers to.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withDatabase(cmd, func(ctx context.Context, cfg *config.Config, db *store.DB) error {
				svc := media.New(db, media.LocalStorage{Root: cfg.Storage.LocalBasePath}, media.Limits{})
				opts := server.MediaPruneOptions(cfg)
				opts.DryRun = dryRun
				rep, err := svc.Prune(ctx, opts)
				if err != nil {
					return err
				}
				verb := "Pruned"
				if dryRun {
					verb = "Would prune"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %s.\n", verb, rep)
				return nil
			})
		},
	}
	prune.Flags().BoolVar(&dryRun, "dry-run", false, "only count what would be removed")
	cmd.AddCommand(prune)
	return cmd
}
