package auth_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/auth"
)

func TestMiddleware(t *testing.T) {
	eachDB(t, func(t *testing.T, db *ent.Client) {
		ctx := context.Background()
		a := &auth.Authenticator{DB: db}
		alice := newUser(t, db, userSpec{email: "alice@example.org"})
		bob := newUser(t, db, userSpec{email: "bob@example.org"})
		token, _ := newToken(t, db, newApp(t, db), alice, nil)
		cookie, err := a.CreateSession(ctx, bob.ID, "", time.Hour)
		if err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name        string
			method      string
			header      map[string]string
			cookie      string
			wantUser    string
			wantFailure error
		}{
			{name: "no credentials", method: "GET"},
			{name: "bearer", method: "POST", header: map[string]string{"Authorization": "Bearer " + token}, wantUser: alice.ID},
			{name: "bearer scheme in lower case", method: "GET", header: map[string]string{"Authorization": "bearer " + token}, wantUser: alice.ID},
			{name: "bearer wins over cookie", method: "GET", header: map[string]string{"Authorization": "Bearer " + token}, cookie: cookie, wantUser: alice.ID},
			{name: "bad bearer", method: "GET", header: map[string]string{"Authorization": "Bearer nope"}, cookie: cookie, wantFailure: auth.ErrInvalidToken},
			{name: "empty bearer", method: "GET", header: map[string]string{"Authorization": "Bearer "}, wantFailure: auth.ErrInvalidToken},
			{name: "basic auth is not a viewer credential", method: "GET", header: map[string]string{"Authorization": "Basic Zm9vOmJhcg=="}, cookie: cookie, wantUser: bob.ID},
			{name: "cookie on GET", method: "GET", cookie: cookie, wantUser: bob.ID},
			{name: "cookie on same-origin POST", method: "POST", header: map[string]string{"Sec-Fetch-Site": "same-origin"}, cookie: cookie, wantUser: bob.ID},
			{name: "cookie on POST from a non-browser client", method: "POST", cookie: cookie, wantUser: bob.ID},
			{name: "cookie on cross-site POST", method: "POST", header: map[string]string{"Sec-Fetch-Site": "cross-site"}, cookie: cookie, wantFailure: auth.ErrInvalidToken},
			{name: "cookie on POST from a sibling subdomain", method: "POST", header: map[string]string{"Sec-Fetch-Site": "same-site"}, cookie: cookie, wantFailure: auth.ErrInvalidToken},
			{name: "cookie on POST from another Origin", method: "DELETE", header: map[string]string{"Origin": "https://evil.example"}, cookie: cookie, wantFailure: auth.ErrInvalidToken},
			{name: "cookie on cross-site websocket", method: "GET", header: map[string]string{"Upgrade": "websocket", "Origin": "https://evil.example"}, cookie: cookie, wantFailure: auth.ErrInvalidToken},
			{name: "cookie on same-origin websocket", method: "GET", header: map[string]string{"Upgrade": "websocket", "Origin": "http://fedi.example"}, cookie: cookie, wantUser: bob.ID},
			{name: "unknown cookie", method: "GET", cookie: "stale", wantFailure: auth.ErrInvalidToken},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var gotViewer *auth.Viewer
				var gotFailure error
				h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					gotViewer, gotFailure = auth.FromContext(r.Context()), auth.FailureFromContext(r.Context())
				}))
				req := httptest.NewRequest(tt.method, "http://fedi.example/graphql", nil)
				for k, v := range tt.header {
					req.Header.Set(k, v)
				}
				if tt.cookie != "" {
					req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: tt.cookie})
				}
				h.ServeHTTP(httptest.NewRecorder(), req)

				gotUser := ""
				if gotViewer != nil {
					gotUser = gotViewer.UserID
				}
				if gotUser != tt.wantUser {
					t.Errorf("viewer user = %q, want %q", gotUser, tt.wantUser)
				}
				if (tt.wantFailure == nil) != (gotFailure == nil) || (tt.wantFailure != nil && !errors.Is(gotFailure, tt.wantFailure)) {
					t.Errorf("failure = %v, want %v", gotFailure, tt.wantFailure)
				}
			})
		}
	})
}
