package relations_test

import (
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/mute"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestBlocksAndMutesListWhoTheActorHides(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := r.local("alice"), r.local("bob"), r.local("carol")
		dave, erin, frank := r.local("dave"), r.local("erin"), r.local("frank")
		tick := func() { r.now = r.now.Add(time.Second) }

		for _, a := range []*ent.Account{bob, carol} {
			r.ok(r.svc.Block(r.ctx, alice.ID, a.ID))
			tick()
		}
		r.ok(r.svc.Block(r.ctx, frank.ID, alice.ID)) // frank's block is not alice's
		r.ok(r.svc.Mute(r.ctx, alice.ID, dave.ID, relations.MuteOptions{Duration: time.Hour}))
		tick()
		r.ok(r.svc.Mute(r.ctx, alice.ID, erin.ID, relations.MuteOptions{}))

		blocked := func() []string {
			bs, err := r.svc.Blocks(alice.ID).Order(ent.Desc(block.FieldID)).All(r.ctx)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, b := range bs {
				out = append(out, b.TargetAccountID)
			}
			return out
		}
		muted := func() []string {
			ms, err := r.svc.Mutes(alice.ID).Order(ent.Desc(mute.FieldID)).All(r.ctx)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, m := range ms {
				out = append(out, m.TargetAccountID)
			}
			return out
		}

		if got, want := blocked(), []string{carol.ID, bob.ID}; !slices.Equal(got, want) {
			t.Errorf("blocks, most recent first: %v, want %v", got, want)
		}
		if got, want := muted(), []string{erin.ID, dave.ID}; !slices.Equal(got, want) {
			t.Errorf("mutes, most recent first: %v, want %v", got, want)
		}

		// A suspended account drops out; an expired mute drops out.
		db.Account.UpdateOne(carol).SetSuspendedAt(r.now).ExecX(r.ctx)
		r.now = r.now.Add(2 * time.Hour)
		if got, want := blocked(), []string{bob.ID}; !slices.Equal(got, want) {
			t.Errorf("blocks after carol's suspension: %v, want %v", got, want)
		}
		if got, want := muted(), []string{erin.ID}; !slices.Equal(got, want) {
			t.Errorf("mutes after dave's expired: %v, want %v", got, want)
		}
	})
}
