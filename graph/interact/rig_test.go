package interact_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// rig is one test's world: a fresh database, a real hub and the service under test.
type rig struct {
	t   *testing.T
	ctx context.Context
	db  *store.DB
	hub *hub.Hub
	svc *interact.Service
}

func newRig(t *testing.T, db *store.DB) *rig {
	r := &rig{t: t, ctx: t.Context(), db: db, hub: hub.New()}
	r.svc = &interact.Service{DB: db, Events: r.hub, URIs: uris.Builder{Protocol: "https", Host: "fedi.test"}}
	return r
}

func (r *rig) account(username string) *ent.Account {
	r.t.Helper()
	a, err := r.db.Account.Create().SetUsername(username).
		SetURI("https://fedi.test/users/" + username).Save(r.ctx)
	if err != nil {
		r.t.Fatalf("create account %s: %v", username, err)
	}
	return a
}

// post writes a status by author with the given visibility, mentioning the accounts
// given; inThread, if not nil, makes it a reply in that status's thread.
func (r *rig) post(author *ent.Account, vis status.Visibility, inThread *ent.Status, mentions ...*ent.Account) *ent.Status {
	r.t.Helper()
	id := ids.New(time.Now())
	c := r.db.Status.Create().SetID(id).SetAccountID(author.ID).SetVisibility(vis).
		SetURI("https://fedi.test/users/" + author.Username + "/statuses/" + id).
		SetContent("<p>hello</p>").SetThreadID(id)
	if inThread != nil {
		c.SetInReplyToID(inThread.ID).SetInReplyToAccountID(inThread.AccountID).SetThreadID(inThread.ThreadID)
	}
	st, err := c.Save(r.ctx)
	if err != nil {
		r.t.Fatalf("create status: %v", err)
	}
	for _, m := range mentions {
		if err := r.db.Mention.Create().SetStatusID(st.ID).SetAccountID(m.ID).Exec(r.ctx); err != nil {
			r.t.Fatal(err)
		}
	}
	return st
}

func (r *rig) follow(follower, target *ent.Account) {
	r.t.Helper()
	if err := r.db.Follow.Create().SetAccountID(follower.ID).SetTargetAccountID(target.ID).Exec(r.ctx); err != nil {
		r.t.Fatal(err)
	}
}

func (r *rig) block(blocker, target *ent.Account) {
	r.t.Helper()
	if err := r.db.Block.Create().SetAccountID(blocker.ID).SetTargetAccountID(target.ID).Exec(r.ctx); err != nil {
		r.t.Fatal(err)
	}
}

// ok returns the status an operation answered with, failing the test on error.
func (r *rig) ok(st *ent.Status, err error) *ent.Status {
	r.t.Helper()
	if err != nil {
		r.t.Fatal(err)
	}
	return st
}

// reload reads a status as stored now.
func (r *rig) reload(st *ent.Status) *ent.Status { return testrig.ReloadStatus(r.t, r.db, st) }

// count runs any ent query's Count.
func (r *rig) count(q testrig.Counter) int { return testrig.Count(r.t, q) }

func (r *rig) notifications(recipient *ent.Account, typ notification.Type) int {
	return testrig.Notifications(r.t, r.db, recipient, typ)
}

// state is the viewer's State for one status.
func (r *rig) state(viewer *ent.Account, st *ent.Status) interact.State {
	r.t.Helper()
	states, err := r.svc.ViewerState(r.ctx, viewer.ID, []string{st.ID})
	if err != nil {
		r.t.Fatal(err)
	}
	return states[st.ID]
}

// listen subscribes to streams for the rest of the test.
func (r *rig) listen(streams ...hub.Stream) *hub.Subscription {
	sub := r.hub.Subscribe(r.ctx, streams...)
	r.t.Cleanup(sub.Close)
	return sub
}

// received returns the deliveries so far. Events are published synchronously after
// commit, so everything due has arrived by the time an operation returns.
func received(sub *hub.Subscription) []hub.Delivery {
	var got []hub.Delivery
	for {
		select {
		case d := <-sub.C:
			got = append(got, d)
		default:
			return got
		}
	}
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
