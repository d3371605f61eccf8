package auth

import (
	"context"
	"errors"
	"fmt"
)

// Viewer is who is making a request.
type Viewer struct {
	UserID, AccountID string
	TokenID           string // "" when signed in by session cookie
	AppID             string // OAuth application of the token, "" for sessions
	Scopes            Scopes
	Admin, Moderator  bool
}

// IsApp reports whether the viewer is an application acting for no user (a token from
// the client_credentials grant).
func (v *Viewer) IsApp() bool { return v != nil && v.UserID == "" && v.AppID != "" }

// ErrInvalidToken marks a request that presented credentials that do not work: surfaces
// turn it into their own error (GraphQL UNAUTHENTICATED, Mastodon 401).
var ErrInvalidToken = errors.New("the access token is invalid")

// ErrCrossOriginSession is the failure recorded when a session cookie arrives on a
// cross-origin request that could change state; see Authenticator.Middleware. It wraps
// ErrInvalidToken so surfaces answer it the same way.
var ErrCrossOriginSession = fmt.Errorf("%w: session cookie sent from another origin", ErrInvalidToken)

type viewerKey struct{}

type failureKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// FromContext returns the viewer of the request, or nil when it is anonymous.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey{}).(*Viewer)
	return v
}

// WithFailure returns ctx recording that the request's credentials could not be used.
func WithFailure(ctx context.Context, err error) context.Context {
	return context.WithValue(ctx, failureKey{}, err)
}

// FailureFromContext returns why the request's credentials were refused, or nil. It is
// ErrInvalidToken (possibly wrapped) for credentials that do not work, and another
// error when they could not be checked at all (the database failed): surfaces should
// answer the first with 401 and the second with 500.
func FailureFromContext(ctx context.Context) error {
	err, _ := ctx.Value(failureKey{}).(error)
	return err
}
