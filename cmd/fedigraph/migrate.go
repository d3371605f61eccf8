package main

import (
	"fmt"

	"github.com/spf13/cobra"
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
			cfg, _, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			db, err := openMigrated(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			defer db.Close()
			fmt.Fprintln(cmd.OutOrStdout(), "Database schema is up to date.")
			return nil
		},
	}
}
