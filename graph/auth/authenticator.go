package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/session"
	"github.com/fedigraph/fedigraph/ent/token"
)

// touchInterval is how stale last_used_at / last_seen_at may get: writing it on every
// request would turn each read into a write, which SQLite serialises.
const touchInterval = time.Minute

// Authenticator checks credentials against the database.
type Authenticator struct {
	DB  *ent.Client
	Now func() time.Time // nil means time.Now; tests set a fixed clock
	Log *slog.Logger     // nil means slog.Default(); receives bookkeeping failures
}

func (a *Authenticator) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func (a *Authenticator) log() *slog.Logger {
	if a.Log != nil {
		return a.Log
	}
	return slog.Default()
}

// sessionScopes are what a signed-in browser may do: everything a user can grant to an
// app. Admin scopes are added for staff; their role still gates each admin action.
var sessionScopes = Scopes{"read", "write", "follow", "push", "profile"}

// FromBearer returns the viewer for an OAuth access token. It returns ErrInvalidToken
// for a token that is unknown, revoked or expired, or whose user may not sign in.
func (a *Authenticator) FromBearer(ctx context.Context, secret string) (*Viewer, error) {
	if secret == "" {
		return nil, ErrInvalidToken
	}
	now := a.now()
	tok, err := a.DB.Token.Query().
		Where(token.Digest(Digest(secret)), token.RevokedAtIsNil()).
		WithUser(func(q *ent.UserQuery) { q.WithAccount() }).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrInvalidToken
	}
	if err != nil {
		return nil, fmt.Errorf("look up access token: %w", err)
	}
	if tok.ExpiresAt != nil && !now.Before(*tok.ExpiresAt) {
		return nil, ErrInvalidToken
	}
	scopes, _ := ParseScopes(tok.Scopes) // stored scopes were validated when granted
	v := &Viewer{TokenID: tok.ID, AppID: tok.ApplicationID, Scopes: scopes}
	if tok.UserID != nil {
		if err := fillUser(v, tok.Edges.User); err != nil {
			return nil, err
		}
	}
	if tok.LastUsedAt == nil || now.Sub(*tok.LastUsedAt) >= touchInterval {
		err := a.DB.Token.Update().
			Where(token.ID(tok.ID), token.Or(token.LastUsedAtIsNil(), token.LastUsedAtLT(now.Add(-touchInterval)))).
			SetLastUsedAt(now).Exec(ctx)
		if err != nil {
			a.log().WarnContext(ctx, "record token use", "token", tok.ID, "err", err)
		}
	}
	return v, nil
}

// FromSession returns the viewer for a session cookie's value. It returns
// ErrInvalidToken for a session that is unknown or expired, or whose user may not sign in.
func (a *Authenticator) FromSession(ctx context.Context, cookieValue string) (*Viewer, error) {
	if cookieValue == "" {
		return nil, ErrInvalidToken
	}
	now := a.now()
	sess, err := a.DB.Session.Query().
		Where(session.Digest(Digest(cookieValue)), session.ExpiresAtGT(now)).
		WithUser(func(q *ent.UserQuery) { q.WithAccount() }).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrInvalidToken
	}
	if err != nil {
		return nil, fmt.Errorf("look up session: %w", err)
	}
	v := &Viewer{}
	if err := fillUser(v, sess.Edges.User); err != nil {
		return nil, err
	}
	v.Scopes = append(Scopes{}, sessionScopes...)
	if v.Admin || v.Moderator {
		v.Scopes = append(v.Scopes, "admin:read", "admin:write")
	}
	if sess.LastSeenAt == nil || now.Sub(*sess.LastSeenAt) >= touchInterval {
		err := a.DB.Session.UpdateOneID(sess.ID).SetLastSeenAt(now).Exec(ctx)
		if err != nil && !ent.IsNotFound(err) {
			a.log().WarnContext(ctx, "record session use", "session", sess.ID, "err", err)
		}
	}
	return v, nil
}

// fillUser copies the user's identity and roles into v, refusing users who may not act:
// disabled, unconfirmed or unapproved users and suspended accounts.
func fillUser(v *Viewer, u *ent.User) error {
	if u == nil || u.Edges.Account == nil {
		return ErrInvalidToken
	}
	if err := mayAct(u); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	v.UserID, v.AccountID = u.ID, u.Edges.Account.ID
	v.Admin, v.Moderator = u.Admin, u.Moderator
	return nil
}

// mayAct says why a user with the right credentials is still refused, or nil. The
// account must be loaded.
func mayAct(u *ent.User) error {
	switch {
	case u.Disabled:
		return ErrAccountDisabled
	case u.Edges.Account != nil && u.Edges.Account.SuspendedAt != nil:
		return ErrAccountSuspended
	case u.ConfirmedAt == nil:
		return ErrUnconfirmed
	case !u.Approved:
		return ErrPendingApproval
	}
	return nil
}

// Reasons a user with a correct password is refused. SignIn returns them as they are;
// FromBearer and FromSession wrap them in ErrInvalidToken.
var (
	ErrAccountDisabled  = errors.New("this account has been disabled")
	ErrAccountSuspended = errors.New("this account has been suspended")
	ErrUnconfirmed      = errors.New("the email address has not been confirmed")
	ErrPendingApproval  = errors.New("this account is awaiting approval")
)
