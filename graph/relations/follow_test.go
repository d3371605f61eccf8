package relations_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestFollowUnlockedAccountThenUnfollow(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.local("alice"), r.local("bob")
		bobHears := r.listen(bob)

		rel := r.ok(r.svc.Follow(r.ctx, alice.ID, bob.ID, relations.FollowOptions{}))
		if !rel.Following || rel.Requested || !rel.ShowingReblogs || rel.Notifying || rel.ID != bob.ID {
			t.Errorf("after follow: %+v, want following with default options", rel)
		}
		if r.rel(bob, alice).FollowedBy != true {
			t.Errorf("bob does not see alice as a follower")
		}
		r.wantCounts(alice, 0, 1)
		r.wantCounts(bob, 1, 0)
		if n := r.notifications(bob, notification.TypeFOLLOW); n != 1 {
			t.Errorf("bob has %d follow notifications, want 1", n)
		}
		if got := events(bobHears); len(got) != 1 || got[0].Kind != hub.NotificationCreated || got[0].AccountID != alice.ID {
			t.Errorf("bob's notification stream got %+v, want one notification from alice", got)
		}
		f := r.followBy(alice)
		if want := "https://fedi.test/users/alice/follow/" + f.ID; f.URI != want {
			t.Errorf("follow URI = %q, want %q", f.URI, want)
		}

		// Following again only changes the options: no second notification, no recount.
		rel = r.ok(r.svc.Follow(r.ctx, alice.ID, bob.ID, relations.FollowOptions{Reblogs: no, Notify: yes}))
		if !rel.Following || rel.ShowingReblogs || !rel.Notifying {
			t.Errorf("after re-follow with options: %+v", rel)
		}
		rel = r.ok(r.svc.Follow(r.ctx, alice.ID, bob.ID, relations.FollowOptions{}))
		if rel.ShowingReblogs || !rel.Notifying {
			t.Errorf("a follow without options reset them: %+v", rel)
		}
		r.wantCounts(bob, 1, 0)
		if n := len(events(bobHears)); n != 0 || r.notifications(bob, notification.TypeFOLLOW) != 1 {
			t.Errorf("re-following notified bob again")
		}

		rel = r.ok(r.svc.Unfollow(r.ctx, alice.ID, bob.ID))
		if rel.Following || rel.ShowingReblogs {
			t.Errorf("after unfollow: %+v", rel)
		}
		r.wantCounts(alice, 0, 0)
		r.wantCounts(bob, 0, 0)
		if n := r.notifications(bob, notification.TypeFOLLOW); n != 0 {
			t.Errorf("the follow notification outlived the follow (%d left)", n)
		}
		r.ok(r.svc.Unfollow(r.ctx, alice.ID, bob.ID)) // unfollowing again is fine
		r.wantCounts(bob, 0, 0)
	})
}

func TestFollowLockedAccountNeedsApproval(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.local("alice"), r.local("bob", locked)
		bobHears := r.listen(bob)

		rel := r.ok(r.svc.Follow(r.ctx, alice.ID, bob.ID, relations.FollowOptions{Reblogs: no}))
		if rel.Following || !rel.Requested || rel.ShowingReblogs {
			t.Errorf("after following a locked account: %+v, want a request without reblogs", rel)
		}
		r.wantCounts(bob, 0, 0)
		if n := r.notifications(bob, notification.TypeFOLLOW_REQUEST); n != 1 {
			t.Errorf("bob has %d follow-request notifications, want 1", n)
		}
		if got := events(bobHears); len(got) != 1 {
			t.Errorf("bob's stream got %d events, want 1", len(got))
		}
		if !r.rel(bob, alice).RequestedBy {
			t.Errorf("bob does not see alice's request")
		}
		pending, err := r.svc.FollowRequests(bob.ID).All(r.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) != 1 || pending[0].AccountID != alice.ID {
			t.Fatalf("bob's pending requests: %+v", pending)
		}
		if !strings.HasPrefix(pending[0].URI, "https://fedi.test/users/alice/follow/") {
			t.Errorf("request URI = %q", pending[0].URI)
		}

		rel = r.ok(r.svc.AcceptFollowRequest(r.ctx, bob.ID, alice.ID))
		if !rel.FollowedBy || rel.RequestedBy || rel.ID != alice.ID {
			t.Errorf("bob's view after accepting: %+v", rel)
		}
		aliceView := r.rel(alice, bob)
		if !aliceView.Following || aliceView.Requested || aliceView.ShowingReblogs {
			t.Errorf("alice's view after acceptance: %+v, want following without reblogs", aliceView)
		}
		r.wantCounts(alice, 0, 1)
		r.wantCounts(bob, 1, 0)
		f := r.followBy(alice)
		if f.URI != pending[0].URI {
			t.Errorf("the follow's URI %q is not the request's %q", f.URI, pending[0].URI)
		}
		if n := r.notifications(bob, notification.TypeFOLLOW_REQUEST) + r.notifications(bob, notification.TypeFOLLOW); n != 0 {
			t.Errorf("bob still has %d follow(-request) notifications after accepting", n)
		}
		if n := r.count(r.svc.FollowRequests(bob.ID)); n != 0 {
			t.Errorf("%d requests still pending", n)
		}

		// Accepting twice is fine and counts once.
		r.ok(r.svc.AcceptFollowRequest(r.ctx, bob.ID, alice.ID))
		r.wantCounts(bob, 1, 0)
	})
}

func TestFollowRequestRejectedOrWithdrawn(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, carol, bob := r.local("alice"), r.local("carol"), r.local("bob", locked)
		r.ok(r.svc.Follow(r.ctx, alice.ID, bob.ID, relations.FollowOptions{}))
		r.ok(r.svc.Follow(r.ctx, carol.ID, bob.ID, relations.FollowOptions{}))

		rel := r.ok(r.svc.RejectFollowRequest(r.ctx, bob.ID, alice.ID))
		if rel.RequestedBy || rel.FollowedBy {
			t.Errorf("after rejecting: %+v", rel)
		}
		if got := r.rel(alice, bob); got.Requested || got.Following {
			t.Errorf("alice after rejection: %+v", got)
		}
		r.ok(r.svc.RejectFollowRequest(r.ctx, bob.ID, alice.ID)) // again: fine
		_, err := r.svc.AcceptFollowRequest(r.ctx, bob.ID, alice.ID)
		wantCode(t, err, apperr.NotFound)

		rel = r.ok(r.svc.Unfollow(r.ctx, carol.ID, bob.ID))
		if rel.Requested {
			t.Errorf("unfollowing did not withdraw carol's request: %+v", rel)
		}
		if n := r.notifications(bob, notification.TypeFOLLOW_REQUEST); n != 0 {
			t.Errorf("bob still has %d request notifications", n)
		}
		r.wantCounts(bob, 0, 0)
	})
}

func TestFollowRemoteAccountAwaitsAccept(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, zed := r.local("alice"), r.remote("zed", "elsewhere.test")

		rel := r.ok(r.svc.Follow(r.ctx, alice.ID, zed.ID, relations.FollowOptions{}))
		if !rel.Requested || rel.Following {
			t.Errorf("following a remote account: %+v, want requested", rel)
		}
		if n := r.count(db.Notification.Query()); n != 0 {
			t.Errorf("%d notifications written for a remote account", n)
		}
		// Federation applies the remote Accept with the remote account as the actor.
		r.ok(r.svc.AcceptFollowRequest(r.ctx, zed.ID, alice.ID))
		if got := r.rel(alice, zed); !got.Following || got.Requested {
			t.Errorf("after the remote accept: %+v", got)
		}
		r.wantCounts(alice, 0, 1)
	})
}

func TestFollowRefusals(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		blocker, blocked := r.local("blocker"), r.local("blocked")
		suspended := r.local("gone", func(c *ent.AccountCreate) { c.SetSuspendedAt(r.now) })
		badDomain := r.remote("spam", "spam.test")
		r.ok(r.svc.Block(r.ctx, blocker.ID, alice.ID))
		r.ok(r.svc.Block(r.ctx, alice.ID, blocked.ID))
		if err := db.AccountDomainBlock.Create().SetAccountID(alice.ID).SetDomain("spam.test").Exec(r.ctx); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name     string
			targetID string
			want     apperr.Code
		}{
			{"yourself", alice.ID, apperr.BadInput},
			{"an account that blocks you", blocker.ID, apperr.Forbidden},
			{"an account you block", blocked.ID, apperr.Forbidden},
			{"an account on a domain you block", badDomain.ID, apperr.Forbidden},
			{"a suspended account", suspended.ID, apperr.NotFound},
			{"an unknown account", "01HZZZZZZZZZZZZZZZZZZZZZZZ", apperr.NotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				sub := r.hub.Subscribe(r.ctx, hub.NotificationStream(tt.targetID))
				defer sub.Close()
				_, err := r.svc.Follow(r.ctx, alice.ID, tt.targetID, relations.FollowOptions{})
				wantCode(t, err, tt.want)
				if got := events(sub); len(got) != 0 {
					t.Errorf("a refused follow published %+v", got)
				}
			})
		}
		if n := r.count(db.Follow.Query()) + r.count(db.FollowRequest.Query()); n != 0 {
			t.Errorf("refused follows left %d rows", n)
		}
		r.wantCounts(alice, 0, 0)
	})
}

func TestFollowOfRecipientWhoMutesIsSilent(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.local("alice"), r.local("bob")
		r.ok(r.svc.Mute(r.ctx, bob.ID, alice.ID, relations.MuteOptions{}))
		bobHears := r.listen(bob)

		r.ok(r.svc.Follow(r.ctx, alice.ID, bob.ID, relations.FollowOptions{}))
		r.wantCounts(bob, 1, 0)
		if n := r.notifications(bob, notification.TypeFOLLOW); n != 0 {
			t.Errorf("bob muted alice but got %d follow notifications", n)
		}
		if got := events(bobHears); len(got) != 0 {
			t.Errorf("bob muted alice but heard %+v", got)
		}
	})
}

func TestConcurrentFollowsCountOnce(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.local("alice"), r.local("bob")
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() {
				_, err := r.svc.Follow(r.ctx, alice.ID, bob.ID, relations.FollowOptions{})
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("concurrent follow: %v", err)
			}
		}
		r.wantCounts(bob, 1, 0)
		r.wantCounts(alice, 0, 1)
		if n := r.notifications(bob, notification.TypeFOLLOW); n != 1 {
			t.Errorf("bob got %d follow notifications, want 1", n)
		}
	})
}
