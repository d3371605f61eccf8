package lists

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/list"
	"github.com/fedigraph/fedigraph/graph/lists"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// all serves GET /api/v1/lists: the viewer's lists, oldest first.
func (h *Handlers) all(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ls, err := h.Resolver.Lists.All(ctx, access.AccountID(ctx))
	h.answerLists(w, r, ls, err)
}

// containing serves GET /api/v1/accounts/:id/lists: the viewer's lists the account
// is on.
func (h *Handlers) containing(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ls, err := h.Resolver.Lists.ListsContaining(ctx, access.AccountID(ctx), chi.URLParam(r, "id"))
	h.answerLists(w, r, ls, err)
}

// get serves GET /api/v1/lists/:id.
func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	l, err := h.Resolver.Lists.Get(ctx, access.AccountID(ctx), chi.URLParam(r, "id"))
	h.answerList(w, r, l, err)
}

// create serves POST /api/v1/lists (title, replies_policy, exclusive).
func (h *Handlers) create(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	policy, err := repliesPolicy(v.Optional("replies_policy"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var p list.RepliesPolicy // "" asks for the default
	if policy != nil {
		p = *policy
	}
	exclusive := v.Bool("exclusive")
	l, err := h.Resolver.Lists.Create(ctx, access.AccountID(ctx), v.Get("title"), p, exclusive != nil && *exclusive)
	h.answerList(w, r, l, err)
}

// update serves PUT /api/v1/lists/:id; what is not sent stays as it is.
func (h *Handlers) update(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	policy, err := repliesPolicy(v.Optional("replies_policy"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	c := lists.Changes{Title: v.Optional("title"), RepliesPolicy: policy, Exclusive: v.Bool("exclusive")}
	l, err := h.Resolver.Lists.Update(ctx, access.AccountID(ctx), chi.URLParam(r, "id"), c)
	h.answerList(w, r, l, err)
}

// delete serves DELETE /api/v1/lists/:id, answering an empty object.
func (h *Handlers) delete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := h.Resolver.Lists.Delete(ctx, access.AccountID(ctx), chi.URLParam(r, "id")); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, struct{}{})
}

func (h *Handlers) answerList(w http.ResponseWriter, r *http.Request, l *ent.List, err error) {
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.List(l))
}

func (h *Handlers) answerLists(w http.ResponseWriter, r *http.Request, ls []*ent.List, err error) {
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := make([]*entity.List, len(ls))
	for i, l := range ls {
		out[i] = h.Renderer.List(l)
	}
	respond.OK(w, out)
}
