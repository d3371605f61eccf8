package oauth

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"

	"github.com/fedigraph/fedigraph/graph/auth"
)

// showAuthorize starts the authorization-code flow: GET /oauth/authorize. A browser
// without a session goes to the sign-in page first and comes back here; a signed-in one
// sees the consent page.
func (s *Server) showAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	req, oerr := s.parseAuthRequest(r.Context(), q)
	if oerr != nil {
		s.authorizeError(w, r, req, oerr)
		return
	}
	v, cookie, err := s.signedIn(r)
	if err != nil {
		s.opts.Logger.ErrorContext(r.Context(), "read session", "err", err)
		s.renderMessage(w, http.StatusInternalServerError, "Something went wrong", "Please try again.")
		return
	}
	// force_login is dropped from the URL to come back to, or signing in would loop.
	if v == nil || q.Get("force_login") == "true" || q.Get("force_login") == "1" {
		http.Redirect(w, r, signInURL("/oauth/authorize?"+req.values().Encode()), http.StatusFound)
		return
	}
	var fields []hiddenField
	values := req.values()
	for _, name := range slices.Sorted(maps.Keys(values)) {
		fields = append(fields, hiddenField{name, values.Get(name)})
	}
	s.render(w, http.StatusOK, "consent", page{
		Title:      "Authorize " + req.app.Name + "?",
		AppName:    req.app.Name,
		AppWebsite: req.app.Website,
		Account:    s.username(r, v.AccountID),
		Scopes:     describeScopes(req.scopes),
		Fields:     fields,
		CSRF:       csrfToken(cookie),
	})
}

// decideAuthorize takes the consent form: POST /oauth/authorize with decision=allow or
// decision=deny. Allow issues a code and sends it to the app.
func (s *Server) decideAuthorize(w http.ResponseWriter, r *http.Request) {
	if err := crossOrigin.Check(r); err != nil {
		s.renderMessage(w, http.StatusForbidden, "Authorization refused", "This form was sent from another site.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	if err := r.ParseForm(); err != nil {
		s.renderMessage(w, http.StatusBadRequest, "Authorization failed", "The form could not be read.")
		return
	}
	f := r.PostForm
	req, oerr := s.parseAuthRequest(r.Context(), f)
	if oerr != nil {
		s.authorizeError(w, r, req, oerr)
		return
	}
	v, cookie, err := s.signedIn(r)
	if err != nil {
		s.opts.Logger.ErrorContext(r.Context(), "read session", "err", err)
		s.renderMessage(w, http.StatusInternalServerError, "Something went wrong", "Please try again.")
		return
	}
	if v == nil {
		http.Redirect(w, r, signInURL("/oauth/authorize?"+req.values().Encode()), http.StatusSeeOther)
		return
	}
	if !validCSRFToken(cookie, f.Get("csrf_token")) {
		s.renderMessage(w, http.StatusForbidden, "Authorization refused",
			"This form is out of date. Go back to the application and start again.")
		return
	}
	switch f.Get("decision") {
	case "allow":
	case "deny":
		s.authorizeError(w, r, req, &oauthError{http.StatusForbidden, "access_denied",
			"The resource owner or authorization server denied the request."})
		return
	default:
		s.renderMessage(w, http.StatusBadRequest, "Authorization failed", "Choose Allow or Deny.")
		return
	}
	code, err := s.issueCode(r.Context(), req, v.UserID)
	if err != nil {
		s.opts.Logger.ErrorContext(r.Context(), "issue code", "err", err)
		s.authorizeError(w, r, req, serverError())
		return
	}
	if req.redirectURI == oobRedirectURI {
		http.Redirect(w, r, "/oauth/oob?"+url.Values{"code": {code}}.Encode(), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, req.redirectBack(url.Values{"code": {code}}), http.StatusSeeOther)
}

// issueCode stores a single-use authorization code and returns its secret.
func (s *Server) issueCode(ctx context.Context, req *authRequest, userID string) (string, error) {
	code, digest := auth.NewSecret()
	now := s.opts.Now()
	err := s.db.AuthorizationCode.Create().
		SetDigest(digest).
		SetApplicationID(req.app.ID).
		SetUserID(userID).
		SetRedirectURI(req.redirectURI).
		SetScopes(req.scopes.String()).
		SetCodeChallenge(req.codeChallenge).
		SetCodeChallengeMethod(req.codeChallengeMethod).
		SetCreatedAt(now).
		SetExpiresAt(now.Add(codeLifetime)).
		Exec(ctx)
	if err != nil {
		return "", fmt.Errorf("store authorization code: %w", err)
	}
	return code, nil
}

// authorizeError reports a failed authorization request. Errors about the client or
// redirect URI, and any error for an out-of-band app, are shown on a page; the rest are
// redirected to the app with error and state, as RFC 6749 §4.1.2.1 says.
func (s *Server) authorizeError(w http.ResponseWriter, r *http.Request, req *authRequest, e *oauthError) {
	if req == nil || req.redirectURI == oobRedirectURI {
		title := "Authorization failed"
		if e.Code == "access_denied" {
			title = "Access denied"
		}
		s.renderMessage(w, e.status, title, e.Description)
		return
	}
	status := http.StatusFound
	if r.Method == http.MethodPost {
		status = http.StatusSeeOther
	}
	http.Redirect(w, r, req.redirectBack(url.Values{"error": {e.Code}, "error_description": {e.Description}}), status)
}

// showOOBCode shows an out-of-band code for the user to copy: GET /oauth/oob?code=….
func (s *Server) showOOBCode(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("code")
	// Only something shaped like a code is shown, so the page cannot be made to
	// display a message of someone else's choosing.
	if !secretShape.MatchString(code) {
		s.renderMessage(w, http.StatusBadRequest, "No code", "This page shows an authorization code, but there is none here.")
		return
	}
	s.render(w, http.StatusOK, "oob", page{Title: "Authorization code", Code: code})
}
