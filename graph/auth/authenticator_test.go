package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/auth"
)

// newToken stores an access token and returns its secret.
func newToken(t *testing.T, db *ent.Client, app *ent.Application, u *ent.User, edit func(*ent.TokenCreate)) (string, *ent.Token) {
	t.Helper()
	secret, digest := auth.NewSecret()
	create := db.Token.Create().SetDigest(digest).SetApplication(app).SetScopes("read write")
	if u != nil {
		create.SetUser(u)
	}
	if edit != nil {
		edit(create)
	}
	tok, err := create.Save(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return secret, tok
}

func TestFromBearer(t *testing.T) {
	now := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		user    *userSpec // nil: an app-only token
		edit    func(*ent.TokenCreate)
		wrong   bool // present a secret that was never issued
		wantErr bool
	}{
		{name: "valid user token", user: &userSpec{}},
		{name: "app-only token", user: nil},
		{name: "token expiring later", user: &userSpec{}, edit: func(c *ent.TokenCreate) { c.SetExpiresAt(now.Add(time.Hour)) }},
		{name: "unknown token", user: &userSpec{}, wrong: true, wantErr: true},
		{name: "revoked token", user: &userSpec{}, edit: func(c *ent.TokenCreate) { c.SetRevokedAt(now.Add(-time.Hour)) }, wantErr: true},
		{name: "expired token", user: &userSpec{}, edit: func(c *ent.TokenCreate) { c.SetExpiresAt(now) }, wantErr: true},
		{name: "disabled user", user: &userSpec{disabled: true}, wantErr: true},
		{name: "suspended account", user: &userSpec{suspended: true}, wantErr: true},
		{name: "unconfirmed user", user: &userSpec{unconfirmed: true}, wantErr: true},
		{name: "user awaiting approval", user: &userSpec{pendingApproval: true}, wantErr: true},
	}
	eachDB(t, func(t *testing.T, db *ent.Client) {
		a := &auth.Authenticator{DB: db, Now: func() time.Time { return now }}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				app := newApp(t, db)
				var u *ent.User
				if tt.user != nil {
					spec := *tt.user
					spec.email = string(rune('a'+i)) + "@example.org"
					u = newUser(t, db, spec)
				}
				secret, tok := newToken(t, db, app, u, tt.edit)
				if tt.wrong {
					secret += "x"
				}
				v, err := a.FromBearer(context.Background(), secret)
				if tt.wantErr {
					if !errors.Is(err, auth.ErrInvalidToken) || v != nil {
						t.Fatalf("FromBearer = %+v, %v; want ErrInvalidToken", v, err)
					}
					return
				}
				if err != nil {
					t.Fatalf("FromBearer: %v", err)
				}
				want := auth.Viewer{TokenID: tok.ID, AppID: app.ID}
				if u != nil {
					want.UserID, want.AccountID = u.ID, u.Edges.Account.ID
				}
				if v.UserID != want.UserID || v.AccountID != want.AccountID || v.TokenID != want.TokenID ||
					v.AppID != want.AppID || v.Scopes.String() != "read write" {
					t.Fatalf("viewer = %+v, want %+v with scopes read write", v, want)
				}
				if v.IsApp() != (u == nil) {
					t.Errorf("IsApp() = %v for user %v", v.IsApp(), u)
				}
			})
		}
	})
}

func TestFromBearerRecordsUseAtMostOncePerMinute(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		now := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
		a := &auth.Authenticator{DB: db, Now: func() time.Time { return now }}
		secret, tok := newToken(t, db, newApp(t, db), newUser(t, db, userSpec{}), nil)
		ctx := context.Background()
		lastUsed := func() time.Time {
			t.Helper()
			got, err := db.Token.Get(ctx, tok.ID)
			if err != nil || got.LastUsedAt == nil {
				t.Fatalf("token %v, last_used_at unset", err)
			}
			return got.LastUsedAt.UTC()
		}
		steps := []struct {
			advance time.Duration
			want    time.Time
		}{
			{0, now},
			{30 * time.Second, now}, // too soon: not rewritten
			{45 * time.Second, now.Add(75 * time.Second)}, // over a minute since the write
			{10 * time.Second, now.Add(75 * time.Second)},
		}
		start := now
		for i, s := range steps {
			now = now.Add(s.advance)
			if _, err := a.FromBearer(ctx, secret); err != nil {
				t.Fatal(err)
			}
			if got := lastUsed(); !got.Equal(s.want) {
				t.Errorf("step %d (t+%v): last_used_at = %v, want %v", i, now.Sub(start), got, s.want)
			}
		}
	})
}

func TestSessions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		ctx := context.Background()
		now := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
		a := &auth.Authenticator{DB: db, Now: func() time.Time { return now }}
		u := newUser(t, db, userSpec{admin: true})

		cookie, err := a.CreateSession(ctx, u.ID, "Firefox", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if n := db.Session.Query().CountX(ctx); n != 1 {
			t.Fatalf("%d sessions stored, want 1", n)
		}
		if db.Session.Query().OnlyX(ctx).Digest != auth.Digest(cookie) {
			t.Fatal("the session row does not hold the digest of the cookie")
		}
		v, err := a.FromSession(ctx, cookie)
		if err != nil {
			t.Fatal(err)
		}
		if v.UserID != u.ID || v.AccountID != u.Edges.Account.ID || v.TokenID != "" || v.AppID != "" || !v.Admin {
			t.Fatalf("viewer = %+v", v)
		}
		if !v.Scopes.Allows("write:statuses") || !v.Scopes.Allows("admin:read:accounts") {
			t.Errorf("an admin's session scopes %q lack write or admin scopes", v.Scopes)
		}
		if _, err := a.FromSession(ctx, cookie+"x"); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("a forged cookie gave %v", err)
		}

		now = now.Add(time.Hour)
		if _, err := a.FromSession(ctx, cookie); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("an expired session gave %v", err)
		}

		now = now.Add(-time.Minute)
		if err := a.EndSession(ctx, cookie); err != nil {
			t.Fatal(err)
		}
		if _, err := a.FromSession(ctx, cookie); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("an ended session gave %v", err)
		}
		if err := a.EndSession(ctx, cookie); err != nil {
			t.Errorf("ending a session twice: %v", err)
		}
	})
}

func TestSignIn(t *testing.T) {
	tests := []struct {
		name     string
		spec     userSpec
		email    string
		password string
		wantErr  error
	}{
		{name: "right password", email: "alice@example.org", password: "pw"},
		{name: "email in other case", email: "Alice@Example.ORG", password: "pw"},
		{name: "wrong password", email: "alice@example.org", password: "nope", wantErr: auth.ErrBadCredentials},
		{name: "unknown email", email: "bob@example.org", password: "pw", wantErr: auth.ErrBadCredentials},
		{name: "SQL wildcards in the email", email: "alic_@%.org", password: "pw", wantErr: auth.ErrBadCredentials},
		{name: "disabled", spec: userSpec{disabled: true}, email: "alice@example.org", password: "pw", wantErr: auth.ErrAccountDisabled},
		{name: "unconfirmed", spec: userSpec{unconfirmed: true}, email: "alice@example.org", password: "pw", wantErr: auth.ErrUnconfirmed},
		{name: "disabled, wrong password", spec: userSpec{disabled: true}, email: "alice@example.org", password: "nope", wantErr: auth.ErrBadCredentials},
	}
	eachDB(t, func(t *testing.T, db *ent.Client) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				db.User.Delete().ExecX(context.Background())
				db.Account.Delete().ExecX(context.Background())
				spec := tt.spec
				spec.email, spec.password = "alice@example.org", "pw"
				want := newUser(t, db, spec)
				a := &auth.Authenticator{DB: db}
				got, err := a.SignIn(context.Background(), tt.email, tt.password)
				if tt.wantErr != nil {
					if !errors.Is(err, tt.wantErr) || got != nil {
						t.Fatalf("SignIn = %v, %v; want %v", got, err, tt.wantErr)
					}
					return
				}
				if err != nil || got.ID != want.ID {
					t.Fatalf("SignIn = %v, %v; want user %s", got, err, want.ID)
				}
				if db.User.GetX(context.Background(), want.ID).LastSignInAt == nil {
					t.Error("last_sign_in_at not recorded")
				}
			})
		}
	})
}
