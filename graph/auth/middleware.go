package auth

import (
	"net/http"
	"strings"
)

// SessionCookie is the name of the cookie holding a browser session.
const SessionCookie = "fedigraph_session"

// crossOrigin refuses state-changing browser requests from other origins, judged by
// Sec-Fetch-Site or else Origin against Host (Go's standard CSRF defence).
var crossOrigin = http.NewCrossOriginProtection()

// Middleware puts the request's viewer in its context. It reads an
// "Authorization: Bearer" token first, else the session cookie. Bad credentials do not
// end the request: it goes on anonymously with WithFailure(ctx, ErrInvalidToken), so
// that each surface answers in its own format. A storage failure is recorded the same
// way with the underlying error.
//
// Bearer tokens cannot be forged across sites, since a browser never attaches them by
// itself. Cookies it does attach, so a session cookie counts only on requests the
// browser reports as same-origin. SameSite=Lax alone is not enough: it still sends the
// cookie from sibling subdomains ("same-site" is not "same-origin") and on top-level
// cross-site GET navigations. So unsafe methods (POST, PUT, PATCH, DELETE) go through
// http.CrossOriginProtection, and websocket upgrades — GETs that open a long-lived,
// state-changing channel — are checked as if unsafe. Requests with neither
// Sec-Fetch-Site nor Origin come from non-browser clients, which cannot be tricked into
// sending someone else's cookie, and pass.
func (a *Authenticator) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var (
			v   *Viewer
			err error
		)
		if secret, ok := bearerToken(r); ok {
			v, err = a.FromBearer(ctx, secret)
		} else if c, cerr := r.Cookie(SessionCookie); cerr == nil && c.Value != "" {
			if sameOrigin(r) {
				v, err = a.FromSession(ctx, c.Value)
			} else {
				err = ErrCrossOriginSession
			}
		}
		switch {
		case err != nil:
			ctx = WithFailure(ctx, err)
		case v != nil:
			ctx = NewContext(ctx, v)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// bearerToken returns the token of an "Authorization: Bearer" header. Other schemes
// (Basic, used for OAuth client authentication) are not credentials of a viewer.
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, found := strings.Cut(r.Header.Get("Authorization"), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// sameOrigin reports whether a session cookie may be honoured on r; see Middleware.
func sameOrigin(r *http.Request) bool {
	if strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
		probe := r.WithContext(r.Context())
		probe.Method = http.MethodPost
		r = probe
	}
	return crossOrigin.Check(r) == nil
}
