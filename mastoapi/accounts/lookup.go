package accounts

import (
	"net/http"

	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// lookup serves GET /api/v1/accounts/lookup?acct=user[@domain], through the same
// GraphQL account query as get. It finds accounts this server already knows; looking
// remote ones up over WebFinger comes with federation.
func (h *Handlers) lookup(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	acct := v.Get("acct")
	a, err := h.Resolver.Query().Account(r.Context(), nil, &acct)
	h.account(w, r, a, err)
}
