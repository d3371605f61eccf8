package serve_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/federation/serve"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestActor(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		db.Account.UpdateOne(alice).SetDisplayName("Alice").SetLocked(true).
			SetPublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").ExecX(r.ctx)
		bot := testrig.LocalAccount(t, db, "robot")
		db.Account.UpdateOne(bot).SetBot(true).ExecX(r.ctx)
		gone := testrig.LocalAccount(t, db, "gone")
		db.Account.UpdateOne(gone).SetSuspendedAt(time.Now()).ExecX(r.ctx)

		id := "https://" + testrig.TestHost + "/users/alice"
		for _, accept := range []string{acceptAS, acceptLD} {
			t.Run(accept, func(t *testing.T) {
				res := r.get("/users/alice", accept, nil)
				if res.status != 200 || res.header.Get("Content-Type") != serve.ContentType {
					t.Fatalf("status %d, Content-Type %q: %s", res.status, res.header.Get("Content-Type"), res.body)
				}
				doc := res.json(t)
				want := map[string]string{
					"id":                id,
					"type":              "Person",
					"preferredUsername": "alice",
					"name":              "Alice",
					"inbox":             id + "/inbox",
					"outbox":            id + "/outbox",
					"followers":         id + "/followers",
					"following":         id + "/following",
					"featured":          id + "/collections/featured",
					"url":               "https://" + testrig.TestHost + "/@alice",
				}
				for k, v := range want {
					if got := str(doc, k); got != v {
						t.Errorf("%s = %q, want %q", k, got, v)
					}
				}
				if got := str(doc, "endpoints", "sharedInbox"); got != "https://"+testrig.TestHost+"/inbox" {
					t.Errorf("endpoints.sharedInbox = %q", got)
				}
				if str(doc, "publicKey", "owner") != id || str(doc, "publicKey", "id") != id+"#main-key" || str(doc, "publicKey", "publicKeyPem") == "" {
					t.Errorf("publicKey = %v", doc["publicKey"])
				}
				if doc["manuallyApprovesFollowers"] != true {
					t.Errorf("manuallyApprovesFollowers = %v", doc["manuallyApprovesFollowers"])
				}
				if doc["@context"] == nil {
					t.Error("no @context")
				}
			})
		}

		if doc := r.getAS("/users/robot", nil); str(doc, "type") != "Service" {
			t.Errorf("bot type %q, want Service", str(doc, "type"))
		}
		if doc := r.getAS("/users/ALICE", nil); str(doc, "id") != id {
			t.Errorf("case-insensitive lookup gave id %q", str(doc, "id"))
		}

		cases := []struct {
			name, path, accept string
			status             int
			location           string
		}{
			{"browser", "/users/alice", acceptHTML, http.StatusSeeOther, "/@alice"},
			{"no Accept", "/users/alice", "", http.StatusSeeOther, "/@alice"},
			{"unservable Accept", "/users/alice", "image/png", http.StatusNotAcceptable, ""},
			{"unknown", "/users/nobody", acceptAS, http.StatusNotFound, ""},
			{"suspended", "/users/gone", acceptAS, http.StatusGone, ""},
			{"remote account is not served", "/users/bob", acceptAS, http.StatusNotFound, ""},
		}
		testrig.RemoteAccount(t, db, "bob", "remote.test")
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				res := r.get(c.path, c.accept, nil)
				if res.status != c.status {
					t.Fatalf("status %d, want %d: %s", res.status, c.status, res.body)
				}
				if c.location != "" && res.header.Get("Location") != "https://"+testrig.TestHost+c.location {
					t.Errorf("Location %q, want %s", res.header.Get("Location"), c.location)
				}
			})
		}
	})
}

func TestInstanceActor(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		// Two processes starting at once: both get the same actor, made once.
		const n = 4
		got := make(chan *ent.Account, n)
		errs := make(chan error, n)
		for range n {
			go func() {
				a, err := serve.EnsureInstanceActor(r.ctx, db, testURIs, testrig.TestHost)
				got <- a
				errs <- err
			}()
		}
		var first *ent.Account
		for range n {
			a, err := <-got, <-errs
			if err != nil {
				t.Fatalf("EnsureInstanceActor: %v", err)
			}
			if first == nil {
				first = a
			} else if a.ID != first.ID || a.PrivateKey != first.PrivateKey {
				t.Fatalf("two instance actors: %s and %s", first.ID, a.ID)
			}
		}
		if c := testrig.Count(t, db.Account.Query().Where(account.Username(testrig.TestHost))); c != 1 {
			t.Fatalf("%d instance actors", c)
		}
		if first.ActorType != account.ActorTypeAPPLICATION || first.Domain != "" {
			t.Errorf("actor type %s, domain %q", first.ActorType, first.Domain)
		}
		key, err := httpsig.ParsePrivateKeyPEM(first.PrivateKey)
		if err != nil {
			t.Fatalf("private key: %v", err)
		}
		pub, err := httpsig.ParsePublicKeyPEM(first.PublicKey)
		if err != nil || !key.PublicKey.Equal(pub) {
			t.Fatalf("public key does not match the private one: %v", err)
		}

		id := "https://" + testrig.TestHost + "/actor"
		doc := r.getAS("/actor", nil)
		if str(doc, "id") != id || str(doc, "type") != "Application" || str(doc, "preferredUsername") != testrig.TestHost {
			t.Errorf("instance actor: id %q type %q preferredUsername %q", str(doc, "id"), str(doc, "type"), str(doc, "preferredUsername"))
		}
		if str(doc, "publicKey", "id") != id+"#main-key" || str(doc, "publicKey", "owner") != id || str(doc, "publicKey", "publicKeyPem") != first.PublicKey {
			t.Errorf("publicKey %v", doc["publicKey"])
		}
		if str(doc, "inbox") != "https://"+testrig.TestHost+"/inbox" {
			t.Errorf("inbox %q", str(doc, "inbox"))
		}
		for _, c := range []string{"outbox", "followers", "following", "featured"} {
			coll := r.getAS(pathOf(t, str(doc, c)), nil)
			if str(coll, "type") != "OrderedCollection" || num(coll, "totalItems") != 0 || str(coll, "id") != str(doc, c) {
				t.Errorf("%s: %v", c, coll)
			}
		}
		if res := r.get("/actor", acceptHTML, nil); res.status != http.StatusSeeOther {
			t.Errorf("browser: %d", res.status)
		}
		// It is nobody's account to sign in with, and no user in NodeInfo.
		if db.User.Query().CountX(r.ctx) != 0 {
			t.Error("the instance actor has a user")
		}
	})
}

func TestStatus(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		carol := testrig.LocalAccount(t, db, "carol")
		follower := r.remote("fan", "remote.test")
		stranger := r.remote("stranger", "remote.test")
		r.follow(follower, alice)

		public := r.post(alice, 1, status.VisibilityPUBLIC)
		unlisted := r.post(alice, 2, status.VisibilityUNLISTED)
		private := r.post(alice, 3, status.VisibilityFOLLOWERS_ONLY)
		direct := r.post(alice, 4, status.VisibilityDIRECT)
		localOnly := r.post(alice, 5, status.VisibilityPUBLIC, func(c *ent.StatusCreate) { c.SetLocalOnly(true) })
		boost := r.post(alice, 6, status.VisibilityPUBLIC, func(c *ent.StatusCreate) {
			c.SetReblogOfID(public.ID).SetContent("")
		})
		boostLocalOnly := r.post(carol, 7, status.VisibilityPUBLIC, func(c *ent.StatusCreate) { c.SetReblogOfID(localOnly.ID) })
		path := func(st *ent.Status) string { return pathOf(t, st.URI) }

		doc := r.getAS(path(public), nil)
		if str(doc, "type") != "Note" || str(doc, "id") != public.URI || str(doc, "attributedTo") != alice.URI || str(doc, "content") != "<p>status 1</p>" {
			t.Errorf("public status: %v", doc)
		}
		if res := r.get(path(public), acceptLD, nil); res.status != 200 {
			t.Errorf("ld+json: %d", res.status)
		}
		if doc := r.getAS(path(boost), nil); str(doc, "type") != "Announce" || str(doc, "object") != public.URI {
			t.Errorf("boost: %v", doc)
		}
		if doc := r.getAS(path(public)+"/activity", nil); str(doc, "type") != "Create" || str(doc, "object", "id") != public.URI {
			t.Errorf("activity: %v", doc)
		}

		cases := []struct {
			name   string
			path   string
			signer *ent.Account
			status int
		}{
			{"unlisted", path(unlisted), nil, 200},
			{"followers-only, unsigned", path(private), nil, 404},
			{"followers-only, signed by a follower", path(private), follower, 200},
			{"followers-only, signed by a stranger", path(private), stranger, 404},
			{"direct, unsigned", path(direct), nil, 404},
			{"direct, signed by a follower", path(direct), follower, 404},
			{"local-only, unsigned", path(localOnly), nil, 404},
			{"local-only, signed", path(localOnly), follower, 404},
			{"boost of a local-only status", path(boostLocalOnly), nil, 404},
			{"under another account", "/users/carol/statuses/" + public.ID, nil, 404},
			{"unknown", "/users/alice/statuses/01ARZ3NDEKTSV4RRFFQ69G5FAV", nil, 404},
			{"activity of a boost", path(boost) + "/activity", nil, 404},
			{"activity of a followers-only status", path(private) + "/activity", nil, 404},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				if res := r.get(c.path, acceptAS, c.signer); res.status != c.status {
					t.Fatalf("status %d, want %d: %s", res.status, c.status, res.body)
				}
			})
		}

		t.Run("browser", func(t *testing.T) {
			res := r.get(path(private), acceptHTML, nil)
			if res.status != http.StatusSeeOther || res.header.Get("Location") != "https://"+testrig.TestHost+"/@alice/"+private.ID {
				t.Errorf("status %d, Location %q", res.status, res.header.Get("Location"))
			}
		})

		t.Run("author blocks the signer's domain", func(t *testing.T) {
			db.AccountDomainBlock.Create().SetAccountID(alice.ID).SetDomain("remote.test").ExecX(r.ctx)
			defer db.AccountDomainBlock.Delete().ExecX(r.ctx)
			if res := r.get(path(public), acceptAS, stranger); res.status != 404 {
				t.Errorf("status %d, want 404", res.status)
			}
		})

		t.Run("suspended author", func(t *testing.T) {
			db.Account.UpdateOne(alice).SetSuspendedAt(time.Now()).ExecX(r.ctx)
			if res := r.get(path(public), acceptAS, nil); res.status != http.StatusGone {
				t.Errorf("status %d, want 410", res.status)
			}
		})
	})
}
