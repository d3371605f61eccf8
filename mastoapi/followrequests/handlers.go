// Package followrequests serves Mastodon's /api/v1/follow_requests routes: the
// requests waiting for the signed-in user's approval, most recent first, and
// authorizing or rejecting one. They translate onto graph/relations, where GraphQL's
// followRequests field and accept/reject mutations go too.
package followrequests

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the follow request routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
	BaseURL  string // the public root URL, for Link headers
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	const p = "/api/v1/follow_requests"
	rel := h.Resolver.Relations
	r.With(access.User("read:follows")).Get(p, h.list)
	r.With(access.User("write:follows")).Post(p+"/{account_id}/authorize", h.decide(rel.AcceptFollowRequest))
	r.With(access.User("write:follows")).Post(p+"/{account_id}/reject", h.decide(rel.RejectFollowRequest))
}

// decision is relations.Service.AcceptFollowRequest or RejectFollowRequest.
type decision func(ctx context.Context, actorID, requesterID string) (*relations.Relationship, error)

// decide serves authorize and reject: the viewer decides on the request of the
// account in the path, and the answer is the relationship with it afterwards.
func (h *Handlers) decide(d decision) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		rel, err := d(ctx, access.AccountID(ctx), chi.URLParam(r, "account_id"))
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		respond.OK(w, h.Renderer.Relationships([]*relations.Relationship{rel})[0])
	}
}
