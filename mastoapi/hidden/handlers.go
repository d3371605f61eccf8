// Package hidden serves the accounts the signed-in user hides: /api/v1/blocks and
// /api/v1/mutes, most recent first and paged, as on Mastodon, by the block's or
// mute's ID rather than the account's. The lists come from graph/relations, which
// leaves out expired mutes and suspended accounts.
package hidden

import (
	"context"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the blocks and mutes routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
	BaseURL  string // the public root URL, for Link headers
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it (the
// old "follow" scope grants both).
func (h *Handlers) Mount(r chi.Router) {
	r.With(access.User("read:blocks")).Get("/api/v1/blocks", h.blocks)
	r.With(access.User("read:mutes")).Get("/api/v1/mutes", h.mutes)
}

// hides is one window of the viewer's blocks or mutes: each one's ID, the account it
// hides, and whether more lie beyond the window.
type hides struct {
	ids      []string
	accounts []*ent.Account
	more     bool
	// muteExpiries is set for mutes: when each ends (nil for never). Mastodon shows
	// it on each account of the list, as mute_expires_at.
	muteExpiries []*time.Time
}

// loader fetches the viewer's blocks or mutes in the window.
type loader func(ctx context.Context, viewerID string, win paging.Window) (hides, error)

// serve answers with the window the request selects, rendered as accounts, with the
// Link header to the pages around it.
func (h *Handlers) serve(w http.ResponseWriter, r *http.Request, load loader) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	win := pagination.Window(v, pagination.Accounts)
	hs, err := load(ctx, access.AccountID(ctx), win)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Accounts(ctx, hs.accounts)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pagination.Link(w, r, h.BaseURL, hs.ids, hs.more, win)
	if hs.muteExpiries != nil {
		respond.OK(w, entity.MutedAccounts(out, hs.muteExpiries))
		return
	}
	respond.OK(w, out)
}
