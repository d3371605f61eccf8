// Package preferences serves Mastodon's GET /api/v1/preferences: the signed-in user's
// posting defaults, which apps apply in their composers. The defaults are the ones
// graph/posting falls back on and update_credentials changes.
package preferences

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the preferences route.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
}

// Mount adds the route to r.
func (h *Handlers) Mount(r chi.Router) {
	r.With(access.User("read:accounts")).Get("/api/v1/preferences", h.get)
}

func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := h.Resolver.DB.Account.Query().Where(account.ID(access.AccountID(ctx))).QueryUser().Only(ctx)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("load user: %w", err))
		return
	}
	respond.OK(w, h.Renderer.Preferences(u))
}
