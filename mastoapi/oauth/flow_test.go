package oauth_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/auth"
)

// TestAuthorizationCodeFlow walks the whole flow a Mastodon app and its user go through:
// register, authorize in a browser, sign in, consent, exchange the code, use the token,
// revoke it.
func TestAuthorizationCodeFlow(t *testing.T) {
	tests := []struct {
		name        string
		redirectURI string
		pkce        bool
		basicAuth   bool // client credentials in HTTP Basic rather than the body
	}{
		{name: "redirect", redirectURI: appCallback},
		{name: "redirect with PKCE and Basic auth", redirectURI: appCallback, pkce: true, basicAuth: true},
		{name: "out of band", redirectURI: oob},
		{name: "out of band with PKCE", redirectURI: oob, pkce: true},
	}
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ctx := context.Background()
				app := r.registerApp("read write follow", appCallback, oob)
				b := r.newBrowser()

				extra := url.Values{"scope": {"read write:statuses"}, "state": {"xyz 123"}}
				verifier, challenge := pkcePair("pkce-" + tt.name[:3])
				if tt.pkce {
					extra.Set("code_challenge", challenge)
					extra.Set("code_challenge_method", "S256")
				}

				// Not signed in: the authorize URL leads to the sign-in page, and back.
				p := b.get(authorizeURL(app, tt.redirectURI, extra))
				if p.url.Path != "/auth/sign_in" || p.status != http.StatusOK {
					t.Fatalf("authorize led to %d %s, want the sign-in page", p.status, p.url)
				}
				p = b.signIn(p, "alice@example.org", alicePassword)
				if p.url.Path != "/oauth/authorize" {
					t.Fatalf("sign-in led to %s, want back to /oauth/authorize", p.url)
				}
				for _, want := range []string{"Test App", "@alice", "read write:statuses", "Allow", "Deny"} {
					if !strings.Contains(p.body, want) {
						t.Errorf("consent page lacks %q", want)
					}
				}

				done := b.consent(p, "allow")
				var code string
				if tt.redirectURI == oob {
					if done.status != http.StatusOK || done.url.Path != "/oauth/oob" {
						t.Fatalf("allow led to %d %s, want the code page", done.status, done.url)
					}
					code = done.url.Query().Get("code")
					if code == "" || !strings.Contains(done.body, code) {
						t.Fatalf("the code page does not show the code %q", code)
					}
				} else {
					loc := done.location()
					if done.status != http.StatusSeeOther || !strings.HasPrefix(loc.String(), appCallback+"?") {
						t.Fatalf("allow answered %d to %s, want 303 to the app", done.status, loc)
					}
					if loc.Query().Get("state") != "xyz 123" {
						t.Errorf("state = %q, want it echoed", loc.Query().Get("state"))
					}
					code = loc.Query().Get("code")
				}
				stored := db.AuthorizationCode.Query().OnlyX(ctx)
				if stored.Digest != auth.Digest(code) || strings.Contains(stored.Digest, code) {
					t.Error("the code is not stored as its digest")
				}

				params := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {tt.redirectURI}}
				if tt.pkce {
					params.Set("code_verifier", verifier)
				}
				if !tt.basicAuth {
					withClient(app, params)
				}
				req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/oauth/token", strings.NewReader(params.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				if tt.basicAuth {
					req.SetBasicAuth(url.QueryEscape(app.ClientID), url.QueryEscape(app.ClientSecret))
				}
				got := r.send(req)
				if got.status != http.StatusOK {
					t.Fatalf("token exchange = %d %v", got.status, got.json)
				}
				accessToken, _ := got.json["access_token"].(string)
				if got.json["token_type"] != "Bearer" || got.json["scope"] != "read write:statuses" ||
					got.json["created_at"] != float64(r.clock.Now().Unix()) || accessToken == "" {
					t.Errorf("token response = %v", got.json)
				}
				if got.header.Get("Cache-Control") != "no-store" {
					t.Error("the token response may be cached")
				}

				v, err := r.auth.FromBearer(ctx, accessToken)
				if err != nil {
					t.Fatalf("the new token does not authenticate: %v", err)
				}
				if v.UserID != r.alice.ID || v.AppID != app.ID || !v.Scopes.Allows("write:statuses") || v.Scopes.Allows("write:media") {
					t.Errorf("viewer = %+v", v)
				}
				verify := func(want int) {
					t.Helper()
					req, _ := http.NewRequest(http.MethodGet, r.srv.URL+"/api/v1/apps/verify_credentials", nil)
					req.Header.Set("Authorization", "Bearer "+accessToken)
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					var app map[string]any
					decodeJSON(t, resp, want, &app)
					if want == http.StatusOK && (app["name"] != "Test App" || app["client_secret"] != nil) {
						t.Errorf("verify_credentials = %v", app)
					}
				}
				verify(http.StatusOK)

				revoked := r.postForm("/oauth/revoke", withClient(app, url.Values{"token": {accessToken}}))
				if revoked.status != http.StatusOK || len(revoked.json) != 0 {
					t.Fatalf("revoke = %d %v, want 200 {}", revoked.status, revoked.json)
				}
				if _, err := r.auth.FromBearer(ctx, accessToken); !errors.Is(err, auth.ErrInvalidToken) {
					t.Errorf("a revoked token still authenticates: %v", err)
				}
				verify(http.StatusUnauthorized)
				db.AuthorizationCode.Delete().ExecX(ctx)
			})
		}
	})
}
