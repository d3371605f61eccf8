// Package statuses serves Mastodon's /api/v1/statuses routes: posting, reading,
// editing and deleting statuses, their thread, history and source, and what an
// account does to a status (favourite, boost, bookmark, pin, mute its conversation)
// with the lists of who boosted and favourited it. Each handler translates the request
// onto graph's resolvers and posting and interact services and renders the answer
// with the entity Renderer.
package statuses

import (
	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
)

// Handlers serve the status routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
	BaseURL  string // the public root URL, for Link headers
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	const p = "/api/v1/statuses"
	readStatuses := access.IfToken("read:statuses")
	writeStatuses := access.User("write:statuses")
	r.With(writeStatuses).Post(p, h.create)
	h.mountScheduled(r)
	r.With(readStatuses).Get(p+"/{id}", h.get)
	r.With(writeStatuses).Put(p+"/{id}", h.edit)
	r.With(writeStatuses).Delete(p+"/{id}", h.delete)
	r.With(readStatuses).Get(p+"/{id}/context", h.context)
	r.With(readStatuses).Get(p+"/{id}/history", h.history)
	r.With(access.User("read:statuses")).Get(p+"/{id}/source", h.source)
	r.With(access.IfToken("read:accounts")).Get(p+"/{id}/reblogged_by", h.rebloggedBy)
	r.With(access.IfToken("read:accounts")).Get(p+"/{id}/favourited_by", h.favouritedBy)

	i := h.Resolver.Interact
	favourites := access.User("write:favourites")
	r.With(favourites).Post(p+"/{id}/favourite", h.act(i.Favourite))
	r.With(favourites).Post(p+"/{id}/unfavourite", h.act(i.Unfavourite))
	r.With(writeStatuses).Post(p+"/{id}/reblog", h.reblog)
	r.With(writeStatuses).Post(p+"/{id}/unreblog", h.act(i.Unboost))
	bookmarks := access.User("write:bookmarks")
	r.With(bookmarks).Post(p+"/{id}/bookmark", h.act(i.Bookmark))
	r.With(bookmarks).Post(p+"/{id}/unbookmark", h.act(i.Unbookmark))
	pins := access.User("write:accounts")
	r.With(pins).Post(p+"/{id}/pin", h.act(i.Pin))
	r.With(pins).Post(p+"/{id}/unpin", h.act(i.Unpin))
	mutes := access.User("write:mutes")
	r.With(mutes).Post(p+"/{id}/mute", h.act(i.MuteConversation))
	r.With(mutes).Post(p+"/{id}/unmute", h.act(i.UnmuteConversation))
}
