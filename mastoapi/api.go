// Package mastoapi is the Mastodon client API: /api/v1 and /api/v2, so that every
// Mastodon app works against fedigraph. It translates and nothing more. A handler
// parses the Mastodon request, calls the same resolver or domain function that
// /graphql calls, and renders the Mastodon entity; visibility, counts, paging order
// and permissions are decided under graph/, once for every surface.
//
// Routes live in packages by concern (accounts, statuses), one handler per file where
// that helps; the pieces they share are small packages of their own: params reads
// requests, access guards routes by credentials and scope, pagination turns
// max_id/since_id/min_id into a paging window and a Link header, and respond writes
// entities and Mastodon's {"error": "…"} bodies. OAuth and /api/v1/apps are in
// mastoapi/oauth; entity holds the JSON types and their Renderer.
package mastoapi

import (
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/webpush"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/accounts"
	"github.com/fedigraph/fedigraph/mastoapi/conversations"
	"github.com/fedigraph/fedigraph/mastoapi/domainblocks"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/filters"
	"github.com/fedigraph/fedigraph/mastoapi/followrequests"
	"github.com/fedigraph/fedigraph/mastoapi/hidden"
	"github.com/fedigraph/fedigraph/mastoapi/instance"
	"github.com/fedigraph/fedigraph/mastoapi/lists"
	"github.com/fedigraph/fedigraph/mastoapi/marked"
	"github.com/fedigraph/fedigraph/mastoapi/markers"
	"github.com/fedigraph/fedigraph/mastoapi/media"
	"github.com/fedigraph/fedigraph/mastoapi/notifications"
	"github.com/fedigraph/fedigraph/mastoapi/polls"
	"github.com/fedigraph/fedigraph/mastoapi/preferences"
	"github.com/fedigraph/fedigraph/mastoapi/push"
	"github.com/fedigraph/fedigraph/mastoapi/reports"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
	"github.com/fedigraph/fedigraph/mastoapi/search"
	"github.com/fedigraph/fedigraph/mastoapi/statuses"
	"github.com/fedigraph/fedigraph/mastoapi/tags"
	"github.com/fedigraph/fedigraph/mastoapi/timelines"
)

// Deps are what the API is built from.
type Deps struct {
	DB *store.DB
	// Resolver is the GraphQL root; its Services (Posting, Relations, Interact, Lists),
	// Settings and Now are the application core the handlers call.
	Resolver *graph.Resolver
	Renderer *entity.Renderer // nil means one built from Resolver
	Logger   *slog.Logger     // nil means slog.Default()
}

// NewRenderer builds the entity renderer over the application core's services.
func NewRenderer(r *graph.Resolver) *entity.Renderer {
	return &entity.Renderer{
		DB: r.DB, Interact: r.Interact, Relations: r.Relations, Filters: r.Filters,
		Settings: entity.Settings{
			URIs: r.Settings.URIs, AccountDomain: r.Settings.AccountDomain,
			CacheRemoteMedia: r.Media != nil && r.Media.Remote != nil,
		},
	}
}

// API serves the Mastodon client API.
type API struct {
	deps     Deps
	accounts *accounts.Handlers
	statuses *statuses.Handlers
}

// New builds the API.
func New(d Deps) *API {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Renderer == nil {
		d.Renderer = NewRenderer(d.Resolver)
	}
	base := d.Resolver.Settings.URIs.Base()
	return &API{
		deps:     d,
		accounts: &accounts.Handlers{Resolver: d.Resolver, Renderer: d.Renderer, BaseURL: base},
		statuses: &statuses.Handlers{Resolver: d.Resolver, Renderer: d.Renderer, BaseURL: base},
	}
}

// Mount adds the routes to r, which must run auth.Authenticator.Middleware first: the
// handlers read the viewer it puts in the request's context. Any other path under
// /api answers Mastodon's 404 rather than falling through to the web app.
func (a *API) Mount(r chi.Router) {
	r.Group(func(r chi.Router) {
		r.Use(respond.WithLogger(a.deps.Logger), access.Credentials)
		a.accounts.Mount(r)
		a.statuses.Mount(r)
		res, ren, base := a.deps.Resolver, a.deps.Renderer, a.deps.Resolver.Settings.URIs.Base()
		(&timelines.Handlers{Resolver: res, Renderer: ren, BaseURL: base}).Mount(r)
		(&notifications.Handlers{Resolver: res, Renderer: ren, BaseURL: base}).Mount(r)
		(&conversations.Handlers{Resolver: res, Renderer: ren, BaseURL: base}).Mount(r)
		(&followrequests.Handlers{Resolver: res, Renderer: ren, BaseURL: base}).Mount(r)
		(&marked.Handlers{Resolver: res, Renderer: ren, BaseURL: base}).Mount(r)
		(&hidden.Handlers{Resolver: res, Renderer: ren, BaseURL: base}).Mount(r)
		(&lists.Handlers{Resolver: res, Renderer: ren, BaseURL: base}).Mount(r)
		(&markers.Handlers{Resolver: res, Renderer: ren}).Mount(r)
		(&preferences.Handlers{Resolver: res, Renderer: ren}).Mount(r)
		keys := &webpush.Keys{DB: res.DB.Client}
		(&instance.Handlers{Resolver: res, Renderer: ren, Keys: keys}).Mount(r)
		(&push.Handlers{Resolver: res, Keys: keys}).Mount(r)
		(&polls.Handlers{Resolver: res, Renderer: ren}).Mount(r)
		(&tags.Handlers{Resolver: res, Renderer: ren, BaseURL: base}).Mount(r)
		(&domainblocks.Handlers{Resolver: res, BaseURL: base}).Mount(r)
		(&reports.Handlers{Resolver: res, Renderer: ren}).Mount(r)
		(&search.Handlers{Resolver: res, Renderer: ren}).Mount(r)
		(&filters.Handlers{Resolver: res, Renderer: ren}).Mount(r)
		(&media.Handlers{Resolver: res, Renderer: ren}).Mount(r)
		r.Handle("/api/*", http.HandlerFunc(notFound))
	})
}

func notFound(w http.ResponseWriter, _ *http.Request) {
	respond.Message(w, http.StatusNotFound, respond.NotFound)
}
