// Package conversations serves Mastodon's /api/v1/conversations: the signed-in user's
// direct-message conversations, latest first and paged with Link headers, marking one
// read and removing one. Each handler translates onto graph/conversations, which
// GraphQL's conversations field and mutations call too.
package conversations

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/conversation"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/conversations"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the conversation routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
	BaseURL  string // the public root URL, for Link headers
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	const p = "/api/v1/conversations"
	write := access.User("write:conversations")
	r.With(access.User("read:statuses")).Get(p, h.list)
	r.With(write).Delete(p+"/{id}", h.remove)
	r.With(write).Post(p+"/{id}/read", h.read)
}

// pageLimits are Mastodon's for conversations: 20 a page, at most 40.
var pageLimits = pagination.Statuses

// list serves GET /api/v1/conversations. Pages are cut, and Link headers point, by
// the conversations' latest status IDs, as on Mastodon.
func (h *Handlers) list(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	viewer := access.AccountID(ctx)
	win := pagination.Window(v, pageLimits)
	rows, err := conversations.Query(h.Resolver.DB.Client, viewer).
		Where(win.Where(conversation.FieldLastStatusID)).Order(win.Order(conversation.FieldLastStatusID)).
		Limit(win.Limit + 1).All(ctx)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("load conversations: %w", err))
		return
	}
	rows, more := paging.Finish(rows, win)
	out, err := h.Renderer.Conversations(ctx, viewer, rows)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ids := make([]string, len(rows))
	for i, cv := range rows {
		ids[i] = *cv.LastStatusID
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, out)
}

// remove serves DELETE /api/v1/conversations/:id, answering an empty object.
func (h *Handlers) remove(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := conversations.Remove(ctx, h.Resolver.DB.Client, access.AccountID(ctx), chi.URLParam(r, "id")); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, struct{}{})
}

// read serves POST /api/v1/conversations/:id/read, answering the conversation.
func (h *Handlers) read(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	viewer := access.AccountID(ctx)
	cv, err := conversations.MarkRead(ctx, h.Resolver.DB.Client, viewer, chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Conversations(ctx, viewer, []*ent.Conversation{cv})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out[0])
}
