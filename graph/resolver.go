// Package graph is fedigraph's application core: the GraphQL schema, its resolvers, and
// (in sub-packages) the domain logic that the Mastodon API and federation share.
package graph

import (
	"log/slog"
	"time"

	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/filters"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/lists"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/polls"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/reports"
	"github.com/fedigraph/fedigraph/graph/scheduling"
	"github.com/fedigraph/fedigraph/graph/search"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/tags"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// Settings are the parts of the configuration the application core obeys.
type Settings struct {
	URIs               uris.Builder
	AccountDomain      string // the domain in @user@domain; usually URIs.Host
	MaxStatusChars     int
	PollMaxOptions     int
	PollOptionMaxChars int
	MaxMediaFiles      int
	// Media bounds uploads: sizes, pixels, alt text, processing concurrency.
	Media media.Limits
	// Title, Description (a short plain text) and Languages (BCP 47, most used first)
	// describe the instance to visitors and apps, as configured in its instance section.
	Title       string
	Description string
	Languages   []string
}

// Deps are what the resolvers are built from.
type Deps struct {
	DB *store.DB
	// Hub delivers events to this process's subscribers; Events publishes them (the
	// hub itself on SQLite, a PostgreSQL bridge when several processes share a database).
	Hub      *hub.Hub
	Events   hub.Publisher
	Settings Settings
	Logger   *slog.Logger
	Now      func() time.Time
	// Storage keeps media files; nil turns uploads off (they answer an error).
	Storage media.Storage
	// MediaQueue runs media processing as durable jobs; nil processes in the
	// background of this process (see media.Service.Queue).
	MediaQueue media.Queue
	// MediaService, when set, is the media service to use as it is (the server
	// builds it first, to register its job workers); Storage and MediaQueue are then
	// ignored.
	MediaService *media.Service
	// Federator hears of every local action other servers must learn of (nil:
	// federation off).
	Federator federate.Federator
	// Remote looks up accounts and posts on other servers for searches (nil:
	// searches find only what is stored here).
	Remote search.Remote
	// Jobs is the durable job queue, for work at a later time (scheduled statuses);
	// nil: statuses cannot be scheduled.
	Jobs *jobs.Queue
}

// Services are the domain functions behind the resolvers. The Mastodon API calls the
// same ones, so a rule lives in exactly one place.
type Services struct {
	Posting   *posting.Service
	Relations *relations.Service
	Interact  *interact.Service
	Lists     *lists.Service
	Polls     *polls.Service
	Tags      *tags.Service
	Reports   *reports.Service
	Filters   *filters.Service
	// Scheduling posts statuses at a later time, through Posting.
	Scheduling *scheduling.Service
	Media      *media.Service // nil without Deps.Storage
}

// Resolver is the root of the GraphQL resolvers; it holds what every resolver needs.
type Resolver struct {
	Deps
	Services
}

// NewResolver builds the resolvers and the domain services behind them.
func NewResolver(d Deps) *Resolver {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Events == nil {
		d.Events = d.Hub
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Settings.AccountDomain == "" {
		d.Settings.AccountDomain = d.Settings.URIs.Host
	}
	s := d.Settings
	mediaService := d.MediaService
	if mediaService == nil && d.Storage != nil {
		mediaService = media.New(d.DB, d.Storage, s.Media)
		mediaService.Queue, mediaService.Logger, mediaService.Now = d.MediaQueue, d.Logger, d.Now
	}
	r := &Resolver{Deps: d, Services: Services{
		Media: mediaService,
		Posting: &posting.Service{
			DB: d.DB, Events: d.Events, URIs: s.URIs, AccountDomain: s.AccountDomain, Now: d.Now,
			Federator: d.Federator, Remote: d.Remote,
			Limits: posting.Limits{
				MaxChars: s.MaxStatusChars, PollMaxOptions: s.PollMaxOptions,
				PollOptionMaxChars: s.PollOptionMaxChars, MaxMediaFiles: s.MaxMediaFiles,
			},
		},
		Relations: &relations.Service{DB: d.DB, Events: d.Events, URIs: s.URIs, Now: d.Now, Federator: d.Federator},
		Interact:  &interact.Service{DB: d.DB, Events: d.Events, URIs: s.URIs, Now: d.Now, Federator: d.Federator},
		Lists:     &lists.Service{DB: d.DB, Now: d.Now},
		Polls:     &polls.Service{DB: d.DB, Events: d.Events, Now: d.Now, Federator: d.Federator},
		Tags:      &tags.Service{DB: d.DB},
		Reports:   &reports.Service{DB: d.DB, Events: d.Events, Now: d.Now, Federator: d.Federator},
		Filters:   &filters.Service{DB: d.DB, Events: d.Events, Now: d.Now},
	}}
	r.Scheduling = &scheduling.Service{DB: d.DB, Queue: d.Jobs, Posting: r.Posting, Now: d.Now}
	return r
}
