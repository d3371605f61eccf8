package posting_test

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
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// accountDomain is the domain in @user@domain. It differs from the host the
// instance is served at (testrig.TestHost) so that tests can check that mentions
// written with either are recognised as local.
const accountDomain = "fedigraph.example"

// rig is one test's world: a fresh database, a real hub, a ticking clock and the
// service under test.
type rig struct {
	t     *testing.T
	ctx   context.Context
	db    *store.DB
	hub   *hub.Hub
	svc   *posting.Service
	clock time.Time
}

func newRig(t *testing.T, db *store.DB) *rig {
	r := &rig{t: t, ctx: t.Context(), db: db, hub: hub.New(), clock: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	r.svc = &posting.Service{
		DB:            db,
		Events:        committedOnly{r},
		URIs:          uris.Builder{Protocol: "https", Host: testrig.TestHost},
		AccountDomain: accountDomain,
		Limits:        posting.Limits{MaxChars: 500, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4},
		// A second per write keeps IDs in creation order and times exact on both
		// databases.
		Now: func() time.Time { r.clock = r.clock.Add(time.Second); return r.clock },
	}
	return r
}

// committedOnly is the Publisher the service gets. Before passing an event on to the
// hub it looks, through the pool rather than the writing transaction, at what the
// event announces: a subscriber that loads the status on receipt must find it (or,
// for a deletion, not find it), so publishing before the commit is a bug.
type committedOnly struct{ r *rig }

func (p committedOnly) Publish(ctx context.Context, ev hub.Event, streams ...hub.Stream) error {
	r := p.r
	bg := context.Background()
	switch ev.Kind {
	case hub.StatusCreated:
		if ok, _ := r.db.Status.Query().Where(status.ID(ev.StatusID)).Exist(bg); !ok {
			r.t.Errorf("%s for %s published before the status was committed", ev.Kind, ev.StatusID)
		}
	case hub.StatusUpdated:
		st, err := r.db.Status.Get(bg, ev.StatusID)
		if err != nil || st.EditedAt == nil || !st.EditedAt.Equal(r.clock) {
			r.t.Errorf("%s for %s published before the edit was committed", ev.Kind, ev.StatusID)
		}
	case hub.StatusDeleted:
		if ok, _ := r.db.Status.Query().Where(status.ID(ev.StatusID)).Exist(bg); ok {
			r.t.Errorf("%s for %s published before the deletion was committed", ev.Kind, ev.StatusID)
		}
	case hub.NotificationCreated:
		if ok, _ := r.db.Notification.Query().Where(notification.ID(ev.NotificationID)).Exist(bg); !ok {
			r.t.Errorf("%s %s published before it was committed", ev.Kind, ev.NotificationID)
		}
	}
	return r.hub.Publish(ctx, ev, streams...)
}

// post creates a status through the service and fails the test if it cannot.
func (r *rig) post(author *ent.Account, in posting.NewStatus) *ent.Status {
	r.t.Helper()
	st, err := r.svc.Create(r.ctx, author.ID, in)
	if err != nil {
		r.t.Fatalf("create status %q: %v", in.Text, err)
	}
	return st
}

// say is post with nothing but text.
func (r *rig) say(author *ent.Account, text string) *ent.Status {
	r.t.Helper()
	return r.post(author, posting.NewStatus{Draft: posting.Draft{Text: text}})
}

// boost writes a boost of st by booster directly, as another package would.
func (r *rig) boost(booster *ent.Account, st *ent.Status) *ent.Status {
	r.t.Helper()
	id := ids.New(r.clock.Add(time.Millisecond))
	b, err := r.db.Status.Create().SetID(id).SetAccountID(booster.ID).SetReblogOfID(st.ID).
		SetURI("https://" + testrig.TestHost + "/users/" + booster.Username + "/statuses/" + id).
		SetThreadID(id).Save(r.ctx)
	if err != nil {
		r.t.Fatalf("boost: %v", err)
	}
	return b
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

// reload reads a status as stored now.
func (r *rig) reload(st *ent.Status) *ent.Status { return testrig.ReloadStatus(r.t, r.db, st) }

// account reads an account as stored now.
func (r *rig) account(a *ent.Account) *ent.Account {
	r.t.Helper()
	fresh, err := r.db.Account.Get(r.ctx, a.ID)
	if err != nil {
		r.t.Fatalf("reload account: %v", err)
	}
	return fresh
}

// count runs any ent query's Count.
func (r *rig) count(q testrig.Counter) int { return testrig.Count(r.t, q) }

// notifications counts the recipient's notifications of a type.
func (r *rig) notifications(recipient *ent.Account, typ notification.Type) int {
	return testrig.Notifications(r.t, r.db, recipient, typ)
}

// searchRows counts the full-text search rows of a status.
func (r *rig) searchRows(statusID string) int {
	r.t.Helper()
	var n int
	if err := r.db.SQL.QueryRowContext(r.ctx, `SELECT count(*) FROM status_texts WHERE status_id = $1`, statusID).Scan(&n); err != nil {
		r.t.Fatalf("count search rows: %v", err)
	}
	return n
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

// wantCode fails unless err is an apperr with the code.
func wantCode(t *testing.T, err error, code apperr.Code) {
	t.Helper()
	if !apperr.Is(err, code) {
		t.Fatalf("got error %v, want code %s", err, code)
	}
}
