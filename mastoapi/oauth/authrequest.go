package oauth

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/application"
	"github.com/fedigraph/fedigraph/graph/auth"
)

// authRequest is a checked authorization request: the parameters of GET
// /oauth/authorize, carried through the sign-in page and the consent form.
type authRequest struct {
	app                 *ent.Application
	redirectURI         string
	scopes              auth.Scopes
	state               string
	codeChallenge       string
	codeChallengeMethod string
}

// secretShape is base64url of 32 bytes: an S256 code challenge, and the codes and tokens
// auth.NewSecret makes.
var secretShape = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

// parseAuthRequest checks an authorization request. When the client or redirect URI is
// bad it returns an error and a nil request: the error must be shown to the user, never
// sent to the unverified redirect URI. Other errors come with the request so they can
// be redirected back to the app (RFC 6749 §4.1.2.1).
func (s *Server) parseAuthRequest(ctx context.Context, q url.Values) (*authRequest, *oauthError) {
	app, err := s.db.Application.Query().Where(application.ClientID(q.Get("client_id"))).Only(ctx)
	if ent.IsNotFound(err) || q.Get("client_id") == "" {
		return nil, &oauthError{http.StatusBadRequest, "invalid_client", "The client_id is not that of a registered application."}
	}
	if err != nil {
		s.opts.Logger.ErrorContext(ctx, "look up app", "err", err)
		return nil, serverError()
	}
	req := &authRequest{
		app:                 app,
		redirectURI:         q.Get("redirect_uri"),
		state:               q.Get("state"),
		codeChallenge:       q.Get("code_challenge"),
		codeChallengeMethod: q.Get("code_challenge_method"),
	}
	// A redirect URI may be left out only when the app registered exactly one (§3.1.2.3).
	if req.redirectURI == "" && len(app.RedirectUris) == 1 {
		req.redirectURI = app.RedirectUris[0]
	}
	if !slices.Contains(app.RedirectUris, req.redirectURI) {
		return nil, invalidRequest("The redirect_uri is not one the application registered.")
	}
	if q.Get("response_type") != "code" {
		return req, &oauthError{http.StatusBadRequest, "unsupported_response_type", "Only response_type=code is supported."}
	}
	req.scopes, err = auth.ParseScopes(q.Get("scope"))
	if err != nil {
		return req, invalidScope(err.Error())
	}
	if req.scopes, err = grantableScopes(app, req.scopes); err != nil {
		return req, invalidScope(err.Error())
	}
	if req.codeChallenge != "" || req.codeChallengeMethod != "" {
		if req.codeChallengeMethod != "S256" {
			return req, invalidRequest("Only code_challenge_method=S256 is supported.")
		}
		if !secretShape.MatchString(req.codeChallenge) {
			return req, invalidRequest("The code_challenge is not a base64url SHA-256 digest.")
		}
	}
	return req, nil
}

// grantableScopes returns the scopes to grant for a request: the requested ones when
// the app registered them, or by default "read" (Mastodon's default), or all of the
// app's scopes when it did not register "read".
func grantableScopes(app *ent.Application, requested auth.Scopes) (auth.Scopes, error) {
	registered, err := auth.ParseScopes(app.Scopes)
	if err != nil {
		return nil, fmt.Errorf("the application's scopes are invalid: %w", err)
	}
	if len(requested) == 0 {
		if registered.Allows("read") {
			return auth.Scopes{"read"}, nil
		}
		return registered, nil
	}
	if !registered.Covers(requested) {
		return nil, fmt.Errorf("the requested scopes %q exceed the application's %q", requested, registered)
	}
	return requested, nil
}

// values returns the request as the query of GET /oauth/authorize, so that it survives
// the trip through the sign-in page and the consent form.
func (req *authRequest) values() url.Values {
	v := url.Values{
		"response_type": {"code"},
		"client_id":     {req.app.ClientID},
		"redirect_uri":  {req.redirectURI},
		"scope":         {req.scopes.String()},
	}
	for k, val := range map[string]string{
		"state": req.state, "code_challenge": req.codeChallenge, "code_challenge_method": req.codeChallengeMethod,
	} {
		if val != "" {
			v.Set(k, val)
		}
	}
	return v
}

// redirectBack builds the redirect to the app carrying params, keeping any query the
// registered redirect URI already has (§3.1.2).
func (req *authRequest) redirectBack(params url.Values) string {
	u, err := url.Parse(req.redirectURI)
	if err != nil {
		return req.redirectURI // registered URIs were parsed when the app was created
	}
	q := u.Query()
	for k, vs := range params {
		q[k] = vs
	}
	if req.state != "" {
		q.Set("state", req.state)
	}
	u.RawQuery = q.Encode()
	return u.String()
}
