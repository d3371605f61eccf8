package timelines

import (
	"net/http"

	"github.com/fedigraph/fedigraph/graph/timeline"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// home serves GET /api/v1/timelines/home: the viewer's own statuses and those of the
// accounts and hashtags they follow.
func (h *Handlers) home(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	// Home, not HomeFilter: it plans the query so that paging stays fast.
	q, err := timeline.Home(ctx, h.Resolver.DB.Client, access.AccountID(ctx), h.Resolver.Now())
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	h.page(w, r, v, q)
}
