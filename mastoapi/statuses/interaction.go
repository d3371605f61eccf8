package statuses

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// interaction is an interact.Service method: it acts on a status (or on what a boost
// boosts) and returns the original as it is afterwards.
type interaction func(ctx context.Context, actorID, statusID string) (*ent.Status, error)

// act serves an interaction that takes no parameters (favourite, bookmark, pin…): it
// applies fn to the status in the path and answers the status it landed on.
func (h *Handlers) act(fn interaction) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		st, err := fn(r.Context(), access.AccountID(r.Context()), chi.URLParam(r, "id"))
		h.status(w, r, st, err)
	}
}

// status answers one rendered status.
func (h *Handlers) status(w http.ResponseWriter, r *http.Request, st *ent.Status, err error) {
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Status(r.Context(), access.AccountID(r.Context()), st)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}
