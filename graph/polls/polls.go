// Package polls reads polls, counts their votes and casts votes in them.
package polls

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/pollvote"
)

// Totals are a poll's results.
type Totals struct {
	Votes     int   // every chosen option counts once
	Voters    int   // every voter counts once
	PerOption []int // votes for each option, in option order
}

// Tally counts a poll's votes: local polls from their vote rows, remote polls from the
// numbers their server last reported.
func Tally(ctx context.Context, c *ent.Client, p *ent.Poll) (Totals, error) {
	t := Totals{PerOption: make([]int, len(p.Options))}
	if p.RemoteVotersCount != nil {
		for i := range t.PerOption {
			if i < len(p.RemoteCounts) {
				t.PerOption[i] = p.RemoteCounts[i]
				t.Votes += p.RemoteCounts[i]
			}
		}
		t.Voters = *p.RemoteVotersCount
		return t, nil
	}
	votes, err := c.PollVote.Query().Where(pollvote.PollID(p.ID)).All(ctx)
	if err != nil {
		return t, fmt.Errorf("count poll votes: %w", err)
	}
	return Count(p, votes), nil
}

// Count tallies a local poll from its vote rows (already loaded, for example for a
// whole page of polls at once).
func Count(p *ent.Poll, votes []*ent.PollVote) Totals {
	t := Totals{PerOption: make([]int, len(p.Options))}
	voters := map[string]bool{}
	for _, v := range votes {
		if v.Choice < len(t.PerOption) {
			t.PerOption[v.Choice]++
			t.Votes++
		}
		voters[v.AccountID] = true
	}
	t.Voters = len(voters)
	return t
}
