package accounts

import (
	"net/http"
	"strconv"

	"github.com/fedigraph/fedigraph/graph/search"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// search serves GET /api/v1/accounts/search?q=…&limit=…: accounts whose username or
// display name matches, or the one account an @user@domain query names. offset,
// following and resolve are not supported by graph/search yet and are ignored.
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
	found, _, err := search.AccountsAndTags(r.Context(), h.Resolver.DB.Client, v.Get("q"), limit)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Accounts(r.Context(), found)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}
