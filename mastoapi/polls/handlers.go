// Package polls serves Mastodon's /api/v1/polls routes: reading a poll and voting in
// it. Each handler translates the request onto graph/polls, the service behind the
// GraphQL votePoll mutation, and renders the poll with the entity Renderer.
package polls

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the poll routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	const p = "/api/v1/polls/{id}"
	r.With(access.IfToken("read:statuses")).Get(p, h.get)
	r.With(access.User("write:statuses")).Post(p+"/votes", h.vote)
}

// poll answers one poll, loaded with its status. The poll is rendered as part of its
// status, so that it shows exactly what the status's poll shows the same viewer.
func (h *Handlers) poll(w http.ResponseWriter, r *http.Request, p *ent.Poll, err error) {
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	st, err := h.Renderer.Status(r.Context(), access.AccountID(r.Context()), p.Edges.Status)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, st.Poll)
}
