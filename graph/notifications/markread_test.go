package notifications_test

import (
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/notifications"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMarkReadUpToAnID(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		first := w.notify(w.alice, w.bob, notification.TypeFOLLOW, nil)
		second := w.notify(w.alice, w.carol, notification.TypeMENTION, nil)
		third := w.notify(w.alice, w.bob, notification.TypeFAVOURITE, nil)
		bobs := w.notify(w.bob, w.carol, notification.TypeFOLLOW, nil)
		unread := func() []string {
			t.Helper()
			ids, err := db.Notification.Query().Where(notification.Read(false)).Order(notification.ByID()).IDs(w.ctx)
			if err != nil {
				t.Fatal(err)
			}
			return ids
		}
		steps := []struct {
			name       string
			recipient  string
			upTo       string
			changed    int
			leftUnread []string
		}{
			{"up to the first, inclusive", w.alice.ID, first, 1, []string{second, third, bobs}},
			{"again: nothing new", w.alice.ID, first, 0, []string{second, third, bobs}},
			{"someone else's ID is only a bound", w.bob.ID, third, 0, []string{second, third, bobs}},
			{"all of them", w.alice.ID, "", 2, []string{bobs}},
			{"bob's own", w.bob.ID, bobs, 1, nil},
		}
		for _, s := range steps {
			n, err := notifications.MarkRead(w.ctx, db.Client, s.recipient, s.upTo)
			if err != nil {
				t.Fatal(err)
			}
			if got := unread(); n != s.changed || !slices.Equal(got, s.leftUnread) {
				t.Errorf("%s: %d changed, unread %v; want %d, %v", s.name, n, got, s.changed, s.leftUnread)
			}
		}
	})
}

func TestQueryFollowsWhatTheRecipientCanSee(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		mentioning := db.Status.Create().SetAccountID(w.bob.ID).SetURI("https://" + testrig.TestHost + "/s/m").
			SetVisibility(status.VisibilityFOLLOWERS_ONLY).SaveX(w.ctx)
		db.Mention.Create().SetStatusID(mentioning.ID).SetAccountID(w.alice.ID).ExecX(w.ctx)
		alicesOwn := db.Status.Create().SetAccountID(w.alice.ID).SetURI("https://" + testrig.TestHost + "/s/a").
			SetVisibility(status.VisibilityDIRECT).SaveX(w.ctx)
		doomed := db.Status.Create().SetAccountID(w.carol.ID).SetURI("https://" + testrig.TestHost + "/s/d").SaveX(w.ctx)

		mention := w.notify(w.alice, w.bob, notification.TypeMENTION, mentioning)
		fav := w.notify(w.alice, w.carol, notification.TypeFAVOURITE, alicesOwn)
		w.notify(w.alice, w.carol, notification.TypeMENTION, doomed)
		follow := w.notify(w.alice, w.bob, notification.TypeFOLLOW, nil)

		listed := func() []string { return w.listed(w.alice, notifications.Filter{}) }
		db.Status.DeleteOne(doomed).ExecX(w.ctx)
		if got := listed(); !slices.Equal(got, []string{follow, fav, mention}) {
			t.Errorf("listed %v, want the follow, the favourite of her own status and the mention (not the deleted one)", got)
		}
		block := db.Block.Create().SetAccountID(w.bob.ID).SetTargetAccountID(w.alice.ID).SaveX(w.ctx)
		if got := listed(); !slices.Equal(got, []string{follow, fav}) {
			t.Errorf("after bob blocks alice: %v, want the mention in his status hidden", got)
		}
		db.Block.DeleteOne(block).ExecX(w.ctx)
		if got := listed(); !slices.Equal(got, []string{follow, fav, mention}) {
			t.Errorf("after bob unblocks alice: %v, want the mention back", got)
		}
	})
}
