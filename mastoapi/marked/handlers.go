// Package marked serves the statuses the signed-in user marked: /api/v1/favourites
// and /api/v1/bookmarks, most recently marked first and paged, as on Mastodon, by the
// favourite's or bookmark's ID rather than the status's. The lists come from
// graph/interact, which leaves out statuses the user may no longer see.
package marked

import (
	"context"
	"net/http"

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

// Handlers serve the favourites and bookmarks routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
	BaseURL  string // the public root URL, for Link headers
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	r.With(access.User("read:favourites")).Get("/api/v1/favourites", h.favourites)
	r.With(access.User("read:bookmarks")).Get("/api/v1/bookmarks", h.bookmarks)
}

// marks is one window of the viewer's marks: each mark's ID, the status it marks,
// and whether more lie beyond the window.
type marks struct {
	ids      []string
	statuses []*ent.Status
	more     bool
}

// loader fetches the viewer's marks in the window.
type loader func(ctx context.Context, viewerID string, win paging.Window) (marks, error)

// serve answers with the window of marks the request selects, rendered as statuses
// for the viewer, with the Link header to the pages around it.
func (h *Handlers) serve(w http.ResponseWriter, r *http.Request, load loader) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	viewer := access.AccountID(ctx)
	win := pagination.Window(v, pagination.Statuses)
	m, err := load(ctx, viewer, win)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Statuses(ctx, viewer, m.statuses)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pagination.Link(w, r, h.BaseURL, m.ids, m.more, win)
	respond.OK(w, out)
}
