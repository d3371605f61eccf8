package accounts

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// mute serves POST /api/v1/accounts/:id/mute: notifications (default true) says
// whether notifications are hidden too, duration is in seconds with 0 for ever.
func (h *Handlers) mute(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	seconds, err := v.Int("duration")
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	o := relations.MuteOptions{Notifications: v.Bool("notifications")}
	if seconds != nil {
		o.Duration = time.Duration(*seconds) * time.Second
	}
	rel, err := h.Resolver.Relations.Mute(r.Context(), access.AccountID(r.Context()), chi.URLParam(r, "id"), o)
	h.relationship(w, r, rel, err)
}
