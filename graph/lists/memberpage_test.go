package lists_test

import (
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMemberPagesMostRecentlyAddedFirst(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.account("alice"), r.account("bob")
		l := r.create(alice, "friends")
		var added []*ent.Account
		for _, name := range []string{"m1", "m2", "m3", "m4", "m5"} {
			m := r.account(name)
			r.follow(alice, m)
			if err := r.svc.AddAccounts(r.ctx, alice.ID, l.ID, []string{m.ID}); err != nil {
				t.Fatal(err)
			}
			added = append([]*ent.Account{m}, added...)
		}
		db.Account.UpdateOne(added[1]).SetSuspendedAt(db.Account.GetX(r.ctx, alice.ID).CreatedAt).ExecX(r.ctx)
		want := []string{added[0].ID, added[2].ID, added[3].ID, added[4].ID}

		var got []string
		w := paging.Window{Limit: 3}
		pages := 0
		for {
			page, more, err := r.svc.MemberPage(r.ctx, alice.ID, l.ID, w)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, m := range page {
				got = append(got, m.Edges.Account.ID)
			}
			if !more {
				break
			}
			w.MaxID = page[len(page)-1].ID
		}
		if !slices.Equal(got, want) || pages != 2 {
			t.Errorf("paged %v in %d pages, want %v in 2 (newest first, suspended left out)", got, pages, want)
		}

		if _, _, err := r.svc.MemberPage(r.ctx, bob.ID, l.ID, paging.Window{Limit: 3}); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("bob paging alice's list: %v, want NotFound", err)
		}
	})
}
