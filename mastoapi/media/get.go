package media

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// get serves GET /api/v1/media/:id: one of the viewer's uploads, 206 Partial Content
// while it is being processed and 200 once done, as Mastodon answers; an upload whose
// processing failed is 422, with the reason.
func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	svc, err := h.service()
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	m, err := svc.Own(r.Context(), access.AccountID(r.Context()), chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	switch m.Processing {
	case mediaattachment.ProcessingPENDING:
		h.render(w, http.StatusPartialContent, m)
	case mediaattachment.ProcessingFAILED:
		respond.Error(w, r, apperr.BadInputf("Validation failed: the file could not be processed"))
	default:
		h.render(w, http.StatusOK, m)
	}
}
