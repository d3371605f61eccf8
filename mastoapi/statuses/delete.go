package statuses

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// delete serves DELETE /api/v1/statuses/:id: it deletes one of the viewer's statuses
// and answers it as it was, with its source text, so that a client can offer to
// redraft it.
func (h *Handlers) delete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	viewer := access.AccountID(ctx)
	st, err := h.Resolver.Posting.Delete(ctx, viewer, chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.DeletedStatus(ctx, viewer, st)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}
