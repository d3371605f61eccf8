package auth_test

import (
	"context"
	"os"
	"strings"
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

// userSpec describes a local user for newUser; the zero value is a confirmed,
// approved, enabled user.
type userSpec struct {
	email, password            string
	disabled, unconfirmed      bool
	suspended, pendingApproval bool
	admin                      bool
}

// newUser creates an account and its user as registration would.
func newUser(t *testing.T, db *ent.Client, spec userSpec) *ent.User {
	t.Helper()
	ctx := context.Background()
	if spec.email == "" {
		spec.email = "alice@example.org"
	}
	if spec.password == "" {
		spec.password = "correct horse battery staple"
	}
	username := strings.Split(spec.email, "@")[0]
	acct := db.Account.Create().SetUsername(username).SetURI("http://localhost/users/" + username)
	if spec.suspended {
		acct.SetSuspendedAt(time.Now())
	}
	a, err := acct.Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(spec.password)
	if err != nil {
		t.Fatal(err)
	}
	create := db.User.Create().SetEmail(spec.email).SetPasswordHash(hash).SetAccount(a).
		SetDisabled(spec.disabled).SetApproved(!spec.pendingApproval).SetAdmin(spec.admin)
	if !spec.unconfirmed {
		create.SetConfirmedAt(time.Now())
	}
	u, err := create.Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u.Edges.Account = a
	return u
}

// newApp registers an OAuth application.
func newApp(t *testing.T, db *ent.Client) *ent.Application {
	t.Helper()
	app, err := db.Application.Create().SetName("Test app").SetRedirectUris([]string{"urn:ietf:wg:oauth:2.0:oob"}).
		SetScopes("read write").SetClientID(auth.Digest(t.Name())).SetClientSecret("secret").
		Save(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return app
}
