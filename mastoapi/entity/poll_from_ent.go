package entity

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/pollvote"
	"github.com/fedigraph/fedigraph/graph/polls"
)

// pollVotes are the counts and the viewer's own choices for a page of polls.
type pollVotes struct {
	totals map[string]polls.Totals // by poll ID
	own    map[string][]int        // the viewer's choices, by poll ID
}

// loadPollVotes reads the votes of all the polls in one query. Remote polls are
// tallied by polls.Tally from the numbers their server reported (no query); their
// vote rows here are only the local voters', read for the viewer's own choices.
func (r *Renderer) loadPollVotes(ctx context.Context, viewerID string, ps []*ent.Poll) (pollVotes, error) {
	pv := pollVotes{totals: make(map[string]polls.Totals, len(ps)), own: map[string][]int{}}
	if len(ps) == 0 {
		return pv, nil
	}
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	votes, err := r.DB.PollVote.Query().Where(pollvote.PollIDIn(ids...)).
		Order(ent.Asc(pollvote.FieldChoice)).
		Select(pollvote.FieldPollID, pollvote.FieldAccountID, pollvote.FieldChoice).All(ctx)
	if err != nil {
		return pv, fmt.Errorf("render polls: load votes: %w", err)
	}
	byPoll := map[string][]*ent.PollVote{}
	for _, v := range votes {
		byPoll[v.PollID] = append(byPoll[v.PollID], v)
		if viewerID != "" && v.AccountID == viewerID {
			pv.own[v.PollID] = append(pv.own[v.PollID], v.Choice)
		}
	}
	for _, p := range ps {
		if p.RemoteVotersCount != nil {
			t, err := polls.Tally(ctx, r.DB.Client, p)
			if err != nil {
				return pv, err
			}
			pv.totals[p.ID] = t
			continue
		}
		pv.totals[p.ID] = polls.Count(p, byPoll[p.ID])
	}
	return pv, nil
}

// pollOf renders a poll of a status by authorID. As on Mastodon, a poll that hides
// its totals shows no per-option counts until it has ended, and its author counts as
// having voted (so that clients show the author the results).
func pollOf(p *ent.Poll, authorID string, t polls.Totals, viewerID string, own []int, now time.Time) *Poll {
	expired := polls.Expired(p, now)
	voters := t.Voters
	out := &Poll{
		ID:          p.ID,
		ExpiresAt:   NewTimePtr(p.ExpiresAt),
		Expired:     expired,
		Multiple:    p.Multiple,
		VotesCount:  t.Votes,
		VotersCount: &voters,
		Options:     make([]PollOption, len(p.Options)),
		Emojis:      []CustomEmoji{},
	}
	showTotals := polls.ShowsTotals(p, now)
	for i, title := range p.Options {
		out.Options[i] = PollOption{Title: title}
		if showTotals && i < len(t.PerOption) {
			n := t.PerOption[i]
			out.Options[i].VotesCount = &n
		}
	}
	if viewerID != "" {
		voted := len(own) > 0 || viewerID == authorID
		out.Voted = &voted
		out.OwnVotes = append([]int{}, own...)
	}
	return out
}
