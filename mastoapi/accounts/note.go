package accounts

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// note serves POST /api/v1/accounts/:id/note: comment is the private note, and an
// empty or missing one removes it.
func (h *Handlers) note(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	rel, err := h.Resolver.Relations.SetNote(r.Context(), access.AccountID(r.Context()), chi.URLParam(r, "id"), v.Get("comment"))
	h.relationship(w, r, rel, err)
}
