// Package reports serves Mastodon's POST /api/v1/reports: a user reports an account,
// and some of its statuses, to the moderators. The handler translates the request onto
// graph/reports and renders the Report entity, which lives here since nothing else in
// the client API shows reports.
package reports

import (
	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
)

// Handlers serve the report route.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
}

// Mount adds the route to r, guarded by the scope Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	r.With(access.User("write:reports")).Post("/api/v1/reports", h.create)
}
