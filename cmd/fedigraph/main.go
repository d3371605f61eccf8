// Command fedigraph runs a fedigraph server and administers it: `server start`,
// `migrate`, `config` and `admin account …`. Every command reads the configuration the
// same way: defaults, a YAML file (--config-path), FEDIGRAPH_* environment variables,
// then flags.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/fedigraph/fedigraph/cmd/fedigraph/config"
)

func main() {
	if err := newRootCommand().ExecuteContext(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "fedigraph: "+err.Error())
		os.Exit(1)
	}
}

// newRootCommand builds the command tree. Configuration flags are persistent, so they
// are accepted after any subcommand.
func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "fedigraph",
		Short: "A GraphQL-first ActivityPub server",
		Long: "fedigraph is a GraphQL-first ActivityPub server: follow people across the Fediverse,\n" +
			"post, reply, favourite and boost, through GraphQL, the web app or Mastodon apps.",
		// Errors are printed once, by main, as one line; usage is for --help.
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	config.AddFlags(root.PersistentFlags())
	root.AddCommand(
		newServerCommand(),
		newMigrateCommand(),
		config.NewCommand(),
		newAdminCommand(),
		newMediaCommand(),
	)
	return root
}
