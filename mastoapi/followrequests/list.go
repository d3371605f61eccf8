package followrequests

import (
	"fmt"
	"net/http"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// list serves GET /api/v1/follow_requests: the accounts asking to follow the viewer,
// most recent request first. As on Mastodon, the Link header pages by the requests'
// IDs, not the accounts'.
func (h *Handlers) list(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	win := pagination.Window(v, pagination.Accounts)
	rows, err := h.Resolver.Relations.FollowRequests(access.AccountID(ctx)).WithAccount().
		Where(win.Where(followrequest.FieldID)).Order(win.Order(followrequest.FieldID)).
		Limit(win.Limit + 1).All(ctx)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("load follow requests: %w", err))
		return
	}
	rows, more := paging.Finish(rows, win)
	accounts := make([]*ent.Account, len(rows))
	ids := make([]string, len(rows))
	for i, fr := range rows {
		accounts[i], ids[i] = fr.Edges.Account, fr.ID
	}
	out, err := h.Renderer.Accounts(ctx, accounts)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, out)
}
