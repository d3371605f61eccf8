package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/fedigraph/fedigraph/cmd/fedigraph/server"
	"github.com/fedigraph/fedigraph/graph/accounts"
)

func newServerCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "server",
		Short: "Run the server",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "start",
		Short: "Migrate the database and serve until interrupted",
		Long: "Bring the database schema up to date, then serve GraphQL, OAuth and the web app\n" +
			"until SIGINT or SIGTERM, when in-flight requests are given time to finish.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, logger, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()

			s, err := server.New(ctx, cfg, logger)
			if err != nil {
				return err
			}
			defer s.Close()
			ln, err := s.Listen()
			if err != nil {
				return err
			}
			n, err := accounts.CountLocal(ctx, s.DB())
			if err != nil {
				ln.Close()
				return err
			}
			if n == 0 {
				logger.Warn("this instance has no accounts yet; create the admin account as shown below")
				printFirstRun(cmd.ErrOrStderr(), cfg, adminCommandLine(cmd))
			}
			return s.Serve(ctx, ln)
		},
	})
	return cmd
}
