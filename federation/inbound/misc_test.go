package inbound_test

import (
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/pollvote"
	"github.com/fedigraph/fedigraph/ent/report"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/inbound"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestVotesInALocalPoll(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob := r.remote("bob", "remote.example")
		single, multi := r.post(alice, status.VisibilityPUBLIC), r.post(alice, status.VisibilityPUBLIC)
		expires := time.Now().Add(time.Hour)
		p1 := db.Poll.Create().SetStatus(single).SetOptions([]string{"tea", "coffee"}).SetExpiresAt(expires).SaveX(r.ctx)
		p2 := db.Poll.Create().SetStatus(multi).SetOptions([]string{"red", "green", "blue"}).SetMultiple(true).SetExpiresAt(expires).SaveX(r.ctx)
		vote := func(n, name string, poll *entStatus) map[string]any {
			return note(bob, n, map[string]any{"name": name, "inReplyTo": poll.URI, "content": nil, "to": []string{alice.URI}, "cc": nil})
		}

		r.mustApply(bob, vote("v1", "coffee", single))
		r.mustApply(bob, vote("v1", "coffee", single))
		// A second choice in a single-choice poll is dropped.
		wantErr(t, r.apply(bob, vote("v2", "tea", single)), inbound.ErrUnsupported)
		r.mustApply(bob, vote("v3", "red", multi))
		r.mustApply(bob, vote("v4", "blue", multi))
		r.mustApply(bob, vote("v4", "blue", multi))

		choices := func(pollID string) []int {
			vs, _ := db.PollVote.Query().Where(pollvote.PollID(pollID), pollvote.AccountID(bob.ID)).Order(pollvote.ByChoice()).All(r.ctx)
			out := []int{}
			for _, v := range vs {
				out = append(out, v.Choice)
			}
			return out
		}
		if got := choices(p1.ID); !slices.Equal(got, []int{1}) {
			t.Errorf("single-choice votes %v", got)
		}
		if got := choices(p2.ID); !slices.Equal(got, []int{0, 2}) {
			t.Errorf("multiple-choice votes %v", got)
		}
		if n := testrig.Count(t, db.Status.Query().Where(status.AccountID(bob.ID))); n != 0 {
			t.Errorf("votes were stored as %d statuses", n)
		}
		v, _ := db.PollVote.Query().Where(pollvote.PollID(p1.ID)).Only(r.ctx)
		if v == nil || v.URI != bob.URI+"/statuses/v1" {
			t.Errorf("vote %+v does not keep its ID", v)
		}
	})
}

func TestFlagReportsToModerators(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		admin, mallory := r.local("admin"), r.local("mallory")
		db.User.Update().Where().SetAdmin(true).Where(userOf(admin)).ExecX(r.ctx)
		instance := r.remote("remote.example", "remote.example")
		st, other := r.post(mallory, status.VisibilityPUBLIC), r.post(admin, status.VisibilityPUBLIC)
		flag := map[string]any{"id": "https://remote.example/flags/1", "type": "Flag", "actor": instance.URI,
			"content": "spam", "object": []string{mallory.URI, st.URI, other.URI, "https://remote.example/unknown"}}
		r.mustApply(instance, flag)
		r.mustApply(instance, flag)
		rep, err := db.Report.Query().Where(report.URI("https://remote.example/flags/1")).Only(r.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rep.AccountID != instance.ID || rep.TargetAccountID != mallory.ID || rep.Comment != "spam" || !slices.Equal(rep.StatusIds, []string{st.ID}) {
			t.Errorf("report %+v", rep)
		}
		if n := testrig.Notifications(t, db, admin, notification.TypeADMIN_REPORT); n != 1 {
			t.Errorf("%d admin.report notifications", n)
		}
		wantErr(t, r.apply(instance, map[string]any{"id": "https://remote.example/flags/2", "type": "Flag", "actor": instance.URI,
			"object": []string{"https://other.example/users/x"}}), inbound.ErrNotFound)
	})
}

func TestMoveTakesLocalFollowersAlong(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, carol := r.local("alice"), r.local("carol")
		old := r.remote("bob", "old.example")
		target := r.remote("bob", "new.example", func(m map[string]any) { m["alsoKnownAs"] = []string{old.URI} })
		stranger := r.remote("eve", "new.example")
		for _, a := range []*entAccount{alice, carol} {
			if _, err := r.rel.Follow(r.ctx, a.ID, old.ID, relationsDefaults()); err != nil {
				t.Fatal(err)
			}
			if _, err := r.rel.AcceptFollowRequest(r.ctx, old.ID, a.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := r.rel.Block(r.ctx, carol.ID, target.ID); err != nil {
			t.Fatal(err)
		}
		r.fed.take()

		// A Move to an account that does not name the old one is refused.
		wantErr(t, r.apply(old, map[string]any{"id": old.URI + "#moves/1", "type": "Move", "actor": old.URI, "object": old.URI, "target": stranger.URI}), inbound.ErrForbidden)

		move := map[string]any{"id": old.URI + "#moves/2", "type": "Move", "actor": old.URI, "object": old.URI, "target": target.URI}
		r.mustApply(old, move)
		r.mustApply(old, move)
		if got := r.reload(old); got.MovedToID == nil || *got.MovedToID != target.ID {
			t.Errorf("moved_to = %v", got.MovedToID)
		}
		if n := testrig.Count(t, db.FollowRequest.Query().Where(followrequest.AccountID(alice.ID), followrequest.TargetAccountID(target.ID))); n != 1 {
			t.Errorf("alice has %d requests to follow the new account", n)
		}
		if n := testrig.Count(t, db.Follow.Query().Where(follow.AccountID(alice.ID), follow.TargetAccountID(old.ID))); n != 0 {
			t.Errorf("alice still follows the old account")
		}
		if n := testrig.Count(t, db.Follow.Query().Where(follow.AccountID(carol.ID), follow.TargetAccountID(old.ID))); n != 1 {
			t.Errorf("carol, who blocks the new account, lost her follow of the old one")
		}
		var kinds []federate.Kind
		for _, a := range r.fed.take() {
			kinds = append(kinds, a.Kind)
		}
		if !slices.Equal(kinds, []federate.Kind{federate.Follow, federate.Unfollow}) {
			t.Errorf("the move federated %v, want a Follow of the new account and an Undo of the old", kinds)
		}
	})
}
