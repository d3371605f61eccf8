package relations_test

import (
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// listed runs a Followers or Following query and names the accounts listed.
func (r *rig) listed(q *ent.FollowQuery, err error, followers bool) ([]string, error) {
	r.t.Helper()
	if err != nil {
		return nil, err
	}
	rows, err := q.All(r.ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	var names []string
	for _, f := range rows {
		id := f.TargetAccountID
		if followers {
			id = f.AccountID
		}
		a, err := r.db.Account.Get(r.ctx, id)
		if err != nil {
			r.t.Fatal(err)
		}
		names = append(names, a.Username)
	}
	slices.Sort(names)
	return names, nil
}

func TestFollowerCollections(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, hidden := r.local("alice"), r.local("hidden", hidesCollections)
		bob, carol, viewer, blocker := r.local("bob"), r.local("carol"), r.local("viewer"), r.local("blocker")
		for _, a := range []*ent.Account{bob, carol, hidden} {
			r.ok(r.svc.Follow(r.ctx, a.ID, alice.ID, relations.FollowOptions{}))
		}
		r.ok(r.svc.Follow(r.ctx, alice.ID, bob.ID, relations.FollowOptions{}))
		for _, a := range []*ent.Account{bob, carol} {
			r.ok(r.svc.Follow(r.ctx, a.ID, hidden.ID, relations.FollowOptions{}))
		}
		r.ok(r.svc.Block(r.ctx, viewer.ID, carol.ID))
		r.ok(r.svc.Block(r.ctx, blocker.ID, viewer.ID))

		tests := []struct {
			name      string
			viewer    string
			owner     *ent.Account
			followers bool
			want      []string
			err       apperr.Code
		}{
			{"signed out sees all", "", alice, true, []string{"bob", "carol", "hidden"}, ""},
			{"viewer does not see whom they block", viewer.ID, alice, true, []string{"bob", "hidden"}, ""},
			{"following", viewer.ID, alice, false, []string{"bob"}, ""},
			{"hidden from others", viewer.ID, hidden, true, nil, ""},
			{"hidden from signed out", "", hidden, false, nil, ""},
			{"owner sees hidden followers", hidden.ID, hidden, true, []string{"bob", "carol"}, ""},
			{"owner sees hidden following", hidden.ID, hidden, false, []string{"alice"}, ""},
			{"owner that blocks the viewer is not found", viewer.ID, blocker, true, nil, apperr.NotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var got []string
				var err error
				if tt.followers {
					q, qerr := r.svc.Followers(r.ctx, tt.viewer, tt.owner.ID)
					got, err = r.listed(q, qerr, true)
				} else {
					q, qerr := r.svc.Following(r.ctx, tt.viewer, tt.owner.ID)
					got, err = r.listed(q, qerr, false)
				}
				if tt.err != "" {
					wantCode(t, err, tt.err)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("listed %v, want %v", got, tt.want)
				}
			})
		}
		_, err := r.svc.Followers(r.ctx, "", "01HUNKNOWNUNKNOWNUNKNOWN00")
		wantCode(t, err, apperr.NotFound)
	})
}
