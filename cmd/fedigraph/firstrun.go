package main

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/fedigraph/fedigraph/cmd/fedigraph/config"
)

// printFirstRun tells the operator of an instance without accounts exactly how to make
// the first one and where to sign in with it. admin is how to invoke the admin command
// with the same configuration flags the server was started with.
func printFirstRun(w io.Writer, cfg *config.Config, admin string) {
	base := cfg.BaseURL()
	rule := strings.Repeat("=", 78)
	fmt.Fprintf(w, `
%s
  Welcome to fedigraph! This instance has no accounts yet.

  Create the admin account from another terminal, in this directory and with
  the same configuration (config file, FEDIGRAPH_* variables) as the server;
  replace … with a password of at least 8 characters:

    %s \
        --username admin --email you@example.org --password '…' --admin

  Then sign in:
    - in a browser: %s/auth/sign_in?return_to=/graphiql
      leads to GraphiQL, where queries run as the signed-in account;
    - from apps, through OAuth: POST %s/api/v1/apps, then
      %s/oauth/authorize and %s/oauth/token.
%s

`, rule, admin, base, base, base, base, rule)
}

// adminCommandLine is the command that creates an account for this server: the
// program as it was invoked (./bin/fedigraph under make, fedigraph when installed),
// then the configuration flags given to `server start`, so that the account's URIs
// use the same host and protocol.
func adminCommandLine(cmd *cobra.Command) string {
	parts := []string{os.Args[0], "admin", "account", "create"}
	persistent := cmd.Root().PersistentFlags()
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if persistent.Lookup(f.Name) != nil {
			parts = append(parts, "--"+f.Name, shellQuote(f.Value.String()))
		}
	})
	return strings.Join(parts, " ")
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
