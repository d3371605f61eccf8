package timelines

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph/timeline"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// list serves GET /api/v1/timelines/list/:list_id: the statuses of the viewer's list's
// members. Another account's list is not found.
func (h *Handlers) list(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	q, err := timeline.List(ctx, h.Resolver.DB.Client, access.AccountID(ctx), chi.URLParam(r, "list_id"), h.Resolver.Now())
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	h.page(w, r, v, q)
}
