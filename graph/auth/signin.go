package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/session"
	"github.com/fedigraph/fedigraph/ent/user"
)

// ErrBadCredentials is returned by SignIn for an unknown email and for a wrong
// password alike, so the sign-in form does not reveal who has an account.
var ErrBadCredentials = errors.New("the email or password is incorrect")

// decoyHash is checked against when no user has the email, so that a sign-in for an
// unknown address takes as long as one with a wrong password.
var decoyHash = sync.OnceValue(func() string {
	h, err := HashPassword("decoy password for unknown emails")
	if err != nil {
		panic(err) // argon2id fails only when the system has no randomness
	}
	return h
})

// SignIn checks an email and password. It returns ErrBadCredentials when they do not
// match; ErrAccountDisabled, ErrAccountSuspended, ErrUnconfirmed or ErrPendingApproval
// when they match a user who may not sign in. Those are told only to someone who knows
// the password. On success it records the sign-in time.
func (a *Authenticator) SignIn(ctx context.Context, email, password string) (*ent.User, error) {
	u, err := a.findByEmail(ctx, email)
	if err != nil {
		return nil, fmt.Errorf("sign in: find user: %w", err)
	}
	if u == nil {
		_, _ = CheckPassword(decoyHash(), password)
		return nil, ErrBadCredentials
	}
	ok, err := CheckPassword(u.PasswordHash, password)
	if err != nil {
		return nil, fmt.Errorf("sign in: %w", err)
	}
	if !ok {
		return nil, ErrBadCredentials
	}
	if err := mayAct(u); err != nil {
		return nil, err
	}
	now := a.now()
	if err := a.DB.User.UpdateOneID(u.ID).SetLastSignInAt(now).Exec(ctx); err != nil {
		return nil, fmt.Errorf("sign in: record time: %w", err)
	}
	u.LastSignInAt = &now
	return u, nil
}

// findByEmail finds the user with this email, ignoring case as people type addresses
// however they like. The unique index is case-sensitive, so when two users differ only
// in case the exact spelling wins, and without one neither is guessed at. It returns
// nil when no user matches.
func (a *Authenticator) findByEmail(ctx context.Context, email string) (*ent.User, error) {
	users, err := a.DB.User.Query().Where(user.EmailEqualFold(email)).WithAccount().Limit(10).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if u.Email == email || len(users) == 1 {
			return u, nil
		}
	}
	return nil, nil
}

// CreateSession starts a browser session for the user lasting ttl and returns the value
// for the SessionCookie.
func (a *Authenticator) CreateSession(ctx context.Context, userID, userAgent string, ttl time.Duration) (string, error) {
	secret, digest := NewSecret()
	now := a.now()
	if len(userAgent) > 512 {
		userAgent = userAgent[:512] // the value is only shown to the user; keep rows small
	}
	err := a.DB.Session.Create().
		SetDigest(digest).
		SetUserID(userID).
		SetUserAgent(userAgent).
		SetCreatedAt(now).
		SetExpiresAt(now.Add(ttl)).
		SetLastSeenAt(now).
		Exec(ctx)
	if err != nil {
		return "", fmt.Errorf("create session: %w", err)
	}
	return secret, nil
}

// EndSession signs the session out. Ending an unknown or already ended session is not
// an error, so signing out twice is harmless.
func (a *Authenticator) EndSession(ctx context.Context, cookieValue string) error {
	if cookieValue == "" {
		return nil
	}
	_, err := a.DB.Session.Delete().Where(session.Digest(Digest(cookieValue))).Exec(ctx)
	if err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}
