package oauth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
)

// csrfToken is the hidden form value that proves a consent form was rendered for this
// session: an HMAC of a fixed label keyed by the session cookie's secret. Another site
// cannot read the cookie, so it cannot produce the token, and the token needs no
// storage of its own. It is checked together with http.CrossOriginProtection, which
// already stops cross-origin posts in current browsers; the token covers the rest.
func csrfToken(sessionCookie string) string {
	mac := hmac.New(sha256.New, []byte(sessionCookie))
	mac.Write([]byte("fedigraph oauth consent form"))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func validCSRFToken(sessionCookie, token string) bool {
	return sessionCookie != "" && hmac.Equal([]byte(csrfToken(sessionCookie)), []byte(token))
}

// crossOrigin refuses state-changing browser requests from other origins.
var crossOrigin = http.NewCrossOriginProtection()
