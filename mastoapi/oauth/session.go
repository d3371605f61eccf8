package oauth

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/fedigraph/fedigraph/graph/auth"
)

// signedIn returns the viewer of the request's session cookie and the cookie's value,
// or a nil viewer when there is no working session. A storage failure is an error.
func (s *Server) signedIn(r *http.Request) (*auth.Viewer, string, error) {
	c, err := r.Cookie(auth.SessionCookie)
	if err != nil || c.Value == "" {
		return nil, "", nil
	}
	v, err := s.auth.FromSession(r.Context(), c.Value)
	if errors.Is(err, auth.ErrInvalidToken) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	return v, c.Value, nil
}

// setSessionCookie hands the browser its session. HttpOnly keeps it from scripts;
// SameSite=Lax keeps it off cross-site posts while still sending it when an app opens
// the authorize URL in the browser.
func (s *Server) setSessionCookie(w http.ResponseWriter, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name:     auth.SessionCookie,
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   s.secure,
		SameSite: http.SameSiteLaxMode,
	})
}

// signInURL is the sign-in page that returns to returnTo afterwards.
func signInURL(returnTo string) string {
	return "/auth/sign_in?" + url.Values{"return_to": {returnTo}}.Encode()
}

// localPath returns p when it is a path on this site, else "/", so that return_to
// cannot send a signed-in user to another site (an open redirect).
func localPath(p string) string {
	u, err := url.Parse(p)
	if err != nil || p == "" || u.Scheme != "" || u.Host != "" || u.User != nil ||
		!strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n\t") {
		return "/"
	}
	return p
}
