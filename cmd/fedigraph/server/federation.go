package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/cmd/fedigraph/config"
	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/deref"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/federation/inbound"
	"github.com/fedigraph/fedigraph/federation/inbox"
	"github.com/fedigraph/fedigraph/federation/ingest"
	"github.com/fedigraph/fedigraph/federation/outbox"
	"github.com/fedigraph/fedigraph/federation/serve"
	"github.com/fedigraph/fedigraph/federation/transport"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/accounts"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/scheduling"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/uris"
	"github.com/fedigraph/fedigraph/graph/webpush"
	"github.com/fedigraph/fedigraph/mastoapi"
	"github.com/fedigraph/fedigraph/mastoapi/push"
)

// Version is fedigraph's version as other servers see it (NodeInfo, User-Agent).
const Version = "0.1.0"

// federation is the ActivityPub side of a server: the job queue its deliveries and
// inbox run on, and the pieces the router mounts.
type federation struct {
	queue    *jobs.Queue
	outbox   *outbox.Outbox
	inboxJob *inbox.Worker
	inbox    *inbox.Handler
	serve    *serve.Server
	deref    *deref.Dereferencer
	push     *webpush.Deliverer    // Web Push deliveries, worked on the same queue
	schedule *scheduling.Publisher // posts scheduled statuses at their time
}

// queueConcurrency is how many jobs of each queue one process works at once: enough
// deliveries in flight to hide slow servers, few enough to bound memory. The media
// queue's comes from media-processing-workers.
var queueConcurrency = map[string]int{jobs.Federation: 16, jobs.Default: 4}

// mediaPruneEvery is how often the media prune job runs.
const mediaPruneEvery = 24 * time.Hour

// newFederation builds the queue and the outbox, which the domain services need
// before the resolver exists; wire completes it once they do.
func newFederation(ctx context.Context, cfg *config.Config, db *store.DB, logger *slog.Logger, m *media.Service) (*federation, error) {
	f := &federation{}
	client := transport.New(transport.Config{
		AllowIPs:  cfg.HTTPClient.AllowIPs,
		BlockIPs:  cfg.HTTPClient.BlockIPs,
		Timeout:   cfg.HTTPClient.Timeout,
		UserAgent: "fedigraph/" + Version + " (+" + cfg.BaseURL() + "/)",
	})
	workers := river.NewWorkers()
	delivery := deliveryConfig(cfg)
	river.AddWorker(workers, &outbox.Deliverer{DB: db, Client: client, Config: delivery})
	f.inboxJob = &inbox.Worker{Permanent: permanentApplyError}
	river.AddWorker(workers, f.inboxJob)
	f.push = newPushDeliverer(cfg, db, client)
	river.AddWorker(workers, f.push)
	f.schedule = &scheduling.Publisher{}
	river.AddWorker(workers, f.schedule)
	media.AddWorkers(workers, m, MediaPruneOptions(cfg))
	concurrency := maps.Clone(queueConcurrency)
	concurrency[jobs.Media] = cfg.Media.ProcessingWorkers
	q, err := jobs.New(ctx, db, jobs.Config{
		Workers:     workers,
		Concurrency: concurrency,
		Periodic:    media.PeriodicJobs(mediaPruneEvery),
		Logger:      logger.With("component", "jobs"),
	})
	if err != nil {
		return nil, err
	}
	f.queue = q
	m.Queue = media.JobQueue{Jobs: q}
	// Remote media is fetched through the same guarded client as everything else
	// from other servers.
	m.Remote = client.HTTPClient()
	u := URIs(cfg)
	render := renderer(u)
	instanceActor, err := serve.EnsureInstanceActor(ctx, db, u, cfg.Host)
	if err != nil {
		return nil, fmt.Errorf("instance actor: %w", err)
	}
	f.outbox = &outbox.Outbox{Queue: q, Render: render, Config: delivery, InstanceActorID: instanceActor.ID}
	key, err := httpsig.ParsePrivateKeyPEM(instanceActor.PrivateKey)
	if err != nil {
		return nil, fmt.Errorf("instance actor key: %w", err)
	}
	f.deref = &deref.Dereferencer{
		DB: db, Client: client, Host: cfg.Host, Protocol: cfg.Protocol,
		Signer: &httpsig.Signer{KeyID: instanceActor.PublicKeyURI, Key: key},
	}
	f.inbox = &inbox.Handler{
		DB: db, Queue: q, Host: cfg.Host,
		Verifier: httpsig.Verifier{Resolve: f.deref.ResolveKey, Host: cfg.Host},
	}
	f.serve = serve.New(serve.Config{
		DB: db, URIs: u, Host: cfg.Host, AccountDomain: cfg.AccountDomainOrHost(), Render: render,
		AuthorizedFetch: cfg.Federation.AuthorizedFetch, KeyResolver: f.deref.ResolveKey,
		OpenRegistrations: cfg.Accounts.RegistrationOpen, Version: Version, NodeName: cfg.Instance.Title,
		Logger: logger,
	})
	return f, nil
}

// renderer renders ActivityStreams documents with this instance's file URLs.
func renderer(u uris.Builder) ap.Renderer {
	return ap.Renderer{URIs: u, MediaURL: mediaURL(u.Base(), false), PreviewURL: mediaURL(u.Base(), true),
		EmojiURL: func(e *ent.CustomEmoji) string { url, _ := media.EmojiURLs(u.Base(), e, false); return url }}
}

// mediaURL is where other servers fetch a file (or its preview): a remote file where
// its own server keeps it (even when cached here), a local one here.
func mediaURL(base string, preview bool) func(*ent.MediaAttachment) string {
	return func(m *ent.MediaAttachment) string {
		if m.RemoteURL != "" {
			if preview {
				return m.PreviewRemoteURL
			}
			return m.RemoteURL
		}
		if preview {
			return media.URL(base, m.PreviewPath)
		}
		return media.URL(base, m.FilePath)
	}
}

// wire connects what applies remote activities to the domain services.
func (f *federation) wire(resolver *graph.Resolver) {
	ingester := &ingest.Ingester{
		DB: resolver.DB, Events: resolver.Events, Federator: f.outbox, Resolve: f.deref,
	}
	f.deref.Store = ingester
	f.push.Payload = push.Payload(mastoapi.NewRenderer(resolver))
	f.schedule.Service = resolver.Scheduling
	f.inboxJob.Accounts = f.deref
	f.inboxJob.Apply = &inbound.Processor{
		DB: resolver.DB, Ingest: ingester, Resolve: f.deref,
		Relations: resolver.Relations, Interact: resolver.Interact,
		Polls: resolver.Polls, Reports: resolver.Reports,
		Federator: f.outbox, Events: resolver.Events, URIs: resolver.Settings.URIs,
	}
}

// routes mounts the inboxes and what other servers fetch.
func (f *federation) routes(r chi.Router) {
	f.inbox.Routes(r)
	f.serve.Routes(r)
}

// permanentApplyError: activities refused or not understood are dropped, not retried.
func permanentApplyError(err error) bool {
	return errors.Is(err, inbound.ErrForbidden) || errors.Is(err, inbound.ErrUnsupported) ||
		errors.Is(err, ingest.ErrRefused) || errors.Is(err, ingest.ErrNotAuthor)
}

func (f *federation) start(ctx context.Context) error { return f.queue.Start(ctx) }

func (f *federation) stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return f.queue.Stop(ctx)
}

// DeleteAccount deletes a local account from a command-line process: the Delete for
// other servers is queued in the database, and the server processes deliver it.
func DeleteAccount(ctx context.Context, cfg *config.Config, db *store.DB, username string) error {
	q, err := jobs.New(ctx, db, jobs.Config{})
	if err != nil {
		return err
	}
	ob := &outbox.Outbox{Queue: q, Render: renderer(URIs(cfg)), Config: deliveryConfig(cfg)}
	events := hub.New() // nobody subscribes in this process; servers see the rows change
	rel := &relations.Service{DB: db, Events: events, URIs: URIs(cfg)}
	in := &interact.Service{DB: db, Events: events, URIs: URIs(cfg)}
	r := &accounts.Remover{DB: db, Relations: rel, Interact: in, DeleteStatus: accounts.LocalStatusDeleter(db, in)}
	return accounts.DeleteLocal(ctx, db, ob, r, username)
}

func deliveryConfig(cfg *config.Config) outbox.Config {
	return outbox.Config{Backoff: cfg.Federation.DeliveryBackoff, MaxAttempts: cfg.Federation.DeliveryMaxAttempts}
}
