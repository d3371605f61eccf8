package statuses

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// edit serves PUT /api/v1/statuses/:id through the posting service. As on Mastodon
// the request is the whole new state: media or a poll left out of it are removed.
// The previous revision goes into the status's history.
func (h *Handlers) edit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	d, err := readDraft(v)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	st, err := h.Resolver.Posting.Edit(ctx, access.AccountID(ctx), chi.URLParam(r, "id"), d)
	h.status(w, r, st, err)
}
