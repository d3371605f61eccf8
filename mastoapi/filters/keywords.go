package filters

import (
	"net/http"

	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// keywords serves GET /api/v2/filters/:id/keywords.
func (h *Handlers) keywords(w http.ResponseWriter, r *http.Request) {
	account, id := ids(r)
	ks, err := h.Resolver.Filters.Keywords(r.Context(), account, id)
	out := make([]*entity.FilterKeyword, len(ks))
	for i, k := range ks {
		out[i] = h.Renderer.FilterKeyword(k)
	}
	answer(w, r, out, err)
}

// addKeyword serves POST /api/v2/filters/:id/keywords with keyword and whole_word.
func (h *Handlers) addKeyword(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	account, id := ids(r)
	k, err := h.Resolver.Filters.AddKeyword(r.Context(), account, id, v.Get("keyword"), v.Bool("whole_word"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.FilterKeyword(k))
}

// keyword serves GET /api/v2/filters/keywords/:id.
func (h *Handlers) keyword(w http.ResponseWriter, r *http.Request) {
	account, id := ids(r)
	k, err := h.Resolver.Filters.Keyword(r.Context(), account, id)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.FilterKeyword(k))
}

// updateKeyword serves PUT /api/v2/filters/keywords/:id with keyword and whole_word.
func (h *Handlers) updateKeyword(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	account, id := ids(r)
	k, err := h.Resolver.Filters.UpdateKeyword(r.Context(), account, id, v.Optional("keyword"), v.Bool("whole_word"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.FilterKeyword(k))
}

// deleteKeyword serves DELETE /api/v2/filters/keywords/:id, and DELETE
// /api/v1/filters/:id, since a v1 filter is a keyword.
func (h *Handlers) deleteKeyword(w http.ResponseWriter, r *http.Request) {
	account, id := ids(r)
	empty(w, r, h.Resolver.Filters.DeleteKeyword(r.Context(), account, id))
}
