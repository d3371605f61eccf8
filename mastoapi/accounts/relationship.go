package accounts

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// change is a relations.Service method that acts on one account and returns the
// relationship it leaves behind.
type change func(ctx context.Context, actorID, targetID string) (*relations.Relationship, error)

// act serves a relationship action that takes no parameters (unfollow, block,
// unmute…): it applies fn to the account in the path and answers the Relationship.
func (h *Handlers) act(fn change) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rel, err := fn(r.Context(), access.AccountID(r.Context()), chi.URLParam(r, "id"))
		h.relationship(w, r, rel, err)
	}
}

// relationship answers the outcome of a relationship action.
func (h *Handlers) relationship(w http.ResponseWriter, r *http.Request, rel *relations.Relationship, err error) {
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.Relationships([]*relations.Relationship{rel})[0])
}
