package config

import (
	"github.com/spf13/cobra"
)

// NewCommand returns the `config` subcommand: `fedigraph config` prints the
// configuration in force (from file, environment and flags, secrets
// redacted) and `fedigraph config example` prints a commented file of every
// option at its default. The root command must carry the option flags
// (AddFlags on its PersistentFlags).
func NewCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration",
		Long: "Print the configuration fedigraph would run with: defaults, overridden by the\n" +
			"YAML file named by --config-path, overridden by FEDIGRAPH_* environment\n" +
			"variables, overridden by flags. Secrets are redacted.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := Load(cmd.Flags())
			if err != nil {
				return err
			}
			return cfg.Print(cmd.OutOrStdout(), format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "yaml", "output format: yaml or json")
	cmd.AddCommand(&cobra.Command{
		Use:   "example",
		Short: "Print a commented config file with every option at its default",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return WriteExample(cmd.OutOrStdout())
		},
	})
	return cmd
}
