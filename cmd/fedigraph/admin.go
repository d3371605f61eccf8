package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/fedigraph/fedigraph/cmd/fedigraph/config"
	"github.com/fedigraph/fedigraph/cmd/fedigraph/server"
	"github.com/fedigraph/fedigraph/graph/accounts"
	"github.com/fedigraph/fedigraph/graph/store"
)

// newAdminCommand builds `admin account …`, with GoToSocial's subcommands and flags so
// that operators' habits and scripts carry over.
func newAdminCommand() *cobra.Command {
	admin := &cobra.Command{Use: "admin", Short: "Administer the instance"}
	account := &cobra.Command{Use: "account", Short: "Manage local accounts"}
	admin.AddCommand(account)
	account.AddCommand(
		newCreateAccountCommand(),
		userCommand("confirm", "Confirm the account's email and approve it, so it can sign in",
			"Confirmed", func(ctx context.Context, _ *config.Config, db *store.DB, username string) error {
				return accounts.Confirm(ctx, db, username)
			}),
		userCommand("promote", "Make the account an admin", "Promoted",
			func(ctx context.Context, _ *config.Config, db *store.DB, username string) error {
				return accounts.SetAdmin(ctx, db, username, true)
			}),
		userCommand("demote", "Take admin rights from the account", "Demoted",
			func(ctx context.Context, _ *config.Config, db *store.DB, username string) error {
				return accounts.SetAdmin(ctx, db, username, false)
			}),
		userCommand("disable", "Stop the account from signing in; its tokens stop working", "Disabled",
			func(ctx context.Context, _ *config.Config, db *store.DB, username string) error {
				return accounts.SetDisabled(ctx, db, username, true)
			}),
		userCommand("enable", "Let a disabled account sign in again", "Enabled",
			func(ctx context.Context, _ *config.Config, db *store.DB, username string) error {
				return accounts.SetDisabled(ctx, db, username, false)
			}),
		newPasswordCommand(),
		userCommand("delete", "Delete the account: its posts, boosts, likes and follows go, it can no longer sign in, and other servers are told", "Deleted",
			server.DeleteAccount),
	)
	return admin
}

func newCreateAccountCommand() *cobra.Command {
	var in accounts.NewLocal
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Create a confirmed local account",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withDatabase(cmd, func(ctx context.Context, cfg *config.Config, db *store.DB) error {
				in.Confirmed = true // the operator vouches for the address
				a, err := accounts.CreateLocal(ctx, db, server.URIs(cfg), in)
				if err != nil {
					return err
				}
				role := ""
				if in.Admin {
					role = " (admin)"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Created account @%s@%s%s. Sign in at %s/auth/sign_in as %s.\n",
					a.Username, cfg.AccountDomainOrHost(), role, cfg.BaseURL(), in.Email)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&in.Username, "username", "", "username: lower-case letters, digits and underscores (required)")
	cmd.Flags().StringVar(&in.Email, "email", "", "email address to sign in with (required)")
	cmd.Flags().StringVar(&in.Password, "password", "", "password, at least 8 characters (required)")
	cmd.Flags().BoolVar(&in.Admin, "admin", false, "make the account an admin")
	markRequired(cmd, "username", "email", "password")
	return cmd
}

func newPasswordCommand() *cobra.Command {
	var username, password string
	cmd := &cobra.Command{
		Use:   "password",
		Short: "Set the account's password",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withDatabase(cmd, func(ctx context.Context, _ *config.Config, db *store.DB) error {
				if err := accounts.SetPassword(ctx, db, username, password); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Set the password of @%s.\n", username)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&username, "username", "", "username of the local account (required)")
	cmd.Flags().StringVar(&password, "password", "", "new password, at least 8 characters (required)")
	markRequired(cmd, "username", "password")
	return cmd
}

// userCommand builds a subcommand that takes --username and applies change to it,
// reporting done (a past-tense verb) on success.
func userCommand(name, short, done string, change func(context.Context, *config.Config, *store.DB, string) error) *cobra.Command {
	var username string
	cmd := &cobra.Command{
		Use:   name,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withDatabase(cmd, func(ctx context.Context, cfg *config.Config, db *store.DB) error {
				if err := change(ctx, cfg, db, username); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s @%s.\n", done, username)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&username, "username", "", "username of the local account (required)")
	markRequired(cmd, "username")
	return cmd
}

// withDatabase loads the configuration, opens and migrates the database, and runs fn.
func withDatabase(cmd *cobra.Command, fn func(context.Context, *config.Config, *store.DB) error) error {
	cfg, _, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	db, err := openMigrated(cmd.Context(), cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(cmd.Context(), cfg, db)
}

func markRequired(cmd *cobra.Command, names ...string) {
	for _, name := range names {
		if err := cmd.MarkFlagRequired(name); err != nil {
			panic(err) // a typo in the flag name above
		}
	}
}
