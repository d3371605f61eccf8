package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/fedigraph/fedigraph/cmd/fedigraph/config"
	"github.com/fedigraph/fedigraph/graph/store"
)

func newMigrateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Bring the database schema up to date, then exit",
		Long: "Create the tables, columns and indexes this version needs. It never drops data.\n" +
			"`server start` does the same before it listens; run this to migrate ahead of a\n" +
			"rolling restart of several processes.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withDatabase(cmd, func(context.Context, *config.Config, *store.DB) error {
				fmt.Fprintln(cmd.OutOrStdout(), "Database schema is up to date.")
				return nil
			})
		},
	}
}
