package oauth

import (
	"context"
	"net/url"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/auth"
)

// appToken issues a token for the app itself, acting for no user (client_credentials).
func (s *Server) appToken(ctx context.Context, app *ent.Application, params url.Values) (*tokenJSON, *oauthError) {
	requested, err := auth.ParseScopes(params.Get("scope"))
	if err != nil {
		return nil, invalidScope(err.Error())
	}
	scopes, err := grantableScopes(app, requested)
	if err != nil {
		return nil, invalidScope(err.Error())
	}
	now := s.opts.Now()
	secret, digest := auth.NewSecret()
	create := s.db.Token.Create().
		SetDigest(digest).
		SetApplicationID(app.ID).
		SetScopes(scopes.String()).
		SetCreatedAt(now)
	if s.opts.TokenLifetime > 0 {
		create.SetExpiresAt(now.Add(s.opts.TokenLifetime))
	}
	tok, err := create.Save(ctx)
	if err != nil {
		s.opts.Logger.ErrorContext(ctx, "create app token", "err", err)
		return nil, serverError()
	}
	return s.tokenResponse(tok, secret), nil
}
