package serve

import (
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

func TestNegotiate(t *testing.T) {
	cases := []struct {
		accept string
		want   want
	}{
		{"application/activity+json", wantActivity},
		{`application/ld+json; profile="https://www.w3.org/ns/activitystreams"`, wantActivity},
		{"application/ld+json", wantActivity},
		{"application/json", wantActivity},
		{"application/activity+json, application/ld+json", wantActivity},
		{"application/activity+json, text/html", wantActivity},
		{"text/html, application/activity+json;q=0.9", wantHTML},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", wantHTML},
		{"*/*", wantHTML},
		{"", wantHTML},
		{"application/*", wantActivity},
		{"application/activity+json, */*;q=0.1", wantActivity},
		{"TEXT/HTML", wantHTML},
		{"image/png", wantNothing},
		{"application/activity+json;q=0, text/html;q=0", wantNothing},
		{"application/activity+json;q=bogus", wantActivity},
	}
	for _, c := range cases {
		if got := negotiate(c.accept); got != c.want {
			t.Errorf("negotiate(%q) = %d, want %d", c.accept, got, c.want)
		}
	}
}

// loadStatuses must load what ap.LoadStatus loads: a page rendered from it must be
// the same, item for item, as statuses rendered one by one.
func TestLoadStatusesMatchesLoadStatus(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		u := uris.Builder{Protocol: "https", Host: testrig.TestHost}
		render := ap.Renderer{URIs: u}
		alice := testrig.LocalAccount(t, db, "alice")
		bob := testrig.RemoteAccount(t, db, "bob", "remote.test")
		mk := func(n int, vis status.Visibility) string {
			at := time.Date(2026, 1, 1, 0, n, 0, 0, time.UTC)
			st := db.Status.Create().SetCreatedAt(at).SetAccountID(alice.ID).
				SetURI(u.Base() + "/users/alice/statuses/" + string(rune('a'+n))).
				SetContent("<p>hi</p>").SetVisibility(vis).SaveX(ctx)
			return st.ID
		}
		first := mk(1, status.VisibilityPUBLIC)
		reply := mk(2, status.VisibilityUNLISTED)
		db.Status.UpdateOneID(reply).SetInReplyToID(first).SetInReplyToAccountID(alice.ID).ExecX(ctx)
		db.Mention.Create().SetStatusID(reply).SetAccountID(bob.ID).ExecX(ctx)
		carol := testrig.RemoteAccount(t, db, "carol", "remote.test")
		db.Mention.Create().SetStatusID(reply).SetAccountID(carol.ID).ExecX(ctx)
		tag := db.Tag.Create().SetName("fedi").SaveX(ctx)
		db.Status.UpdateOneID(reply).AddTags(tag).ExecX(ctx)
		withPoll := mk(3, status.VisibilityPUBLIC)
		poll := db.Poll.Create().SetStatusID(withPoll).SetOptions([]string{"yes", "no"}).SaveX(ctx)
		db.PollVote.Create().SetPollID(poll.ID).SetAccountID(bob.ID).SetChoice(1).ExecX(ctx)
		boost := db.Status.Create().SetAccountID(alice.ID).SetURI(u.Base() + "/users/alice/statuses/boost").
			SetReblogOfID(first).SaveX(ctx).ID

		idList := []string{boost, withPoll, reply, first}
		batch, err := loadStatuses(ctx, db.Client, idList)
		if err != nil {
			t.Fatal(err)
		}
		if len(batch) != len(idList) {
			t.Fatalf("loaded %d statuses, want %d", len(batch), len(idList))
		}
		for i, st := range batch {
			if st.ID != idList[i] {
				t.Fatalf("item %d is %s, want %s (order kept)", i, st.ID, idList[i])
			}
			one, err := ap.LoadStatus(ctx, db.Client, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			var a, b []byte
			var errA, errB error
			if st.ReblogOfID != nil {
				a, errA = render.Announce(st, st.Edges.ReblogOf)
				b, errB = render.Announce(one, one.Edges.ReblogOf)
			} else {
				a, errA = render.Create(st)
				b, errB = render.Create(one)
			}
			if errA != nil || errB != nil {
				t.Fatalf("render %s: %v / %v", st.ID, errA, errB)
			}
			if string(a) != string(b) {
				t.Errorf("status %s renders differently:\nbatch: %s\n  one: %s", st.ID, a, b)
			}
		}
	})
}
