package media_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/media/mediatest"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestPrune(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{})
		img := mediatest.JPEG(64, 64, 0)
		attached, _ := r.upload(img, "")
		unattached, _ := r.upload(img, "")
		st := db.Status.Create().SetAccountID(r.alice.ID).SetURI("https://x/s/1").SetThreadID("t").SaveX(r.ctx)
		db.MediaAttachment.UpdateOneID(attached.ID).SetStatusID(st.ID).ExecX(r.ctx)
		oldAvatar, err := r.svc.StoreProfileImage(r.ctx, r.alice.ID, media.Avatar, bytes.NewReader(img))
		if err != nil {
			t.Fatal(err)
		}
		avatar, _ := r.svc.StoreProfileImage(r.ctx, r.alice.ID, media.Avatar, bytes.NewReader(img))
		db.Account.UpdateOneID(r.alice.ID).SetAvatarID(avatar.ID).ExecX(r.ctx)
		// A remote attachment cached here a while ago.
		remote, _ := r.upload(img, "")
		db.MediaAttachment.UpdateOneID(remote.ID).SetRemoteURL("https://remote.example/a.jpg").SetCached(true).
			SetStatusID(st.ID).SetUpdatedAt(time.Now().Add(-10 * 24 * time.Hour)).ExecX(r.ctx)
		// A file no row refers to.
		orphan := r.alice.ID + "/attachment/original/01NOSUCHATTACHMENT000000000.jpg"
		r.storage.Put(r.ctx, orphan, bytes.NewReader(img))

		// Two days on.
		r.svc.Now = func() time.Time { return time.Now().Add(48 * time.Hour) }
		opts := media.PruneOptions{RemoteOlderThan: 7 * 24 * time.Hour, DryRun: true}
		before := r.keys()
		rep, err := r.svc.Prune(r.ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		want := media.PruneReport{RemoteUncached: 1, UnattachedDeleted: 2, OrphanFiles: 1}
		rep.Bytes = 0
		if rep != want {
			t.Errorf("dry run: %+v, want %+v", rep, want)
		}
		if after := r.keys(); !slices.Equal(before, after) {
			t.Errorf("a dry run removed files")
		}

		opts.DryRun = false
		if _, err := r.svc.Prune(r.ctx, opts); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, m := range db.MediaAttachment.Query().Order(mediaattachment.ByID()).AllX(r.ctx) {
			ids = append(ids, m.ID)
		}
		wantIDs := []string{attached.ID, avatar.ID, remote.ID}
		slices.Sort(wantIDs) // IDs made in the same millisecond need not sort in creation order
		if !slices.Equal(ids, wantIDs) {
			t.Errorf("left %v, want %v (deleted: unattached %s, old avatar %s)", ids, wantIDs, unattached.ID, oldAvatar.ID)
		}
		if m := db.MediaAttachment.GetX(r.ctx, remote.ID); m.Cached || m.FilePath != "" || m.RemoteURL == "" {
			t.Errorf("remote media after prune: cached %v, path %q", m.Cached, m.FilePath)
		}
		keys := strings.Join(r.keys(), "\n")
		for _, gone := range []string{unattached.ID, oldAvatar.ID, remote.ID, "01NOSUCHATTACHMENT"} {
			if strings.Contains(keys, gone) {
				t.Errorf("files of %s still stored:\n%s", gone, keys)
			}
		}
		for _, kept := range []string{attached.FilePath, attached.PreviewPath, avatar.FilePath, avatar.PreviewPath} {
			if !strings.Contains(keys, kept) {
				t.Errorf("%s was removed", kept)
			}
		}
	})
}
