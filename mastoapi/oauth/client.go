package oauth

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/url"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/application"
)

// authenticateClient finds the app making a token or revocation request from HTTP
// Basic credentials or client_id/client_secret parameters (RFC 6749 §2.3.1). Using both
// at once is refused, as the RFC requires.
func (s *Server) authenticateClient(ctx context.Context, r *http.Request, params url.Values) (*ent.Application, *oauthError) {
	id, secret, basic := r.BasicAuth()
	if basic {
		if params.Has("client_secret") {
			return nil, invalidRequest("Send the client credentials either with HTTP Basic or in the body, not both.")
		}
		// Basic credentials are form-encoded before base64 (§2.3.1).
		var err1, err2 error
		id, err1 = url.QueryUnescape(id)
		secret, err2 = url.QueryUnescape(secret)
		if err1 != nil || err2 != nil {
			return nil, invalidClient()
		}
	} else {
		id, secret = params.Get("client_id"), params.Get("client_secret")
	}
	if id == "" || secret == "" {
		return nil, invalidClient()
	}
	app, err := s.db.Application.Query().Where(application.ClientID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, invalidClient()
	}
	if err != nil {
		s.opts.Logger.ErrorContext(ctx, "look up client", "err", err)
		return nil, serverError()
	}
	if subtle.ConstantTimeCompare([]byte(app.ClientSecret), []byte(secret)) != 1 {
		return nil, invalidClient()
	}
	return app, nil
}
