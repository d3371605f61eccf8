package relations_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// rig is one test's world: a fresh database, a real hub, the service under test and a
// clock the test can move.
type rig struct {
	t   *testing.T
	ctx context.Context
	db  *store.DB
	hub *hub.Hub
	svc *relations.Service
	now time.Time
}

func newRig(t *testing.T, db *store.DB) *rig {
	r := &rig{t: t, ctx: t.Context(), db: db, hub: hub.New(), now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	r.svc = &relations.Service{
		DB: db, Events: r.hub,
		URIs: uris.Builder{Protocol: "https", Host: "fedi.test"},
		Now:  func() time.Time { return r.now },
	}
	return r
}

// local creates a local account; set, if given, adjusts it before saving.
func (r *rig) local(username string, set ...func(*ent.AccountCreate)) *ent.Account {
	r.t.Helper()
	c := r.db.Account.Create().SetUsername(username).SetURI("https://fedi.test/users/" + username)
	for _, f := range set {
		f(c)
	}
	a, err := c.Save(r.ctx)
	if err != nil {
		r.t.Fatalf("create account %s: %v", username, err)
	}
	return a
}

// remote creates an account on another server.
func (r *rig) remote(username, domain string) *ent.Account {
	r.t.Helper()
	a, err := r.db.Account.Create().SetUsername(username).SetDomain(domain).
		SetURI("https://" + domain + "/users/" + username).Save(r.ctx)
	if err != nil {
		r.t.Fatalf("create remote account %s@%s: %v", username, domain, err)
	}
	return a
}

func locked(c *ent.AccountCreate)           { c.SetLocked(true) }
func hidesCollections(c *ent.AccountCreate) { c.SetHideCollections(true) }

// rel is the viewer's relationship with target, failing the test on error.
func (r *rig) rel(viewer, target *ent.Account) relations.Relationship {
	r.t.Helper()
	rels, err := r.svc.Relationships(r.ctx, viewer.ID, []string{target.ID})
	if err != nil || len(rels) != 1 {
		r.t.Fatalf("relationship %s→%s: %v (%d results)", viewer.Username, target.Username, err, len(rels))
	}
	return *rels[0]
}

// counts returns an account's follower and following counters as stored.
func (r *rig) counts(a *ent.Account) (followers, following int) {
	r.t.Helper()
	fresh, err := r.db.Account.Get(r.ctx, a.ID)
	if err != nil {
		r.t.Fatalf("reload %s: %v", a.Username, err)
	}
	return fresh.FollowersCount, fresh.FollowingCount
}

func (r *rig) wantCounts(a *ent.Account, followers, following int) {
	r.t.Helper()
	if gotFollowers, gotFollowing := r.counts(a); gotFollowers != followers || gotFollowing != following {
		r.t.Errorf("%s has %d followers and follows %d, want %d and %d",
			a.Username, gotFollowers, gotFollowing, followers, following)
	}
}

// notifications counts recipient's notifications of a type.
func (r *rig) notifications(recipient *ent.Account, typ notification.Type) int {
	return testrig.Notifications(r.t, r.db, recipient, typ)
}

// listen subscribes to an account's notification stream for the rest of the test.
func (r *rig) listen(a *ent.Account) *hub.Subscription {
	sub := r.hub.Subscribe(r.ctx, hub.NotificationStream(a.ID))
	r.t.Cleanup(sub.Close)
	return sub
}

// events returns what the subscription has received so far. Events are published
// synchronously after commit, so everything due has arrived by the time an operation
// returns.
func events(sub *hub.Subscription) []hub.Event {
	var got []hub.Event
	for {
		select {
		case d := <-sub.C:
			got = append(got, d.Event)
		default:
			return got
		}
	}
}

// ok returns the relationship an operation answered with, failing the test on error.
func (r *rig) ok(rel *relations.Relationship, err error) *relations.Relationship {
	r.t.Helper()
	if err != nil {
		r.t.Fatal(err)
	}
	return rel
}

// count runs any ent query's Count.
func (r *rig) count(q testrig.Counter) int { return testrig.Count(r.t, q) }

// followBy returns the one follow a has made.
func (r *rig) followBy(a *ent.Account) *ent.Follow {
	r.t.Helper()
	f, err := r.db.Follow.Query().Where(follow.AccountID(a.ID)).Only(r.ctx)
	if err != nil {
		r.t.Fatalf("the follow by %s: %v", a.Username, err)
	}
	return f
}

func wantCode(t *testing.T, err error, code apperr.Code) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	if !apperr.Is(err, code) {
		t.Fatalf("got error %v, want code %s", err, code)
	}
}

var (
	yes = func() *bool { b := true; return &b }()
	no  = func() *bool { b := false; return &b }()
)
