// Package timelines serves Mastodon's /api/v1/timelines routes: the home, public,
// hashtag and list timelines, newest first and paged with Link headers. Each handler
// reads the request's options, asks graph/timeline for the timeline's query (the same
// one GraphQL's timeline fields page through), and renders a page of it.
package timelines

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/timeline"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the timeline routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
	BaseURL  string // the public root URL, for Link headers
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	const p = "/api/v1/timelines"
	r.With(access.User("read:statuses")).Get(p+"/home", h.home)
	r.With(access.IfToken("read:statuses")).Get(p+"/public", h.public)
	r.With(access.IfToken("read:statuses")).Get(p+"/tag/{hashtag}", h.tag)
	r.With(access.User("read:lists")).Get(p+"/list/{list_id}", h.list)
}

// page answers with the window of q that the request's max_id, since_id, min_id and
// limit select, rendered for the viewer, with the Link header to the pages around it.
func (h *Handlers) page(w http.ResponseWriter, r *http.Request, v params.Values, q *ent.StatusQuery) {
	ctx := r.Context()
	viewer := access.AccountID(ctx)
	win := pagination.Window(v, pagination.Statuses)
	page, more, err := timeline.Page(ctx, q, win)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Statuses(ctx, viewer, page)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ids := make([]string, len(page))
	for i, st := range page {
		ids[i] = st.ID
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, out)
}

// publicOptions reads local, remote and only_media.
func publicOptions(v params.Values) timeline.PublicOptions {
	return timeline.PublicOptions{
		Local:     isTrue(v.Bool("local")),
		Remote:    isTrue(v.Bool("remote")),
		OnlyMedia: isTrue(v.Bool("only_media")),
	}
}

func isTrue(b *bool) bool { return b != nil && *b }
