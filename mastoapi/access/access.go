// Package access guards the Mastodon API's routes as Mastodon does: credentials that
// do not work are refused on every route, even one open to everyone; each route names
// the OAuth scopes that may call it; and routes that act for a person refuse a token
// issued to an application alone.
package access

import (
	"context"
	"errors"
	"net/http"

	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Credentials answers a request whose token or session was refused with 401 (or with
// 500, when it could not be checked at all), before any handler sees it. auth's
// middleware lets such requests through anonymously so each surface can answer in its
// own format; a Mastodon app must not be served anonymous data for a bad token.
func Credentials(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := auth.FailureFromContext(r.Context()); err != nil {
			if !errors.Is(err, auth.ErrInvalidToken) {
				respond.Error(w, r, err)
				return
			}
			respond.Message(w, http.StatusUnauthorized, respond.InvalidToken)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// User requires a signed-in person whose token grants at least one of the scopes
// (each also granted by its parent: "read" grants "read:statuses"). Without
// credentials the answer is 401, without the scope 403, and for a token of an
// application acting for nobody 422, in that order, as in Mastodon.
func User(scopes ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			v := auth.FromContext(r.Context())
			switch {
			case v == nil:
				respond.Message(w, http.StatusUnauthorized, respond.InvalidToken)
			case !v.Scopes.AllowsAny(scopes...):
				respond.Message(w, http.StatusForbidden, respond.OutsideScopes)
			case v.AccountID == "":
				respond.Message(w, http.StatusUnprocessableEntity, respond.NeedsUser)
			default:
				next.ServeHTTP(w, r)
			}
		})
	}
}

// IfToken opens a route to anonymous visitors, but a request that does bring a token
// must have one of the scopes (Mastodon's authorize_if_got_token!).
func IfToken(scopes ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if v := auth.FromContext(r.Context()); v != nil && !v.Scopes.AllowsAny(scopes...) {
				respond.Message(w, http.StatusForbidden, respond.OutsideScopes)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// AccountID is the signed-in account making the request, or "" for an anonymous
// visitor or an application acting for nobody: the viewer the domain functions take.
func AccountID(ctx context.Context) string {
	if v := auth.FromContext(ctx); v != nil {
		return v.AccountID
	}
	return ""
}
