package media

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// update serves PUT /api/v1/media/:id: a new description or focal point. (A new
// thumbnail, which Mastodon also takes here, is not supported.)
func (h *Handlers) update(w http.ResponseWriter, r *http.Request) {
	svc, err := h.service()
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	fc, err := focus(v)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	m, err := svc.Update(r.Context(), access.AccountID(r.Context()), chi.URLParam(r, "id"),
		media.Changes{Description: v.Optional("description"), Focus: fc})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	h.render(w, http.StatusOK, m)
}

// delete serves DELETE /api/v1/media/:id (Mastodon 4.4): an upload not attached to
// any status is deleted, files and all; an attached one is refused.
func (h *Handlers) delete(w http.ResponseWriter, r *http.Request) {
	svc, err := h.service()
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	m, err := svc.Own(ctx, access.AccountID(ctx), chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	attached, err := m.QueryStatus().Exist(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if attached || m.Purpose != mediaattachment.PurposeATTACHMENT {
		respond.Error(w, r, apperr.BadInputf("Media attachment is currently used by a status"))
		return
	}
	if err := svc.Delete(ctx, m); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, map[string]any{})
}
