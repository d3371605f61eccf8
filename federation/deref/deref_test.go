package deref_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/domainblock"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/deref"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/federation/ingest"
	"github.com/fedigraph/fedigraph/federation/transport"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

var pubPEM = sync.OnceValue(func() string {
	k, err := httpsig.GenerateKey()
	if err != nil {
		panic(err)
	}
	p, err := httpsig.EncodePublicKeyPEM(&k.PublicKey)
	if err != nil {
		panic(err)
	}
	return p
})

// remote is another server on loopback serving ActivityPub documents by path.
type remote struct {
	srv   *httptest.Server
	docs  map[string]string // path → JSON
	hits  atomic.Int64
	mu    sync.Mutex
	paths []string
}

func newRemote(t *testing.T) *remote {
	r := &remote{docs: map[string]string{}}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.hits.Add(1)
		r.mu.Lock()
		r.paths = append(r.paths, req.URL.Path)
		doc, ok := r.docs[req.URL.Path]
		r.mu.Unlock()
		if req.Header.Get("Signature") == "" && !strings.HasPrefix(req.URL.Path, "/.well-known/") {
			t.Errorf("unsigned fetch of %s", req.URL)
		}
		if !ok {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Content-Type", "application/activity+json")
		w.Write([]byte(doc))
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *remote) url(path string) string { return r.srv.URL + path }

func (r *remote) actor(name string) string {
	id := r.url("/users/" + name)
	doc, _ := json.Marshal(map[string]any{
		"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
		"id":       id, "type": "Person", "preferredUsername": name, "inbox": id + "/inbox",
		"outbox": id + "/outbox", "followers": id + "/followers",
		"publicKey": map[string]any{"id": id + "#main-key", "owner": id, "publicKeyPem": pubPEM()},
	})
	r.docs["/users/"+name] = string(doc)
	return id
}

func (r *remote) note(path, author, inReplyTo string) string {
	id := r.url(path)
	n := map[string]any{
		"@context": "https://www.w3.org/ns/activitystreams",
		"id":       id, "type": "Note", "attributedTo": author, "content": "<p>" + path + "</p>",
		"to": []string{"https://www.w3.org/ns/activitystreams#Public"}, "published": time.Now().UTC().Format(time.RFC3339),
	}
	if inReplyTo != "" {
		n["inReplyTo"] = inReplyTo
	}
	doc, _ := json.Marshal(n)
	r.docs[path] = string(doc)
	return id
}

func newDeref(t *testing.T, db *store.DB) *deref.Dereferencer {
	key, err := httpsig.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	d := &deref.Dereferencer{
		DB:       db,
		Client:   transport.New(transport.Config{AllowIPs: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, Timeout: 5 * time.Second}),
		Signer:   &httpsig.Signer{KeyID: "https://" + testrig.TestHost + "/actor#main-key", Key: key},
		Host:     testrig.TestHost,
		Protocol: "http",
	}
	ing := &ingest.Ingester{DB: db, Events: hub.New(), Resolve: d}
	d.Store = ing
	return d
}

func TestAccountsAreFetchedOnceAndOwnerChecked(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newRemote(t)
		d := newDeref(t, db)
		bobURI := r.actor("bob")
		bob, err := d.Account(ctx, bobURI)
		if err != nil {
			t.Fatal(err)
		}
		if bob.Username != "bob" || bob.Domain == "" || bob.PublicKey == "" || bob.InboxURI != bobURI+"/inbox" {
			t.Errorf("stored %+v", bob)
		}
		hits := r.hits.Load()
		if again, err := d.Account(ctx, bobURI); err != nil || again.ID != bob.ID || r.hits.Load() != hits {
			t.Errorf("second lookup: %v, %v, %d more fetches; want the stored account and no fetch", again, err, r.hits.Load()-hits)
		}

		// A document that claims to be on another host is refused, and not stored.
		r.docs["/users/mallory"] = strings.ReplaceAll(r.docs["/users/bob"], r.url("/users/bob"), "https://victim.example/users/bob")
		if _, err := d.Account(ctx, r.url("/users/mallory")); !errors.Is(err, deref.ErrForeign) {
			t.Errorf("a foreign document: %v, want ErrForeign", err)
		}
		if n := db.Account.Query().Where(account.URI("https://victim.example/users/bob")).CountX(ctx); n != 0 {
			t.Errorf("the foreign account was stored")
		}
		if _, err := d.Account(ctx, r.url("/users/nobody")); !errors.Is(err, deref.ErrNotFound) {
			t.Errorf("a 404: %v, want ErrNotFound", err)
		}
	})
}

func TestSuspendedDomainsAreNeverFetched(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newRemote(t)
		d := newDeref(t, db)
		uri := r.actor("eve")
		db.DomainBlock.Create().SetDomain("127.0.0.1").SetSeverity(domainblock.SeveritySUSPEND).ExecX(ctx)
		if _, err := d.Account(ctx, uri); err == nil {
			t.Error("fetched an account of a suspended domain")
		}
		if r.hits.Load() != 0 {
			t.Errorf("%d requests to a suspended domain", r.hits.Load())
		}
	})
}

func TestReplyChainsAreFetchedToABoundedDepth(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newRemote(t)
		d := newDeref(t, db)
		d.MaxThreadDepth = 5
		author := r.actor("bob")
		parent := ""
		for i := range 12 {
			parent = r.note(fmt.Sprintf("/statuses/%d", i), author, parent)
		}
		st, err := d.Status(ctx, parent)
		if err != nil {
			t.Fatal(err)
		}
		if st.URI != parent {
			t.Errorf("got %s, want %s", st.URI, parent)
		}
		n := db.Status.Query().Where(status.Local(false)).CountX(ctx)
		if n < 2 || n > 6 {
			t.Errorf("%d statuses of a 12-long chain stored with depth 5, want between 2 and 6", n)
		}
	})
}

func TestKeysAreRefetchedAtMostOnceAMinute(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newRemote(t)
		d := newDeref(t, db)
		uri := r.actor("bob")
		if _, owner, err := d.ResolveKey(ctx, uri+"#main-key", false); err != nil || owner != uri {
			t.Fatalf("ResolveKey: %s, %v", owner, err)
		}
		hits := r.hits.Load()
		if _, _, err := d.ResolveKey(ctx, uri+"#main-key", false); err != nil || r.hits.Load() != hits {
			t.Errorf("a known key was fetched again (%v)", err)
		}
		// Someone sends bad signatures naming bob's key: at most one refresh a minute
		// (and the first fetch was moments ago).
		for range 6 {
			d.ResolveKey(ctx, uri+"#main-key", true)
		}
		if extra := r.hits.Load() - hits; extra > 1 {
			t.Errorf("%d refetches of one key within a minute, want at most 1", extra)
		}
		if _, _, err := d.ResolveKey(ctx, r.url("/users/ghost#main-key"), false); !errors.Is(err, httpsig.ErrKeyUnavailable) {
			t.Errorf("unknown key: %v, want ErrKeyUnavailable", err)
		}
	})
}

func TestWebFingerFindsTheActor(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newRemote(t)
		d := newDeref(t, db)
		uri := r.actor("carol")
		host := strings.TrimPrefix(r.srv.URL, "http://")
		r.docs["/.well-known/webfinger"] = `{"subject":"acct:carol@` + host + `","links":[{"rel":"self","type":"application/activity+json","href":"` + uri + `"}]}`
		a, err := d.AccountByHandle(ctx, "carol", host)
		if err != nil {
			t.Fatal(err)
		}
		if a.URI != uri {
			t.Errorf("found %s, want %s", a.URI, uri)
		}
	})
}
