package statuses

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// delete serves DELETE /api/v1/statuses/:id: it deletes one of the viewer's statuses
// and answers it as it was, with its source text, so that a client can offer to
// redraft it. The status is loaded with its mentions, tags, media and poll before the
// deletion takes them with it. Its media is kept for the redraft (and pruned a day
// later if none comes), unless delete_media is true (Mastodon 4.4): then its files go
// at once.
func (h *Handlers) delete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	viewer, id := access.AccountID(ctx), chi.URLParam(r, "id")
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	st, err := h.Resolver.Query().Status(ctx, id)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var media []*ent.MediaAttachment
	if v.True("delete_media") && h.Resolver.Media != nil {
		if media, err = st.QueryMedia().All(ctx); err != nil {
			respond.Error(w, r, err)
			return
		}
	}
	if _, err := h.Resolver.Posting.Delete(ctx, viewer, id); err != nil {
		respond.Error(w, r, err)
		return
	}
	if err := h.Resolver.Media.Delete(ctx, media...); err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.DeletedStatus(ctx, viewer, st)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}
