package statuses

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph/thread"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// context serves GET /api/v1/statuses/:id/context through the GraphQL thread query:
// the visible replies above the status, oldest first, and below it, depth first.
func (h *Handlers) context(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, err := h.Resolver.Query().Thread(ctx, chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Context(ctx, access.AccountID(ctx), &thread.Context{Ancestors: t.Ancestors, Descendants: t.Descendants})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}
