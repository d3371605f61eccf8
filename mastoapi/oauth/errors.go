package oauth

import (
	"encoding/json"
	"net/http"
)

// oauthError is an RFC 6749 §5.2 error: a code a client can act on, a description for
// its developer, and the HTTP status the RFC prescribes.
type oauthError struct {
	status      int
	Code        string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

func (e *oauthError) Error() string { return e.Code + ": " + e.Description }

func invalidRequest(desc string) *oauthError {
	return &oauthError{http.StatusBadRequest, "invalid_request", desc}
}

func invalidClient() *oauthError {
	return &oauthError{http.StatusUnauthorized, "invalid_client",
		"Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."}
}

func invalidGrant(desc string) *oauthError {
	return &oauthError{http.StatusBadRequest, "invalid_grant", desc}
}

func invalidScope(desc string) *oauthError {
	return &oauthError{http.StatusBadRequest, "invalid_scope", desc}
}

func unsupportedGrantType() *oauthError {
	return &oauthError{http.StatusBadRequest, "unsupported_grant_type",
		"The authorization grant type is not supported by the authorization server."}
}

func serverError() *oauthError {
	return &oauthError{http.StatusInternalServerError, "server_error",
		"The authorization server encountered an unexpected condition."}
}

// writeOAuthError answers with an RFC 6749 error body. invalid_client carries a
// WWW-Authenticate challenge, which §5.2 requires when the client tried HTTP Basic and
// which tells other clients that Basic is accepted.
func writeOAuthError(w http.ResponseWriter, e *oauthError) {
	if e.Code == "invalid_client" {
		w.Header().Set("WWW-Authenticate", `Basic realm="oauth"`)
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, e.status, e)
}

// writeMastodonError answers with Mastodon's {"error": "…"} body, used on /api/v1.
func writeMastodonError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the status is sent; a failed write has no one left to tell
}
