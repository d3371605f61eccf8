package statuses

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// delete serves DELETE /api/v1/statuses/:id: it deletes one of the viewer's statuses
// and answers it as it was, with its source text, so that a client can offer to
// redraft it. The status is loaded with its mentions, tags, media and poll before the
// deletion takes them with it.
func (h *Handlers) delete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	viewer, id := access.AccountID(ctx), chi.URLParam(r, "id")
	st, err := h.Resolver.Query().Status(ctx, id)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if _, err := h.Resolver.Posting.Delete(ctx, viewer, id); err != nil {
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
