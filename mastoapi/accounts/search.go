package accounts

import (
	"net/http"
	"strconv"

	"github.com/fedigraph/fedigraph/graph/search"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// search serves GET /api/v1/accounts/search?q=…&limit=…&offset=…&following=…:
// accounts whose username or display name matches, or the one account an
// @user@domain query names; with resolve=true a signed-in viewer's @user@domain is
// looked up on its server when this one does not know it yet.
func (h *Handlers) search(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	limit := pagination.Accounts.Default
	if n, err := strconv.Atoi(v.Get("limit")); err == nil && n > 0 {
		limit = min(n, pagination.Accounts.Max)
	}
	o := search.AccountOptions{Limit: limit, Following: v.True("following")}
	if n, err := strconv.Atoi(v.Get("offset")); err == nil && n > 0 {
		o.Offset = n
	}
	ctx := r.Context()
	viewer := access.AccountID(ctx)
	found, err := search.Accounts(ctx, h.Resolver.DB.Client, viewer, v.Get("q"), o)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if v.True("resolve") && o.Offset == 0 {
		resolved, _, err := search.Resolve(ctx, h.Resolver.DB.Client, h.Resolver.Remote, viewer, v.Get("q"))
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		if resolved != nil {
			found = search.PrependAccount(found, resolved)
		}
	}
	out, err := h.Renderer.Accounts(r.Context(), found)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}
