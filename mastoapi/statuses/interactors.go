package statuses

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// The lists of who boosted and who favourited a status; graph/interact decides what
// they hold, as it does for the GraphQL fields rebloggedBy and favouritedBy.

// rebloggedBy serves GET /api/v1/statuses/:id/reblogged_by: the accounts whose boosts
// of the status the viewer may see, most recent boost first, paged by boost ID.
func (h *Handlers) rebloggedBy(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	win, ok := h.interactorsRequest(w, r)
	if !ok {
		return
	}
	q, err := h.Resolver.Interact.BoostsOf(ctx, access.AccountID(ctx), chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	boosts, err := q.WithAccount().
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
	win, ok := h.interactorsRequest(w, r)
	if !ok {
		return
	}
	q, err := h.Resolver.Interact.FavouritesOf(ctx, access.AccountID(ctx), chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	favs, err := q.WithAccount().
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

// interactorsRequest reads the paging window; it has answered the request itself when
// ok is false.
func (h *Handlers) interactorsRequest(w http.ResponseWriter, r *http.Request) (paging.Window, bool) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return paging.Window{}, false
	}
	return pagination.Window(v, pagination.Accounts), true
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
