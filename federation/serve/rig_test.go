package serve_test

import (
	"context"
	"crypto"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/federation/serve"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// Media types the tests send.
const (
	acceptAS   = "application/activity+json"
	acceptLD   = `application/ld+json; profile="https://www.w3.org/ns/activitystreams"`
	acceptHTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
)

// accountDomain is the handles' domain in the tests, unlike the host the instance is
// served at (testrig.TestHost), to show the split.
const accountDomain = "accounts.test"

var testURIs = uris.Builder{Protocol: "https", Host: testrig.TestHost}

// remoteKey signs as remote actors. Generating RSA keys is slow: one for all tests.
var (
	remoteKeyOnce sync.Once
	remoteKey     *rsa.PrivateKey
)

func signingKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	remoteKeyOnce.Do(func() {
		k, err := httpsig.GenerateKey()
		if err != nil {
			panic(err)
		}
		remoteKey = k
	})
	return remoteKey
}

// rig is one test's world: a fresh database, the server on loopback, and a key
// resolver that knows the keys of remote actors the test registers.
type rig struct {
	t    *testing.T
	ctx  context.Context
	db   *store.DB
	srv  *httptest.Server
	keys sync.Map // keyId → owner IRI (all share signingKey)
	// resolves counts key look-ups, to show that some requests never make one.
	resolves atomic.Int32
	follows  atomic.Int32
}

func newRig(t *testing.T, db *store.DB, mod ...func(*serve.Config)) *rig {
	t.Helper()
	r := &rig{t: t, ctx: t.Context(), db: db}
	cfg := serve.Config{
		DB: db, URIs: testURIs, Host: testrig.TestHost, AccountDomain: accountDomain,
		Render:            ap.Renderer{URIs: testURIs},
		KeyResolver:       r.resolve,
		OpenRegistrations: true,
		Version:           "1.2.3",
		NodeName:          "Test Node",
	}
	for _, m := range mod {
		m(&cfg)
	}
	router := chi.NewRouter()
	serve.New(cfg).Routes(router)
	r.srv = httptest.NewServer(router)
	t.Cleanup(r.srv.Close)
	return r
}

func (r *rig) resolve(_ context.Context, keyID string, _ bool) (crypto.PublicKey, string, error) {
	r.resolves.Add(1)
	owner, ok := r.keys.Load(keyID)
	if !ok {
		return nil, "", fmt.Errorf("unknown key %s", keyID)
	}
	return &signingKey(r.t).PublicKey, owner.(string), nil
}

// remote creates a remote account whose key the resolver knows.
func (r *rig) remote(username, domain string) *ent.Account {
	r.t.Helper()
	a := testrig.RemoteAccount(r.t, r.db, username, domain)
	r.keys.Store(a.URI+"#main-key", a.URI)
	return a
}

// response is what a request got.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (res response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(res.body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v\n%s", err, res.body)
	}
	return m
}

// get fetches path with the Accept header, signed as signer (nil: unsigned).
func (r *rig) get(path, accept string, signer *ent.Account) response {
	r.t.Helper()
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, r.srv.URL+path, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	// The instance answers for its own host only; the test server listens on an
	// address, so the request names the host as a real one would.
	req.Host = testrig.TestHost
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if signer != nil {
		s := httpsig.Signer{KeyID: signer.URI + "#main-key", Key: signingKey(r.t)}
		if err := s.SignRequest(req, nil); err != nil {
			r.t.Fatal(err)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		r.t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: body}
}

// getAS fetches an ActivityPub document and requires a 200 with the right type.
func (r *rig) getAS(path string, signer *ent.Account) map[string]any {
	r.t.Helper()
	res := r.get(path, acceptAS, signer)
	if res.status != http.StatusOK {
		r.t.Fatalf("GET %s: status %d, want 200: %s", path, res.status, res.body)
	}
	if ct := res.header.Get("Content-Type"); ct != serve.ContentType {
		r.t.Fatalf("GET %s: Content-Type %q, want %q", path, ct, serve.ContentType)
	}
	return res.json(r.t)
}

// base is when the tests' statuses are posted, a minute apart.
var base = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// post creates a status by a local author, n minutes after base.
func (r *rig) post(author *ent.Account, n int, vis status.Visibility, set ...func(*ent.StatusCreate)) *ent.Status {
	r.t.Helper()
	at := base.Add(time.Duration(n) * time.Minute)
	id := ids.New(at)
	c := r.db.Status.Create().SetID(id).SetCreatedAt(at).SetAccountID(author.ID).
		SetURI(testURIs.Status(author.Username, id)).SetURL(testURIs.StatusWeb(author.Username, id)).
		SetThreadID(id).SetContent(fmt.Sprintf("<p>status %d</p>", n)).SetVisibility(vis)
	for _, f := range set {
		f(c)
	}
	st, err := c.Save(r.ctx)
	if err != nil {
		r.t.Fatalf("create status: %v", err)
	}
	return st
}

// follow makes follower follow target, keeping the counters in step as
// graph/relations does.
func (r *rig) follow(follower, target *ent.Account) {
	r.t.Helper()
	// IDs a second apart: rows made within one millisecond would sort at random.
	id := ids.New(base.Add(time.Duration(r.follows.Add(1)) * time.Second))
	if err := r.db.Follow.Create().SetID(id).SetAccountID(follower.ID).SetTargetAccountID(target.ID).Exec(r.ctx); err != nil {
		r.t.Fatalf("follow: %v", err)
	}
	if err := r.db.Account.UpdateOne(follower).AddFollowingCount(1).Exec(r.ctx); err != nil {
		r.t.Fatal(err)
	}
	if err := r.db.Account.UpdateOne(target).AddFollowersCount(1).Exec(r.ctx); err != nil {
		r.t.Fatal(err)
	}
}

// str reads a string at a path of keys in a JSON document ("" when absent).
func str(m map[string]any, path ...string) string {
	var v any = m
	for _, k := range path {
		o, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = o[k]
	}
	s, _ := v.(string)
	return s
}

func num(m map[string]any, key string) int {
	f, _ := m[key].(float64)
	return int(f)
}

func items(t testing.TB, m map[string]any) []any {
	t.Helper()
	v, ok := m["orderedItems"].([]any)
	if !ok {
		t.Fatalf("no orderedItems in %v", m)
	}
	return v
}

// pathOf turns an IRI on the test host into a path the test server answers.
func pathOf(t testing.TB, iri string) string {
	t.Helper()
	p, ok := strings.CutPrefix(iri, testURIs.Base())
	if !ok {
		t.Fatalf("%s is not on %s", iri, testURIs.Base())
	}
	return p
}
