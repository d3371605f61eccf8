package interact_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/bookmark"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// Favourites and bookmarks list what the actor saved, most recently saved first, and
// only while the actor may still see it.
func TestSavedStatusesFollowVisibility(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		r.svc.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
		alice, bob, carol, dave := r.account("alice"), r.account("bob"), r.account("carol"), r.account("dave")
		r.follow(alice, carol)
		bobs := r.post(bob, status.VisibilityPUBLIC, nil)
		carols := r.post(carol, status.VisibilityFOLLOWERS_ONLY, nil)
		daves := r.post(dave, status.VisibilityPUBLIC, nil)
		// Saved in an order other than posted, to show which order the lists follow.
		for _, st := range []*ent.Status{carols, daves, bobs} {
			r.ok(r.svc.Favourite(r.ctx, alice.ID, st.ID))
			r.ok(r.svc.Bookmark(r.ctx, alice.ID, st.ID))
		}
		r.ok(r.svc.Favourite(r.ctx, bob.ID, daves.ID)) // bob's favourite is not alice's

		lists := map[string]func() []string{
			"favourites": func() []string {
				rows, err := r.svc.Favourites(alice.ID).Order(ent.Desc(favourite.FieldID)).All(r.ctx)
				return statusIDs(t, rows, err, func(f *ent.Favourite) string { return f.StatusID })
			},
			"bookmarks": func() []string {
				rows, err := r.svc.Bookmarks(alice.ID).Order(ent.Desc(bookmark.FieldID)).All(r.ctx)
				return statusIDs(t, rows, err, func(b *ent.Bookmark) string { return b.StatusID })
			},
		}
		for name, list := range lists {
			if got, want := list(), []string{bobs.ID, daves.ID, carols.ID}; !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", name, got, want)
			}
		}

		// alice stops following carol and dave blocks alice: both statuses drop out.
		db.Follow.Delete().Where(follow.AccountID(alice.ID)).ExecX(context.Background())
		r.block(dave, alice)
		for name, list := range lists {
			if got, want := list(), []string{bobs.ID}; !slices.Equal(got, want) {
				t.Errorf("%s after losing sight of two: %v, want %v", name, got, want)
			}
		}
	})
}

func statusIDs[T any](t *testing.T, rows []T, err error, statusID func(T) string) []string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(rows))
	for i, row := range rows {
		out[i] = statusID(row)
	}
	return out
}
