package polls

import (
	"context"
	"fmt"
	"slices"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/poll"
	"github.com/fedigraph/fedigraph/ent/pollvote"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/fanout"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Refusals of a vote, worded as Mastodon words them (its polls.errors messages):
// clients show them to the voter as they are.
const (
	msgNoChoices     = "Validation failed: choices can't be blank"
	msgExpired       = "Validation failed: The poll has already ended"
	msgInvalidChoice = "Validation failed: The chosen vote option does not exist"
	msgSelfVote      = "Validation failed: You cannot vote in your own polls"
	msgAlreadyVoted  = "Validation failed: You have already voted on this poll"
)

// Vote records the voter's choices (option indexes, from 0) in a poll on a status they
// may see, and returns the poll with its status loaded, as it is afterwards. As on
// Mastodon, authors cannot vote in their own polls, an ended poll takes no votes, a
// voter votes once (a single-choice poll takes one choice), and nobody votes across
// a block. A choice given twice counts once.
//
// Once committed, the poll's status is announced as updated on the streams that show
// it, so that live timelines refresh the counts. A vote in a remote poll is stored
// for the voter; sending it to the poll's server is federation's part.
func (s *Service) Vote(ctx context.Context, voterID, pollID string, choices []int) (*ent.Poll, error) {
	choices = distinct(choices)
	if len(choices) == 0 {
		return nil, apperr.BadInputf(msgNoChoices)
	}
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		if err := s.lock(ctx, tx, pollID); err != nil {
			return err
		}
		p, err := visiblePoll(ctx, tx.Client(), voterID, pollID)
		if err != nil {
			return err
		}
		if err := s.mayVote(ctx, tx, voterID, p, choices); err != nil {
			return err
		}
		now := s.now()
		names := make([]string, 0, len(choices))
		for _, c := range choices {
			err := tx.PollVote.Create().SetID(ids.New(now)).SetCreatedAt(now).
				SetPollID(p.ID).SetAccountID(voterID).SetChoice(c).Exec(ctx)
			if err != nil {
				return fmt.Errorf("record vote: %w", err)
			}
			names = append(names, p.Options[c])
		}
		st := p.Edges.Status
		err = federate.Send(ctx, s.Federator, tx, federate.Activity{
			Kind: federate.Vote, ActorID: voterID, ObjectID: st.ID, Choices: names,
		})
		if err != nil {
			return err
		}
		streams, err := fanout.StatusStreams(ctx, tx.Client(), st)
		if err != nil {
			return err
		}
		tx.AfterCommit(func(ctx context.Context) {
			// The vote is stored; a subscriber that misses the event sees the new
			// counts on its next fetch.
			_ = s.Events.Publish(ctx, hub.Event{Kind: hub.StatusUpdated, StatusID: st.ID, AccountID: st.AccountID}, streams...)
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, voterID, pollID)
}

// lock takes the poll's row on PostgreSQL until the transaction ends, so that two
// votes of one voter cannot both find that they have not voted yet. SQLite
// transactions are serialised already (they begin IMMEDIATE).
func (s *Service) lock(ctx context.Context, tx *store.Tx, pollID string) error {
	if s.DB.Type != store.Postgres {
		return nil
	}
	_, err := tx.Poll.Query().Where(poll.ID(pollID)).ForUpdate().IDs(ctx)
	if err != nil {
		return fmt.Errorf("lock poll %s: %w", pollID, err)
	}
	return nil
}

// mayVote applies the rules of voting, in the order Mastodon checks them.
func (s *Service) mayVote(ctx context.Context, tx *store.Tx, voterID string, p *ent.Poll, choices []int) error {
	authorID := p.Edges.Status.AccountID
	blocked, err := tx.Block.Query().Where(block.Or(
		block.And(block.AccountID(voterID), block.TargetAccountID(authorID)),
		block.And(block.AccountID(authorID), block.TargetAccountID(voterID)),
	)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check blocks: %w", err)
	}
	if blocked {
		return apperr.Forbiddenf("This action is not allowed")
	}
	if Expired(p, s.now()) {
		return apperr.BadInputf(msgExpired)
	}
	for _, c := range choices {
		if c < 0 || c >= len(p.Options) {
			return apperr.BadInputf(msgInvalidChoice)
		}
	}
	if authorID == voterID {
		return apperr.BadInputf(msgSelfVote)
	}
	voted, err := tx.PollVote.Query().Where(pollvote.PollID(p.ID), pollvote.AccountID(voterID)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check earlier votes: %w", err)
	}
	// Mastodon words a second choice in a single-choice poll as a second vote.
	if voted || (!p.Multiple && len(choices) > 1) {
		return apperr.BadInputf(msgAlreadyVoted)
	}
	return nil
}

// distinct drops repeated choices, keeping the first of each.
func distinct(choices []int) []int {
	out := make([]int, 0, len(choices))
	for _, c := range choices {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
