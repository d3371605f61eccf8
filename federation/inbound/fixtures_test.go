package inbound_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/report"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/statusedit"
	"github.com/fedigraph/fedigraph/federation/inbound"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestMastodonFixtures applies, in order, the activities a Mastodon server sends
// about a local account, in the shapes federation/ap's fixtures keep, to a world
// where the local account bob and his status the fixtures name exist.
func TestMastodonFixtures(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		bob, mallory := r.local("bob"), r.local("mallory")
		bobsStatus := db.Status.Create().SetID(ids.New(testTime)).SetAccountID(bob.ID).
			SetURI("https://fedigraph.example/users/bob/statuses/01HRZ8K2Q3W4E5R6T7Y8U9I0OP").
			SetContent("<p>spring!</p>").SetThreadID("t").SaveX(r.ctx)
		alice := r.fixtureActor("mastodon_actor.json")
		if alice.Username != "alice" || alice.Domain != "mastodon.example" || !alice.Locked || alice.FollowersURI == "" || alice.PublicKey == "" {
			t.Fatalf("stored actor %+v", alice)
		}

		steps := []struct {
			fixture string
			check   func()
		}{
			{"mastodon_create_note.json", func() {
				st := r.statusByURI("https://mastodon.example/users/alice/statuses/112233445566778899")
				if st == nil || st.InReplyToID == nil || *st.InReplyToID != bobsStatus.ID || st.SpoilerText != "garden pics" || st.Language != "en" {
					t.Errorf("reply %+v", st)
				}
				if n := testrig.Notifications(t, db, bob, notification.TypeMENTION); n != 1 {
					t.Errorf("bob got %d mention notifications", n)
				}
			}},
			{"mastodon_update_note.json", func() {
				if n := testrig.Count(t, db.StatusEdit.Query().Where(statusedit.HasStatusWith(status.URI("https://mastodon.example/users/alice/statuses/112233445566778899")))); n != 1 {
					t.Errorf("%d revisions after the Update", n)
				}
			}},
			{"mastodon_like.json", func() {
				if n := testrig.Count(t, db.Favourite.Query().Where(favourite.AccountID(alice.ID), favourite.URI("https://mastodon.example/users/alice#likes/556677"))); n != 1 {
					t.Errorf("%d favourites", n)
				}
			}},
			{"mastodon_announce.json", func() {
				if st := r.statusByURI("https://mastodon.example/users/alice/statuses/112233445566779000/activity"); st == nil || st.ReblogOfID == nil {
					t.Errorf("boost %+v", st)
				}
			}},
			{"mastodon_follow.json", func() {
				if n := testrig.Count(t, db.Follow.Query().Where(follow.AccountID(alice.ID), follow.TargetAccountID(bob.ID))); n != 1 {
					t.Errorf("%d follows", n)
				}
			}},
			{"mastodon_undo_follow.json", func() {
				if n := testrig.Count(t, db.Follow.Query().Where(follow.AccountID(alice.ID))); n != 0 {
					t.Errorf("%d follows after Undo", n)
				}
			}},
			{"mastodon_block.json", func() {
				if n := testrig.Count(t, db.Block.Query()); n != 1 {
					t.Errorf("%d blocks", n)
				}
			}},
			{"mastodon_delete_note.json", func() {
				if r.statusByURI("https://mastodon.example/users/alice/statuses/112233445566778899") != nil {
					t.Error("the Delete left the status")
				}
			}},
		}
		for _, s := range steps {
			for range 2 { // each twice: a second delivery changes nothing
				if err := r.fixture(alice, s.fixture); err != nil {
					t.Fatalf("%s: %v", s.fixture, err)
				}
			}
			s.check()
		}
		_ = mallory

		// The Flag comes from the instance actor.
		instance := r.remote("mastodon.example", "mastodon.example", func(m map[string]any) {
			m["id"], m["inbox"] = "https://mastodon.example/actor", "https://mastodon.example/actor/inbox"
			m["type"] = "Application"
		})
		if err := r.fixture(instance, "mastodon_flag.json"); err != nil {
			t.Fatal(err)
		}
		if rep, err := db.Report.Query().Where(report.TargetAccountID(mallory.ID)).Only(r.ctx); err != nil || rep.Comment != "Spam links in replies" {
			t.Errorf("report %+v, %v", rep, err)
		}
		// Signed by alice, the Flag's actor is not its signer.
		wantErr(t, r.fixture(alice, "mastodon_flag.json"), inbound.ErrForbidden)

		// Accept of bob's follow of alice, as Mastodon words it.
		db.FollowRequest.Create().SetAccountID(bob.ID).SetTargetAccountID(alice.ID).
			SetURI("https://fedigraph.example/users/bob/follow/01HS0A1B2C3D4E5F6G7H8J9K0M").ExecX(r.ctx)
		if err := r.fixture(alice, "mastodon_accept_follow.json"); err != nil {
			t.Fatal(err)
		}
		if n := testrig.Count(t, db.Follow.Query().Where(follow.AccountID(bob.ID), follow.TargetAccountID(alice.ID))); n != 1 {
			t.Errorf("the Accept made %d follows", n)
		}
		if n := testrig.Count(t, db.FollowRequest.Query().Where(followrequest.AccountID(bob.ID))); n != 0 {
			t.Errorf("the Accept left %d requests", n)
		}
	})
}

func TestOtherServersPosts(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		for actor, create := range map[string]string{
			"gotosocial_actor.json": "gotosocial_create_note.json",
			"akkoma_actor.json":     "akkoma_create_note.json",
			"misskey_actor.json":    "misskey_create_note.json",
			"pixelfed_actor.json":   "pixelfed_create_note.json",
		} {
			a := r.fixtureActor(actor)
			if err := r.fixture(a, create); err != nil {
				t.Errorf("%s: %v", create, err)
				continue
			}
			if n := testrig.Count(t, db.Status.Query().Where(status.AccountID(a.ID))); n != 1 {
				t.Errorf("%s stored %d statuses", create, n)
			}
		}
		frank, err := db.Account.Query().Where(accountURI("https://misskey.example/users/9k2x7abcde")).Only(r.ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantErr(t, r.fixture(frank, "akkoma_emojireact.json"), inbound.ErrForbidden) // not frank's
	})
}
