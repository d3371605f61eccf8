// Package filters serves Mastodon's filter routes: /api/v2/filters with their keywords
// and statuses, and /api/v1/filters, the older view in which each keyword is a filter
// of its own. Each handler translates the request onto graph/filters, where filters
// are checked, kept and matched, and renders the entities with the entity Renderer.
package filters

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the filter routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	read, write := access.User("read:filters"), access.User("write:filters")
	const v2 = "/api/v2/filters"
	r.With(read).Get(v2, h.list)
	r.With(write).Post(v2, h.create)
	r.With(read).Get(v2+"/{id}", h.get)
	r.With(write).Put(v2+"/{id}", h.update)
	r.With(write).Delete(v2+"/{id}", h.delete)

	r.With(read).Get(v2+"/{id}/keywords", h.keywords)
	r.With(write).Post(v2+"/{id}/keywords", h.addKeyword)
	r.With(read).Get(v2+"/keywords/{id}", h.keyword)
	r.With(write).Put(v2+"/keywords/{id}", h.updateKeyword)
	r.With(write).Delete(v2+"/keywords/{id}", h.deleteKeyword)

	r.With(read).Get(v2+"/{id}/statuses", h.statuses)
	r.With(write).Post(v2+"/{id}/statuses", h.addStatus)
	r.With(read).Get(v2+"/statuses/{id}", h.status)
	r.With(write).Delete(v2+"/statuses/{id}", h.removeStatus)

	const v1 = "/api/v1/filters"
	r.With(read).Get(v1, h.listV1)
	r.With(write).Post(v1, h.createV1)
	r.With(read).Get(v1+"/{id}", h.getV1)
	r.With(write).Put(v1+"/{id}", h.updateV1)
	r.With(write).Delete(v1+"/{id}", h.deleteKeyword)
}

// answer writes v, or the error.
func answer[T any](w http.ResponseWriter, r *http.Request, v T, err error) {
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, v)
}

// empty answers a deletion: an empty object, as Mastodon does.
func empty(w http.ResponseWriter, r *http.Request, err error) {
	answer(w, r, struct{}{}, err)
}

// ids are the request's path ID and the signed-in account.
func ids(r *http.Request) (accountID, id string) {
	return access.AccountID(r.Context()), chi.URLParam(r, "id")
}
