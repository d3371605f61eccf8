package interact_test

import (
	"context"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// operation is one of the service's methods that act on a status.
type operation struct {
	name string
	do   func(s *interact.Service, ctx context.Context, actorID, statusID string) (*ent.Status, error)
}

var acting = []operation{
	{"favourite", (*interact.Service).Favourite},
	{"boost", func(s *interact.Service, ctx context.Context, a, st string) (*ent.Status, error) {
		return s.Boost(ctx, a, st, "")
	}},
	{"bookmark", (*interact.Service).Bookmark},
	{"pin", (*interact.Service).Pin},
	{"mute conversation", (*interact.Service).MuteConversation},
}

var undoing = []operation{
	{"unfavourite", (*interact.Service).Unfavourite},
	{"unboost", (*interact.Service).Unboost},
	{"unbookmark", (*interact.Service).Unbookmark},
	{"unpin", (*interact.Service).Unpin},
	{"unmute conversation", (*interact.Service).UnmuteConversation},
}

func TestStatusesYouCannotSeeAreNotFound(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, blocker, carol := r.account("alice"), r.account("bob"), r.account("blocker"), r.account("carol")
		r.block(blocker, alice)
		invisible := map[string]string{
			"followers-only, not following": r.post(bob, status.VisibilityFOLLOWERS_ONLY, nil).ID,
			"direct to someone else":        r.post(bob, status.VisibilityDIRECT, nil, carol).ID,
			"by an account blocking you":    r.post(blocker, status.VisibilityPUBLIC, nil).ID,
			"unknown":                       "01HUNKNOWNUNKNOWNUNKNOWN00",
		}
		// A boost of an invisible status is as invisible as what it boosts.
		hiddenBoost := r.post(blocker, status.VisibilityPUBLIC, nil)
		r.ok(r.svc.Boost(r.ctx, carol.ID, hiddenBoost.ID, ""))
		b, err := r.svc.BoostBy(r.ctx, carol.ID, hiddenBoost.ID)
		if err != nil {
			t.Fatal(err)
		}
		invisible["boost of a status by an account blocking you"] = b.ID

		for _, op := range append(acting, undoing...) {
			for what, id := range invisible {
				t.Run(op.name+"/"+what, func(t *testing.T) {
					_, err := op.do(r.svc, r.ctx, alice.ID, id)
					wantCode(t, err, apperr.NotFound)
					if msg := apperr.As(err).Message; msg != "status not found" {
						t.Errorf("message %q tells this case apart", msg)
					}
				})
			}
		}
		if n := r.count(db.Favourite.Query()) + r.count(db.Bookmark.Query()) + r.count(db.StatusPin.Query()) + r.count(db.ThreadMute.Query()); n != 0 {
			t.Errorf("refused operations left %d rows", n)
		}
	})
}

func TestUndoAfterLosingSight(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.account("alice"), r.account("bob")
		post := r.post(bob, status.VisibilityPUBLIC, nil)
		for _, op := range acting {
			if op.name == "pin" {
				continue // only for one's own statuses
			}
			r.ok(op.do(r.svc, r.ctx, alice.ID, post.ID))
		}
		r.block(bob, alice)

		// Mastodon lets you take back what you did even after the author blocked you.
		for _, op := range undoing {
			if op.name == "unpin" {
				continue // nothing of bob's was pinned: not found is right
			}
			t.Run(op.name, func(t *testing.T) {
				if _, err := op.do(r.svc, r.ctx, alice.ID, post.ID); err != nil {
					t.Errorf("%s after being blocked: %v", op.name, err)
				}
			})
		}
		fresh := r.reload(post)
		if fresh.FavouritesCount != 0 || fresh.ReblogsCount != 0 {
			t.Errorf("counters after undoing: %d favourites, %d boosts", fresh.FavouritesCount, fresh.ReblogsCount)
		}
		if r.state(alice, post) != (interact.State{}) {
			t.Errorf("state after undoing everything: %+v", r.state(alice, post))
		}
		// Now that nothing is left to undo, the status is not found again.
		_, err := r.svc.Unbookmark(r.ctx, alice.ID, post.ID)
		wantCode(t, err, apperr.NotFound)
	})
}
