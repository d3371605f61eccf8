package interact_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestPinLimitAndRules(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.account("alice"), r.account("bob")

		refused := []struct {
			name string
			post *ent.Status
		}{
			{"someone else's post", r.post(bob, status.VisibilityPUBLIC, nil)},
			{"own direct post", r.post(alice, status.VisibilityDIRECT, nil)},
			{"own mutuals-only post", r.post(alice, status.VisibilityMUTUALS_ONLY, nil)},
		}
		for _, tt := range refused {
			t.Run(tt.name, func(t *testing.T) {
				_, err := r.svc.Pin(r.ctx, alice.ID, tt.post.ID)
				wantCode(t, err, apperr.BadInput)
			})
		}

		visibilities := []status.Visibility{
			status.VisibilityPUBLIC, status.VisibilityUNLISTED, status.VisibilityFOLLOWERS_ONLY,
			status.VisibilityPUBLIC, status.VisibilityPUBLIC,
		}
		var pinned []*ent.Status
		for _, vis := range visibilities {
			post := r.post(alice, vis, nil)
			r.ok(r.svc.Pin(r.ctx, alice.ID, post.ID))
			pinned = append(pinned, post)
		}
		if !r.state(alice, pinned[2]).Pinned {
			t.Errorf("a followers-only post was not pinned")
		}
		// Pinning an already pinned post is fine even at the limit.
		r.ok(r.svc.Pin(r.ctx, alice.ID, pinned[0].ID))

		sixth := r.post(alice, status.VisibilityPUBLIC, nil)
		_, err := r.svc.Pin(r.ctx, alice.ID, sixth.ID)
		wantCode(t, err, apperr.BadInput)
		if n := r.count(db.StatusPin.Query()); n != interact.MaxPins {
			t.Errorf("%d pins, want %d", n, interact.MaxPins)
		}

		r.ok(r.svc.Unpin(r.ctx, alice.ID, pinned[0].ID))
		if r.state(alice, pinned[0]).Pinned {
			t.Errorf("still pinned after unpinning")
		}
		r.ok(r.svc.Unpin(r.ctx, alice.ID, pinned[0].ID))
		r.ok(r.svc.Pin(r.ctx, alice.ID, sixth.ID)) // there is room again
	})
}
