// Package search serves Mastodon's GET /api/v2/search: accounts, hashtags and
// statuses matching a query, found by graph/search (the same search GraphQL's search
// field runs) and rendered with the entity Renderer.
package search

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/search"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
	"github.com/fedigraph/fedigraph/mastoapi/tags"
)

// Handlers serve the search route.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
}

// Mount adds the route to r, guarded by the scope Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	r.With(access.IfToken("read:search")).Get("/api/v2/search", h.search)
}

// Results is Mastodon's Search entity.
type Results struct {
	Accounts []*entity.Account `json:"accounts"`
	Statuses []*entity.Status  `json:"statuses"`
	Hashtags []*entity.Tag     `json:"hashtags"`
}

// Page sizes of each kind of result, as Mastodon has them.
const (
	defaultLimit = 20
	maxLimit     = 40
)

// search serves GET /api/v2/search with q, type, limit, offset, resolve, following,
// account_id (exclude_unreviewed is accepted and has nothing to exclude: hashtags are
// not reviewed here).
func (h *Handlers) search(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	query := v.Get("q")
	if strings.TrimSpace(query) == "" {
		respond.Message(w, http.StatusBadRequest, "param is missing or the value is empty: q")
		return
	}
	o := search.Options{
		Type: v.Get("type"), Following: v.True("following"), AccountID: v.Get("account_id"),
		Resolve: v.True("resolve"), Remote: h.Resolver.Remote, Limit: defaultLimit,
	}
	if n, err := v.Int("limit"); err == nil && n != nil && *n > 0 {
		o.Limit = min(*n, maxLimit)
	}
	if n, err := v.Int("offset"); err == nil && n != nil && *n > 0 {
		o.Offset = *n
	}
	ctx := r.Context()
	viewer := access.AccountID(ctx)
	found, err := search.Search(ctx, h.Resolver.DB.Client, viewer, query, o, h.Resolver.Now())
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var out Results
	if out.Accounts, err = h.Renderer.Accounts(ctx, found.Accounts); err != nil {
		respond.Error(w, r, err)
		return
	}
	if out.Statuses, err = h.Renderer.Statuses(ctx, viewer, found.Statuses); err != nil {
		respond.Error(w, r, err)
		return
	}
	if out.Hashtags, err = tags.Render(ctx, h.Renderer, h.Resolver.Tags, viewer, found.Hashtags); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}
