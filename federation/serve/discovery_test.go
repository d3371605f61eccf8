package serve_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestWebFinger(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		testrig.LocalAccount(t, db, "alice")
		gone := testrig.LocalAccount(t, db, "gone")
		db.Account.UpdateOne(gone).SetSuspendedAt(time.Now()).ExecX(r.ctx)
		testrig.RemoteAccount(t, db, "bob", "remote.test")

		cases := []struct {
			name, resource string
			status         int
		}{
			{"handle on the account domain", "acct:alice@" + accountDomain, 200},
			{"handle on the host", "acct:alice@" + testrig.TestHost, 200},
			{"handle in another case", "acct:ALICE@" + strings.ToUpper(accountDomain), 200},
			{"bare handle", "@alice@" + accountDomain, 200},
			{"actor URL", "https://" + testrig.TestHost + "/users/alice", 200},
			{"profile URL", "https://" + testrig.TestHost + "/@alice", 200},
			{"unknown user", "acct:nobody@" + accountDomain, 404},
			{"remote account", "acct:bob@remote.test", 404},
			{"another domain", "acct:alice@elsewhere.test", 404},
			{"URL on another domain", "https://elsewhere.test/users/alice", 404},
			{"URL of something else", "https://" + testrig.TestHost + "/tags/alice", 404},
			{"suspended account", "acct:gone@" + accountDomain, 410},
			{"no domain", "acct:alice", 400},
			{"empty user", "acct:@" + accountDomain, 400},
			{"other scheme", "mailto:alice", 400},
			{"missing", "", 400},
			{"too long", "acct:" + strings.Repeat("a", 2000) + "@" + accountDomain, 400},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				path := "/.well-known/webfinger"
				if c.resource != "" {
					path += "?resource=" + url.QueryEscape(c.resource)
				}
				res := r.get(path, "", nil)
				if res.status != c.status {
					t.Fatalf("status %d, want %d: %s", res.status, c.status, res.body)
				}
				if c.status != 200 {
					return
				}
				if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/jrd+json") {
					t.Errorf("Content-Type %q", ct)
				}
				var doc struct {
					Subject string
					Aliases []string
					Links   []struct{ Rel, Type, Href, Template string }
				}
				if err := json.Unmarshal(res.body, &doc); err != nil {
					t.Fatal(err)
				}
				if want := "acct:alice@" + accountDomain; doc.Subject != want {
					t.Errorf("subject %q, want %q (handles use the account domain)", doc.Subject, want)
				}
				links := map[string]string{}
				for _, l := range doc.Links {
					links[l.Rel+" "+l.Type] = l.Href + l.Template
				}
				want := map[string]string{
					"self application/activity+json":                  "https://" + testrig.TestHost + "/users/alice",
					"http://webfinger.net/rel/profile-page text/html": "https://" + testrig.TestHost + "/@alice",
					"http://ostatus.org/schema/1.0/subscribe ":        "https://" + testrig.TestHost + "/authorize_interaction?uri={uri}",
				}
				for k, v := range want {
					if links[k] != v {
						t.Errorf("link %q = %q, want %q (links: %v)", k, links[k], v, links)
					}
				}
				if res.header.Get("Access-Control-Allow-Origin") != "*" {
					t.Error("no CORS header")
				}
			})
		}

		t.Run("rel filter", func(t *testing.T) {
			res := r.get("/.well-known/webfinger?resource=acct:alice@"+accountDomain+"&rel=self", "", nil)
			links := res.json(t)["links"].([]any)
			if len(links) != 1 || str(links[0].(map[string]any), "rel") != "self" {
				t.Errorf("links %v, want only self", links)
			}
		})

		t.Run("instance actor", func(t *testing.T) {
			r.getAS("/actor", nil) // creates it
			for _, res := range []string{"acct:" + testrig.TestHost + "@" + accountDomain, "https://" + testrig.TestHost + "/actor"} {
				doc := r.get("/.well-known/webfinger?resource="+url.QueryEscape(res), "", nil).json(t)
				links := doc["links"].([]any)
				if len(links) != 1 || str(links[0].(map[string]any), "href") != "https://"+testrig.TestHost+"/actor" {
					t.Errorf("%s: links %v, want self → /actor", res, links)
				}
			}
		})
	})
}

func TestHostMeta(t *testing.T) {
	r := newRig(t, testrig.NewDB(t, store.SQLite))
	template := "https://" + testrig.TestHost + "/.well-known/webfinger?resource={uri}"

	res := r.get("/.well-known/host-meta", "", nil)
	if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "application/xrd+xml") {
		t.Fatalf("host-meta: %d %q", res.status, res.header.Get("Content-Type"))
	}
	body := string(res.body)
	for _, want := range []string{`<?xml`, `<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">`, `rel="lrdd"`, `template="` + strings.ReplaceAll(template, "&", "&amp;") + `"`} {
		if !strings.Contains(body, want) {
			t.Errorf("host-meta lacks %s:\n%s", want, body)
		}
	}
	for _, c := range []struct{ path, accept string }{
		{"/.well-known/host-meta.json", ""},
		{"/.well-known/host-meta", "application/json"},
	} {
		doc := r.get(c.path, c.accept, nil).json(t)
		links := doc["links"].([]any)
		if len(links) != 1 || str(links[0].(map[string]any), "template") != template || str(links[0].(map[string]any), "rel") != "lrdd" {
			t.Errorf("%s (Accept %q): links %v", c.path, c.accept, links)
		}
	}
}

func TestNodeInfo(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		now := time.Now()
		active := testrig.LocalAccount(t, db, "active")
		halfActive := testrig.LocalAccount(t, db, "halfactive")
		testrig.LocalAccount(t, db, "idle")
		suspended := testrig.LocalAccount(t, db, "suspended")
		setSignIn := func(a string, at time.Time) {
			t.Helper()
			if err := db.User.Update().Where(user.Email(a + "@" + testrig.TestHost)).SetLastSignInAt(at).Exec(r.ctx); err != nil {
				t.Fatal(err)
			}
		}
		setSignIn(active.Username, now.Add(-time.Hour))
		setSignIn(halfActive.Username, now.Add(-90*24*time.Hour))
		db.Account.UpdateOne(suspended).SetSuspendedAt(now).ExecX(r.ctx)
		r.post(active, 1, status.VisibilityPUBLIC)
		r.post(active, 2, status.VisibilityFOLLOWERS_ONLY)
		r.post(halfActive, 3, status.VisibilityPUBLIC)
		remote := testrig.RemoteAccount(t, db, "bob", "remote.test")
		db.Status.Create().SetAccountID(remote.ID).SetURI("https://remote.test/s/1").SetLocal(false).ExecX(r.ctx)
		// The instance actor is no user.
		r.getAS("/actor", nil)

		links := r.get("/.well-known/nodeinfo", "", nil).json(t)["links"].([]any)
		if len(links) != 2 {
			t.Fatalf("links %v", links)
		}
		for i, v := range []string{"2.0", "2.1"} {
			l := links[i].(map[string]any)
			if str(l, "rel") != "http://nodeinfo.diaspora.software/ns/schema/"+v ||
				str(l, "href") != "https://"+testrig.TestHost+"/nodeinfo/"+v {
				t.Errorf("link %d: %v", i, l)
			}
		}
		for _, v := range []string{"2.0", "2.1"} {
			res := r.get("/nodeinfo/"+v, "", nil)
			if res.status != 200 {
				t.Fatalf("nodeinfo %s: %d %s", v, res.status, res.body)
			}
			if ct := res.header.Get("Content-Type"); ct != `application/json; profile="http://nodeinfo.diaspora.software/ns/schema/`+v+`#"` {
				t.Errorf("nodeinfo %s: Content-Type %q", v, ct)
			}
			var doc struct {
				Version  string
				Software struct {
					Name, Version, Repository, Homepage string
				}
				Protocols         []string
				Services          map[string][]string
				OpenRegistrations bool
				Usage             struct {
					Users struct {
						Total, ActiveMonth, ActiveHalfyear int
					}
					LocalPosts int
				}
				Metadata map[string]any
			}
			if err := json.Unmarshal(res.body, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Version != v || doc.Software.Name != "fedigraph" || doc.Software.Version != "1.2.3" {
				t.Errorf("nodeinfo %s: version %q, software %+v", v, doc.Version, doc.Software)
			}
			if (v == "2.1") != (doc.Software.Repository != "") {
				t.Errorf("nodeinfo %s: repository %q (only 2.1 has one)", v, doc.Software.Repository)
			}
			if len(doc.Protocols) != 1 || doc.Protocols[0] != "activitypub" || doc.Services == nil {
				t.Errorf("nodeinfo %s: protocols %v, services %v", v, doc.Protocols, doc.Services)
			}
			if !doc.OpenRegistrations || doc.Metadata["nodeName"] != "Test Node" {
				t.Errorf("nodeinfo %s: openRegistrations %v, metadata %v", v, doc.OpenRegistrations, doc.Metadata)
			}
			u := doc.Usage
			if u.Users.Total != 3 || u.Users.ActiveMonth != 1 || u.Users.ActiveHalfyear != 2 || u.LocalPosts != 3 {
				t.Errorf("nodeinfo %s: usage %+v, want 3 users (1 this month, 2 this half year), 3 local posts", v, u)
			}
		}
		if res := r.get("/nodeinfo/3.0", "", nil); res.status != http.StatusNotFound && res.status != http.StatusMethodNotAllowed {
			t.Errorf("nodeinfo 3.0: %d", res.status)
		}
	})
}
