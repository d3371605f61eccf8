package accounts

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/store"
)

// FindLocalByUsername returns the local account with its User edge loaded, or an
// apperr.NotFound.
func FindLocalByUsername(ctx context.Context, db *store.DB, username string) (*ent.Account, error) {
	a, err := db.Account.Query().
		Where(account.Username(username), account.Domain(""), account.HasUser()).
		WithUser().
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundf("there is no local account named %q", username)
	}
	if err != nil {
		return nil, fmt.Errorf("find account %s: %w", username, err)
	}
	return a, nil
}

// CountLocal counts the local accounts people can sign in to. Accounts without a user
// (such as an instance actor) do not count.
func CountLocal(ctx context.Context, db *store.DB) (int, error) {
	n, err := db.Account.Query().Where(account.Domain(""), account.HasUser()).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count local accounts: %w", err)
	}
	return n, nil
}

// Confirm marks the user's email as confirmed and approves the sign-up, so they can
// sign in. Confirming twice keeps the first confirmation time.
func Confirm(ctx context.Context, db *store.DB, username string) error {
	return updateUser(ctx, db, username, func(u *ent.User, up *ent.UserUpdateOne) {
		if u.ConfirmedAt == nil {
			up.SetConfirmedAt(time.Now())
		}
		up.SetApproved(true)
	})
}

// SetAdmin promotes the user to admin (true) or demotes them (false).
func SetAdmin(ctx context.Context, db *store.DB, username string, admin bool) error {
	return updateUser(ctx, db, username, func(_ *ent.User, up *ent.UserUpdateOne) {
		up.SetAdmin(admin)
	})
}

// SetDisabled disables (true) or re-enables (false) the user's sign-in. A disabled
// user's existing tokens and sessions stop working at once, as the authenticator checks
// the flag on every request; nothing is deleted, so enabling restores them.
func SetDisabled(ctx context.Context, db *store.DB, username string, disabled bool) error {
	return updateUser(ctx, db, username, func(_ *ent.User, up *ent.UserUpdateOne) {
		up.SetDisabled(disabled)
	})
}

// SetPassword replaces the user's password after checking it as for a new account.
func SetPassword(ctx context.Context, db *store.DB, username, password string) error {
	if err := ValidatePassword(password); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return fmt.Errorf("set password of %s: %w", username, err)
	}
	return updateUser(ctx, db, username, func(_ *ent.User, up *ent.UserUpdateOne) {
		up.SetPasswordHash(hash)
	})
}

// updateUser applies change to the user behind a local account.
func updateUser(ctx context.Context, db *store.DB, username string, change func(*ent.User, *ent.UserUpdateOne)) error {
	a, err := FindLocalByUsername(ctx, db, username)
	if err != nil {
		return err
	}
	u := a.Edges.User
	up := db.User.UpdateOne(u)
	change(u, up)
	if err := up.Exec(ctx); err != nil {
		return fmt.Errorf("update user %s: %w", username, err)
	}
	return nil
}
