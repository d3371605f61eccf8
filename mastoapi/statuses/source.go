package statuses

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// source serves GET /api/v1/statuses/:id/source: the text of a status as its author
// typed it, for an edit form. The GraphQL text field decides who may read it (the
// author only); to anyone else there is no source to show.
func (h *Handlers) source(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	st, err := h.Resolver.Query().Status(ctx, chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	text, err := h.Resolver.Status().Text(ctx, st)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if text == nil {
		respond.Error(w, r, apperr.NotFoundf("status source not found"))
		return
	}
	respond.OK(w, h.Renderer.StatusSource(st))
}
