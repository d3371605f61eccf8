package polls

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/pollvote"
)

// Expired reports whether the poll no longer takes votes.
func Expired(p *ent.Poll, now time.Time) bool {
	return p.ClosedAt != nil || (p.ExpiresAt != nil && !p.ExpiresAt.After(now))
}

// ShowsTotals reports whether the per-option counts may be shown: a poll that hides
// its totals shows them only once it has ended, as on Mastodon.
func ShowsTotals(p *ent.Poll, now time.Time) bool {
	return !p.HideTotals || Expired(p, now)
}

// TallyAll counts many polls at once: one query for the local polls' votes, none for
// remote polls, whose servers report their own numbers.
func TallyAll(ctx context.Context, c *ent.Client, ps []*ent.Poll) (map[*ent.Poll]Totals, error) {
	out := make(map[*ent.Poll]Totals, len(ps))
	var localIDs []string
	for _, p := range ps {
		if p.RemoteVotersCount != nil {
			t, err := Tally(ctx, c, p) // no query for remote polls
			if err != nil {
				return nil, err
			}
			out[p] = t
		} else {
			localIDs = append(localIDs, p.ID)
		}
	}
	if len(localIDs) == 0 {
		return out, nil
	}
	votes, err := c.PollVote.Query().Where(pollvote.PollIDIn(localIDs...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("count poll votes: %w", err)
	}
	byPoll := map[string][]*ent.PollVote{}
	for _, v := range votes {
		byPoll[v.PollID] = append(byPoll[v.PollID], v)
	}
	for _, p := range ps {
		if p.RemoteVotersCount == nil {
			out[p] = Count(p, byPoll[p.ID])
		}
	}
	return out, nil
}
