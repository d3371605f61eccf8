package oauth_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// eachDB runs fn once per database kind, each with a fresh, migrated database.
func eachDB(t *testing.T, fn func(t *testing.T, db *ent.Client)) {
	t.Helper()
	testrig.EachDB(t, func(t *testing.T, db *store.DB) { fn(t, db.Client) })
}

// newUser creates a confirmed local user with an account, as registration would.
func newUser(t *testing.T, db *ent.Client, username, password string, disabled bool) *ent.User {
	t.Helper()
	ctx := context.Background()
	a, err := db.Account.Create().SetUsername(username).SetURI("http://localhost/users/" + username).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	u, err := db.User.Create().SetEmail(username + "@example.org").SetPasswordHash(hash).SetAccount(a).
		SetConfirmedAt(time.Now()).SetDisabled(disabled).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
