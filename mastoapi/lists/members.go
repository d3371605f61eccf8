package lists

import (
	"context"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// members serves GET /api/v1/lists/:id/accounts: the accounts on the list, most
// recently added first and paged by membership, or all of them, unpaged and earliest
// added first, with limit=0, as Mastodon allows.
func (h *Handlers) members(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	viewer, listID := access.AccountID(ctx), chi.URLParam(r, "id")
	if strings.TrimSpace(v.Get("limit")) == "0" {
		h.allMembers(w, r, viewer, listID)
		return
	}
	win := pagination.Window(v, pagination.Accounts)
	page, more, err := h.Resolver.Lists.MemberPage(ctx, viewer, listID, win)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	accounts := make([]*ent.Account, len(page))
	ids := make([]string, len(page))
	for i, m := range page {
		accounts[i], ids[i] = m.Edges.Account, m.ID
	}
	out, err := h.Renderer.Accounts(ctx, accounts)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, out)
}

func (h *Handlers) allMembers(w http.ResponseWriter, r *http.Request, viewer, listID string) {
	accounts, err := h.Resolver.Lists.Members(r.Context(), viewer, listID)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Accounts(r.Context(), accounts)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}

// addMembers serves POST /api/v1/lists/:id/accounts (account_ids[]): each must be an
// account the viewer follows. It answers an empty object.
func (h *Handlers) addMembers(w http.ResponseWriter, r *http.Request) {
	h.changeMembers(w, r, h.Resolver.Lists.AddAccounts)
}

// removeMembers serves DELETE /api/v1/lists/:id/accounts (account_ids[]).
func (h *Handlers) removeMembers(w http.ResponseWriter, r *http.Request) {
	h.changeMembers(w, r, h.Resolver.Lists.RemoveAccounts)
}

func (h *Handlers) changeMembers(w http.ResponseWriter, r *http.Request, change func(ctx context.Context, actorID, listID string, accountIDs []string) error) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if err := change(ctx, access.AccountID(ctx), chi.URLParam(r, "id"), v.Strings("account_ids")); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, struct{}{})
}
