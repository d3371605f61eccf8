package serve_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/ent/domainblock"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/serve"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestAuthorizedFetch(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, func(c *serve.Config) { c.AuthorizedFetch = true })
		alice := testrig.LocalAccount(t, db, "alice")
		st := r.post(alice, 1, status.VisibilityPUBLIC)
		known := r.remote("bob", "friendly.test")
		evil := r.remote("mallory", "social.evil.test")
		// The block is on the parent domain: it covers social.evil.test.
		db.DomainBlock.Create().SetDomain("evil.test").SetSeverity(domainblock.SeveritySUSPEND).ExecX(r.ctx)
		silenced := r.remote("carl", "quiet.test")
		db.DomainBlock.Create().SetDomain("quiet.test").SetSeverity(domainblock.SeveritySILENCE).ExecX(r.ctx)
		unknownKey := testrig.RemoteAccount(t, db, "dave", "friendly.test") // the resolver does not know its key

		protected := []string{
			"/users/alice",
			pathOf(t, st.URI),
			"/users/alice/outbox",
			"/users/alice/outbox?page=true",
			"/users/alice/followers",
			"/users/alice/following",
			"/users/alice/collections/featured",
		}
		for _, path := range protected {
			t.Run(path, func(t *testing.T) {
				res := r.get(path, acceptAS, nil)
				if res.status != http.StatusUnauthorized {
					t.Errorf("unsigned: %d, want 401", res.status)
				}
				if !strings.HasPrefix(res.header.Get("WWW-Authenticate"), "Signature") {
					t.Errorf("unsigned: WWW-Authenticate %q", res.header.Get("WWW-Authenticate"))
				}
				if res := r.get(path, acceptAS, known); res.status != http.StatusOK {
					t.Errorf("signed by a known key: %d, want 200: %s", res.status, res.body)
				}
				if res := r.get(path, acceptAS, silenced); res.status != http.StatusOK {
					t.Errorf("signed on a silenced (not suspended) domain: %d, want 200", res.status)
				}
				if res := r.get(path, acceptAS, unknownKey); res.status != http.StatusUnauthorized {
					t.Errorf("signed by a key that cannot be resolved: %d, want 401", res.status)
				}
				before := r.resolves.Load()
				if res := r.get(path, acceptAS, evil); res.status != http.StatusForbidden {
					t.Errorf("signed on a suspended domain: %d, want 403", res.status)
				}
				if r.resolves.Load() != before {
					t.Error("the key of an actor on a suspended domain was looked up")
				}
			})
		}

		// Bootstrapping stays open: discovery, the instance actor, and browsers.
		for _, c := range []struct{ path, accept string }{
			{"/.well-known/webfinger?resource=acct:alice@" + accountDomain, ""},
			{"/.well-known/host-meta", ""},
			{"/.well-known/nodeinfo", ""},
			{"/nodeinfo/2.1", ""},
			{"/actor", acceptAS},
		} {
			if res := r.get(c.path, c.accept, nil); res.status != http.StatusOK {
				t.Errorf("%s unsigned: %d, want 200", c.path, res.status)
			}
		}
		if res := r.get("/users/alice", acceptHTML, nil); res.status != http.StatusSeeOther {
			t.Errorf("browser: %d, want 303", res.status)
		}
	})
}

// Without authorized fetch, a bad signature is as good as none (Mastodon's
// behaviour), but a suspended domain is still refused.
func TestSignaturesWithoutAuthorizedFetch(t *testing.T) {
	db := testrig.NewDB(t, store.SQLite)
	r := newRig(t, db)
	testrig.LocalAccount(t, db, "alice")
	unknownKey := testrig.RemoteAccount(t, db, "dave", "friendly.test")
	evil := r.remote("mallory", "evil.test")
	db.DomainBlock.Create().SetDomain("evil.test").ExecX(r.ctx)

	if res := r.get("/users/alice", acceptAS, nil); res.status != http.StatusOK {
		t.Errorf("unsigned: %d", res.status)
	}
	if res := r.get("/users/alice", acceptAS, unknownKey); res.status != http.StatusOK {
		t.Errorf("unverifiable signature: %d", res.status)
	}
	if res := r.get("/users/alice", acceptAS, evil); res.status != http.StatusForbidden {
		t.Errorf("suspended domain: %d, want 403", res.status)
	}
}
