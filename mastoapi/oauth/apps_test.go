package oauth_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
)

func TestRegisterApp(t *testing.T) {
	tests := []struct {
		name       string
		json       string     // sent as JSON when set
		form       url.Values // sent urlencoded otherwise
		wantStatus int
		wantURIs   []string
		wantScopes []string
	}{
		{
			name:       "JSON with a list of redirect URIs",
			json:       `{"client_name":"Tusky","redirect_uris":["tusky://oauth","urn:ietf:wg:oauth:2.0:oob"],"scopes":"read write push","website":"https://tusky.app"}`,
			wantStatus: http.StatusOK, wantURIs: []string{"tusky://oauth", oob}, wantScopes: []string{"read", "write", "push"},
		},
		{
			name:       "form with newline-separated redirect URIs and default scopes",
			form:       url.Values{"client_name": {"Elk"}, "redirect_uris": {"https://elk.zone/callback\nhttps://elk.zone/other"}},
			wantStatus: http.StatusOK, wantURIs: []string{"https://elk.zone/callback", "https://elk.zone/other"}, wantScopes: []string{"read"},
		},
		{
			name:       "form with Rails-style array",
			form:       url.Values{"client_name": {"Script"}, "redirect_uris[]": {"https://a.example/cb", "https://b.example/cb"}, "scopes": {"read:statuses"}},
			wantStatus: http.StatusOK, wantURIs: []string{"https://a.example/cb", "https://b.example/cb"}, wantScopes: []string{"read:statuses"},
		},
		{name: "no name", form: url.Values{"redirect_uris": {oob}}, wantStatus: http.StatusUnprocessableEntity},
		{name: "no redirect URI", form: url.Values{"client_name": {"X"}}, wantStatus: http.StatusUnprocessableEntity},
		{name: "unknown scope", form: url.Values{"client_name": {"X"}, "redirect_uris": {oob}, "scopes": {"read everything"}}, wantStatus: http.StatusUnprocessableEntity},
		{name: "relative redirect URI", form: url.Values{"client_name": {"X"}, "redirect_uris": {"/callback"}}, wantStatus: http.StatusUnprocessableEntity},
		{name: "redirect URI with fragment", form: url.Values{"client_name": {"X"}, "redirect_uris": {"https://a.example/cb#x"}}, wantStatus: http.StatusUnprocessableEntity},
		{name: "javascript redirect URI", form: url.Values{"client_name": {"X"}, "redirect_uris": {"javascript:alert(1)"}}, wantStatus: http.StatusUnprocessableEntity},
		{name: "malformed JSON", json: `{"client_name":"X",`, wantStatus: http.StatusBadRequest},
		{name: "JSON with an object value", json: `{"client_name":{"a":1},"redirect_uris":"urn:ietf:wg:oauth:2.0:oob"}`, wantStatus: http.StatusBadRequest},
	}
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := db.Application.Query().CountX(t.Context())
				var got reply
				if tt.json != "" {
					got = r.postJSON("/api/v1/apps", tt.json)
				} else {
					got = r.postForm("/api/v1/apps", tt.form)
				}
				if got.status != tt.wantStatus {
					t.Fatalf("status = %d, want %d: %v", got.status, tt.wantStatus, got.json)
				}
				if tt.wantStatus != http.StatusOK {
					if msg, _ := got.json["error"].(string); msg == "" {
						t.Errorf("error body %v lacks a Mastodon error message", got.json)
					}
					if after := db.Application.Query().CountX(t.Context()); after != before {
						t.Error("a refused registration stored an application")
					}
					return
				}
				uris := toStrings(got.json["redirect_uris"])
				if !slices.Equal(uris, tt.wantURIs) || !slices.Equal(toStrings(got.json["scopes"]), tt.wantScopes) {
					t.Errorf("redirect_uris = %q, scopes = %v", uris, got.json["scopes"])
				}
				for _, field := range []string{"id", "client_id", "client_secret"} {
					if s, _ := got.json[field].(string); s == "" {
						t.Errorf("%s is missing", field)
					}
				}
				// vapid_key is the instance's Web Push public key: an uncompressed P-256
				// point, base64url (87 characters).
				if key, _ := got.json["vapid_key"].(string); got.json["client_secret_expires_at"] != float64(0) || len(key) != 87 {
					t.Errorf("client_secret_expires_at = %v, vapid_key = %v", got.json["client_secret_expires_at"], got.json["vapid_key"])
				}
			})
		}
	})
}

func TestVerifyAppCredentialsWithoutToken(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		for _, header := range []string{"", "Bearer not-a-token", "Basic Zm9vOmJhcg=="} {
			req, _ := http.NewRequest(http.MethodGet, r.srv.URL+"/api/v1/apps/verify_credentials", nil)
			if header != "" {
				req.Header.Set("Authorization", header)
			}
			got := r.send(req)
			if got.status != http.StatusUnauthorized || got.json["error"] != "The access token is invalid" {
				t.Errorf("Authorization %q: %d %v, want 401 with Mastodon's message", header, got.status, got.json)
			}
		}
	})
}

func toStrings(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, item := range list {
		s, _ := item.(string)
		out = append(out, s)
	}
	return out
}
