package mastotest

import (
	"net/http"

	"github.com/fedigraph/fedigraph/graph/auth"
)

// Route is a route whose guards CheckAccess checks.
type Route struct {
	Method, Path string
	// Public routes serve anonymous visitors; the others want a signed-in user.
	Public bool
	// Scope is one the route accepts, Lacking the scopes of a token it must refuse.
	Scope, Lacking string
}

// Messages the guards answer with, as Mastodon words them.
const (
	InvalidToken  = "The access token is invalid"
	OutsideScopes = "This action is outside the authorized scopes"
	NeedsUser     = "This method requires an authenticated user"
)

// CheckAccess checks each route's guards as Mastodon has them: a bad token is 401 on
// every route; no token is 401 on a route for users (a public route answers 200); a
// token without the route's scope is 403; and an application's token acting for
// nobody is 422 on a route for users. user is who signs in for the scoped tokens.
func (s *Server) CheckAccess(user User, routes []Route) {
	s.T.Helper()
	for _, rt := range routes {
		s.Call(rt.Method, rt.Path, "not-a-token", nil).ErrorIs(http.StatusUnauthorized, InvalidToken)
		anon := s.Call(rt.Method, rt.Path, "", nil)
		if rt.Public {
			anon.Want(http.StatusOK, nil)
		} else {
			anon.ErrorIs(http.StatusUnauthorized, InvalidToken)
			s.Call(rt.Method, rt.Path, s.AppToken(rt.Scope), nil).ErrorIs(http.StatusUnprocessableEntity, NeedsUser)
		}
		s.Call(rt.Method, rt.Path, s.Token(user.Account, rt.Lacking), nil).ErrorIs(http.StatusForbidden, OutsideScopes)
	}
}

// AppToken issues a token to an application acting for nobody, as the client
// credentials grant does.
func (s *Server) AppToken(scopes string) string {
	s.T.Helper()
	secret, digest := auth.NewSecret()
	_, clientSecret := auth.NewSecret()
	app, err := s.DB.Application.Create().SetName("app alone").
		SetRedirectUris([]string{"urn:ietf:wg:oauth:2.0:oob"}).SetScopes(scopes).
		SetClientID(secret[:16]).SetClientSecret(clientSecret).Save(s.T.Context())
	if err != nil {
		s.T.Fatalf("application: %v", err)
	}
	err = s.DB.Token.Create().SetDigest(digest).SetApplicationID(app.ID).SetScopes(scopes).Exec(s.T.Context())
	if err != nil {
		s.T.Fatalf("application token: %v", err)
	}
	return secret
}
