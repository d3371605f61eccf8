// Package accounts serves Mastodon's /api/v1/accounts routes: the signed-in user's own
// account, other accounts and their statuses and follows, and the relationship
// actions (follow, block, mute, note…). Each handler translates the request onto
// graph's resolvers and relations service and renders the answer with the entity
// Renderer.
package accounts

import (
	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
)

// Handlers serve the account routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
	BaseURL  string // the public root URL, for Link headers
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	const p = "/api/v1/accounts"
	readAccounts := access.IfToken("read:accounts")
	r.With(access.User("read:accounts", "profile")).Get(p+"/verify_credentials", h.verifyCredentials)
	r.With(access.User("write:accounts")).Patch(p+"/update_credentials", h.updateCredentials)
	r.With(access.User("write:accounts")).Delete("/api/v1/profile/avatar", h.deleteProfileImage(true))
	r.With(access.User("write:accounts")).Delete("/api/v1/profile/header", h.deleteProfileImage(false))
	r.With(access.User("read:follows")).Get(p+"/relationships", h.relationships)
	r.With(readAccounts).Get(p+"/lookup", h.lookup)
	r.With(access.User("read:accounts")).Get(p+"/search", h.search)

	r.With(readAccounts).Get(p+"/{id}", h.get)
	r.With(access.IfToken("read:statuses")).Get(p+"/{id}/statuses", h.statuses)
	r.With(readAccounts).Get(p+"/{id}/followers", h.followers)
	r.With(readAccounts).Get(p+"/{id}/following", h.following)

	writeFollows := access.User("write:follows")
	r.With(writeFollows).Post(p+"/{id}/follow", h.follow)
	r.With(writeFollows).Post(p+"/{id}/unfollow", h.act(h.Resolver.Relations.Unfollow))
	r.With(writeFollows).Post(p+"/{id}/remove_from_followers", h.act(h.Resolver.Relations.RemoveFromFollowers))
	r.With(access.User("write:blocks")).Post(p+"/{id}/block", h.act(h.Resolver.Relations.Block))
	r.With(access.User("write:blocks")).Post(p+"/{id}/unblock", h.act(h.Resolver.Relations.Unblock))
	r.With(access.User("write:mutes")).Post(p+"/{id}/mute", h.mute)
	r.With(access.User("write:mutes")).Post(p+"/{id}/unmute", h.act(h.Resolver.Relations.Unmute))
	r.With(access.User("write:accounts")).Post(p+"/{id}/note", h.note)
}
