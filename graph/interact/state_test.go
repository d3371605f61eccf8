package interact_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestViewerStateInOneBatch(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := r.account("alice"), r.account("bob"), r.account("carol")
		faved, boosted, marked := r.post(bob, status.VisibilityPUBLIC, nil), r.post(bob, status.VisibilityPUBLIC, nil), r.post(bob, status.VisibilityPUBLIC, nil)
		own, muted, plain := r.post(alice, status.VisibilityPUBLIC, nil), r.post(bob, status.VisibilityPUBLIC, nil), r.post(bob, status.VisibilityPUBLIC, nil)
		r.ok(r.svc.Favourite(r.ctx, alice.ID, faved.ID))
		r.ok(r.svc.Boost(r.ctx, alice.ID, boosted.ID, ""))
		r.ok(r.svc.Bookmark(r.ctx, alice.ID, marked.ID))
		r.ok(r.svc.Pin(r.ctx, alice.ID, own.ID))
		r.ok(r.svc.MuteConversation(r.ctx, alice.ID, muted.ID))
		r.ok(r.svc.Boost(r.ctx, carol.ID, faved.ID, ""))
		carolsBoost, err := r.svc.BoostBy(r.ctx, carol.ID, faved.ID)
		if err != nil {
			t.Fatal(err)
		}

		want := map[string]interact.State{
			faved.ID:       {Favourited: true},
			boosted.ID:     {Reblogged: true},
			marked.ID:      {Bookmarked: true},
			own.ID:         {Pinned: true},
			muted.ID:       {Muted: true},
			plain.ID:       {},
			carolsBoost.ID: {Favourited: true}, // a boost shows the state of what it boosts
		}
		ids := []string{"01HUNKNOWNUNKNOWNUNKNOWN00"}
		for id := range want {
			ids = append(ids, id)
		}

		counted, queries := testrig.CountingDB(db)
		svc := *r.svc
		svc.DB = counted
		got, err := svc.ViewerState(r.ctx, alice.ID, ids)
		if err != nil {
			t.Fatal(err)
		}
		many := queries.Swap(0)
		if _, err := svc.ViewerState(r.ctx, alice.ID, []string{carolsBoost.ID}); err != nil {
			t.Fatal(err)
		}
		if one := queries.Swap(0); one != many {
			t.Errorf("state of %d statuses took %d queries, of one %d", len(ids), many, one)
		}
		if len(got) != len(want) {
			t.Errorf("got %d states, want %d (unknown IDs left out)", len(got), len(want))
		}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("state of %s = %+v, want %+v", id, got[id], w)
			}
		}

		signedOut, err := svc.ViewerState(r.ctx, "", ids)
		if err != nil || len(signedOut) != 0 || queries.Load() != 0 {
			t.Errorf("signed-out state: %v, %v, %d queries", signedOut, err, queries.Load())
		}
	})
}
