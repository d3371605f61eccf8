package outbox_test

import (
	"context"
	"crypto"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/domainblock"
	"github.com/fedigraph/fedigraph/ent/remoteinstance"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/federation/outbox"
	"github.com/fedigraph/fedigraph/federation/transport"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/profile"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/reports"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := httpsig.GenerateKey()
	if err != nil {
		panic(err)
	}
	return k
})

// sink is a remote server's inbox on loopback: it verifies each delivery's signature
// against the local actor's key and keeps what arrived.
type sink struct {
	srv      *httptest.Server
	mu       sync.Mutex
	got      []map[string]any
	failNext int // answer 503 to this many deliveries first
	status   int // answer this instead of 202 (0: 202)
	arrived  chan map[string]any
}

func newSink(t testing.TB, keyOwner string) *sink {
	s := &sink{arrived: make(chan map[string]any, 1000)}
	pub := &testKey().PublicKey
	v := httpsig.Verifier{Resolve: func(context.Context, string, bool) (crypto.PublicKey, string, error) {
		return pub, keyOwner, nil
	}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if _, err := v.Verify(r.Context(), r, body); err != nil {
			t.Errorf("delivery signature: %v", err)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.failNext > 0 {
			s.failNext--
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if s.status != 0 {
			w.WriteHeader(s.status)
			return
		}
		var doc map[string]any
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Errorf("delivery body: %v", err)
		}
		s.got = append(s.got, doc)
		s.arrived <- doc
		w.WriteHeader(http.StatusAccepted)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *sink) expect(t *testing.T, typ string) map[string]any {
	t.Helper()
	select {
	case doc := <-s.arrived:
		if doc["type"] != typ {
			t.Fatalf("delivered a %v, want %s: %v", doc["type"], typ, doc)
		}
		return doc
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s delivered", typ)
	}
	return nil
}

func (s *sink) expectNothing(t *testing.T) {
	t.Helper()
	select {
	case doc := <-s.arrived:
		t.Fatalf("unexpected delivery: %v", doc)
	case <-time.After(500 * time.Millisecond):
	}
}

type rig struct {
	ctx      context.Context
	db       *store.DB
	posting  *posting.Service
	interact *interact.Service
	rel      *relations.Service
	reports  *reports.Service
	outbox   *outbox.Outbox
	alice    *ent.Account // local, with a key
	bob      *ent.Account // remote, whose inbox is the sink
	sink     *sink
}

func newRig(t *testing.T, db *store.DB, cfg outbox.Config) *rig { return newRigTB(t, db, cfg) }

func newRigTB(t testing.TB, db *store.DB, cfg outbox.Config) *rig {
	ctx := context.Background()
	u := uris.Builder{Protocol: "https", Host: testrig.TestHost}
	alice := testrig.LocalAccount(t, db, "alice")
	pubPEM, err := httpsig.EncodePublicKeyPEM(&testKey().PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	alice = alice.Update().SetPrivateKey(httpsig.EncodePrivateKeyPEM(testKey())).
		SetPublicKey(pubPEM).SetPublicKeyURI(u.PublicKey("alice")).
		SetFollowersURI(u.Followers("alice")).SaveX(ctx)
	s := newSink(t, alice.URI)
	bob := testrig.RemoteAccount(t, db, "bob", "remote.example")
	bob = bob.Update().SetInboxURI(s.srv.URL + "/users/bob/inbox").SetSharedInboxURI(s.srv.URL + "/inbox").SaveX(ctx)

	client := transport.New(transport.Config{AllowIPs: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, Timeout: 5 * time.Second})
	workers := river.NewWorkers()
	river.AddWorker(workers, &outbox.Deliverer{DB: db, Client: client, Config: cfg})
	q, err := jobs.New(ctx, db, jobs.Config{Workers: workers, Concurrency: map[string]int{jobs.Federation: 16}, PollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		q.Stop(sctx)
	})
	// The instance actor forwards reports; it shares the test key.
	instanceActor := db.Account.Create().SetUsername(testrig.TestHost).SetActorType("APPLICATION").
		SetURI(u.Base() + "/actor").SetPublicKeyURI(u.Base() + "/actor#main-key").
		SetPrivateKey(httpsig.EncodePrivateKeyPEM(testKey())).SetPublicKey(pubPEM).SaveX(ctx)
	ob := &outbox.Outbox{Queue: q, Render: ap.Renderer{URIs: u}, Config: cfg, InstanceActorID: instanceActor.ID}
	events := hub.New()
	return &rig{
		ctx: ctx, db: db, alice: alice, bob: bob, sink: s, outbox: ob,
		posting:  &posting.Service{DB: db, Events: events, URIs: u, AccountDomain: testrig.TestHost, Limits: posting.Limits{MaxChars: 500, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4}, Federator: ob},
		interact: &interact.Service{DB: db, Events: events, URIs: u, Federator: ob},
		rel:      &relations.Service{DB: db, Events: events, URIs: u, Federator: ob},
		reports:  &reports.Service{DB: db, Events: events, Federator: ob},
	}
}

func (r *rig) followedByBob(testing.TB) {
	r.db.Follow.Create().SetAccountID(r.bob.ID).SetTargetAccountID(r.alice.ID).
		SetURI("https://remote.example/follows/1").ExecX(r.ctx)
}

func (r *rig) post(t *testing.T, text string, vis string) *ent.Status {
	t.Helper()
	st, err := r.posting.Create(r.ctx, r.alice.ID, posting.NewStatus{Draft: posting.Draft{Text: text}, Visibility: statusVisibility(vis)})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestPostsReachFollowersSigned(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, outbox.Config{})
		r.followedByBob(t)
		st := r.post(t, "hello fediverse", "PUBLIC")
		create := r.sink.expect(t, "Create")
		note, _ := create["object"].(map[string]any)
		if note["id"] != st.URI || note["content"] == "" {
			t.Errorf("delivered note %v, want the status %s", note, st.URI)
		}
		if _, err := r.posting.Edit(r.ctx, r.alice.ID, st.ID, posting.Draft{Text: "hello again"}); err != nil {
			t.Fatal(err)
		}
		r.sink.expect(t, "Update")
		if _, err := r.posting.Delete(r.ctx, r.alice.ID, st.ID); err != nil {
			t.Fatal(err)
		}
		del := r.sink.expect(t, "Delete")
		if obj, _ := del["object"].(map[string]any); obj["id"] != st.URI {
			t.Errorf("Delete of %v, want %s", del["object"], st.URI)
		}
		// A profile change reaches the followers' servers as an Update of the actor;
		// a change of posting defaults alone does not.
		name := "Alice Liddell"
		if err := profile.Update(r.ctx, r.db, r.outbox, r.alice.ID, profile.Changes{DisplayName: &name}); err != nil {
			t.Fatal(err)
		}
		if actor, _ := r.sink.expect(t, "Update")["object"].(map[string]any); actor["type"] != "Person" || actor["name"] != name {
			t.Errorf("profile Update carried %v", actor)
		}
		lang := "de"
		if err := profile.Update(r.ctx, r.db, r.outbox, r.alice.ID, profile.Changes{DefaultLanguage: &lang}); err != nil {
			t.Fatal(err)
		}
		// Local-only posts never leave; direct messages reach only those mentioned.
		r.posting.Create(r.ctx, r.alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "just us here"}, LocalOnly: true})
		r.post(t, "a secret for nobody", "DIRECT")
		r.sink.expectNothing(t)
	})
}

func TestInteractionsReachTheAuthorsServer(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, outbox.Config{})
		remote := r.db.Status.Create().SetAccountID(r.bob.ID).SetURI("https://remote.example/statuses/1").
			SetContent("<p>hi</p>").SetLocal(false).SetThreadID("t1").SaveX(r.ctx)
		if _, err := r.interact.Favourite(r.ctx, r.alice.ID, remote.ID); err != nil {
			t.Fatal(err)
		}
		like := r.sink.expect(t, "Like")
		if like["object"] != remote.URI {
			t.Errorf("Like of %v", like["object"])
		}
		if _, err := r.interact.Unfavourite(r.ctx, r.alice.ID, remote.ID); err != nil {
			t.Fatal(err)
		}
		undo := r.sink.expect(t, "Undo")
		if inner, _ := undo["object"].(map[string]any); inner["id"] != like["id"] {
			t.Errorf("Undo of %v, want the Like %v", undo["object"], like["id"])
		}
		if _, err := r.interact.Boost(r.ctx, r.alice.ID, remote.ID, ""); err != nil {
			t.Fatal(err)
		}
		r.sink.expect(t, "Announce")
		if _, err := r.rel.Follow(r.ctx, r.alice.ID, r.bob.ID, relations.FollowOptions{}); err != nil {
			t.Fatal(err)
		}
		follow := r.sink.expect(t, "Follow")
		if follow["object"] != r.bob.URI {
			t.Errorf("Follow of %v", follow["object"])
		}
		if _, err := r.rel.Unfollow(r.ctx, r.alice.ID, r.bob.ID); err != nil {
			t.Fatal(err)
		}
		if inner, _ := r.sink.expect(t, "Undo")["object"].(map[string]any); inner["id"] != follow["id"] {
			t.Errorf("Undo of %v, want the Follow %v", inner, follow["id"])
		}
		// A report forwarded to bob's server comes from the instance actor, so bob
		// cannot tell who reported him.
		_, err := r.reports.Create(r.ctx, r.alice.ID, reports.NewReport{
			TargetID: r.bob.ID, StatusIDs: []string{remote.ID}, Comment: "spam", Forward: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		flag := r.sink.expect(t, "Flag")
		if flag["actor"] != "https://"+testrig.TestHost+"/actor" || flag["content"] != "spam" ||
			!strings.Contains(fmt.Sprint(flag["object"]), remote.URI) || !strings.Contains(fmt.Sprint(flag["object"]), r.bob.URI) {
			t.Errorf("forwarded report %v", flag)
		}
		if strings.Contains(fmt.Sprint(flag), r.alice.URI) {
			t.Errorf("the forwarded report names the reporter: %v", flag)
		}
		if _, err := r.rel.Block(r.ctx, r.alice.ID, r.bob.ID); err != nil {
			t.Fatal(err)
		}
		r.sink.expect(t, "Block")
	})
}

// A server that is down gets the activity once it is back; one that refuses it for
// good (a 4xx) is not asked again; a suspended domain gets nothing.
func TestDeliveryRetriesAndGivesUp(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, outbox.Config{Backoff: 50 * time.Millisecond, MaxBackoff: 200 * time.Millisecond})
		r.followedByBob(t)
		r.sink.mu.Lock()
		r.sink.failNext = 2
		r.sink.mu.Unlock()
		r.post(t, "third time lucky", "PUBLIC")
		r.sink.expect(t, "Create")
		// The worker notes the success just after the sink answered.
		var rec *ent.RemoteInstance
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			rec = r.db.RemoteInstance.Query().Where(remoteinstance.DomainContains("127.0.0.1")).OnlyX(r.ctx)
			if rec.LastSuccessAt != nil {
				break
			}
		}
		if rec.ConsecutiveFailures != 0 || rec.LastSuccessAt == nil || rec.LastFailureAt == nil {
			t.Errorf("delivery record after recovery: %+v", rec)
		}

		r.sink.mu.Lock()
		r.sink.status = http.StatusForbidden
		r.sink.mu.Unlock()
		r.post(t, "refused", "PUBLIC")
		time.Sleep(time.Second)
		r.sink.mu.Lock()
		r.sink.status = 0
		r.sink.mu.Unlock()
		r.sink.expectNothing(t) // not retried into the now-accepting sink

		r.db.DomainBlock.Create().SetDomain("127.0.0.1").SetSeverity(domainblock.SeveritySUSPEND).ExecX(r.ctx)
		r.post(t, "not for them", "PUBLIC")
		r.sink.expectNothing(t)
	})
}

// Writes that roll back send nothing.
func TestRolledBackWritesSendNothing(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, outbox.Config{})
		r.followedByBob(t)
		// Over the length limit: validation fails after nothing was written.
		long := make([]byte, 600)
		for i := range long {
			long[i] = 'a'
		}
		if _, err := r.posting.Create(r.ctx, r.alice.ID, posting.NewStatus{Draft: posting.Draft{Text: string(long)}}); err == nil {
			t.Fatal("an over-long status was posted")
		}
		// Replying to a status that does not exist fails inside the transaction.
		if _, err := r.posting.Create(r.ctx, r.alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "re"}, InReplyToID: "nope"}); err == nil {
			t.Fatal("a reply to nothing was posted")
		}
		r.sink.expectNothing(t)
	})
}

func statusVisibility(v string) status.Visibility { return status.Visibility(v) }
