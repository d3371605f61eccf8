package accounts

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph/timeline"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// statuses serves GET /api/v1/accounts/:id/statuses: the account's statuses the
// viewer may see, newest first, narrowed by pinned, exclude_replies, exclude_reblogs,
// only_media and tagged, and paged with a Link header.
func (h *Handlers) statuses(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	id := chi.URLParam(r, "id")
	// The account query answers 404 for unknown and suspended accounts.
	if _, err := h.Resolver.Query().Account(ctx, &id, nil); err != nil {
		respond.Error(w, r, err)
		return
	}
	o := timeline.AccountOptions{
		Pinned:         v.True("pinned"),
		ExcludeReplies: v.True("exclude_replies"),
		ExcludeReblogs: v.True("exclude_reblogs"),
		OnlyMedia:      v.True("only_media"),
		Tagged:         v.Get("tagged"),
	}
	viewer := access.AccountID(ctx)
	win := pagination.Window(v, pagination.Statuses)
	page, more, err := timeline.Page(ctx, timeline.Account(h.Resolver.DB.Client, viewer, id, o), win)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Statuses(ctx, viewer, page)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ids := make([]string, len(page))
	for i, st := range page {
		ids[i] = st.ID
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, out)
}
