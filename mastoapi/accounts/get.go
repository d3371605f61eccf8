package accounts

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// get serves GET /api/v1/accounts/:id through the GraphQL account query, which hides
// suspended accounts.
func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	a, err := h.Resolver.Query().Account(r.Context(), &id, nil)
	h.account(w, r, a, err)
}

// account answers one rendered account.
func (h *Handlers) account(w http.ResponseWriter, r *http.Request, a *ent.Account, err error) {
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Account(r.Context(), a)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}
