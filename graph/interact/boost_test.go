package interact_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestBoostAndUnboost(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := r.account("alice"), r.account("bob"), r.account("carol")
		r.follow(carol, alice)
		post := r.post(bob, status.VisibilityPUBLIC, nil)
		carolsHome := r.listen(hub.HomeStream(carol.ID))
		bobHears := r.listen(hub.NotificationStream(bob.ID))

		got := r.ok(r.svc.Boost(r.ctx, alice.ID, post.ID, ""))
		if got.ID != post.ID || got.ReblogsCount != 1 {
			t.Errorf("Boost returned %s with %d boosts, want the original with 1", got.ID, got.ReblogsCount)
		}
		boost, err := r.svc.BoostBy(r.ctx, alice.ID, post.ID)
		if err != nil {
			t.Fatal(err)
		}
		if boost.AccountID != alice.ID || boost.Visibility != status.VisibilityPUBLIC || boost.Content != "" ||
			boost.ThreadID != boost.ID || boost.URI != "https://fedi.test/users/alice/statuses/"+boost.ID {
			t.Errorf("boost = %+v", boost)
		}
		if d := received(carolsHome); len(d) != 1 || d[0].Event.Kind != hub.StatusCreated || d[0].Event.StatusID != boost.ID {
			t.Errorf("carol's home got %+v, want the boost created", d)
		}
		if n := r.notifications(bob, notification.TypeREBLOG); n != 1 || len(received(bobHears)) != 1 {
			t.Errorf("bob has %d boost notifications, want 1 (and its event)", n)
		}
		if !r.state(alice, post).Reblogged {
			t.Errorf("alice's state does not show the boost")
		}

		// Boosting again, or boosting the boost, changes nothing.
		r.ok(r.svc.Boost(r.ctx, alice.ID, post.ID, status.VisibilityUNLISTED))
		got = r.ok(r.svc.Boost(r.ctx, alice.ID, boost.ID, ""))
		if got.ReblogsCount != 1 || len(received(carolsHome)) != 0 || r.count(db.Status.Query()) != 2 {
			t.Errorf("a second boost was made, counted or announced")
		}

		// Unboosting by the boost's own ID works too.
		got = r.ok(r.svc.Unboost(r.ctx, alice.ID, boost.ID))
		if got.ID != post.ID || got.ReblogsCount != 0 || r.state(alice, post).Reblogged {
			t.Errorf("after unboost: %d boosts, state %+v", got.ReblogsCount, r.state(alice, post))
		}
		if d := received(carolsHome); len(d) != 1 || d[0].Event.Kind != hub.StatusDeleted || d[0].Event.StatusID != boost.ID {
			t.Errorf("carol's home got %+v, want the boost deleted", d)
		}
		if n := r.notifications(bob, notification.TypeREBLOG); n != 0 {
			t.Errorf("the boost notification outlived the boost")
		}
		if _, err := db.Status.Get(r.ctx, boost.ID); err == nil {
			t.Errorf("the boost still exists")
		}
		r.ok(r.svc.Unboost(r.ctx, alice.ID, post.ID))
		if n := r.reload(post).ReblogsCount; n != 0 || len(received(carolsHome)) != 0 {
			t.Errorf("unboosting twice: %d boosts, or a second event", n)
		}
	})
}

func TestBoostOfBoostBoostsOriginal(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := r.account("alice"), r.account("bob"), r.account("carol")
		post := r.post(bob, status.VisibilityPUBLIC, nil)
		r.ok(r.svc.Boost(r.ctx, alice.ID, post.ID, ""))
		alicesBoost, err := r.svc.BoostBy(r.ctx, alice.ID, post.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := r.ok(r.svc.Boost(r.ctx, carol.ID, alicesBoost.ID, status.VisibilityUNLISTED))
		if got.ID != post.ID || got.ReblogsCount != 2 {
			t.Errorf("boosting a boost returned %s with %d boosts", got.ID, got.ReblogsCount)
		}
		carols, err := r.svc.BoostBy(r.ctx, carol.ID, post.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *carols.ReblogOfID != post.ID || carols.Visibility != status.VisibilityUNLISTED {
			t.Errorf("carol's boost points at %s with visibility %s", *carols.ReblogOfID, carols.Visibility)
		}
		if r.notifications(alice, notification.TypeREBLOG) != 0 || r.notifications(bob, notification.TypeREBLOG) != 2 {
			t.Errorf("boost notifications went to the booster, not the author")
		}
	})
}

func TestBoostRefusals(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.account("alice"), r.account("bob")
		r.follow(alice, bob)
		aliceHome := r.listen(hub.HomeStream(alice.ID))
		tests := []struct {
			name string
			post *statusArg
			vis  status.Visibility
			want apperr.Code
		}{
			{"direct post mentioning you", &statusArg{bob, status.VisibilityDIRECT, true}, "", apperr.Forbidden},
			{"followers-only post you can see", &statusArg{bob, status.VisibilityFOLLOWERS_ONLY, false}, "", apperr.Forbidden},
			{"mutuals-only post", &statusArg{bob, status.VisibilityMUTUALS_ONLY, true}, "", apperr.Forbidden},
			{"direct post you cannot see", &statusArg{bob, status.VisibilityDIRECT, false}, "", apperr.NotFound},
			{"boost as direct", &statusArg{bob, status.VisibilityPUBLIC, false}, status.VisibilityDIRECT, apperr.BadInput},
			{"own direct post", &statusArg{alice, status.VisibilityDIRECT, false}, "", apperr.Forbidden},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				post := tt.post.make(r, alice)
				_, err := r.svc.Boost(r.ctx, alice.ID, post.ID, tt.vis)
				wantCode(t, err, tt.want)
				if n := r.reload(post).ReblogsCount; n != 0 {
					t.Errorf("a refused boost was counted")
				}
				if d := received(aliceHome); len(d) != 0 {
					t.Errorf("a refused boost was announced: %+v", d)
				}
			})
		}
		if n := r.count(db.Status.Query().Where(status.ReblogOfIDNotNil())); n != 0 {
			t.Errorf("refused boosts left %d boosts", n)
		}

		// An author may boost their own followers-only post; the boost stays followers-only.
		own := r.post(alice, status.VisibilityFOLLOWERS_ONLY, nil)
		r.ok(r.svc.Boost(r.ctx, alice.ID, own.ID, status.VisibilityPUBLIC))
		boost, err := r.svc.BoostBy(r.ctx, alice.ID, own.ID)
		if err != nil || boost.Visibility != status.VisibilityFOLLOWERS_ONLY {
			t.Errorf("self-boost of a followers-only post: %+v, %v", boost, err)
		}
		if d := received(aliceHome); len(d) != 1 {
			t.Errorf("the self-boost was not announced on alice's home: %+v", d)
		}
	})
}

// statusArg describes a status for a table case.
type statusArg struct {
	author         *ent.Account
	vis            status.Visibility
	mentionsViewer bool
}

// make posts the status, mentioning viewer if asked.
func (a *statusArg) make(r *rig, viewer *ent.Account) *ent.Status {
	if a.mentionsViewer {
		return r.post(a.author, a.vis, nil, viewer)
	}
	return r.post(a.author, a.vis, nil)
}
