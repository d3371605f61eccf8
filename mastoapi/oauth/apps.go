package oauth

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/fedigraph/fedigraph/graph/auth"
)

// oobRedirectURI asks for the code to be shown to the user instead of redirected.
const oobRedirectURI = "urn:ietf:wg:oauth:2.0:oob"

// Limits on what an app may register, generous for real apps and small for the table.
const (
	maxRedirectURIs   = 16
	maxRedirectURILen = 2000
	maxWebsiteLen     = 2000
	maxAppNameLen     = 200
)

// createApp registers an application: POST /api/v1/apps.
func (s *Server) createApp(w http.ResponseWriter, r *http.Request) {
	params, err := readParams(w, r)
	if err != nil {
		writeMastodonError(w, http.StatusBadRequest, err.Error())
		return
	}
	name := strings.TrimSpace(params.Get("client_name"))
	website := strings.TrimSpace(params.Get("website"))
	redirectURIs := splitRedirectURIs(append(params["redirect_uris"], params["redirect_uris[]"]...))
	scopes, err := auth.ParseScopes(params.Get("scopes"))
	switch {
	case err != nil:
		writeMastodonError(w, http.StatusUnprocessableEntity, "Validation failed: Scopes "+err.Error())
		return
	case name == "":
		writeMastodonError(w, http.StatusUnprocessableEntity, "Validation failed: Application name can't be blank")
		return
	case len(name) > maxAppNameLen:
		writeMastodonError(w, http.StatusUnprocessableEntity, "Validation failed: Application name is too long (maximum is 200 characters)")
		return
	case len(website) > maxWebsiteLen:
		writeMastodonError(w, http.StatusUnprocessableEntity, "Validation failed: Application website is too long")
		return
	}
	if err := checkRedirectURIs(redirectURIs); err != nil {
		writeMastodonError(w, http.StatusUnprocessableEntity, "Validation failed: Redirect URI "+err.Error())
		return
	}
	if len(scopes) == 0 {
		scopes = auth.Scopes{"read"}
	}
	clientID, _ := auth.NewSecret()
	clientSecret, _ := auth.NewSecret()
	create := s.db.Application.Create().
		SetName(name).
		SetWebsite(website).
		SetRedirectUris(redirectURIs).
		SetScopes(scopes.String()).
		SetClientID(clientID).
		SetClientSecret(clientSecret)
	if v := auth.FromContext(r.Context()); v != nil && v.UserID != "" {
		create.SetCreatedByUserID(v.UserID)
	}
	app, err := create.Save(r.Context())
	if err != nil {
		s.opts.Logger.ErrorContext(r.Context(), "register app", "err", err)
		writeMastodonError(w, http.StatusInternalServerError, "Could not register the application")
		return
	}
	s.writeApp(w, r, newApplicationJSON(app, true))
}

// verifyApp tells a client which app its token belongs to:
// GET /api/v1/apps/verify_credentials. Both app-only and user tokens work.
func (s *Server) verifyApp(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerFromBearer(r)
	if err != nil {
		s.writeBearerFailure(w, r, err)
		return
	}
	app, err := s.db.Application.Get(r.Context(), v.AppID)
	if err != nil {
		s.opts.Logger.ErrorContext(r.Context(), "load app", "app", v.AppID, "err", err)
		writeMastodonError(w, http.StatusInternalServerError, "Could not load the application")
		return
	}
	s.writeApp(w, r, newApplicationJSON(app, false))
}

// writeApp answers with the app and the instance's Web Push key, which apps
// subscribe with.
func (s *Server) writeApp(w http.ResponseWriter, r *http.Request, app applicationJSON) {
	key, err := s.vapid.PublicKey(r.Context())
	if err != nil {
		s.opts.Logger.ErrorContext(r.Context(), "load the Web Push key", "err", err)
		writeMastodonError(w, http.StatusInternalServerError, "Could not load the Web Push key")
		return
	}
	app.VapidKey = key
	writeJSON(w, http.StatusOK, app)
}

// splitRedirectURIs accepts Mastodon's newline-separated string as well as a list.
func splitRedirectURIs(values []string) []string {
	var out []string
	for _, v := range values {
		out = append(out, strings.Fields(v)...)
	}
	return out
}

// checkRedirectURIs allows absolute URIs of any scheme (apps use custom schemes such as
// tusky://) and the out-of-band URN, but no fragments (RFC 6749 §3.1.2) and no schemes
// that would run code in the browser showing the consent page.
func checkRedirectURIs(uris []string) error {
	if len(uris) == 0 {
		return errors.New("can't be blank")
	}
	if len(uris) > maxRedirectURIs {
		return errors.New("has too many entries")
	}
	for _, raw := range uris {
		u, err := url.Parse(raw)
		switch {
		case raw == oobRedirectURI:
			continue
		case len(raw) > maxRedirectURILen:
			return errors.New("is too long")
		case err != nil || !u.IsAbs():
			return errors.New("must be an absolute URI")
		case u.Fragment != "" || strings.Contains(raw, "#"):
			return errors.New("cannot contain a fragment")
		}
		switch strings.ToLower(u.Scheme) {
		case "javascript", "data", "vbscript", "file", "blob":
			return errors.New("uses a forbidden scheme")
		}
	}
	return nil
}
