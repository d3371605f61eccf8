// Package server assembles a running fedigraph: it opens and migrates the database,
// starts the event hub (bridged through PostgreSQL LISTEN/NOTIFY when several processes
// share a database), builds the GraphQL, OAuth and web handlers, and serves them behind
// one router. The `server start` command uses it, and so can tests that want the whole
// application in-process.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/fedigraph/fedigraph/cmd/fedigraph/config"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/uris"
	"github.com/fedigraph/fedigraph/graph/webpush"
)

// Server is fedigraph wired together, ready to serve.
type Server struct {
	cfg     *config.Config
	log     *slog.Logger
	db      *store.DB
	hub     *hub.Hub
	bridge  *hub.PGBridge // nil on SQLite, where one process owns the database
	fed     *federation
	media   *media.Service
	handler http.Handler
}

// New opens and migrates the database named by cfg and builds the handlers. Call Close
// when done, whether or not the server ever served.
func New(ctx context.Context, cfg *config.Config, logger *slog.Logger) (*Server, error) {
	if logger == nil {
		logger = slog.Default()
	}
	db, err := OpenDatabase(ctx, cfg)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: logger, db: db, hub: hub.New()}
	if err := db.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	var events hub.Publisher = s.hub
	if db.Type == store.Postgres {
		s.bridge, err = hub.NewPGBridge(ctx, s.hub, hub.PGBridgeConfig{DSN: cfg.DatabaseDSN(), DB: db.SQL, Logger: logger})
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("share events through PostgreSQL: %w", err)
		}
		events = s.bridge
	}
	s.media = media.New(db, media.LocalStorage{Root: cfg.Storage.LocalBasePath}, settings(cfg).Media)
	s.media.Logger = logger
	s.fed, err = newFederation(ctx, cfg, db, logger, s.media)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("set up federation: %w", err)
	}
	// Every notification written also queues its Web Push deliveries, in its own
	// transaction (graph/notify hands it to the publisher).
	events = webpush.Events{Publisher: events, Queue: s.fed.queue}
	authn := &auth.Authenticator{DB: db.Client, Log: logger}
	resolver := graph.NewResolver(graph.Deps{
		DB:           db,
		Hub:          s.hub,
		Events:       events,
		Settings:     settings(cfg),
		Logger:       logger,
		Federator:    s.fed.outbox,
		Remote:       s.fed.deref,
		Jobs:         s.fed.queue,
		MediaService: s.media,
	})
	s.fed.wire(resolver)
	s.handler = s.routes(resolver, authn)
	return s, nil
}

// MediaPruneOptions are what the daily prune job and `fedigraph media prune` remove.
func MediaPruneOptions(cfg *config.Config) media.PruneOptions {
	return media.PruneOptions{RemoteOlderThan: time.Duration(cfg.Media.RemoteCacheDays) * 24 * time.Hour}
}

// settings picks out of the configuration what the application core obeys.
func settings(cfg *config.Config) graph.Settings {
	return graph.Settings{
		URIs:               URIs(cfg),
		AccountDomain:      cfg.AccountDomainOrHost(),
		MaxStatusChars:     cfg.Statuses.MaxChars,
		PollMaxOptions:     cfg.Statuses.PollMaxOptions,
		PollOptionMaxChars: cfg.Statuses.PollOptionMaxChars,
		MaxMediaFiles:      cfg.Statuses.MediaMaxFiles,
		Media: media.Limits{
			ImageMaxBytes:       int64(cfg.Media.ImageMaxSize),
			VideoMaxBytes:       int64(cfg.Media.VideoMaxSize),
			DescriptionMaxChars: cfg.Media.DescriptionMaxChars,
			Concurrency:         cfg.Media.ProcessingWorkers,
		},
		Title:       cfg.Instance.Title,
		Description: cfg.Instance.Description,
		Languages:   cfg.Instance.Languages,
	}
}

// URIs builds local object URLs for the instance cfg describes. The admin commands use
// it too, so that an account created from the command line gets the same IDs the server
// would give it.
func URIs(cfg *config.Config) uris.Builder {
	return uris.Builder{Protocol: cfg.Protocol, Host: cfg.Host}
}

// Handler serves every route; tests can mount it on an httptest.Server.
func (s *Server) Handler() http.Handler { return s.handler }

// DB is the server's database.
func (s *Server) DB() *store.DB { return s.db }

// Close stops sharing events and closes the database.
func (s *Server) Close() error {
	var errs []error
	if s.media != nil {
		s.media.Close() // the job queue has stopped: nothing more to wait for
	}
	if s.bridge != nil {
		errs = append(errs, s.bridge.Close())
	}
	if s.db != nil {
		errs = append(errs, s.db.Close())
	}
	return errors.Join(errs...)
}
