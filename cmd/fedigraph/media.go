package main

import (
	"context"
	"fmt"
	"os"

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
	cmd.AddCommand(prune, newEmojiCommand())
	return cmd
}

// newEmojiCommand builds `media emoji add` and `media emoji delete`; admins can do
// the same through GraphQL (createCustomEmoji, deleteCustomEmoji).
func newEmojiCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "emoji", Short: "Manage the instance's custom emoji"}
	var in media.NewEmoji
	var file string
	add := &cobra.Command{
		Use:   "add",
		Short: "Add a custom emoji from an image file (PNG, GIF, WebP or JPEG; fitted within 128×128)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := os.Open(file)
			if err != nil {
				return err
			}
			defer f.Close()
			in.Image = f
			return withMedia(cmd, func(ctx context.Context, svc *media.Service) error {
				e, err := svc.CreateEmoji(ctx, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Added :%s: (%s, %d bytes).\n", e.Shortcode, e.ContentType, e.ImageSize)
				return nil
			})
		},
	}
	add.Flags().StringVar(&in.Shortcode, "shortcode", "", "shortcode: 2 to 30 letters, digits and underscores (required)")
	add.Flags().StringVar(&file, "file", "", "image file (required)")
	add.Flags().StringVar(&in.Category, "category", "", "category shown in emoji pickers")
	markRequired(add, "shortcode", "file")
	var shortcode string
	del := &cobra.Command{
		Use:   "delete",
		Short: "Delete a custom emoji",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withMedia(cmd, func(ctx context.Context, svc *media.Service) error {
				if err := svc.DeleteEmoji(ctx, shortcode); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Deleted :%s:.\n", shortcode)
				return nil
			})
		},
	}
	del.Flags().StringVar(&shortcode, "shortcode", "", "shortcode of the emoji (required)")
	markRequired(del, "shortcode")
	cmd.AddCommand(add, del)
	return cmd
}

// withMedia runs fn with the media service over the configured database and storage.
func withMedia(cmd *cobra.Command, fn func(context.Context, *media.Service) error) error {
	return withDatabase(cmd, func(ctx context.Context, cfg *config.Config, db *store.DB) error {
		return fn(ctx, media.New(db, media.LocalStorage{Root: cfg.Storage.LocalBasePath}, media.Limits{
			ImageMaxBytes: int64(cfg.Media.ImageMaxSize),
		}))
	})
}
