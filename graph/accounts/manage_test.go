package accounts_test

import (
	"context"
	"errors"
	"testing"

	"github.com/fedigraph/fedigraph/graph/accounts"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestManagingAnAccountChangesWhoCanSignIn walks one account through what an operator
// does with the CLI, checking after each step what the user would notice at sign-in.
func TestManagingAnAccountChangesWhoCanSignIn(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		authn := &auth.Authenticator{DB: db.Client}
		create(t, db, accounts.NewLocal{Username: "bob", Email: "bob@example.org", Password: "first password"})
		signIn := func(password string) error {
			_, err := authn.SignIn(ctx, "bob@example.org", password)
			return err
		}

		if err := signIn("first password"); !errors.Is(err, auth.ErrUnconfirmed) {
			t.Fatalf("unconfirmed sign-in: %v, want ErrUnconfirmed", err)
		}
		must(t, accounts.Confirm(ctx, db, "bob"))
		if err := signIn("first password"); err != nil {
			t.Fatalf("sign-in after confirm: %v", err)
		}

		must(t, accounts.SetDisabled(ctx, db, "bob", true))
		if err := signIn("first password"); !errors.Is(err, auth.ErrAccountDisabled) {
			t.Errorf("disabled sign-in: %v, want ErrAccountDisabled", err)
		}
		must(t, accounts.SetDisabled(ctx, db, "bob", false))

		must(t, accounts.SetPassword(ctx, db, "bob", "second password"))
		if err := signIn("first password"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Errorf("old password after change: %v, want ErrBadCredentials", err)
		}
		if err := signIn("second password"); err != nil {
			t.Errorf("new password: %v", err)
		}
		if err := accounts.SetPassword(ctx, db, "bob", "short"); !apperr.Is(err, apperr.BadInput) {
			t.Errorf("short password: %v, want BAD_USER_INPUT", err)
		}

		must(t, accounts.SetAdmin(ctx, db, "bob", true))
		if !isAdmin(t, db, "bob") {
			t.Errorf("bob is not admin after promotion")
		}
		must(t, accounts.SetAdmin(ctx, db, "bob", false))
		if isAdmin(t, db, "bob") {
			t.Errorf("bob is still admin after demotion")
		}
	})
}

func TestManagingAnUnknownAccountIsNotFound(t *testing.T) {
	db := testrig.NewDB(t, store.SQLite)
	ctx := context.Background()
	for name, err := range map[string]error{
		"confirm":  accounts.Confirm(ctx, db, "nobody"),
		"promote":  accounts.SetAdmin(ctx, db, "nobody", true),
		"disable":  accounts.SetDisabled(ctx, db, "nobody", true),
		"password": accounts.SetPassword(ctx, db, "nobody", "long enough"),
	} {
		if !apperr.Is(err, apperr.NotFound) {
			t.Errorf("%s: err = %v, want NOT_FOUND", name, err)
		}
	}
	if n, err := accounts.CountLocal(ctx, db); err != nil || n != 0 {
		t.Errorf("CountLocal on an empty database = %d, %v", n, err)
	}
}

func isAdmin(t *testing.T, db *store.DB, username string) bool {
	t.Helper()
	a, err := accounts.FindLocalByUsername(context.Background(), db, username)
	if err != nil {
		t.Fatalf("find %s: %v", username, err)
	}
	return a.Edges.User.Admin
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
