package mastoapi_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// Every route refuses a bad token, routes that act for a person refuse a missing one,
// and each refuses a token without its scope, with Mastodon's status and message.
func TestCredentialsAndScopes(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice, bob := g.user("alice"), g.user("bob")
		st := createStatus(t, g, bob, form{"status": {"hello"}})
		readOnly := testrig.Token(t, db, alice.Account, "read")
		writeOnly := testrig.Token(t, db, alice.Account, "write")
		profileOnly := testrig.Token(t, db, alice.Account, "profile")

		routes := []struct {
			method, path string
			public       bool   // open to anonymous visitors
			scoped       string // a token that lacks the route's scope
		}{
			{"GET", "/api/v1/accounts/verify_credentials", false, writeOnly},
			{"PATCH", "/api/v1/accounts/update_credentials", false, readOnly},
			{"GET", "/api/v1/accounts/" + bob.ID, true, writeOnly},
			{"GET", "/api/v1/accounts/" + bob.ID + "/statuses", true, writeOnly},
			{"GET", "/api/v1/accounts/" + bob.ID + "/followers", true, writeOnly},
			{"GET", "/api/v1/accounts/" + bob.ID + "/following", true, profileOnly},
			{"POST", "/api/v1/accounts/" + bob.ID + "/follow", false, readOnly},
			{"POST", "/api/v1/accounts/" + bob.ID + "/unfollow", false, readOnly},
			{"POST", "/api/v1/accounts/" + bob.ID + "/remove_from_followers", false, readOnly},
			{"POST", "/api/v1/accounts/" + bob.ID + "/block", false, readOnly},
			{"POST", "/api/v1/accounts/" + bob.ID + "/unblock", false, readOnly},
			{"POST", "/api/v1/accounts/" + bob.ID + "/mute", false, readOnly},
			{"POST", "/api/v1/accounts/" + bob.ID + "/unmute", false, readOnly},
			{"POST", "/api/v1/accounts/" + bob.ID + "/note", false, readOnly},
			{"GET", "/api/v1/accounts/relationships?id[]=" + bob.ID, false, writeOnly},
			{"GET", "/api/v1/accounts/lookup?acct=bob", true, writeOnly},
			{"GET", "/api/v1/accounts/search?q=bo", false, writeOnly},
			{"POST", "/api/v1/statuses", false, readOnly},
			{"GET", "/api/v1/statuses/" + st.ID, true, writeOnly},
			{"PUT", "/api/v1/statuses/" + st.ID, false, readOnly},
			{"DELETE", "/api/v1/statuses/" + st.ID, false, readOnly},
			{"GET", "/api/v1/statuses/" + st.ID + "/context", true, writeOnly},
			{"GET", "/api/v1/statuses/" + st.ID + "/history", true, writeOnly},
			{"GET", "/api/v1/statuses/" + st.ID + "/source", false, writeOnly},
			{"GET", "/api/v1/statuses/" + st.ID + "/reblogged_by", true, writeOnly},
			{"GET", "/api/v1/statuses/" + st.ID + "/favourited_by", true, writeOnly},
			{"POST", "/api/v1/statuses/" + st.ID + "/favourite", false, readOnly},
			{"POST", "/api/v1/statuses/" + st.ID + "/unfavourite", false, readOnly},
			{"POST", "/api/v1/statuses/" + st.ID + "/reblog", false, readOnly},
			{"POST", "/api/v1/statuses/" + st.ID + "/unreblog", false, readOnly},
			{"POST", "/api/v1/statuses/" + st.ID + "/bookmark", false, readOnly},
			{"POST", "/api/v1/statuses/" + st.ID + "/unbookmark", false, readOnly},
			{"POST", "/api/v1/statuses/" + st.ID + "/pin", false, readOnly},
			{"POST", "/api/v1/statuses/" + st.ID + "/unpin", false, readOnly},
			{"POST", "/api/v1/statuses/" + st.ID + "/mute", false, readOnly},
			{"POST", "/api/v1/statuses/" + st.ID + "/unmute", false, readOnly},
		}
		for _, rt := range routes {
			name := rt.method + " " + rt.path
			g.call(rt.method, rt.path, "not-a-token", nil).errorIs(http.StatusUnauthorized, "The access token is invalid")
			anon := g.call(rt.method, rt.path, "", nil)
			if rt.public {
				if anon.status != http.StatusOK {
					t.Errorf("%s without a token: %d %s, want 200", name, anon.status, anon.body)
				}
			} else {
				anon.errorIs(http.StatusUnauthorized, "The access token is invalid")
			}
			g.call(rt.method, rt.path, rt.scoped, nil).errorIs(http.StatusForbidden, "This action is outside the authorized scopes")
		}

		// verify_credentials also takes the profile scope.
		var me accountJSON
		g.get("/api/v1/accounts/verify_credentials", profileOnly).ok(&me)
		if me.Username != "alice" {
			t.Errorf("verify_credentials with profile scope: %+v", me)
		}
		// Unknown paths under /api are Mastodon's 404, not the web app.
		g.get("/api/v1/no_such_thing", alice.token).errorIs(http.StatusNotFound, "Record not found")
	})
}

// createStatus posts a status and returns it as rendered.
func createStatus(t *testing.T, g *rig, u user, body any) statusJSON {
	t.Helper()
	var st statusJSON
	g.post("/api/v1/statuses", u.token, body).ok(&st)
	return st
}

// A token an application got for itself (client_credentials) reads public data but
// cannot act for anyone.
func TestAppTokenActsForNobody(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		bob := g.user("bob")
		ctx := context.Background()
		app := db.Application.Create().SetName("bot").SetRedirectUris([]string{"urn:ietf:wg:oauth:2.0:oob"}).
			SetScopes(allScopes).SetClientID("app-only-client").SetClientSecret("digest").SaveX(ctx)
		secret, digest := auth.NewSecret()
		db.Token.Create().SetDigest(digest).SetApplicationID(app.ID).SetScopes(allScopes).SaveX(ctx)

		g.get("/api/v1/accounts/"+bob.ID, secret).ok(nil)
		g.get("/api/v1/accounts/verify_credentials", secret).errorIs(http.StatusUnprocessableEntity, "This method requires an authenticated user")
		g.post("/api/v1/statuses", secret, form{"status": {"from nobody"}}).errorIs(http.StatusUnprocessableEntity, "This method requires an authenticated user")
	})
}
