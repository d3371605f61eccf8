package inbound_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/predicate"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/inbound"
	"github.com/fedigraph/fedigraph/federation/ingest"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/polls"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/reports"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// localHost is where the rig's local accounts live: the host the ap fixtures address.
const localHost = "fedigraph.example"

// rig is one test's world: a fresh database, a real hub, a federator that records
// what it is handed once the write commits, a resolver over a map, and the processor.
type rig struct {
	t    *testing.T
	ctx  context.Context
	db   *store.DB
	hub  *hub.Hub
	fed  *recorder
	res  *resolver
	ing  *ingest.Ingester
	rel  *relations.Service
	proc *inbound.Processor
}

func newRig(t *testing.T, db *store.DB) *rig {
	r := &rig{t: t, ctx: t.Context(), db: db, hub: hub.New(), fed: &recorder{}}
	u := uris.Builder{Protocol: "https", Host: localHost}
	r.res = &resolver{db: db, notes: map[string]*ap.Note{}, actors: map[string]*ap.Actor{}}
	r.ing = &ingest.Ingester{DB: db, Events: r.hub, Federator: r.fed, Resolve: r.res}
	r.res.ing = r.ing
	r.rel = &relations.Service{DB: db, Events: r.hub, URIs: u, Federator: r.fed}
	r.proc = &inbound.Processor{
		DB: db, Ingest: r.ing, Resolve: r.res, Relations: r.rel,
		Interact:  &interact.Service{DB: db, Events: r.hub, URIs: u, Federator: r.fed},
		Polls:     &polls.Service{DB: db, Events: r.hub},
		Reports:   &reports.Service{DB: db, Events: r.hub},
		Federator: r.fed, Events: r.hub, URIs: u,
	}
	return r
}

// recorder is a Federator that keeps the activities of committed writes. Like the
// real one (the outbox), it federates what local accounts do only.
type recorder struct {
	mu   sync.Mutex
	sent []federate.Activity
}

func (f *recorder) Federate(ctx context.Context, tx *store.Tx, a federate.Activity) error {
	local, err := tx.Account.Query().Where(account.ID(a.ActorID), account.Domain("")).Exist(ctx)
	if err != nil || !local {
		return err
	}
	tx.AfterCommit(func(context.Context) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.sent = append(f.sent, a)
	})
	return nil
}

// take returns what was federated since the last call.
func (f *recorder) take() []federate.Activity {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.sent
	f.sent = nil
	return out
}

// resolver plays the dereferencer: stored rows first, then the documents the test
// put on "remote servers", stored through the ingester as the real one does.
type resolver struct {
	db      *store.DB
	ing     *ingest.Ingester
	notes   map[string]*ap.Note
	actors  map[string]*ap.Actor
	fetches int
}

func (r *resolver) Account(ctx context.Context, uri string) (*ent.Account, error) {
	a, err := r.db.Account.Query().Where(account.URI(uri)).Only(ctx)
	if err == nil {
		return a, nil
	}
	if actor := r.actors[uri]; actor != nil {
		r.fetches++
		return r.ing.UpsertAccount(ctx, actor)
	}
	return nil, apperr.NotFoundf("no account %s", uri)
}

func (r *resolver) Status(ctx context.Context, uri string) (*ent.Status, error) {
	st, err := r.db.Status.Query().Where(status.URI(uri)).Only(ctx)
	if err == nil {
		return st, nil
	}
	n := r.notes[uri]
	if n == nil {
		return nil, apperr.NotFoundf("no status %s", uri)
	}
	r.fetches++
	author, err := r.Account(ctx, n.AttributedTo)
	if err != nil {
		return nil, err
	}
	st, _, err = r.ing.UpsertStatus(ctx, n, author)
	return st, err
}

// local creates a local account at localHost (with a user, so it can hold a poll or
// be a moderator).
func (r *rig) local(username string) *ent.Account {
	r.t.Helper()
	a := testrig.LocalAccount(r.t, r.db, username)
	a, err := r.db.Account.UpdateOne(a).
		SetURI("https://" + localHost + "/users/" + username).
		SetURL("https://" + localHost + "/@" + username).Save(r.ctx)
	if err != nil {
		r.t.Fatalf("local account %s: %v", username, err)
	}
	return a
}

// remote stores a remote actor as the dereferencer would.
func (r *rig) remote(username, host string, edit ...func(m map[string]any)) *ent.Account {
	r.t.Helper()
	a, err := r.ing.UpsertAccount(r.ctx, r.actor(username, host, edit...))
	if err != nil {
		r.t.Fatalf("remote account %s@%s: %v", username, host, err)
	}
	return a
}

// actor parses an actor document for username@host.
func (r *rig) actor(username, host string, edit ...func(m map[string]any)) *ap.Actor {
	r.t.Helper()
	id := "https://" + host + "/users/" + username
	m := map[string]any{
		"@context":          "https://www.w3.org/ns/activitystreams",
		"id":                id,
		"type":              "Person",
		"preferredUsername": username,
		"inbox":             id + "/inbox",
		"outbox":            id + "/outbox",
		"followers":         id + "/followers",
		"following":         id + "/following",
		"url":               "https://" + host + "/@" + username,
		"publicKey":         map[string]any{"id": id + "#main-key", "owner": id, "publicKeyPem": "PEM-" + username},
	}
	for _, e := range edit {
		e(m)
	}
	a, err := ap.ParseActor(mustJSON(r.t, m))
	if err != nil {
		r.t.Fatalf("parse actor: %v", err)
	}
	return a
}

// post writes a local status directly.
func (r *rig) post(author *ent.Account, vis status.Visibility) *ent.Status {
	r.t.Helper()
	id := ids.New(time.Now())
	st, err := r.db.Status.Create().SetID(id).SetAccountID(author.ID).SetVisibility(vis).
		SetURI(author.URI + "/statuses/" + id).SetContent("<p>hello</p>").SetThreadID(id).Save(r.ctx)
	if err != nil {
		r.t.Fatalf("post: %v", err)
	}
	return st
}

// apply parses the activity and applies it as signed by signer.
func (r *rig) apply(signer *ent.Account, doc map[string]any) error {
	r.t.Helper()
	if doc["@context"] == nil {
		doc["@context"] = "https://www.w3.org/ns/activitystreams"
	}
	act, err := ap.ParseActivity(mustJSON(r.t, doc))
	if err != nil {
		r.t.Fatalf("parse activity: %v", err)
	}
	return r.proc.Apply(r.ctx, act, signer)
}

// mustApply applies and fails the test on error.
func (r *rig) mustApply(signer *ent.Account, doc map[string]any) {
	r.t.Helper()
	if err := r.apply(signer, doc); err != nil {
		r.t.Fatalf("apply %v %v: %v", doc["type"], doc["id"], err)
	}
}

// fixture applies one of federation/ap's fixtures.
func (r *rig) fixture(signer *ent.Account, name string) error {
	r.t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "ap", "testdata", name))
	if err != nil {
		r.t.Fatalf("read fixture: %v", err)
	}
	act, err := ap.ParseActivity(raw)
	if err != nil {
		r.t.Fatalf("parse fixture %s: %v", name, err)
	}
	return r.proc.Apply(r.ctx, act, signer)
}

// fixtureActor stores the actor of one of federation/ap's fixtures.
func (r *rig) fixtureActor(name string) *ent.Account {
	r.t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "ap", "testdata", name))
	if err != nil {
		r.t.Fatalf("read fixture: %v", err)
	}
	a, err := ap.ParseActor(raw)
	if err != nil {
		r.t.Fatalf("parse fixture %s: %v", name, err)
	}
	acct, err := r.ing.UpsertAccount(r.ctx, a)
	if err != nil {
		r.t.Fatalf("store fixture actor %s: %v", name, err)
	}
	return acct
}

// listen subscribes to streams on the rig's hub.
func (r *rig) listen(streams ...hub.Stream) *hub.Subscription {
	sub := r.hub.Subscribe(r.ctx, streams...)
	r.t.Cleanup(sub.Close)
	return sub
}

// received drains what sub has been delivered so far. Publishing happens in the
// writer's goroutine after commit, so everything is there once the write returned.
func received(sub *hub.Subscription) []hub.Delivery {
	var out []hub.Delivery
	for {
		select {
		case d, ok := <-sub.C:
			if !ok {
				return out
			}
			out = append(out, d)
		default:
			return out
		}
	}
}

func kinds(ds []hub.Delivery) []hub.Kind {
	out := make([]hub.Kind, len(ds))
	for i, d := range ds {
		out[i] = d.Event.Kind
	}
	return out
}

func (r *rig) reload(a *ent.Account) *ent.Account {
	r.t.Helper()
	fresh, err := r.db.Account.Get(r.ctx, a.ID)
	if err != nil {
		r.t.Fatalf("reload account: %v", err)
	}
	return fresh
}

// statusByURI loads a status, or nil.
func (r *rig) statusByURI(uri string) *ent.Status {
	r.t.Helper()
	st, err := r.db.Status.Query().Where(status.URI(uri)).Only(r.ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		r.t.Fatalf("load status %s: %v", uri, err)
	}
	return st
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func wantErr(t *testing.T, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("got error %v, want %v", err, want)
	}
}

// note builds a Create of a Note by author with the given id suffix and properties.
func note(author *ent.Account, n string, props map[string]any) map[string]any {
	id := author.URI + "/statuses/" + n
	obj := map[string]any{
		"id": id, "type": "Note", "attributedTo": author.URI,
		"content":   "<p>post " + n + "</p>",
		"published": "2026-03-01T12:00:00Z",
		"to":        []string{ap.Public},
		"cc":        []string{author.FollowersURI},
	}
	for k, v := range props {
		obj[k] = v
	}
	return map[string]any{
		"id": id + "/activity", "type": "Create", "actor": author.URI,
		"to": obj["to"], "cc": obj["cc"], "object": obj,
	}
}

type entAccount = ent.Account

func errorsIs(err, target error) bool { return errors.Is(err, target) }

func idAt(t time.Time) string { return ids.New(t) }

func relationsDefaults() relations.FollowOptions { return relations.FollowOptions{} }

type entStatus = ent.Status

// userOf selects the user of a local account.
func userOf(a *ent.Account) predicate.User { return user.HasAccountWith(account.ID(a.ID)) }

// testTime is a fixed time for rows the tests write directly.
var testTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func accountURI(uri string) predicate.Account { return account.URI(uri) }
