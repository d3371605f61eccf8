package polls

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/mastoapi/access"
)

// get serves GET /api/v1/polls/:id: a poll on a status the viewer may see.
func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	p, err := h.Resolver.Polls.Get(r.Context(), access.AccountID(r.Context()), chi.URLParam(r, "id"))
	h.poll(w, r, p, err)
}
