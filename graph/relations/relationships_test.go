package relations_test

import (
	"fmt"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestRelationshipsInOneBatch(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		var others []*ent.Account
		for i := range 5 {
			others = append(others, r.remote(fmt.Sprintf("user%d", i), fmt.Sprintf("server%d.test", i)))
		}
		r.ok(r.svc.Follow(r.ctx, alice.ID, others[0].ID, relations.FollowOptions{}))
		r.ok(r.svc.AcceptFollowRequest(r.ctx, others[0].ID, alice.ID))
		r.ok(r.svc.Block(r.ctx, alice.ID, others[1].ID))
		r.ok(r.svc.Mute(r.ctx, alice.ID, others[2].ID, relations.MuteOptions{Notifications: no}))
		r.ok(r.svc.SetNote(r.ctx, alice.ID, others[3].ID, "remote friend"))
		if err := db.AccountDomainBlock.Create().SetAccountID(alice.ID).SetDomain("server4.test").Exec(r.ctx); err != nil {
			t.Fatal(err)
		}
		if err := db.Block.Create().SetAccountID(others[4].ID).SetTargetAccountID(alice.ID).Exec(r.ctx); err != nil {
			t.Fatal(err)
		}

		counted, queries := testrig.CountingDB(db)
		svc := *r.svc
		svc.DB = counted
		ids := []string{others[4].ID, "01HUNKNOWNUNKNOWNUNKNOWN00", others[0].ID, others[1].ID, others[2].ID, others[3].ID, others[0].ID}
		rels, err := svc.Relationships(r.ctx, alice.ID, ids)
		if err != nil {
			t.Fatal(err)
		}
		many := queries.Swap(0)
		if _, err := svc.Relationships(r.ctx, alice.ID, ids[:1]); err != nil {
			t.Fatal(err)
		}
		if one := queries.Load(); one != many {
			t.Errorf("relationships of %d accounts took %d queries, of one account %d", len(ids), many, one)
		}

		want := []relations.Relationship{
			{ID: others[4].ID, DomainBlocking: true, BlockedBy: true},
			{ID: others[0].ID, Following: true, ShowingReblogs: true},
			{ID: others[1].ID, Blocking: true},
			{ID: others[2].ID, Muting: true},
			{ID: others[3].ID, Note: "remote friend"},
		}
		if len(rels) != len(want) {
			t.Fatalf("got %d relationships, want %d (unknown skipped, duplicates once)", len(rels), len(want))
		}
		for i, w := range want {
			if *rels[i] != w {
				t.Errorf("relationship %d = %+v, want %+v", i, *rels[i], w)
			}
		}
	})
}
