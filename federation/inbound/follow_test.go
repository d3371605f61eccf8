package inbound_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/federation/inbound"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func followOf(id string, actor, object *entAccount) map[string]any {
	return map[string]any{"id": id, "type": "Follow", "actor": actor.URI, "object": object.URI}
}

func TestFollowOfAnUnlockedAccountIsAcceptedAtOnce(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob := r.remote("bob", "remote.example")
		f := followOf("https://remote.example/follows/1", bob, alice)
		r.mustApply(bob, f)

		row, err := db.Follow.Query().Where(follow.AccountID(bob.ID), follow.TargetAccountID(alice.ID)).Only(r.ctx)
		if err != nil || row.URI != "https://remote.example/follows/1" {
			t.Fatalf("follow %+v, %v", row, err)
		}
		if got := r.reload(alice).FollowersCount; got != 1 {
			t.Errorf("followers_count = %d", got)
		}
		if n := testrig.Notifications(t, db, alice, notification.TypeFOLLOW); n != 1 {
			t.Errorf("%d follow notifications", n)
		}
		want := federate.Activity{Kind: federate.AcceptFollow, ActorID: alice.ID, TargetID: bob.ID, ObjectURI: "https://remote.example/follows/1"}
		if sent := r.fed.take(); len(sent) != 1 || sent[0].Kind != want.Kind || sent[0].ActorID != want.ActorID ||
			sent[0].TargetID != want.TargetID || sent[0].ObjectURI != want.ObjectURI {
			t.Errorf("federated %+v, want %+v", sent, want)
		}

		// The same Follow again: nothing changes, nothing is sent.
		r.mustApply(bob, f)
		if sent := r.fed.take(); len(sent) != 0 {
			t.Errorf("a repeated Follow federated %+v", sent)
		}
		if got := r.reload(alice).FollowersCount; got != 1 {
			t.Errorf("followers_count = %d after a repeated Follow", got)
		}
		// A new Follow of an account already followed: its server lost track; the
		// Accept goes again, for the new ID.
		r.mustApply(bob, followOf("https://remote.example/follows/2", bob, alice))
		if sent := r.fed.take(); len(sent) != 1 || sent[0].ObjectURI != "https://remote.example/follows/2" {
			t.Errorf("a new Follow federated %+v", sent)
		}
		if n := testrig.Notifications(t, db, alice, notification.TypeFOLLOW); n != 1 {
			t.Errorf("%d follow notifications after a new Follow", n)
		}

		// Undo, by the embedded Follow.
		r.mustApply(bob, map[string]any{"id": "https://remote.example/follows/2/undo", "type": "Undo", "actor": bob.URI,
			"object": followOf("https://remote.example/follows/2", bob, alice)})
		if n := testrig.Count(t, db.Follow.Query()); n != 0 {
			t.Errorf("%d follows after Undo", n)
		}
		if got := r.reload(alice).FollowersCount; got != 0 {
			t.Errorf("followers_count = %d after Undo", got)
		}
	})
}

func TestFollowOfALockedAccountWaitsForApproval(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		db.Account.UpdateOne(alice).SetLocked(true).ExecX(r.ctx)
		bob, carol := r.remote("bob", "remote.example"), r.remote("carol", "remote.example")
		r.mustApply(bob, followOf("https://remote.example/follows/bob", bob, alice))
		r.mustApply(carol, followOf("https://remote.example/follows/carol", carol, alice))
		if n := testrig.Count(t, db.FollowRequest.Query().Where(followrequest.TargetAccountID(alice.ID))); n != 2 {
			t.Fatalf("%d follow requests", n)
		}
		if n := testrig.Notifications(t, db, alice, notification.TypeFOLLOW_REQUEST); n != 2 {
			t.Errorf("%d follow_request notifications", n)
		}
		if sent := r.fed.take(); len(sent) != 0 {
			t.Errorf("federated %+v before approval", sent)
		}

		if _, err := r.rel.AcceptFollowRequest(r.ctx, alice.ID, bob.ID); err != nil {
			t.Fatal(err)
		}
		if sent := r.fed.take(); len(sent) != 1 || sent[0].Kind != federate.AcceptFollow || sent[0].TargetID != bob.ID ||
			sent[0].ObjectURI != "https://remote.example/follows/bob" {
			t.Errorf("approval federated %+v", sent)
		}
		if _, err := r.rel.RejectFollowRequest(r.ctx, alice.ID, carol.ID); err != nil {
			t.Fatal(err)
		}
		if sent := r.fed.take(); len(sent) != 1 || sent[0].Kind != federate.RejectFollow || sent[0].TargetID != carol.ID ||
			sent[0].ObjectURI != "https://remote.example/follows/carol" {
			t.Errorf("refusal federated %+v", sent)
		}
		if n := testrig.Count(t, db.Follow.Query().Where(follow.AccountID(bob.ID))); n != 1 {
			t.Errorf("bob's approved request made %d follows", n)
		}
	})
}

func TestFollowAcrossABlockIsRejected(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob := r.remote("bob", "remote.example")
		if _, err := r.rel.Block(r.ctx, alice.ID, bob.ID); err != nil {
			t.Fatal(err)
		}
		r.fed.take()
		r.mustApply(bob, followOf("https://remote.example/follows/1", bob, alice))
		if n := testrig.Count(t, db.Follow.Query()) + testrig.Count(t, db.FollowRequest.Query()); n != 0 {
			t.Errorf("a blocked account's Follow made %d rows", n)
		}
		if sent := r.fed.take(); len(sent) != 1 || sent[0].Kind != federate.RejectFollow {
			t.Errorf("federated %+v, want a Reject", sent)
		}
		if n := testrig.Notifications(t, db, alice, notification.TypeFOLLOW); n != 0 {
			t.Errorf("%d follow notifications", n)
		}
	})
}

func TestFollowOfNoLocalAccountIsNotFound(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		bob, carol := r.remote("bob", "remote.example"), r.remote("carol", "other.example")
		wantErr(t, r.apply(bob, followOf("https://remote.example/follows/1", bob, carol)), inbound.ErrNotFound)
	})
}

func TestAcceptAndRejectOfOurFollow(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, carol := r.local("alice"), r.local("carol")
		bob := r.remote("bob", "remote.example")
		mallory := r.remote("mallory", "remote.example")
		for _, a := range []*entAccount{alice, carol} {
			if _, err := r.rel.Follow(r.ctx, a.ID, bob.ID, relationsDefaults()); err != nil {
				t.Fatal(err)
			}
		}
		sent := r.fed.take()
		if len(sent) != 2 || sent[0].Kind != federate.Follow {
			t.Fatalf("following a remote account federated %+v", sent)
		}
		aliceReq, _ := db.FollowRequest.Query().Where(followrequest.AccountID(alice.ID)).Only(r.ctx)

		// Only the followed account may accept: mallory naming alice's request changes nothing.
		r.mustApply(mallory, map[string]any{"id": "https://remote.example/accepts/m", "type": "Accept", "actor": mallory.URI, "object": aliceReq.URI})
		if n := testrig.Count(t, db.Follow.Query()); n != 0 {
			t.Fatalf("another account's Accept made %d follows", n)
		}

		// Accept by ID, as Mastodon sends it (the Follow embedded with our ID).
		accept := map[string]any{"id": "https://remote.example/accepts/1", "type": "Accept", "actor": bob.URI,
			"object": map[string]any{"id": aliceReq.URI, "type": "Follow", "actor": alice.URI, "object": bob.URI}}
		r.mustApply(bob, accept)
		r.mustApply(bob, accept)
		if n := testrig.Count(t, db.Follow.Query().Where(follow.AccountID(alice.ID), follow.TargetAccountID(bob.ID))); n != 1 {
			t.Errorf("alice follows bob %d times", n)
		}
		if got := r.reload(bob).FollowersCount; got != 1 {
			t.Errorf("bob's followers_count = %d", got)
		}
		if sent := r.fed.take(); len(sent) != 0 {
			t.Errorf("an Accept federated %+v", sent)
		}

		// Accept without our ID (a server that forgot it): recognised by who follows whom.
		r.mustApply(bob, map[string]any{"id": "https://remote.example/accepts/2", "type": "Accept", "actor": bob.URI,
			"object": map[string]any{"type": "Follow", "actor": carol.URI, "object": bob.URI}})
		if n := testrig.Count(t, db.Follow.Query().Where(follow.AccountID(carol.ID))); n != 1 {
			t.Errorf("carol's follow was not accepted")
		}

		// Reject of an accepted follow ends it, without an Undo going back.
		r.mustApply(bob, map[string]any{"id": "https://remote.example/rejects/1", "type": "Reject", "actor": bob.URI, "object": aliceReq.URI})
		if n := testrig.Count(t, db.Follow.Query().Where(follow.AccountID(alice.ID))); n != 0 {
			t.Errorf("a Reject left alice's follow")
		}
		if got := r.reload(alice).FollowingCount; got != 0 {
			t.Errorf("alice's following_count = %d", got)
		}
		if sent := r.fed.take(); len(sent) != 0 {
			t.Errorf("a Reject federated %+v", sent)
		}
	})
}

func TestBlockFromRemote(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob := r.remote("bob", "remote.example")
		r.mustApply(bob, followOf("https://remote.example/follows/1", bob, alice))
		if _, err := r.rel.Follow(r.ctx, alice.ID, bob.ID, relationsDefaults()); err != nil {
			t.Fatal(err)
		}
		blockDoc := map[string]any{"id": "https://remote.example/blocks/1", "type": "Block", "actor": bob.URI, "object": alice.URI}
		r.mustApply(bob, blockDoc)
		r.mustApply(bob, blockDoc)
		if n := testrig.Count(t, db.Block.Query().Where(block.AccountID(bob.ID), block.TargetAccountID(alice.ID), block.URI("https://remote.example/blocks/1"))); n != 1 {
			t.Errorf("%d block rows", n)
		}
		if n := testrig.Count(t, db.Follow.Query()) + testrig.Count(t, db.FollowRequest.Query()); n != 0 {
			t.Errorf("%d follows left across the block", n)
		}
		if got := r.reload(alice).FollowersCount; got != 0 {
			t.Errorf("alice's followers_count = %d", got)
		}
		// Undo by the Block's ID alone.
		r.mustApply(bob, map[string]any{"id": "https://remote.example/blocks/1/undo", "type": "Undo", "actor": bob.URI, "object": "https://remote.example/blocks/1"})
		if n := testrig.Count(t, db.Block.Query()); n != 0 {
			t.Errorf("Undo left %d blocks", n)
		}
	})
}
