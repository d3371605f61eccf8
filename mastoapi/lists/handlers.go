// Package lists serves Mastodon's /api/v1/lists routes: the signed-in user's lists,
// creating, renaming and deleting them, and the accounts on each; and
// /api/v1/accounts/:id/lists, the user's lists an account is on. Every handler
// translates onto graph/lists, the service behind GraphQL's list fields, which keeps
// lists private to their owner.
package lists

import (
	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent/list"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
)

// Handlers serve the list routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
	BaseURL  string // the public root URL, for Link headers
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	const p = "/api/v1/lists"
	read := access.User("read:lists")
	write := access.User("write:lists")
	r.With(read).Get(p, h.all)
	r.With(write).Post(p, h.create)
	r.With(read).Get(p+"/{id}", h.get)
	r.With(write).Put(p+"/{id}", h.update)
	r.With(write).Delete(p+"/{id}", h.delete)
	r.With(read).Get(p+"/{id}/accounts", h.members)
	r.With(write).Post(p+"/{id}/accounts", h.addMembers)
	r.With(write).Delete(p+"/{id}/accounts", h.removeMembers)
	r.With(read).Get("/api/v1/accounts/{id}/lists", h.containing)
}

// repliesPolicies are Mastodon's names for the replies a list's timeline shows.
var repliesPolicies = map[string]list.RepliesPolicy{
	"followed": list.RepliesPolicyFOLLOWED,
	"list":     list.RepliesPolicyLIST,
	"none":     list.RepliesPolicyNONE,
}

// repliesPolicy reads a replies_policy; nil when it was not sent.
func repliesPolicy(name *string) (*list.RepliesPolicy, error) {
	if name == nil || *name == "" {
		return nil, nil
	}
	p, ok := repliesPolicies[*name]
	if !ok {
		return nil, apperr.BadInputf("Validation failed: replies_policy %q is not one of followed, list or none", *name)
	}
	return &p, nil
}
