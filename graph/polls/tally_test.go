package polls_test

import (
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/polls"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestTally counts local polls from their votes and remote polls from their server's
// numbers, one poll at a time (Tally) and a page at a time (TallyAll), which must agree.
func TestTally(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		author := testrig.LocalAccount(t, db, "author")
		voters := make([]*ent.Account, 3)
		for i := range voters {
			name := "voter" + string(rune('a'+i))
			voters[i] = db.Account.Create().SetUsername(name).SetURI("https://fedi.test/users/" + name).SaveX(ctx)
		}
		vote := func(p *ent.Poll, voter int, choices ...int) {
			for _, c := range choices {
				db.PollVote.Create().SetPollID(p.ID).SetAccountID(voters[voter].ID).SetChoice(c).ExecX(ctx)
			}
		}
		remote := func(p *ent.Poll, counts []int, voters int) *ent.Poll {
			return db.Poll.UpdateOne(p).SetRemoteCounts(counts).SetRemoteVotersCount(voters).SaveX(ctx)
		}

		single := newPoll(t, db, author, pollSpec{})
		vote(single, 0, 0)
		vote(single, 1, 1)
		vote(single, 2, 1)
		multiple := newPoll(t, db, author, pollSpec{multiple: true})
		vote(multiple, 0, 0, 1)
		vote(multiple, 1, 1)
		fromAfar := remote(newPoll(t, db, author, pollSpec{}), []int{3, 4, 0}, 5)
		vote(fromAfar, 0, 0) // a local vote, already in the remote server's numbers

		cases := []struct {
			name          string
			p             *ent.Poll
			votes, voters int
			perOption     []int
		}{
			{"single choice", single, 3, 3, []int{1, 2, 0}},
			{"multiple choice counts votes and voters apart", multiple, 3, 2, []int{1, 2, 0}},
			{"no votes", newPoll(t, db, author, pollSpec{}), 0, 0, []int{0, 0, 0}},
			{"remote: its server's numbers", fromAfar, 7, 5, []int{3, 4, 0}},
			{"remote, fewer counts than options", remote(newPoll(t, db, author, pollSpec{}), []int{2}, 2), 2, 2, []int{2, 0, 0}},
		}
		var page []*ent.Poll
		for _, c := range cases {
			page = append(page, c.p)
		}
		all, err := polls.TallyAll(ctx, db.Client, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			got, err := polls.Tally(ctx, db.Client, c.p)
			if err != nil {
				t.Fatal(err)
			}
			if got.Votes != c.votes || got.Voters != c.voters || !slices.Equal(got.PerOption, c.perOption) {
				t.Errorf("%s: %+v, want %d votes by %d voters, %v", c.name, got, c.votes, c.voters, c.perOption)
			}
			if a := all[c.p]; a.Votes != got.Votes || a.Voters != got.Voters || !slices.Equal(a.PerOption, got.PerOption) {
				t.Errorf("%s: TallyAll says %+v, Tally %+v", c.name, a, got)
			}
		}
	})
}
