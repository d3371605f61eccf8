package statuses

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// history serves GET /api/v1/statuses/:id/history: every revision of a status the
// viewer may see, the original first and the current text last.
func (h *Handlers) history(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	st, err := h.Resolver.Query().Status(ctx, chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.StatusHistory(ctx, st)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}
