package statuses

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

// get serves GET /api/v1/statuses/:id through the GraphQL status query: a status the
// viewer may not see is not found.
func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	st, err := h.Resolver.Query().Status(r.Context(), chi.URLParam(r, "id"))
	h.status(w, r, st, err)
}
