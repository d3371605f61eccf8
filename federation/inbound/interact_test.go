package inbound_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/inbound"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestLikeAndUndo(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob := r.remote("bob", "remote.example")
		st := r.post(alice, status.VisibilityPUBLIC)
		like := map[string]any{"id": "https://remote.example/likes/1", "type": "Like", "actor": bob.URI, "object": st.URI}
		r.mustApply(bob, like)
		r.mustApply(bob, like)

		fav, err := db.Favourite.Query().Where(favourite.AccountID(bob.ID), favourite.StatusID(st.ID)).Only(r.ctx)
		if err != nil || fav.URI != "https://remote.example/likes/1" {
			t.Fatalf("favourite %+v, %v", fav, err)
		}
		if got := testrig.ReloadStatus(t, db, st).FavouritesCount; got != 1 {
			t.Errorf("favourites_count = %d", got)
		}
		if n := testrig.Notifications(t, db, alice, notification.TypeFAVOURITE); n != 1 {
			t.Errorf("%d favourite notifications", n)
		}
		if sent := r.fed.take(); len(sent) != 0 {
			t.Errorf("a remote like federated %+v", sent)
		}
		// Undo naming the Like by its ID only.
		undo := map[string]any{"id": "https://remote.example/likes/1/undo", "type": "Undo", "actor": bob.URI, "object": "https://remote.example/likes/1"}
		r.mustApply(bob, undo)
		r.mustApply(bob, undo)
		if got := testrig.ReloadStatus(t, db, st).FavouritesCount; got != 0 {
			t.Errorf("favourites_count = %d after Undo", got)
		}
		if n := testrig.Notifications(t, db, alice, notification.TypeFAVOURITE); n != 0 {
			t.Errorf("%d favourite notifications after Undo", n)
		}
	})
}

func TestLikeOfWhatIsNotLocalOrNotVisible(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob := r.remote("bob", "remote.example")
		private := r.post(alice, status.VisibilityFOLLOWERS_ONLY)
		wantErr(t, r.apply(bob, map[string]any{"id": "https://remote.example/likes/1", "type": "Like", "actor": bob.URI, "object": "https://other.example/statuses/1"}), inbound.ErrNotFound)
		wantErr(t, r.apply(bob, map[string]any{"id": "https://remote.example/likes/2", "type": "Like", "actor": bob.URI, "object": private.URI}), inbound.ErrNotFound)
		if n := testrig.Count(t, db.Favourite.Query()); n != 0 {
			t.Errorf("%d favourites", n)
		}
	})
}

func TestAnnounceAndUndo(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, carol := r.local("alice"), r.local("carol")
		bob := r.remote("bob", "remote.example")
		if _, err := r.rel.Follow(r.ctx, carol.ID, bob.ID, relationsDefaults()); err != nil {
			t.Fatal(err)
		}
		r.mustApply(bob, map[string]any{"id": "https://remote.example/accept/1", "type": "Accept", "actor": bob.URI,
			"object": map[string]any{"type": "Follow", "actor": carol.URI, "object": bob.URI}})
		st := r.post(alice, status.VisibilityPUBLIC)
		carolsHome := r.listen(hub.HomeStream(carol.ID))

		announce := map[string]any{"id": "https://remote.example/statuses/9/activity", "type": "Announce", "actor": bob.URI,
			"published": "2026-03-02T08:00:00Z", "to": []string{ap.Public}, "cc": []string{bob.FollowersURI, alice.URI}, "object": st.URI}
		r.mustApply(bob, announce)
		r.mustApply(bob, announce)

		boost := r.statusByURI("https://remote.example/statuses/9/activity")
		if boost == nil || boost.ReblogOfID == nil || *boost.ReblogOfID != st.ID || boost.AccountID != bob.ID || boost.Local ||
			boost.Visibility != status.VisibilityPUBLIC {
			t.Fatalf("boost %+v", boost)
		}
		if got := testrig.ReloadStatus(t, db, st).ReblogsCount; got != 1 {
			t.Errorf("reblogs_count = %d", got)
		}
		if n := testrig.Notifications(t, db, alice, notification.TypeREBLOG); n != 1 {
			t.Errorf("%d reblog notifications", n)
		}
		if d := received(carolsHome); len(d) != 1 || d[0].Event.Kind != hub.StatusCreated || d[0].Event.StatusID != boost.ID {
			t.Errorf("carol's home got %v", d)
		}

		// An Announce of a status not stored yet is fetched first.
		other := r.remote("dave", "other.example")
		r.res.notes["https://other.example/users/dave/statuses/1"] = mustNote(t, note(other, "1", nil))
		r.mustApply(bob, map[string]any{"id": "https://remote.example/statuses/10/activity", "type": "Announce", "actor": bob.URI,
			"to": []string{ap.Public}, "object": "https://other.example/users/dave/statuses/1"})
		if r.statusByURI("https://remote.example/statuses/10/activity") == nil {
			t.Error("the Announce of a fetched status was not stored")
		}

		r.mustApply(bob, map[string]any{"id": "https://remote.example/statuses/9/undo", "type": "Undo", "actor": bob.URI,
			"object": map[string]any{"id": "https://remote.example/statuses/9/activity", "type": "Announce", "actor": bob.URI, "object": st.URI}})
		if r.statusByURI("https://remote.example/statuses/9/activity") != nil {
			t.Error("Undo left the boost")
		}
		if got := testrig.ReloadStatus(t, db, st).ReblogsCount; got != 0 {
			t.Errorf("reblogs_count = %d after Undo", got)
		}
		if d := received(carolsHome); len(d) != 2 || d[1].Event.Kind != hub.StatusDeleted || d[1].Event.StatusID != boost.ID {
			t.Errorf("carol's home got %v, want the second boost and the first's deletion", kinds(d))
		}
	})
}

func TestUndoOfAnotherAccountsActivityIsForbidden(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob, mallory := r.remote("bob", "remote.example"), r.remote("mallory", "remote.example")
		st := r.post(alice, status.VisibilityPUBLIC)
		r.mustApply(bob, map[string]any{"id": "https://remote.example/likes/1", "type": "Like", "actor": bob.URI, "object": st.URI})
		err := r.apply(mallory, map[string]any{"id": "https://remote.example/undo/1", "type": "Undo", "actor": mallory.URI,
			"object": map[string]any{"id": "https://remote.example/likes/1", "type": "Like", "actor": bob.URI, "object": st.URI}})
		wantErr(t, err, inbound.ErrForbidden)
		// Naming it by ID finds nothing of mallory's to undo.
		r.mustApply(mallory, map[string]any{"id": "https://remote.example/undo/2", "type": "Undo", "actor": mallory.URI, "object": "https://remote.example/likes/1"})
		if got := testrig.ReloadStatus(t, db, st).FavouritesCount; got != 1 {
			t.Errorf("favourites_count = %d: another account undid bob's like", got)
		}
	})
}

func mustNote(t *testing.T, create map[string]any) *ap.Note {
	t.Helper()
	n, err := ap.ParseNote(mustJSON(t, withContext(create["object"].(map[string]any))))
	if err != nil {
		t.Fatal(err)
	}
	return n
}
