package statuses

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/graph/visibility"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// The lists of who boosted and who favourited a status. GraphQL does not offer them
// yet, so graph has no query to share; these are built from the domain's own rules
// (the status must be visible, boosts are filtered by graph/visibility) and belong in
// graph/interact once GraphQL gains the same lists.

// rebloggedBy serves GET /api/v1/statuses/:id/reblogged_by: the accounts whose boosts
// of the status the viewer may see, most recent boost first, paged by boost ID.
func (h *Handlers) rebloggedBy(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	win, st, ok := h.interactorsRequest(w, r)
	if !ok {
		return
	}
	boosts, err := h.Resolver.DB.Status.Query().
		Where(status.ReblogOfID(st.ID), visibility.Statuses(access.AccountID(ctx))).
		WithAccount().
		Where(win.Where(status.FieldID)).Order(win.Order(status.FieldID)).Limit(win.Limit + 1).All(ctx)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("load boosts: %w", err))
		return
	}
	boosts, more := paging.Finish(boosts, win)
	accounts, ids := make([]*ent.Account, len(boosts)), make([]string, len(boosts))
	for i, b := range boosts {
		accounts[i], ids[i] = b.Edges.Account, b.ID
	}
	h.accountPage(w, r, accounts, ids, more, win)
}

// favouritedBy serves GET /api/v1/statuses/:id/favourited_by: the accounts that
// favourited the status, most recent first, paged by favourite ID. Suspended
// accounts are left out, as they are from follower lists.
func (h *Handlers) favouritedBy(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	win, st, ok := h.interactorsRequest(w, r)
	if !ok {
		return
	}
	favs, err := h.Resolver.DB.Favourite.Query().
		Where(favourite.StatusID(st.ID), favourite.HasAccountWith(account.SuspendedAtIsNil())).
		WithAccount().
		Where(win.Where(favourite.FieldID)).Order(win.Order(favourite.FieldID)).Limit(win.Limit + 1).All(ctx)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("load favourites: %w", err))
		return
	}
	favs, more := paging.Finish(favs, win)
	accounts, ids := make([]*ent.Account, len(favs)), make([]string, len(favs))
	for i, f := range favs {
		accounts[i], ids[i] = f.Edges.Account, f.ID
	}
	h.accountPage(w, r, accounts, ids, more, win)
}

// interactorsRequest reads the paging window and loads the status, which the viewer
// must be able to see; it has answered the request itself when ok is false.
func (h *Handlers) interactorsRequest(w http.ResponseWriter, r *http.Request) (paging.Window, *ent.Status, bool) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return paging.Window{}, nil, false
	}
	st, err := h.Resolver.Query().Status(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return paging.Window{}, nil, false
	}
	return pagination.Window(v, pagination.Accounts), st, true
}

// accountPage answers a page of accounts with its Link header.
func (h *Handlers) accountPage(w http.ResponseWriter, r *http.Request, accounts []*ent.Account, ids []string, more bool, win paging.Window) {
	out, err := h.Renderer.Accounts(r.Context(), accounts)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, out)
}
