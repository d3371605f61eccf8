package accounts

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// follow serves POST /api/v1/accounts/:id/follow. reblogs and notify change the
// options of an existing follow too; languages is not supported (fedigraph does not
// filter follows by language) and is ignored, as the relationship's null languages
// tells the client.
func (h *Handlers) follow(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	o := relations.FollowOptions{Reblogs: v.Bool("reblogs"), Notify: v.Bool("notify")}
	rel, err := h.Resolver.Relations.Follow(r.Context(), access.AccountID(r.Context()), chi.URLParam(r, "id"), o)
	h.relationship(w, r, rel, err)
}
