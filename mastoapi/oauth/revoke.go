package oauth

import (
	"net/http"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/token"
	"github.com/fedigraph/fedigraph/graph/auth"
)

// revokeToken revokes an access token: POST /oauth/revoke (RFC 7009). An unknown or
// already revoked token still answers 200, since the client has nothing more to do; a
// token of another app is refused, as Mastodon does.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	params, err := readParams(w, r)
	if err != nil {
		writeOAuthError(w, invalidRequest(err.Error()))
		return
	}
	app, oerr := s.authenticateClient(r.Context(), r, params)
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	secret := params.Get("token")
	if secret == "" {
		writeOAuthError(w, invalidRequest("The token parameter is missing."))
		return
	}
	tok, err := s.db.Token.Query().Where(token.Digest(auth.Digest(secret))).Only(r.Context())
	switch {
	case ent.IsNotFound(err):
		writeJSON(w, http.StatusOK, struct{}{})
		return
	case err != nil:
		s.opts.Logger.ErrorContext(r.Context(), "look up token to revoke", "err", err)
		writeOAuthError(w, serverError())
		return
	case tok.ApplicationID != app.ID:
		writeOAuthError(w, &oauthError{http.StatusForbidden, "unauthorized_client", "You are not authorized to revoke this token."})
		return
	}
	// Revoking twice keeps the first revocation time.
	err = s.db.Token.UpdateOneID(tok.ID).Where(token.RevokedAtIsNil()).SetRevokedAt(s.opts.Now()).Exec(r.Context())
	if err != nil && !ent.IsNotFound(err) {
		s.opts.Logger.ErrorContext(r.Context(), "revoke token", "err", err)
		writeOAuthError(w, serverError())
		return
	}
	writeJSON(w, http.StatusOK, struct{}{})
}
