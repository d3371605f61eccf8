package interact_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestFavouriteAndUnfavourite(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.account("alice"), r.account("bob")
		post := r.post(bob, status.VisibilityPUBLIC, nil)
		bobHears := r.listen(hub.NotificationStream(bob.ID))

		got := r.ok(r.svc.Favourite(r.ctx, alice.ID, post.ID))
		if got.ID != post.ID || got.FavouritesCount != 1 {
			t.Errorf("Favourite returned %s with %d favourites, want %s with 1", got.ID, got.FavouritesCount, post.ID)
		}
		if !r.state(alice, post).Favourited {
			t.Errorf("alice's state does not show the favourite")
		}
		if n := r.notifications(bob, notification.TypeFAVOURITE); n != 1 {
			t.Errorf("bob has %d favourite notifications, want 1", n)
		}
		if d := received(bobHears); len(d) != 1 || d[0].Event.Kind != hub.NotificationCreated || d[0].Event.StatusID != post.ID {
			t.Errorf("bob's notification stream got %+v", d)
		}
		fav, err := db.Favourite.Query().Where(favourite.AccountID(alice.ID)).Only(r.ctx)
		if err != nil || fav.URI != "https://fedi.test/users/alice/like/"+fav.ID {
			t.Errorf("favourite URI = %q (%v)", fav.URI, err)
		}

		// Favouriting twice is fine and changes nothing.
		got = r.ok(r.svc.Favourite(r.ctx, alice.ID, post.ID))
		if got.FavouritesCount != 1 || r.notifications(bob, notification.TypeFAVOURITE) != 1 || len(received(bobHears)) != 0 {
			t.Errorf("a second favourite was counted or notified")
		}

		got = r.ok(r.svc.Unfavourite(r.ctx, alice.ID, post.ID))
		if got.FavouritesCount != 0 || r.state(alice, post).Favourited {
			t.Errorf("after unfavourite: %d favourites, state %+v", got.FavouritesCount, r.state(alice, post))
		}
		if n := r.notifications(bob, notification.TypeFAVOURITE); n != 0 {
			t.Errorf("the favourite notification outlived the favourite")
		}
		got = r.ok(r.svc.Unfavourite(r.ctx, alice.ID, post.ID))
		if got.FavouritesCount != 0 {
			t.Errorf("unfavouriting twice took the counter to %d", got.FavouritesCount)
		}
	})
}

func TestFavouriteOfBoostLandsOnOriginal(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := r.account("alice"), r.account("bob"), r.account("carol")
		post := r.post(bob, status.VisibilityPUBLIC, nil)
		r.ok(r.svc.Boost(r.ctx, carol.ID, post.ID, ""))
		boost, err := r.svc.BoostBy(r.ctx, carol.ID, post.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := r.ok(r.svc.Favourite(r.ctx, alice.ID, boost.ID))
		if got.ID != post.ID || got.FavouritesCount != 1 {
			t.Errorf("favouriting the boost returned %s with %d favourites, want the original with 1", got.ID, got.FavouritesCount)
		}
		if r.notifications(bob, notification.TypeFAVOURITE) != 1 || r.notifications(carol, notification.TypeFAVOURITE) != 0 {
			t.Errorf("the favourite notified the booster instead of the author")
		}
	})
}

func TestFavouriteNotificationFollowsRecipientsChoices(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		tests := []struct {
			name    string
			arrange func(actor, author *ent.Account, post *ent.Status)
			self    bool
			want    int
		}{
			{"plain", func(_, _ *ent.Account, _ *ent.Status) {}, false, 1},
			{"author mutes the actor", func(actor, author *ent.Account, _ *ent.Status) {
				if err := db.Mute.Create().SetAccountID(author.ID).SetTargetAccountID(actor.ID).Exec(r.ctx); err != nil {
					t.Fatal(err)
				}
			}, false, 0},
			{"actor blocks the author", func(actor, author *ent.Account, _ *ent.Status) { r.block(actor, author) }, false, 0},
			{"author muted the conversation", func(_, author *ent.Account, post *ent.Status) {
				r.ok(r.svc.MuteConversation(r.ctx, author.ID, post.ID))
			}, false, 0},
			{"own post", func(_, _ *ent.Account, _ *ent.Status) {}, true, 0},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				suffix := strings.Repeat("x", i+1)
				actor, author := r.account("actor"+suffix), r.account("author"+suffix)
				if tt.self {
					author = actor
				}
				post := r.post(author, status.VisibilityPUBLIC, nil)
				tt.arrange(actor, author, post)
				hears := r.listen(hub.NotificationStream(author.ID))

				got := r.ok(r.svc.Favourite(r.ctx, actor.ID, post.ID))
				if got.FavouritesCount != 1 {
					t.Errorf("the favourite was not counted")
				}
				if n := r.notifications(author, notification.TypeFAVOURITE); n != tt.want {
					t.Errorf("%d notifications, want %d", n, tt.want)
				}
				if n := len(received(hears)); n != tt.want {
					t.Errorf("%d notification events, want %d", n, tt.want)
				}
			})
		}
	})
}

func TestConcurrentFavouritesCountOnce(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.account("alice"), r.account("bob")
		post := r.post(bob, status.VisibilityPUBLIC, nil)
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() {
				_, err := r.svc.Favourite(r.ctx, alice.ID, post.ID)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("concurrent favourite: %v", err)
			}
		}
		if n := r.reload(post).FavouritesCount; n != 1 {
			t.Errorf("favourites_count = %d after one account favourited 8 times at once", n)
		}
	})
}
