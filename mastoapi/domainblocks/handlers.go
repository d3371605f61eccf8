// Package domainblocks serves Mastodon's /api/v1/domain_blocks: the servers a user
// hides from themself. Each handler translates the request onto graph/relations,
// where the block's effects (timelines, follows, notifications) are decided.
package domainblocks

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent/accountdomainblock"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the domain block routes.
type Handlers struct {
	Resolver *graph.Resolver
	BaseURL  string // the public root URL, for Link headers
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	const p = "/api/v1/domain_blocks"
	r.With(access.User("read:blocks")).Get(p, h.list)
	r.With(access.User("write:blocks")).Post(p, h.change(h.Resolver.Relations.BlockDomain))
	r.With(access.User("write:blocks")).Delete(p, h.change(h.Resolver.Relations.UnblockDomain))
}

// limits are Mastodon's page sizes for domain blocks.
var limits = pagination.Limits{Default: 100, Max: 200}

// list serves GET /api/v1/domain_blocks: the blocked domains as strings, the most
// recently blocked first, paged by the blocks' IDs with a Link header.
func (h *Handlers) list(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	win := pagination.Window(v, limits)
	rows, err := h.Resolver.Relations.DomainBlocks(access.AccountID(ctx)).
		Where(win.Where(accountdomainblock.FieldID)).Order(win.Order(accountdomainblock.FieldID)).
		Limit(win.Limit + 1).All(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	rows, more := paging.Finish(rows, win)
	domains := make([]string, len(rows))
	ids := make([]string, len(rows))
	for i, b := range rows {
		domains[i], ids[i] = b.Domain, b.ID
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, domains)
}

// change serves POST and DELETE, which take the domain parameter and answer an empty
// object, as Mastodon does.
func (h *Handlers) change(fn func(ctx context.Context, actorID, domain string) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := params.Read(r)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		if err := fn(r.Context(), access.AccountID(r.Context()), v.Get("domain")); err != nil {
			respond.Error(w, r, err)
			return
		}
		respond.OK(w, struct{}{})
	}
}
