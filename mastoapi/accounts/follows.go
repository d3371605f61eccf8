package accounts

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// collection is relations.Service.Followers or Following: the follows an account's
// list shows, as the viewer may see them.
type collection func(ctx context.Context, viewerID, accountID string) (*ent.FollowQuery, error)

// followers serves GET /api/v1/accounts/:id/followers.
func (h *Handlers) followers(w http.ResponseWriter, r *http.Request) {
	h.follows(w, r, h.Resolver.Relations.Followers, func(f *ent.Follow) *ent.Account { return f.Edges.Account })
}

// following serves GET /api/v1/accounts/:id/following.
func (h *Handlers) following(w http.ResponseWriter, r *http.Request) {
	h.follows(w, r, h.Resolver.Relations.Following, func(f *ent.Follow) *ent.Account { return f.Edges.TargetAccount })
}

// follows pages a follow list most recent follow first. As on Mastodon, the paging IDs
// in the Link header are the follows' IDs, not the accounts'.
func (h *Handlers) follows(w http.ResponseWriter, r *http.Request, list collection, listed func(*ent.Follow) *ent.Account) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	q, err := list(ctx, access.AccountID(ctx), chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	win := pagination.Window(v, pagination.Accounts)
	rows, err := q.WithAccount().WithTargetAccount().
		Where(win.Where(follow.FieldID)).Order(win.Order(follow.FieldID)).Limit(win.Limit + 1).All(ctx)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("load follows: %w", err))
		return
	}
	rows, more := paging.Finish(rows, win)
	accounts := make([]*ent.Account, len(rows))
	ids := make([]string, len(rows))
	for i, f := range rows {
		accounts[i], ids[i] = listed(f), f.ID
	}
	out, err := h.Renderer.Accounts(ctx, accounts)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, out)
}
