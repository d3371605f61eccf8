package oauth

import (
	"net/http"

	"github.com/fedigraph/fedigraph/graph/auth"
)

// metadata describes the server for OAuth clients: GET
// /.well-known/oauth-authorization-server (RFC 8414), as Mastodon 4.3 serves it, less
// the response modes fedigraph does not implement.
func (s *Server) metadata(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                s.url("/"),
		"authorization_endpoint":                s.url("/oauth/authorize"),
		"token_endpoint":                        s.url("/oauth/token"),
		"revocation_endpoint":                   s.url("/oauth/revoke"),
		"app_registration_endpoint":             s.url("/api/v1/apps"),
		"scopes_supported":                      auth.KnownScopes,
		"response_types_supported":              []string{"code"},
		"response_modes_supported":              []string{"query"},
		"grant_types_supported":                 []string{"authorization_code", "client_credentials"},
		"code_challenge_methods_supported":      []string{"S256"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
	})
}
