// Package tags serves Mastodon's hashtag routes: /api/v1/tags/:name with follow and
// unfollow, and /api/v1/followed_tags. Each handler translates the request onto
// graph/tags and renders the Tag entity, with following filled in for the viewer.
package tags

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the hashtag routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
	BaseURL  string // the public root URL, for Link headers
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	const p = "/api/v1/tags/{name}"
	r.Get(p, h.get)
	r.With(access.User("write:follows")).Post(p+"/follow", h.act(h.Resolver.Tags.Follow))
	r.With(access.User("write:follows")).Post(p+"/unfollow", h.act(h.Resolver.Tags.Unfollow))
	r.With(access.User("read:follows")).Get("/api/v1/followed_tags", h.followed)
}

// get serves GET /api/v1/tags/:name: any hashtag one could use, known or not.
func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	t, err := h.Resolver.Tags.Get(r.Context(), chi.URLParam(r, "name"))
	h.tag(w, r, t, err)
}

// act serves follow and unfollow, which answer the hashtag as it is afterwards.
func (h *Handlers) act(fn func(ctx context.Context, accountID, name string) (*ent.Tag, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t, err := fn(r.Context(), access.AccountID(r.Context()), chi.URLParam(r, "name"))
		h.tag(w, r, t, err)
	}
}

// tag answers one hashtag, marked with whether a signed-in viewer follows it.
func (h *Handlers) tag(w http.ResponseWriter, r *http.Request, t *ent.Tag, err error) {
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.render(r.Context(), []*ent.Tag{t})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out[0])
}

// render renders hashtags for the request's viewer.
func (h *Handlers) render(ctx context.Context, ts []*ent.Tag) ([]*entity.Tag, error) {
	return Render(ctx, h.Renderer, h.Resolver.Tags, access.AccountID(ctx), ts)
}
