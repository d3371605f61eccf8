package statuses

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/enums"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// reblog serves POST /api/v1/statuses/:id/reblog. Mastodon answers with the boost
// itself, whose "reblog" is the boosted status; visibility (public, unlisted or
// private) is the boost's own.
func (h *Handlers) reblog(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	vis, err := enums.Visibility(v.Get("visibility"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	actor, id := access.AccountID(ctx), chi.URLParam(r, "id")
	if _, err := h.Resolver.Interact.Boost(ctx, actor, id, vis); err != nil {
		respond.Error(w, r, err)
		return
	}
	boost, err := h.Resolver.Interact.BoostBy(ctx, actor, id)
	h.status(w, r, boost, err)
}
