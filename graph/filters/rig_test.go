package filters_test

import (
	"os"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/filters"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// rig is one test's world: a fresh database, a hub, the service and a clock.
type rig struct {
	t          *testing.T
	db         *store.DB
	hub        *hub.Hub
	svc        *filters.Service
	now        time.Time
	alice, bob *ent.Account
}

func newRig(t *testing.T, db *store.DB) *rig {
	r := &rig{t: t, db: db, hub: hub.New(), now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	r.svc = &filters.Service{DB: db, Events: r.hub, Now: func() time.Time { return r.now }}
	r.alice = testrig.LocalAccount(t, db, "alice")
	r.bob = testrig.LocalAccount(t, db, "bob")
	return r
}

// create makes a filter for alice, failing the test on error. The clock moves on a
// second first, so that filters sort in the order the test makes them.
func (r *rig) create(in filters.Input) *ent.Filter {
	r.t.Helper()
	r.now = r.now.Add(time.Second)
	f, err := r.svc.Create(r.t.Context(), r.alice.ID, in)
	if err != nil {
		r.t.Fatalf("create filter: %v", err)
	}
	return f
}

// post stores a public status by bob.
func (r *rig) post(content, spoiler string) *ent.Status {
	r.t.Helper()
	id := ids.New(time.Now())
	st, err := r.db.Status.Create().SetID(id).SetAccountID(r.bob.ID).SetThreadID(id).
		SetURI("https://fedi.test/s/" + id).SetContent(content).SetSpoilerText(spoiler).Save(r.t.Context())
	if err != nil {
		r.t.Fatal(err)
	}
	return st
}

// boost stores bob's boost of st.
func (r *rig) boost(st *ent.Status) *ent.Status {
	r.t.Helper()
	id := ids.New(time.Now())
	b, err := r.db.Status.Create().SetID(id).SetAccountID(r.bob.ID).SetReblogOfID(st.ID).
		SetVisibility(status.VisibilityPUBLIC).SetURI("https://fedi.test/s/" + id).Save(r.t.Context())
	if err != nil {
		r.t.Fatal(err)
	}
	return b
}

func ptr[T any](v T) *T { return &v }
