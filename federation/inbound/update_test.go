package inbound_test

import (
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/poll"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/statusedit"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/inbound"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// update turns a Create built by note into an Update of the same object.
func update(create map[string]any, id string, props map[string]any) map[string]any {
	obj := map[string]any{}
	for k, v := range create["object"].(map[string]any) {
		obj[k] = v
	}
	for k, v := range props {
		obj[k] = v
	}
	return map[string]any{"id": id, "type": "Update", "actor": create["actor"], "object": obj}
}

func TestUpdateEditsKeepHistory(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		bob := r.remote("bob", "remote.example")
		create := note(bob, "1", map[string]any{"tag": []any{map[string]any{"type": "Hashtag", "name": "#old"}}})
		r.mustApply(bob, create)
		st := r.statusByURI(bob.URI + "/statuses/1")
		public := r.listen(hub.PublicStream())

		edit := update(create, bob.URI+"/statuses/1#updates/1", map[string]any{
			"content": "<p>edited</p>", "updated": "2026-03-01T13:00:00Z",
			"tag": []any{map[string]any{"type": "Hashtag", "name": "#new"}},
		})
		r.mustApply(bob, edit)
		r.mustApply(bob, edit)
		st = testrig.ReloadStatus(t, db, st)
		if st.Content != "<p>edited</p>" || st.EditedAt == nil || !st.EditedAt.Equal(time.Date(2026, 3, 1, 13, 0, 0, 0, time.UTC)) {
			t.Errorf("edited status %+v", st)
		}
		revs, _ := db.StatusEdit.Query().Where(statusedit.StatusID(st.ID)).All(r.ctx)
		if len(revs) != 1 || revs[0].Content != "<p>post 1</p>" {
			t.Errorf("history %+v", revs)
		}
		tags, _ := st.QueryTags().All(r.ctx)
		if len(tags) != 1 || tags[0].Name != "new" {
			t.Errorf("tags after the edit: %v", tags)
		}
		if d := received(public); len(d) != 1 || d[0].Event.Kind != hub.StatusUpdated {
			t.Errorf("public got %v", kinds(d))
		}
		// An older revision delivered late changes nothing.
		r.mustApply(bob, update(create, bob.URI+"/statuses/1#updates/0", map[string]any{
			"content": "<p>stale</p>", "updated": "2026-03-01T12:30:00Z",
		}))
		if got := testrig.ReloadStatus(t, db, st).Content; got != "<p>edited</p>" {
			t.Errorf("a stale update was applied: %s", got)
		}
		// Someone else cannot edit it.
		mallory := r.remote("mallory", "remote.example")
		forged := update(create, mallory.URI+"/edit", map[string]any{"content": "<p>pwned</p>", "attributedTo": mallory.URI, "updated": "2026-03-02T00:00:00Z"})
		forged["actor"] = mallory.URI
		wantErr(t, r.apply(mallory, forged), inbound.ErrForbidden)
		if got := testrig.ReloadStatus(t, db, st).Content; got != "<p>edited</p>" {
			t.Errorf("another account edited the status: %s", got)
		}
	})
}

func TestUpdateOfAPollTakesItsCounts(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		bob := r.remote("bob", "remote.example")
		options := func(a, b int) []any {
			return []any{
				map[string]any{"type": "Note", "name": "yes", "replies": map[string]any{"type": "Collection", "totalItems": a}},
				map[string]any{"type": "Note", "name": "no", "replies": map[string]any{"type": "Collection", "totalItems": b}},
			}
		}
		create := note(bob, "q", map[string]any{"type": "Question", "oneOf": options(0, 0), "endTime": "2026-03-05T00:00:00Z"})
		r.mustApply(bob, create)
		st := r.statusByURI(bob.URI + "/statuses/q")
		p, err := db.Poll.Query().Where(poll.HasStatusWith(status.ID(st.ID))).Only(r.ctx)
		if err != nil || len(p.Options) != 2 || p.Multiple || p.ExpiresAt == nil {
			t.Fatalf("poll %+v, %v", p, err)
		}
		r.mustApply(bob, update(create, bob.URI+"/statuses/q#updates/1", map[string]any{
			"oneOf": options(3, 1), "votersCount": 4, "closed": "2026-03-05T00:00:00Z",
		}))
		p, _ = db.Poll.Get(r.ctx, p.ID)
		if len(p.RemoteCounts) != 2 || p.RemoteCounts[0] != 3 || p.RemoteCounts[1] != 1 || p.RemoteVotersCount == nil ||
			*p.RemoteVotersCount != 4 || p.ClosedAt == nil {
			t.Errorf("poll after the update %+v", p)
		}
		if n := testrig.Count(t, db.StatusEdit.Query()); n != 0 {
			t.Errorf("new counts made %d revisions", n)
		}
		// After an edit, servers send new counts with the edit's time: still taken.
		r.mustApply(bob, update(create, bob.URI+"/statuses/q#updates/2", map[string]any{
			"content": "<p>edited question</p>", "updated": "2026-03-02T00:00:00Z", "oneOf": options(3, 1), "votersCount": 4,
		}))
		r.mustApply(bob, update(create, bob.URI+"/statuses/q#updates/3", map[string]any{
			"content": "<p>edited question</p>", "updated": "2026-03-02T00:00:00Z", "oneOf": options(5, 1), "votersCount": 6,
		}))
		p, _ = db.Poll.Get(r.ctx, p.ID)
		if p.RemoteCounts[0] != 5 || *p.RemoteVotersCount != 6 {
			t.Errorf("counts sent with the last edit's time were not taken: %v", p.RemoteCounts)
		}
		if n := testrig.Count(t, db.StatusEdit.Query()); n != 1 {
			t.Errorf("%d revisions, want the edit's one", n)
		}
	})
}

func TestUpdateOfTheActorsProfile(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		bob := r.remote("bob", "remote.example")
		doc := map[string]any{"id": bob.URI + "#updates/1", "type": "Update", "actor": bob.URI,
			"object": map[string]any{"id": bob.URI, "type": "Person", "preferredUsername": "bob", "inbox": bob.InboxURI,
				"name": "Bob B.", "summary": "<p>hi<script>x</script></p>", "manuallyApprovesFollowers": true,
				"publicKey": map[string]any{"id": bob.URI + "#key2", "owner": bob.URI, "publicKeyPem": "PEM-new"}}}
		r.mustApply(bob, doc)
		got := r.reload(bob)
		if got.DisplayName != "Bob B." || got.Note != "<p>hi</p>" || !got.Locked || got.PublicKey != "PEM-new" || got.PublicKeyURI != bob.URI+"#key2" {
			t.Errorf("profile after Update %+v", got)
		}
		carol := r.remote("carol", "remote.example")
		doc["actor"], doc["id"] = carol.URI, carol.URI+"#updates/1"
		wantErr(t, r.apply(carol, doc), inbound.ErrForbidden)
	})
}

func TestDeleteStatus(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob, mallory := r.remote("bob", "remote.example"), r.remote("mallory", "remote.example")
		parent := r.post(alice, status.VisibilityPUBLIC)
		r.mustApply(bob, note(bob, "1", map[string]any{"inReplyTo": parent.URI,
			"attachment": []any{map[string]any{"type": "Document", "mediaType": "image/png", "url": "https://remote.example/a.png"}}}))
		st := r.statusByURI(bob.URI + "/statuses/1")
		public := r.listen(hub.PublicStream())

		del := map[string]any{"id": bob.URI + "/statuses/1#delete", "type": "Delete", "actor": bob.URI,
			"object": map[string]any{"id": st.URI, "type": "Tombstone"}}
		forged := map[string]any{"id": mallory.URI + "/statuses/1#delete", "type": "Delete", "actor": mallory.URI, "object": st.URI}
		wantErr(t, r.apply(mallory, forged), inbound.ErrForbidden)
		r.mustApply(bob, del)
		r.mustApply(bob, del)
		if r.statusByURI(st.URI) != nil {
			t.Fatal("status not deleted")
		}
		if got := r.reload(bob).StatusesCount; got != 0 {
			t.Errorf("statuses_count = %d", got)
		}
		if got := testrig.ReloadStatus(t, db, parent).RepliesCount; got != 0 {
			t.Errorf("replies_count = %d", got)
		}
		if n := testrig.Count(t, db.MediaAttachment.Query()); n != 0 {
			t.Errorf("%d attachments left", n)
		}
		if d := received(public); len(d) != 1 || d[0].Event.Kind != hub.StatusDeleted || d[0].Event.StatusID != st.ID {
			t.Errorf("public got %v", d)
		}
		// A Delete of what was never here is fine.
		r.mustApply(bob, map[string]any{"id": bob.URI + "/statuses/404#delete", "type": "Delete", "actor": bob.URI, "object": bob.URI + "/statuses/404"})
	})
}

func TestDeleteOfTheActorRemovesItsContent(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob := r.remote("bob", "remote.example")
		st := r.post(alice, status.VisibilityPUBLIC)
		r.mustApply(bob, followOf("https://remote.example/follows/1", bob, alice))
		if _, err := r.rel.Follow(r.ctx, alice.ID, bob.ID, relationsDefaults()); err != nil {
			t.Fatal(err)
		}
		r.mustApply(bob, note(bob, "1", nil))
		r.mustApply(bob, note(bob, "2", map[string]any{"inReplyTo": st.URI}))
		r.mustApply(bob, map[string]any{"id": "https://remote.example/likes/1", "type": "Like", "actor": bob.URI, "object": st.URI})
		r.mustApply(bob, map[string]any{"id": "https://remote.example/boosts/1", "type": "Announce", "actor": bob.URI, "to": []string{ap.Public}, "object": st.URI})

		del := map[string]any{"id": bob.URI + "#delete", "type": "Delete", "actor": bob.URI, "object": bob.URI}
		r.mustApply(bob, del)
		if err := r.apply(r.reload(bob), del); err != nil {
			t.Errorf("a second Delete of the actor, now suspended: %v", err)
		}
		if got := r.reload(bob); got.SuspendedAt == nil || got.StatusesCount != 0 {
			t.Errorf("bob after deletion %+v", got)
		}
		if n := testrig.Count(t, db.Status.Query().Where(status.AccountID(bob.ID))); n != 0 {
			t.Errorf("%d of bob's statuses left", n)
		}
		if n := testrig.Count(t, db.Follow.Query()) + testrig.Count(t, db.FollowRequest.Query()); n != 0 {
			t.Errorf("%d follows left", n)
		}
		if n := testrig.Count(t, db.Favourite.Query().Where(favourite.AccountID(bob.ID))); n != 0 {
			t.Errorf("%d of bob's favourites left", n)
		}
		st = testrig.ReloadStatus(t, db, st)
		if st.FavouritesCount != 0 || st.ReblogsCount != 0 || st.RepliesCount != 0 {
			t.Errorf("alice's status still counts bob's interactions: %+v", st)
		}
		if a := r.reload(alice); a.FollowersCount != 0 || a.FollowingCount != 0 {
			t.Errorf("alice's counters %d/%d", a.FollowersCount, a.FollowingCount)
		}
		// A suspended account's other activities are refused.
		wantErr(t, r.apply(r.reload(bob), note(bob, "3", nil)), inbound.ErrForbidden)
	})
}
