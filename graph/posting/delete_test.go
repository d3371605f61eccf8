package posting_test

import (
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/mention"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/poll"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/statusedit"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// notifyAbout writes a notification about st directly, as interact would.
func (r *rig) notifyAbout(typ notification.Type, recipient, from *ent.Account, st *ent.Status) {
	r.t.Helper()
	r.db.Notification.Create().SetType(typ).SetAccountID(recipient.ID).SetFromAccountID(from.ID).SetStatusID(st.ID).ExecX(r.ctx)
}

func TestDeleteRemovesEverythingHangingOffTheStatus(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob"), testrig.LocalAccount(t, db, "carol")
		root := r.say(bob, "root")
		source := "@bob hello #cats"
		st := r.post(alice, posting.NewStatus{InReplyToID: root.ID, Draft: posting.Draft{Text: source,
			Poll: &posting.PollDraft{Options: []string{"yes", "no"}, ExpiresIn: time.Hour}}})
		r.edit(alice, st, posting.Draft{Text: source, Poll: &posting.PollDraft{Options: []string{"yes", "no"}, ExpiresIn: time.Hour}})
		db.Favourite.Create().SetAccountID(bob.ID).SetStatusID(st.ID).ExecX(r.ctx)
		r.notifyAbout(notification.TypeFAVOURITE, alice, bob, st)
		r.boost(carol, st)
		r.notifyAbout(notification.TypeREBLOG, alice, carol, st)
		db.PollVote.Create().SetPollID(st.QueryPoll().OnlyIDX(r.ctx)).SetAccountID(bob.ID).SetChoice(0).ExecX(r.ctx)
		if r.reload(root).RepliesCount != 1 || r.searchRows(st.ID) != 1 || r.notifications(bob, notification.TypeMENTION) != 1 {
			t.Fatal("the fixture is not what this test expects")
		}

		deleted, err := r.svc.Delete(r.ctx, alice.ID, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if deleted.ID != st.ID || deleted.Text != source {
			t.Errorf("Delete returned %s with source %q, want %s with %q to redraft from", deleted.ID, deleted.Text, st.ID, source)
		}
		left := map[string]int{
			"status":        r.count(db.Status.Query().Where(status.ID(st.ID))),
			"mentions":      r.count(db.Mention.Query().Where(mention.StatusID(st.ID))),
			"favourites":    r.count(db.Favourite.Query().Where(favourite.StatusID(st.ID))),
			"notifications": r.count(db.Notification.Query().Where(notification.StatusID(st.ID))),
			"polls":         r.count(db.Poll.Query().Where(poll.HasStatusWith(status.ID(st.ID)))),
			"poll votes":    r.count(db.PollVote.Query()),
			"boosts":        r.count(db.Status.Query().Where(status.ReblogOfID(st.ID))),
			"revisions":     r.count(db.StatusEdit.Query().Where(statusedit.StatusID(st.ID))),
			"search rows":   r.searchRows(st.ID),
			"tag links":     r.count(db.Status.Query().Where(status.HasTagsWith(tag.Name("cats")))),
		}
		for what, n := range left {
			if n != 0 {
				t.Errorf("%d %s left after deleting the status", n, what)
			}
		}
		if r.count(db.Tag.Query().Where(tag.Name("cats"))) != 1 {
			t.Errorf("the hashtag itself went with the status")
		}
		if n := r.reload(root).RepliesCount; n != 0 {
			t.Errorf("the replied-to status still counts %d replies", n)
		}
		if n := r.account(alice).StatusesCount; n != 0 {
			t.Errorf("alice still has %d statuses counted", n)
		}
	})
}

// TestDeleteKeepsTheMediaForRedrafting: a client redrafts a deleted status by posting
// its source again with the same attachments, so they must survive, unattached.
func TestDeleteKeepsTheMediaForRedrafting(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		m := db.MediaAttachment.Create().SetAccountID(alice.ID).SetProcessing(mediaattachment.ProcessingPROCESSED).SaveX(r.ctx)
		st := r.post(alice, posting.NewStatus{Draft: posting.Draft{Text: "look", MediaIDs: []string{m.ID}}})
		if _, err := r.svc.Delete(r.ctx, alice.ID, st.ID); err != nil {
			t.Fatal(err)
		}
		if r.count(db.MediaAttachment.Query().Where(mediaattachment.ID(m.ID), mediaattachment.Not(mediaattachment.HasStatus()))) != 1 {
			t.Fatal("the attachment is gone or still attached")
		}
		r.post(alice, posting.NewStatus{Draft: posting.Draft{Text: "look again", MediaIDs: []string{m.ID}}})
	})
}

func TestDeleteOnlyTheAuthorsOwnStatuses(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		bobs := r.say(bob, "bob's")
		boost := r.boost(alice, bobs)
		everyone := r.listen(hub.PublicStream(), hub.HomeStream(bob.ID), hub.HomeStream(alice.ID))

		if _, err := r.svc.Delete(r.ctx, alice.ID, bobs.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("deleting someone else's status: %v, want NOT_FOUND", err)
		}
		if _, err := r.svc.Delete(r.ctx, alice.ID, boost.ID); err == nil {
			t.Errorf("a boost was deleted as a status; unboosting is interact's job")
		}
		if r.count(db.Status.Query()) != 2 || r.account(bob).StatusesCount != 1 {
			t.Errorf("a refused deletion deleted or uncounted something")
		}
		if d := received(everyone); len(d) != 0 {
			t.Errorf("a refused deletion was announced: %+v", d)
		}
	})
}

func TestDeleteAnnouncesTheDeletionAfterCommit(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol, dave := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob"),
			testrig.LocalAccount(t, db, "carol"), testrig.LocalAccount(t, db, "dave")
		r.follow(bob, alice)
		r.follow(carol, dave)
		st := r.say(alice, "soon gone")
		r.boost(dave, st) // carol saw it at home through dave's boost
		subs := map[string]*hub.Subscription{
			"alice's home": r.listen(hub.HomeStream(alice.ID)),
			"bob's home":   r.listen(hub.HomeStream(bob.ID)),
			"public":       r.listen(hub.PublicStream()),
			"local":        r.listen(hub.LocalStream()),
		}
		carolsHome := r.listen(hub.HomeStream(carol.ID))

		if _, err := r.svc.Delete(r.ctx, alice.ID, st.ID); err != nil {
			t.Fatal(err)
		}
		for name, sub := range subs {
			wantOne(t, name, sub, hub.StatusDeleted, st, alice)
		}
		t.Run("boosts' audiences", func(t *testing.T) {
			if d := received(carolsHome); len(d) == 0 {
				t.Errorf("carol's home heard nothing of the deletion")
			}
		})
	})
}
