package relations_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/listmember"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// listWith makes owner a list holding the members.
func (r *rig) listWith(owner *ent.Account, members ...*ent.Account) *ent.List {
	r.t.Helper()
	l, err := r.db.List.Create().SetAccountID(owner.ID).SetTitle("friends").Save(r.ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	for _, m := range members {
		if err := r.db.ListMember.Create().SetListID(l.ID).SetAccountID(m.ID).Exec(r.ctx); err != nil {
			r.t.Fatal(err)
		}
	}
	return l
}

func TestBlockEndsFollowsBothWaysAndListMembership(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := r.local("alice"), r.local("bob"), r.local("carol")
		r.ok(r.svc.Follow(r.ctx, alice.ID, bob.ID, relations.FollowOptions{}))
		r.ok(r.svc.Follow(r.ctx, bob.ID, alice.ID, relations.FollowOptions{}))
		r.ok(r.svc.Follow(r.ctx, alice.ID, carol.ID, relations.FollowOptions{}))
		r.ok(r.svc.Follow(r.ctx, carol.ID, alice.ID, relations.FollowOptions{}))
		aliceList := r.listWith(alice, bob, carol)
		bobList := r.listWith(bob, alice)

		rel := r.ok(r.svc.Block(r.ctx, alice.ID, bob.ID))
		if !rel.Blocking || rel.Following || rel.FollowedBy {
			t.Errorf("alice's view after blocking bob: %+v", rel)
		}
		if got := r.rel(bob, alice); !got.BlockedBy || got.Following || got.FollowedBy {
			t.Errorf("bob's view after being blocked: %+v", got)
		}
		r.wantCounts(alice, 1, 1) // only carol is left, both ways
		r.wantCounts(bob, 0, 0)
		if n := r.count(db.ListMember.Query().Where(listmember.ListID(aliceList.ID))); n != 1 {
			t.Errorf("alice's list has %d members, want only carol", n)
		}
		if n := r.count(db.ListMember.Query().Where(listmember.ListID(bobList.ID))); n != 0 {
			t.Errorf("bob's list still holds alice, whom he no longer follows")
		}
		if n := r.notifications(bob, notification.TypeFOLLOW); n != 0 {
			t.Errorf("alice's follow notification to bob outlived the block")
		}
		if n := r.notifications(alice, notification.TypeFOLLOW); n != 1 {
			t.Errorf("alice has %d follow notifications, want only carol's", n)
		}

		// Blocking again changes nothing; unblocking does not bring the follows back.
		r.ok(r.svc.Block(r.ctx, alice.ID, bob.ID))
		if n := r.count(db.Block.Query()); n != 1 {
			t.Errorf("%d blocks after blocking twice", n)
		}
		b, err := db.Block.Query().Only(r.ctx)
		if err != nil || b.URI != "https://fedi.test/users/alice/block/"+b.ID {
			t.Errorf("block URI = %q (%v)", b.URI, err)
		}
		rel = r.ok(r.svc.Unblock(r.ctx, alice.ID, bob.ID))
		if rel.Blocking || rel.Following || rel.FollowedBy {
			t.Errorf("after unblocking: %+v", rel)
		}
		r.ok(r.svc.Unblock(r.ctx, alice.ID, bob.ID))
		r.wantCounts(bob, 0, 0)
	})
}

func TestBlockWithdrawsFollowRequestsBothWays(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.local("alice", locked), r.local("bob", locked)
		r.ok(r.svc.Follow(r.ctx, alice.ID, bob.ID, relations.FollowOptions{}))
		r.ok(r.svc.Follow(r.ctx, bob.ID, alice.ID, relations.FollowOptions{}))

		rel := r.ok(r.svc.Block(r.ctx, bob.ID, alice.ID))
		if rel.Requested || rel.RequestedBy {
			t.Errorf("requests survived the block: %+v", rel)
		}
		if n := r.count(db.FollowRequest.Query()); n != 0 {
			t.Errorf("%d follow requests left", n)
		}
		if n := r.notifications(alice, notification.TypeFOLLOW_REQUEST) + r.notifications(bob, notification.TypeFOLLOW_REQUEST); n != 0 {
			t.Errorf("%d request notifications left", n)
		}
	})
}

func TestActingOnYourselfIsRefused(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		ops := map[string]func() (*relations.Relationship, error){
			"block": func() (*relations.Relationship, error) { return r.svc.Block(r.ctx, alice.ID, alice.ID) },
			"mute": func() (*relations.Relationship, error) {
				return r.svc.Mute(r.ctx, alice.ID, alice.ID, relations.MuteOptions{})
			},
			"follow": func() (*relations.Relationship, error) {
				return r.svc.Follow(r.ctx, alice.ID, alice.ID, relations.FollowOptions{})
			},
		}
		for name, op := range ops {
			t.Run(name, func(t *testing.T) {
				_, err := op()
				wantCode(t, err, apperr.BadInput)
			})
		}
		if n := r.count(db.Block.Query()) + r.count(db.Mute.Query()) + r.count(db.Follow.Query()); n != 0 {
			t.Errorf("refused operations left %d rows", n)
		}
	})
}

func TestRemoveFromFollowers(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.local("alice"), r.local("bob")
		r.ok(r.svc.Follow(r.ctx, bob.ID, alice.ID, relations.FollowOptions{}))
		bobList := r.listWith(bob, alice)

		rel := r.ok(r.svc.RemoveFromFollowers(r.ctx, alice.ID, bob.ID))
		if rel.FollowedBy || rel.Blocking {
			t.Errorf("after removing bob: %+v", rel)
		}
		r.wantCounts(alice, 0, 0)
		r.wantCounts(bob, 0, 0)
		if n := r.count(db.ListMember.Query().Where(listmember.ListID(bobList.ID))); n != 0 {
			t.Errorf("bob's list still holds alice")
		}
		r.ok(r.svc.RemoveFromFollowers(r.ctx, alice.ID, bob.ID)) // again: fine
		r.wantCounts(alice, 0, 0)
	})
}
