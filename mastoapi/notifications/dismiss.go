package notifications

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph/notifications"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// dismiss serves POST /api/v1/notifications/:id/dismiss, answering an empty object.
func (h *Handlers) dismiss(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := notifications.Dismiss(ctx, h.Resolver.DB.Client, access.AccountID(ctx), chi.URLParam(r, "id")); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, struct{}{})
}

// clear serves POST /api/v1/notifications/clear, answering an empty object.
func (h *Handlers) clear(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if _, err := notifications.Clear(ctx, h.Resolver.DB.Client, access.AccountID(ctx)); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, struct{}{})
}
