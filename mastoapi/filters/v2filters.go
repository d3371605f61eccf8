package filters

import (
	"net/http"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// list serves GET /api/v2/filters: all the viewer's filters, expired ones too.
func (h *Handlers) list(w http.ResponseWriter, r *http.Request) {
	account, _ := ids(r)
	fs, err := h.Resolver.Filters.List(r.Context(), account)
	out := make([]*entity.Filter, len(fs))
	for i, f := range fs {
		out[i] = h.Renderer.Filter(f)
	}
	answer(w, r, out, err)
}

// get serves GET /api/v2/filters/:id.
func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	account, id := ids(r)
	f, err := h.Resolver.Filters.Get(r.Context(), account, id)
	h.filter(w, r, f, err)
}

// create serves POST /api/v2/filters.
func (h *Handlers) create(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	in, err := readInput(v)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	account, _ := ids(r)
	f, err := h.Resolver.Filters.Create(r.Context(), account, in)
	h.filter(w, r, f, err)
}

// update serves PUT /api/v2/filters/:id; what is not sent stays as it is.
func (h *Handlers) update(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	in, err := readInput(v)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	account, id := ids(r)
	f, err := h.Resolver.Filters.Update(r.Context(), account, id, in)
	h.filter(w, r, f, err)
}

// delete serves DELETE /api/v2/filters/:id.
func (h *Handlers) delete(w http.ResponseWriter, r *http.Request) {
	account, id := ids(r)
	empty(w, r, h.Resolver.Filters.Delete(r.Context(), account, id))
}

// filter answers one filter.
func (h *Handlers) filter(w http.ResponseWriter, r *http.Request, f *ent.Filter, err error) {
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.Filter(f))
}
