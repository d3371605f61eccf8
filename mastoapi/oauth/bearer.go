package oauth

import (
	"errors"
	"net/http"
	"strings"

	"github.com/fedigraph/fedigraph/graph/auth"
)

// viewerFromBearer authenticates the request's bearer token, reusing the viewer that
// auth.Middleware found when it ran ahead of this handler.
func (s *Server) viewerFromBearer(r *http.Request) (*auth.Viewer, error) {
	if v := auth.FromContext(r.Context()); v != nil && v.TokenID != "" {
		return v, nil
	}
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return nil, auth.ErrInvalidToken
	}
	return s.auth.FromBearer(r.Context(), strings.TrimSpace(token))
}

func (s *Server) writeBearerFailure(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, auth.ErrInvalidToken) {
		writeMastodonError(w, http.StatusUnauthorized, "The access token is invalid")
		return
	}
	s.opts.Logger.ErrorContext(r.Context(), "authenticate token", "err", err)
	writeMastodonError(w, http.StatusInternalServerError, "Could not check the access token")
}
