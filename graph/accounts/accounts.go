// Package accounts creates and manages local accounts: the Account that other servers
// see together with the User that signs in behind it. The command line uses it today;
// sign-up and the admin GraphQL mutations will use the same functions, so the rules for
// usernames, emails and passwords live only here.
package accounts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// NewLocal is what it takes to create a local account.
type NewLocal struct {
	Username string
	Email    string
	Password string
	// Admin gives the user every admin power.
	Admin bool
	// Confirmed marks the email as confirmed, so the user can sign in at once. Accounts
	// created by the operator are; sign-ups wait for their confirmation email.
	Confirmed bool
}

// CreateLocal validates in, then creates the account, its user and its signing key
// pair in one transaction, and returns the account with its User edge loaded. A taken
// username or email is an apperr.Conflict; invalid input is an apperr.BadInput.
func CreateLocal(ctx context.Context, db *store.DB, u uris.Builder, in NewLocal) (*ent.Account, error) {
	in.Email = strings.TrimSpace(in.Email)
	if err := validateNew(in); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return nil, fmt.Errorf("create account %s: %w", in.Username, err)
	}
	// Key generation takes a noticeable moment; do it before the transaction so that
	// no database lock is held meanwhile.
	keys, err := newKeyPair()
	if err != nil {
		return nil, fmt.Errorf("create account %s: %w", in.Username, err)
	}

	var created *ent.Account
	err = db.InTx(ctx, func(tx *store.Tx) error {
		if err := checkAvailable(ctx, tx.Client(), in.Username, in.Email); err != nil {
			return err
		}
		a, err := tx.Account.Create().
			SetUsername(in.Username).
			SetURI(u.Account(in.Username)).
			SetURL(u.AccountWeb(in.Username)).
			SetInboxURI(u.Inbox(in.Username)).
			SetOutboxURI(u.Outbox(in.Username)).
			SetFollowersURI(u.Followers(in.Username)).
			SetFollowingURI(u.Following(in.Username)).
			SetFeaturedURI(u.Featured(in.Username)).
			SetSharedInboxURI(u.SharedInbox()).
			SetPublicKeyURI(u.PublicKey(in.Username)).
			SetPublicKey(keys.publicPEM).
			SetPrivateKey(keys.privatePEM).
			Save(ctx)
		if err != nil {
			return err
		}
		uc := tx.User.Create().
			SetAccount(a).
			SetEmail(in.Email).
			SetPasswordHash(hash).
			SetAdmin(in.Admin)
		if in.Confirmed {
			uc.SetConfirmedAt(time.Now())
		}
		usr, err := uc.Save(ctx)
		if err != nil {
			return err
		}
		a.Edges.User = usr
		created = a
		return nil
	})
	if ent.IsConstraintError(err) {
		// Another request took the name or address between the check and the insert.
		return nil, apperr.Wrap(apperr.Conflict, err, "that username or email is already taken")
	}
	if err != nil {
		return nil, fmt.Errorf("create account %s: %w", in.Username, err)
	}
	return created.Unwrap(), nil
}

// checkAvailable reports a taken username or email as a Conflict, with a message that
// says which. Emails compare without regard to case, as sign-in does.
func checkAvailable(ctx context.Context, c *ent.Client, username, email string) error {
	taken, err := c.Account.Query().Where(account.Username(username), account.Domain("")).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check username: %w", err)
	}
	if taken {
		return apperr.New(apperr.Conflict, "the username %q is already taken", username)
	}
	taken, err = c.User.Query().Where(user.EmailEqualFold(email)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check email: %w", err)
	}
	if taken {
		return apperr.New(apperr.Conflict, "the email address %q is already in use", email)
	}
	return nil
}
