package interact_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMuteConversationSilencesTheWholeThread(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := r.account("alice"), r.account("bob"), r.account("carol")
		root := r.post(alice, status.VisibilityPUBLIC, nil)
		reply := r.post(bob, status.VisibilityPUBLIC, root)
		alicesReply := r.post(alice, status.VisibilityPUBLIC, reply)
		elsewhere := r.post(alice, status.VisibilityPUBLIC, nil)

		// Muting through any status of the thread mutes all of it; twice is fine.
		r.ok(r.svc.MuteConversation(r.ctx, alice.ID, reply.ID))
		r.ok(r.svc.MuteConversation(r.ctx, alice.ID, root.ID))
		if n := r.count(db.ThreadMute.Query()); n != 1 {
			t.Errorf("%d thread mutes, want 1", n)
		}
		states, err := r.svc.ViewerState(r.ctx, alice.ID, []string{root.ID, reply.ID, alicesReply.ID, elsewhere.ID})
		if err != nil {
			t.Fatal(err)
		}
		if !states[root.ID].Muted || !states[reply.ID].Muted || !states[alicesReply.ID].Muted || states[elsewhere.ID].Muted {
			t.Errorf("muted states: %+v", states)
		}

		r.ok(r.svc.Favourite(r.ctx, carol.ID, alicesReply.ID))
		r.ok(r.svc.Favourite(r.ctx, carol.ID, elsewhere.ID))
		if n := r.notifications(alice, notification.TypeFAVOURITE); n != 1 {
			t.Errorf("alice has %d favourite notifications, want only the one outside the muted thread", n)
		}

		r.ok(r.svc.UnmuteConversation(r.ctx, alice.ID, alicesReply.ID))
		r.ok(r.svc.UnmuteConversation(r.ctx, alice.ID, alicesReply.ID))
		r.ok(r.svc.Favourite(r.ctx, carol.ID, root.ID))
		if n := r.notifications(alice, notification.TypeFAVOURITE); n != 2 {
			t.Errorf("after unmuting, alice has %d favourite notifications, want 2", n)
		}
	})
}

func TestBookmark(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.account("alice"), r.account("bob")
		post := r.post(bob, status.VisibilityUNLISTED, nil)

		r.ok(r.svc.Bookmark(r.ctx, alice.ID, post.ID))
		r.ok(r.svc.Bookmark(r.ctx, alice.ID, post.ID))
		if n := r.count(db.Bookmark.Query()); n != 1 || !r.state(alice, post).Bookmarked {
			t.Errorf("%d bookmarks after bookmarking twice", n)
		}
		if r.state(bob, post).Bookmarked {
			t.Errorf("alice's bookmark shows in bob's state")
		}
		if n := r.count(db.Notification.Query()); n != 0 {
			t.Errorf("a bookmark notified someone")
		}
		r.ok(r.svc.Unbookmark(r.ctx, alice.ID, post.ID))
		if r.state(alice, post).Bookmarked {
			t.Errorf("still bookmarked after unbookmarking")
		}
	})
}
