package filters

import (
	"net/http"

	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// statuses serves GET /api/v2/filters/:id/statuses.
func (h *Handlers) statuses(w http.ResponseWriter, r *http.Request) {
	account, id := ids(r)
	ss, err := h.Resolver.Filters.Statuses(r.Context(), account, id)
	out := make([]*entity.FilterStatus, len(ss))
	for i, s := range ss {
		out[i] = h.Renderer.FilterStatus(s)
	}
	answer(w, r, out, err)
}

// addStatus serves POST /api/v2/filters/:id/statuses with status_id.
func (h *Handlers) addStatus(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	account, id := ids(r)
	s, err := h.Resolver.Filters.AddStatus(r.Context(), account, id, v.Get("status_id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.FilterStatus(s))
}

// status serves GET /api/v2/filters/statuses/:id.
func (h *Handlers) status(w http.ResponseWriter, r *http.Request) {
	account, id := ids(r)
	s, err := h.Resolver.Filters.Status(r.Context(), account, id)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.FilterStatus(s))
}

// removeStatus serves DELETE /api/v2/filters/statuses/:id.
func (h *Handlers) removeStatus(w http.ResponseWriter, r *http.Request) {
	account, id := ids(r)
	empty(w, r, h.Resolver.Filters.RemoveStatus(r.Context(), account, id))
}
