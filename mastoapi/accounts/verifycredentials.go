package accounts

import (
	"net/http"

	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// verifyCredentials serves GET /api/v1/accounts/verify_credentials: the signed-in
// user's account with its source (the bio and fields as typed, posting defaults).
func (h *Handlers) verifyCredentials(w http.ResponseWriter, r *http.Request) {
	viewer, err := h.Resolver.Query().Viewer(r.Context())
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	h.credentialAccount(w, r, viewer.Account)
}
