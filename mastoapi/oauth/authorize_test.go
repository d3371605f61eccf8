package oauth_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
)

// TestAuthorizeRefusesBadRequests checks that a bad client or redirect URI is shown to
// the user and never redirected to, and that other errors go back to the app with its
// state.
func TestAuthorizeRefusesBadRequests(t *testing.T) {
	tests := []struct {
		name        string
		clientID    string // "" means the app's own
		redirectURI string
		extra       url.Values
		wantPage    int    // status of an error page shown in the browser; 0 for a redirect
		wantError   string // error parameter of the redirect to the app
	}{
		{name: "unknown client_id", clientID: "nope", redirectURI: appCallback, wantPage: http.StatusBadRequest},
		{name: "unregistered redirect_uri", redirectURI: "https://evil.example/steal", wantPage: http.StatusBadRequest},
		{name: "scope the app did not register", redirectURI: appCallback, extra: url.Values{"scope": {"read admin:read"}}, wantError: "invalid_scope"},
		{name: "unknown scope", redirectURI: appCallback, extra: url.Values{"scope": {"everything"}}, wantError: "invalid_scope"},
		{name: "implicit grant", redirectURI: appCallback, extra: url.Values{"response_type": {"token"}}, wantError: "unsupported_response_type"},
		{name: "plain PKCE", redirectURI: appCallback, extra: url.Values{"code_challenge": {"abc"}, "code_challenge_method": {"plain"}}, wantError: "invalid_request"},
		{name: "malformed S256 challenge", redirectURI: appCallback, extra: url.Values{"code_challenge": {"short"}, "code_challenge_method": {"S256"}}, wantError: "invalid_request"},
		{name: "out-of-band error is shown, not redirected", redirectURI: oob, extra: url.Values{"scope": {"write"}}, wantPage: http.StatusBadRequest},
	}
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		app := r.registerApp("read", appCallback, oob)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				a := app
				if tt.clientID != "" {
					a.ClientID = tt.clientID
				}
				extra := url.Values{"state": {"s1"}}
				for k, v := range tt.extra {
					extra[k] = v
				}
				p := r.newBrowser().get(authorizeURL(a, tt.redirectURI, extra))
				if tt.wantPage != 0 {
					if p.status != tt.wantPage || p.header.Get("Location") != "" || !strings.Contains(p.body, "Authorization failed") {
						t.Fatalf("got %d to %q, want a %d error page", p.status, p.header.Get("Location"), tt.wantPage)
					}
					return
				}
				loc := p.location()
				if p.status != http.StatusFound || !strings.HasPrefix(loc.String(), appCallback) {
					t.Fatalf("got %d to %q, want a redirect to the app", p.status, loc)
				}
				if loc.Query().Get("error") != tt.wantError || loc.Query().Get("state") != "s1" {
					t.Errorf("redirect query = %v, want error=%s and the state", loc.Query(), tt.wantError)
				}
			})
		}
		if n := r.count("codes"); n != 0 {
			t.Errorf("%d codes issued for refused requests", n)
		}
	})
}

func TestConsentDecisions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		app := r.registerApp("read write", appCallback)
		b := r.newBrowser()
		signedIn := b.signIn(b.get(authorizeURL(app, appCallback, url.Values{"state": {"s2"}})), "alice@example.org", alicePassword)

		t.Run("deny", func(t *testing.T) {
			p := b.consent(signedIn, "deny")
			q := p.location().Query()
			if p.status != http.StatusSeeOther || q.Get("error") != "access_denied" || q.Get("state") != "s2" || q.Has("code") {
				t.Errorf("deny answered %d to %s, want error=access_denied with the state", p.status, p.location())
			}
		})
		refusals := []struct {
			name   string
			edit   func(url.Values)
			header []string
			want   int
		}{
			{name: "forged CSRF token", edit: func(f url.Values) { f.Set("csrf_token", "forged") }, want: http.StatusForbidden},
			{name: "no CSRF token", edit: func(f url.Values) { f.Del("csrf_token") }, want: http.StatusForbidden},
			{name: "cross-site post", header: []string{"Sec-Fetch-Site", "cross-site"}, want: http.StatusForbidden},
			{name: "post from another origin", header: []string{"Origin", "https://evil.example"}, want: http.StatusForbidden},
			{name: "no decision", edit: func(f url.Values) { f.Del("decision") }, want: http.StatusBadRequest},
			{name: "scope widened in the form", edit: func(f url.Values) { f.Set("scope", "read write follow") }, want: http.StatusFound},
		}
		for _, tt := range refusals {
			t.Run(tt.name, func(t *testing.T) {
				form := signedIn.formFields()
				form.Set("decision", "allow")
				if tt.edit != nil {
					tt.edit(form)
				}
				p := b.post("/oauth/authorize", form, tt.header...)
				if tt.want == http.StatusFound {
					// A tampered scope is caught like any bad request and sent back to the app.
					if p.location().Query().Get("error") != "invalid_scope" {
						t.Errorf("tampered scope answered %d to %s", p.status, p.location())
					}
				} else if p.status != tt.want {
					t.Errorf("status = %d, want %d", p.status, tt.want)
				}
			})
		}
		if n := r.count("codes"); n != 0 {
			t.Errorf("%d codes issued without consent", n)
		}
		t.Run("a CSRF token from another session does not work", func(t *testing.T) {
			other := r.newBrowser()
			otherPage := other.signIn(other.get(authorizeURL(app, appCallback, nil)), "alice@example.org", alicePassword)
			form := signedIn.formFields()
			form.Set("csrf_token", otherPage.formFields().Get("csrf_token"))
			form.Set("decision", "allow")
			if p := b.post("/oauth/authorize", form); p.status != http.StatusForbidden {
				t.Errorf("status = %d, want 403", p.status)
			}
		})
	})
}

func TestSignIn(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		newUser(t, db, "carol", "carols password", true)
		tests := []struct {
			name, email, password string
			wantStatus            int
			wantMessage           string
		}{
			{"wrong password", "alice@example.org", "wrong", http.StatusUnauthorized, "Incorrect email address or password."},
			{"unknown email", "nobody@example.org", alicePassword, http.StatusUnauthorized, "Incorrect email address or password."},
			{"empty password", "alice@example.org", "", http.StatusBadRequest, "Enter your email address and password."},
			{"disabled account, right password", "carol@example.org", "carols password", http.StatusForbidden, "Your account has been disabled."},
			{"disabled account, wrong password", "carol@example.org", "wrong", http.StatusUnauthorized, "Incorrect email address or password."},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				b := r.newBrowser()
				p := b.signIn(b.get("/auth/sign_in?return_to=/oauth/authorize"), tt.email, tt.password)
				if p.status != tt.wantStatus || !strings.Contains(p.body, tt.wantMessage) {
					t.Fatalf("got %d, want %d with %q\n%s", p.status, tt.wantStatus, tt.wantMessage, p.body)
				}
				if !strings.Contains(p.body, `action="/auth/sign_in"`) || !strings.Contains(p.body, `value="/oauth/authorize"`) {
					t.Error("the form is not shown again with its return_to")
				}
				if b.sessionCookie() != "" {
					t.Error("a failed sign-in set a session cookie")
				}
				if n := r.count("sessions"); n != 0 {
					t.Errorf("%d sessions after a failed sign-in", n)
				}
			})
		}
	})
}

func TestSessionCookieAndReturnTo(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		tests := []struct{ returnTo, want string }{
			{"/oauth/authorize?client_id=x", "/oauth/authorize?client_id=x"},
			{"", "/"},
			{"https://evil.example/", "/"},
			{"//evil.example/", "/"},
			{"/\\evil.example/", "/"},
			{"javascript:alert(1)", "/"},
		}
		for _, tt := range tests {
			b := r.newBrowser()
			b.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			p := b.post("/auth/sign_in", url.Values{"email": {"alice@example.org"}, "password": {alicePassword}, "return_to": {tt.returnTo}})
			if p.status != http.StatusSeeOther || p.header.Get("Location") != tt.want {
				t.Errorf("return_to %q: %d to %q, want 303 to %q", tt.returnTo, p.status, p.header.Get("Location"), tt.want)
			}
			setCookie := p.header.Get("Set-Cookie")
			for _, attr := range []string{"fedigraph_session=", "Path=/", "HttpOnly", "SameSite=Lax"} {
				if !strings.Contains(setCookie, attr) {
					t.Errorf("Set-Cookie %q lacks %s", setCookie, attr)
				}
			}
			if strings.Contains(setCookie, "Secure") {
				t.Errorf("Set-Cookie %q is Secure on an http site", setCookie)
			}
		}
	})
}

func TestForceLoginAndSignOut(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		r := newRig(t, db)
		app := r.registerApp("read", appCallback)
		b := r.newBrowser()
		b.authorize(app, appCallback, nil) // signs in on the way

		if p := b.get(authorizeURL(app, appCallback, nil)); !strings.Contains(p.body, `name="decision"`) {
			t.Fatalf("a signed-in browser did not go straight to consent: %s", p.url)
		}
		p := b.get(authorizeURL(app, appCallback, url.Values{"force_login": {"true"}}))
		if p.url.Path != "/auth/sign_in" {
			t.Fatalf("force_login led to %s, want the sign-in page", p.url)
		}
		if p = b.signIn(p, "alice@example.org", alicePassword); !strings.Contains(p.body, `name="decision"`) {
			t.Fatalf("signing in again did not lead to consent: %s", p.url)
		}
		if n := r.count("sessions"); n != 1 {
			t.Errorf("%d sessions after signing in again, want the old one ended", n)
		}

		if p := b.get("/auth/sign_out"); !strings.Contains(p.body, "@alice") {
			t.Errorf("the sign-out page does not say who is signed in")
		}
		if p := b.post("/auth/sign_out", nil, "Sec-Fetch-Site", "cross-site"); p.status != http.StatusForbidden || r.count("sessions") != 1 {
			t.Errorf("a cross-site sign-out answered %d", p.status)
		}
		if p := b.post("/auth/sign_out", nil); p.url.Path != "/auth/sign_in" {
			t.Errorf("sign-out led to %s", p.url)
		}
		if n := r.count("sessions"); n != 0 || b.sessionCookie() != "" {
			t.Errorf("after sign-out: %d sessions, cookie %q", n, b.sessionCookie())
		}
		if p := b.get(authorizeURL(app, appCallback, nil)); p.url.Path != "/auth/sign_in" {
			t.Errorf("after sign-out authorize led to %s, want the sign-in page", p.url)
		}
	})
}
