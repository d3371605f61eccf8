package fanout_test

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/fanout"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// account makes an account without a user; fan-out only looks at domains.
func account(t *testing.T, db *store.DB, username, domain string) *ent.Account {
	t.Helper()
	host := domain
	if host == "" {
		host = testrig.TestHost
	}
	return db.Account.Create().SetUsername(username).SetDomain(domain).
		SetURI("https://" + host + "/users/" + username).SaveX(context.Background())
}

// TestStatusStreams checks each kind of status against the streams that must carry it
// and those that must not. Naming more streams than needed is allowed (subscribers
// re-check visibility), so only exclusions a visibility check cannot catch are listed:
// public timelines for what is not public, and boosts for followers who turned them off.
func TestStatusStreams(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		alice, bob, carol := account(t, db, "alice", ""), account(t, db, "bob", ""), account(t, db, "carol", "")
		dave, erin, frank, gina := account(t, db, "dave", ""), account(t, db, "erin", ""), account(t, db, "frank", ""), account(t, db, "gina", "")
		rfol, zed := account(t, db, "rfol", "remote.example"), account(t, db, "zed", "remote.example")

		db.Follow.Create().SetAccountID(bob.ID).SetTargetAccountID(alice.ID).ExecX(ctx)
		db.Follow.Create().SetAccountID(carol.ID).SetTargetAccountID(alice.ID).SetShowReblogs(false).ExecX(ctx)
		db.Follow.Create().SetAccountID(rfol.ID).SetTargetAccountID(alice.ID).ExecX(ctx)
		db.Follow.Create().SetAccountID(bob.ID).SetTargetAccountID(zed.ID).ExecX(ctx)
		withAlice := db.List.Create().SetAccountID(dave.ID).SetTitle("with alice").SaveX(ctx)
		db.ListMember.Create().SetListID(withAlice.ID).SetAccountID(alice.ID).ExecX(ctx)
		without := db.List.Create().SetAccountID(dave.ID).SetTitle("without").SaveX(ctx)
		db.ListMember.Create().SetListID(without.ID).SetAccountID(gina.ID).ExecX(ctx)
		cats := db.Tag.Create().SetName("cats").SaveX(ctx)
		db.TagFollow.Create().SetAccountID(erin.ID).SetTagID(cats.ID).ExecX(ctx)
		db.TagFollow.Create().SetAccountID(bob.ID).SetTagID(cats.ID).ExecX(ctx) // and follows alice

		n := 0
		post := func(author *ent.Account, vis status.Visibility, tagged bool) *ent.StatusCreate {
			n++
			c := db.Status.Create().SetAccountID(author.ID).SetVisibility(vis).
				SetURI("https://" + testrig.TestHost + "/s/" + string(rune('a'+n)))
			if tagged {
				c.AddTagIDs(cats.ID)
			}
			return c
		}
		direct := post(alice, status.VisibilityDIRECT, false).SaveX(ctx)
		db.Mention.Create().SetStatusID(direct.ID).SetAccountID(frank.ID).ExecX(ctx)
		ginas := post(gina, status.VisibilityPUBLIC, true).SaveX(ctx)

		home, list, directTo := hub.HomeStream, hub.ListStream, hub.DirectStream
		publicOnes := []hub.Stream{hub.PublicStream(), hub.LocalStream(), hub.RemoteStream(), hub.TagStream("cats"), hub.TagLocalStream("cats")}
		cases := []struct {
			name    string
			st      *ent.Status
			want    []hub.Stream
			mustNot []hub.Stream
		}{
			{"public and tagged", post(alice, status.VisibilityPUBLIC, true).SaveX(ctx),
				[]hub.Stream{home(alice.ID), home(bob.ID), home(carol.ID), list(withAlice.ID), hub.PublicStream(), hub.LocalStream(),
					hub.TagStream("cats"), hub.TagLocalStream("cats"), home(erin.ID)},
				[]hub.Stream{home(rfol.ID), list(without.ID), hub.RemoteStream()}},
			{"unlisted", post(alice, status.VisibilityUNLISTED, true).SaveX(ctx),
				[]hub.Stream{home(alice.ID), home(bob.ID), home(carol.ID), list(withAlice.ID)},
				slices.Concat(publicOnes, []hub.Stream{home(erin.ID), home(rfol.ID)})},
			{"followers only", post(alice, status.VisibilityFOLLOWERS_ONLY, true).SaveX(ctx),
				[]hub.Stream{home(alice.ID), home(bob.ID), home(carol.ID), list(withAlice.ID)},
				slices.Concat(publicOnes, []hub.Stream{home(erin.ID), home(gina.ID)})},
			{"direct", direct,
				[]hub.Stream{home(alice.ID), directTo(alice.ID), directTo(frank.ID)},
				slices.Concat(publicOnes, []hub.Stream{home(erin.ID), home(gina.ID), directTo(bob.ID)})},
			{"a boost", post(alice, status.VisibilityPUBLIC, false).SetReblogOfID(ginas.ID).SaveX(ctx),
				[]hub.Stream{home(alice.ID), home(bob.ID), list(withAlice.ID)},
				slices.Concat(publicOnes, []hub.Stream{home(carol.ID)})},
			{"remote, public and tagged", post(zed, status.VisibilityPUBLIC, true).SaveX(ctx),
				[]hub.Stream{home(bob.ID), hub.PublicStream(), hub.RemoteStream(), hub.TagStream("cats"), home(erin.ID)},
				[]hub.Stream{home(zed.ID), hub.LocalStream(), hub.TagLocalStream("cats"), home(carol.ID)}},
		}
		for _, c := range cases {
			got, err := fanout.StatusStreams(ctx, db.Client, c.st)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			for _, s := range c.want {
				if !slices.Contains(got, s) {
					t.Errorf("%s: %s missing from %v", c.name, s, got)
				}
			}
			for _, s := range c.mustNot {
				if slices.Contains(got, s) {
					t.Errorf("%s: %s named in %v", c.name, s, got)
				}
			}
			sorted := slices.Clone(got)
			slices.Sort(sorted)
			if len(slices.Compact(sorted)) != len(got) {
				t.Errorf("%s: a stream is named twice in %v", c.name, got)
			}
		}
	})
}
