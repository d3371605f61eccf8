package accounts_test

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"os"
	"testing"

	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/graph/accounts"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

var testURIs = uris.Builder{Protocol: "https", Host: "social.example"}

func create(t *testing.T, db *store.DB, in accounts.NewLocal) {
	t.Helper()
	if _, err := accounts.CreateLocal(context.Background(), db, testURIs, in); err != nil {
		t.Fatalf("create %s: %v", in.Username, err)
	}
}

func TestCreateLocalMakesAFederatableAccountThatCanSignIn(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, err := accounts.CreateLocal(ctx, db, testURIs, accounts.NewLocal{
			Username: "alice", Email: "alice@example.org", Password: "correct horse", Admin: true, Confirmed: true,
		})
		if err != nil {
			t.Fatalf("CreateLocal: %v", err)
		}
		for name, got := range map[string]string{
			"uri":       a.URI,
			"url":       a.URL,
			"inbox":     a.InboxURI,
			"outbox":    a.OutboxURI,
			"followers": a.FollowersURI,
			"following": a.FollowingURI,
			"featured":  a.FeaturedURI,
			"shared":    a.SharedInboxURI,
			"key id":    a.PublicKeyURI,
		} {
			want := map[string]string{
				"uri":       "https://social.example/users/alice",
				"url":       "https://social.example/@alice",
				"inbox":     "https://social.example/users/alice/inbox",
				"outbox":    "https://social.example/users/alice/outbox",
				"followers": "https://social.example/users/alice/followers",
				"following": "https://social.example/users/alice/following",
				"featured":  "https://social.example/users/alice/collections/featured",
				"shared":    "https://social.example/inbox",
				"key id":    "https://social.example/users/alice#main-key",
			}[name]
			if got != want {
				t.Errorf("%s = %q, want %q", name, got, want)
			}
		}
		if a.Domain != "" {
			t.Errorf("domain = %q, want empty for a local account", a.Domain)
		}
		if u := a.Edges.User; u == nil || !u.Admin || u.ConfirmedAt == nil || u.Email != "alice@example.org" {
			t.Errorf("user = %+v, want a confirmed admin with the given email", u)
		}
		assertKeysSign(t, a.PrivateKey, a.PublicKey)

		// The stored account, not just the returned one, must let alice in.
		authn := &auth.Authenticator{DB: db.Client}
		if _, err := authn.SignIn(ctx, "Alice@Example.org", "correct horse"); err != nil {
			t.Errorf("sign in with the new password: %v", err)
		}
		if n, err := accounts.CountLocal(ctx, db); err != nil || n != 1 {
			t.Errorf("CountLocal = %d, %v; want 1", n, err)
		}
	})
}

// assertKeysSign checks the stored PEMs are a working RSA-2048 pair.
func assertKeysSign(t *testing.T, privatePEM, publicPEM string) {
	t.Helper()
	private, err := httpsig.ParsePrivateKeyPEM(privatePEM)
	if err != nil {
		t.Fatalf("private key: %v", err)
	}
	key, err := httpsig.ParsePublicKeyPEM(publicPEM)
	if err != nil {
		t.Fatalf("public key: %v", err)
	}
	public, ok := key.(*rsa.PublicKey)
	if !ok {
		t.Fatalf("public key is a %T, want RSA", key)
	}
	if public.N.BitLen() != 2048 {
		t.Errorf("key is %d bits, want 2048", public.N.BitLen())
	}
	digest := sha256.Sum256([]byte("(request-target): post /inbox"))
	sig, err := rsa.SignPKCS1v15(rand.Reader, private, crypto.SHA256, digest[:])
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	if err := rsa.VerifyPKCS1v15(public, crypto.SHA256, digest[:], sig); err != nil {
		t.Errorf("the public key does not verify the private key's signature: %v", err)
	}
}

func TestCreateLocalRefusesTakenNamesAndAddresses(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		create(t, db, accounts.NewLocal{Username: "alice", Email: "alice@example.org", Password: "password1"})
		for _, tc := range []struct {
			name string
			in   accounts.NewLocal
		}{
			{"same username", accounts.NewLocal{Username: "alice", Email: "other@example.org", Password: "password1"}},
			{"same email in other case", accounts.NewLocal{Username: "bob", Email: "ALICE@example.org", Password: "password1"}},
		} {
			_, err := accounts.CreateLocal(ctx, db, testURIs, tc.in)
			if !apperr.Is(err, apperr.Conflict) {
				t.Errorf("%s: err = %v, want CONFLICT", tc.name, err)
			}
		}
		if n, _ := db.User.Query().Count(ctx); n != 1 {
			t.Errorf("%d users after refused creations, want 1", n)
		}
	})
}

func TestCreateLocalRefusesBadInputWithoutWriting(t *testing.T) {
	db := testrig.NewDB(t, store.SQLite)
	ctx := context.Background()
	for _, in := range []accounts.NewLocal{
		{Username: "Alice", Email: "alice@example.org", Password: "password1"},
		{Username: "alice", Email: "not-an-email", Password: "password1"},
		{Username: "alice", Email: "alice@example.org", Password: "short"},
	} {
		_, err := accounts.CreateLocal(ctx, db, testURIs, in)
		if !apperr.Is(err, apperr.BadInput) {
			t.Errorf("CreateLocal(%+v) err = %v, want BAD_USER_INPUT", in, err)
		}
	}
	if n, _ := db.Account.Query().Count(ctx); n != 0 {
		t.Errorf("%d accounts written for bad input, want 0", n)
	}
}
