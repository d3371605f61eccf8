package oauth_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/auth"
)

// TestTokenExchangeFailures sends broken exchanges for a fresh code each, checks the
// RFC 6749 answer, that no token was written, and that the code still works afterwards
// for its rightful client: a failed exchange changes nothing.
func TestTokenExchangeFailures(t *testing.T) {
	verifier, challenge := pkcePair("verifier")
	otherVerifier, _ := pkcePair("different")
	tests := []struct {
		name       string
		pkce       bool
		edit       func(p url.Values, other appJSON)
		basic      [2]string // HTTP Basic credentials to add
		rawJSON    string    // send this body instead
		wantStatus int
		wantError  string
	}{
		{name: "wrong client secret", edit: func(p url.Values, _ appJSON) { p.Set("client_secret", "wrong") }, wantStatus: 401, wantError: "invalid_client"},
		{name: "no client secret", edit: func(p url.Values, _ appJSON) { p.Del("client_secret") }, wantStatus: 401, wantError: "invalid_client"},
		{name: "unknown client", edit: func(p url.Values, _ appJSON) { p.Set("client_id", "nope") }, wantStatus: 401, wantError: "invalid_client"},
		{name: "wrong Basic secret", edit: func(p url.Values, _ appJSON) { p.Del("client_id"); p.Del("client_secret") }, basic: [2]string{"", "wrong"}, wantStatus: 401, wantError: "invalid_client"},
		{name: "Basic and body credentials together", basic: [2]string{"", ""}, wantStatus: 400, wantError: "invalid_request"},
		{name: "code of another app", edit: func(p url.Values, other appJSON) { withClient(other, p) }, wantStatus: 400, wantError: "invalid_grant"},
		{name: "unknown code", edit: func(p url.Values, _ appJSON) { p.Set("code", "x"+p.Get("code")[1:]) }, wantStatus: 400, wantError: "invalid_grant"},
		{name: "no code", edit: func(p url.Values, _ appJSON) { p.Del("code") }, wantStatus: 400, wantError: "invalid_request"},
		{name: "redirect_uri differs", edit: func(p url.Values, _ appJSON) { p.Set("redirect_uri", oob) }, wantStatus: 400, wantError: "invalid_grant"},
		{name: "redirect_uri missing", edit: func(p url.Values, _ appJSON) { p.Del("redirect_uri") }, wantStatus: 400, wantError: "invalid_grant"},
		{name: "PKCE verifier mismatch", pkce: true, edit: func(p url.Values, _ appJSON) { p.Set("code_verifier", otherVerifier) }, wantStatus: 400, wantError: "invalid_grant"},
		{name: "PKCE verifier missing", pkce: true, edit: func(p url.Values, _ appJSON) { p.Del("code_verifier") }, wantStatus: 400, wantError: "invalid_grant"},
		{name: "verifier for a code without challenge", edit: func(p url.Values, _ appJSON) { p.Set("code_verifier", verifier) }, wantStatus: 400, wantError: "invalid_grant"},
		{name: "password grant", edit: func(p url.Values, _ appJSON) { p.Set("grant_type", "password") }, wantStatus: 400, wantError: "unsupported_grant_type"},
		{name: "refresh_token grant", edit: func(p url.Values, _ appJSON) { p.Set("grant_type", "refresh_token") }, wantStatus: 400, wantError: "unsupported_grant_type"},
		{name: "no grant_type", edit: func(p url.Values, _ appJSON) { p.Del("grant_type") }, wantStatus: 400, wantError: "invalid_request"},
		{name: "malformed JSON body", rawJSON: `{"grant_type": "authorization_code", "code": `, wantStatus: 400, wantError: "invalid_request"},
		{name: "JSON body with a nested object", rawJSON: `{"grant_type": {"x": 1}}`, wantStatus: 400, wantError: "invalid_request"},
	}
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		app := r.registerApp("read", appCallback, oob)
		other := r.registerApp("read", appCallback)
		b := r.newBrowser()
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				extra := url.Values{}
				if tt.pkce {
					extra = url.Values{"code_challenge": {challenge}, "code_challenge_method": {"S256"}}
				}
				code := b.authorize(app, appCallback, extra)
				good := withClient(app, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {appCallback}})
				if tt.pkce {
					good.Set("code_verifier", verifier)
				}
				bad := url.Values{}
				for k, v := range good {
					bad[k] = append([]string(nil), v...)
				}
				if tt.edit != nil {
					tt.edit(bad, other)
				}
				var req *http.Request
				if tt.rawJSON != "" {
					req, _ = http.NewRequest(http.MethodPost, r.srv.URL+"/oauth/token", strings.NewReader(tt.rawJSON))
					req.Header.Set("Content-Type", "application/json")
				} else {
					req, _ = http.NewRequest(http.MethodPost, r.srv.URL+"/oauth/token", strings.NewReader(bad.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				if tt.basic != ([2]string{}) || tt.name == "Basic and body credentials together" {
					secret := tt.basic[1]
					if secret == "" {
						secret = app.ClientSecret
					}
					req.SetBasicAuth(app.ClientID, secret)
				}
				got := r.send(req)
				if got.status != tt.wantStatus || got.errorCode() != tt.wantError {
					t.Fatalf("got %d %v, want %d %s", got.status, got.json, tt.wantStatus, tt.wantError)
				}
				if desc, _ := got.json["error_description"].(string); desc == "" {
					t.Error("no error_description")
				}
				if tt.wantStatus == http.StatusUnauthorized && got.header.Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
				if n := r.count("tokens"); n != 0 {
					t.Fatalf("%d tokens written by a failed exchange", n)
				}
				if ok := r.postForm("/oauth/token", good); ok.status != http.StatusOK {
					t.Errorf("after the failed attempt the code no longer works: %d %v", ok.status, ok.json)
				}
				db.Token.Delete().ExecX(context.Background())
			})
		}
	})
}

func TestCodeReplayRevokesItsToken(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		app := r.registerApp("read", appCallback)
		b := r.newBrowser()
		code := b.authorize(app, appCallback, nil)
		params := withClient(app, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {appCallback}})

		first := r.postForm("/oauth/token", params)
		if first.status != http.StatusOK {
			t.Fatalf("first exchange: %d %v", first.status, first.json)
		}
		token := first.json["access_token"].(string)
		// An unrelated token of the same user and app must survive the replay.
		unrelated := r.postForm("/oauth/token", withClient(app, url.Values{
			"grant_type": {"authorization_code"}, "code": {b.authorize(app, appCallback, nil)}, "redirect_uri": {appCallback}}))

		replay := r.postForm("/oauth/token", params)
		if replay.status != http.StatusBadRequest || replay.errorCode() != "invalid_grant" {
			t.Fatalf("replay: %d %v, want 400 invalid_grant", replay.status, replay.json)
		}
		if _, err := r.auth.FromBearer(context.Background(), token); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("the token of a replayed code still works: %v", err)
		}
		if _, err := r.auth.FromBearer(context.Background(), unrelated.json["access_token"].(string)); err != nil {
			t.Errorf("an unrelated token was revoked: %v", err)
		}
		if n := r.count("tokens"); n != 2 {
			t.Errorf("%d tokens, want the two issued", n)
		}
	})
}

func TestExpiredCode(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		app := r.registerApp("read", appCallback)
		code := r.newBrowser().authorize(app, appCallback, nil)
		r.clock.Add(10 * time.Minute)
		got := r.postForm("/oauth/token", withClient(app, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {appCallback}}))
		if got.status != http.StatusBadRequest || got.errorCode() != "invalid_grant" || r.count("tokens") != 0 {
			t.Errorf("a 10-minute-old code: %d %v, %d tokens", got.status, got.json, r.count("tokens"))
		}
	})
}

func TestClientCredentials(t *testing.T) {
	tests := []struct {
		appScopes, scope string
		wantStatus       int
		wantScope        string
		wantError        string
	}{
		{appScopes: "read write", scope: "", wantStatus: 200, wantScope: "read"},
		{appScopes: "write", scope: "", wantStatus: 200, wantScope: "write"},
		{appScopes: "read write", scope: "write:statuses", wantStatus: 200, wantScope: "write:statuses"},
		{appScopes: "read", scope: "write", wantStatus: 400, wantError: "invalid_scope"},
		{appScopes: "read", scope: "bogus", wantStatus: 400, wantError: "invalid_scope"},
	}
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		for _, tt := range tests {
			t.Run(tt.appScopes+"/"+tt.scope, func(t *testing.T) {
				app := r.registerApp(tt.appScopes, oob)
				before := r.count("tokens")
				got := r.postForm("/oauth/token", withClient(app, url.Values{"grant_type": {"client_credentials"}, "scope": {tt.scope}}))
				if got.status != tt.wantStatus || got.errorCode() != tt.wantError {
					t.Fatalf("got %d %v", got.status, got.json)
				}
				if tt.wantStatus != http.StatusOK {
					if r.count("tokens") != before {
						t.Error("a refused request wrote a token")
					}
					return
				}
				if got.json["scope"] != tt.wantScope {
					t.Errorf("scope = %v, want %s", got.json["scope"], tt.wantScope)
				}
				v, err := r.auth.FromBearer(context.Background(), got.json["access_token"].(string))
				if err != nil || !v.IsApp() || v.AppID != app.ID || v.UserID != "" {
					t.Errorf("viewer = %+v, %v; want the app alone", v, err)
				}
			})
		}
	})
}

func TestRevoke(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		app := r.registerApp("read", oob)
		other := r.registerApp("read", oob)
		token := r.postForm("/oauth/token", withClient(app, url.Values{"grant_type": {"client_credentials"}})).json["access_token"].(string)
		tests := []struct {
			name       string
			params     url.Values
			wantStatus int
			wantError  string
		}{
			{"another app's token", withClient(other, url.Values{"token": {token}}), 403, "unauthorized_client"},
			{"wrong client secret", url.Values{"token": {token}, "client_id": {app.ClientID}, "client_secret": {"x"}}, 401, "invalid_client"},
			{"no token", withClient(app, url.Values{}), 400, "invalid_request"},
			{"unknown token", withClient(app, url.Values{"token": {"unknown"}}), 200, ""},
			{"own token", withClient(app, url.Values{"token": {token}}), 200, ""},
			{"own token again", withClient(app, url.Values{"token": {token}}), 200, ""},
		}
		for _, tt := range tests {
			got := r.postForm("/oauth/revoke", tt.params)
			if got.status != tt.wantStatus || got.errorCode() != tt.wantError {
				t.Errorf("%s: %d %v, want %d %q", tt.name, got.status, got.json, tt.wantStatus, tt.wantError)
			}
			_, err := r.auth.FromBearer(context.Background(), token)
			if revoked := errors.Is(err, auth.ErrInvalidToken); revoked != strings.HasPrefix(tt.name, "own token") {
				t.Errorf("%s: token revoked = %v", tt.name, revoked)
			}
		}
	})
}

func TestMetadata(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		req, _ := http.NewRequest(http.MethodGet, r.srv.URL+"/.well-known/oauth-authorization-server", nil)
		got := r.send(req)
		if got.status != http.StatusOK {
			t.Fatalf("status %d", got.status)
		}
		want := map[string]string{
			"issuer":                    r.srv.URL + "/",
			"authorization_endpoint":    r.srv.URL + "/oauth/authorize",
			"token_endpoint":            r.srv.URL + "/oauth/token",
			"revocation_endpoint":       r.srv.URL + "/oauth/revoke",
			"app_registration_endpoint": r.srv.URL + "/api/v1/apps",
		}
		for k, v := range want {
			if got.json[k] != v {
				t.Errorf("%s = %v, want %s", k, got.json[k], v)
			}
		}
		if s := strings.Join(toStrings(got.json["code_challenge_methods_supported"]), ","); s != "S256" {
			t.Errorf("code_challenge_methods_supported = %s", s)
		}
		if s := strings.Join(toStrings(got.json["grant_types_supported"]), ","); s != "authorization_code,client_credentials" {
			t.Errorf("grant_types_supported = %s", s)
		}
		if scopes := toStrings(got.json["scopes_supported"]); len(scopes) < 40 || scopes[0] != "read" {
			t.Errorf("scopes_supported = %v", scopes)
		}
	})
}
