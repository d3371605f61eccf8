// Package instance serves what the server says about itself to Mastodon apps:
// /api/v1/instance and /api/v2/instance with the limits composers obey, the peers,
// rules and activity beside them, the custom emoji picker, and the empty answers that
// stand in for features fedigraph leaves out on purpose (trends, follow suggestions,
// announcements), as GoToSocial gives them, so that apps show nothing rather than an
// error.
package instance

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/webpush"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the instance routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
	// Keys gives the Web Push public key that v2 shows (nil: none shown).
	Keys *webpush.Keys
}

// Mount adds the routes to r. What the server says about itself is public, as on
// Mastodon; only the routes about the signed-in user (suggestions, announcements)
// want one.
func (h *Handlers) Mount(r chi.Router) {
	r.Get("/api/v1/instance", h.v1)
	r.Get("/api/v2/instance", h.v2)
	r.Get("/api/v1/instance/rules", h.rules)
	r.Get("/api/v1/custom_emojis", h.customEmojis)
	// No peers list or weekly activity is published: both help crawlers more than
	// people, and fedigraph keeps no engagement metrics.
	r.Get("/api/v1/instance/peers", emptyList)
	r.Get("/api/v1/instance/activity", emptyList)
	// No trends and no suggestions: fedigraph recommends nothing.
	for _, p := range []string{"/api/v1/trends", "/api/v1/trends/tags", "/api/v1/trends/statuses", "/api/v1/trends/links"} {
		r.Get(p, emptyList)
	}
	r.With(access.User("read:accounts", "read")).Get("/api/v1/suggestions", emptyList)
	r.With(access.User("read:accounts", "read")).Get("/api/v2/suggestions", emptyList)
	r.With(access.User("read")).Get("/api/v1/announcements", emptyList)
}

// emptyList answers [].
func emptyList(w http.ResponseWriter, _ *http.Request) { respond.OK(w, []struct{}{}) }
