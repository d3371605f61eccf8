package notifications

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/notifications"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// get serves GET /api/v1/notifications/:id.
func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, err := notifications.Get(ctx, h.Resolver.DB.Client, access.AccountID(ctx), chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Notifications(ctx, access.AccountID(ctx), []*ent.Notification{n})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out[0])
}
