package testrig

import (
	"context"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/store"
)

// TestHost is the domain fixtures' local accounts live on.
const TestHost = "fedigraph.test"

// LocalAccount creates a confirmed local account with a user, without the RSA key pair
// (generating one costs a tenth of a second and only federation tests need it).
func LocalAccount(t testing.TB, db *store.DB, username string) *ent.Account {
	t.Helper()
	ctx := context.Background()
	a, err := db.Account.Create().
		SetUsername(username).
		SetURI("https://" + TestHost + "/users/" + username).
		SetURL("https://" + TestHost + "/@" + username).
		Save(ctx)
	if err != nil {
		t.Fatalf("fixture account %s: %v", username, err)
	}
	hash, err := auth.HashPassword("password-" + username)
	if err != nil {
		t.Fatalf("fixture password: %v", err)
	}
	_, err = db.User.Create().
		SetAccount(a).
		SetEmail(username + "@" + TestHost).
		SetPasswordHash(hash).
		SetConfirmedAt(time.Now()).
		Save(ctx)
	if err != nil {
		t.Fatalf("fixture user %s: %v", username, err)
	}
	return a
}

// RemoteAccount creates an account as if fetched from another server.
func RemoteAccount(t testing.TB, db *store.DB, username, domain string) *ent.Account {
	t.Helper()
	a, err := db.Account.Create().
		SetUsername(username).
		SetDomain(domain).
		SetURI("https://" + domain + "/users/" + username).
		SetURL("https://" + domain + "/@" + username).
		Save(context.Background())
	if err != nil {
		t.Fatalf("fixture remote account %s@%s: %v", username, domain, err)
	}
	return a
}

// Token issues an OAuth access token for the account's user with the scopes, through a
// fixture application, and returns the secret to send as a bearer token.
func Token(t testing.TB, db *store.DB, a *ent.Account, scopes string) string {
	t.Helper()
	ctx := context.Background()
	u, err := a.QueryUser().Only(ctx)
	if err != nil {
		t.Fatalf("fixture token: account %s has no user: %v", a.Username, err)
	}
	secret, digest := auth.NewSecret()
	_, clientSecretDigest := auth.NewSecret()
	app, err := db.Application.Create().
		SetName("fixture app").
		SetRedirectUris([]string{"urn:ietf:wg:oauth:2.0:oob"}).
		SetScopes(scopes).
		SetClientID(secret[:16]).
		SetClientSecret(clientSecretDigest).
		Save(ctx)
	if err != nil {
		t.Fatalf("fixture application: %v", err)
	}
	_, err = db.Token.Create().
		SetDigest(digest).
		SetApplicationID(app.ID).
		SetUserID(u.ID).
		SetScopes(scopes).
		Save(ctx)
	if err != nil {
		t.Fatalf("fixture token: %v", err)
	}
	return secret
}
