package inbound

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/poll"
	"github.com/fedigraph/fedigraph/ent/pollvote"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/polls"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
)

// vote records a remote account's choice (an option's index) in a local poll.
//
// Remote servers send one vote per chosen option. The first goes through
// graph/polls.Vote and its rules (visibility, blocks, expiry, no voting in one's own
// poll). Later ones in a multiple-choice poll cannot (Vote takes all of a voter's
// choices at once, and refuses a second vote), so they are added here under the same
// rules; in a single-choice poll they are dropped. A vote applied twice changes
// nothing.
func (p *Processor) vote(ctx context.Context, pl *ent.Poll, choice int, voter *ent.Account, uri string) error {
	votes, err := p.DB.PollVote.Query().Where(pollvote.PollID(pl.ID), pollvote.AccountID(voter.ID)).All(ctx)
	if err != nil {
		return fmt.Errorf("load votes: %w", err)
	}
	for _, v := range votes {
		if v.Choice == choice {
			return nil // the same vote again
		}
	}
	if len(votes) == 0 {
		if _, err := p.Polls.Vote(ctx, voter.ID, pl.ID, []int{choice}); err != nil {
			return err
		}
		// Vote keeps no ActivityPub ID; record it so the vote can be named later.
		_, err := p.DB.PollVote.Update().
			Where(pollvote.PollID(pl.ID), pollvote.AccountID(voter.ID), pollvote.Choice(choice)).
			SetURI(uri).Save(ctx)
		return err
	}
	if !pl.Multiple {
		return unsupported("a second vote in single-choice poll %s", pl.ID)
	}
	return p.DB.InTx(ctx, func(tx *store.Tx) error {
		pl, err := tx.Poll.Query().Where(poll.ID(pl.ID)).WithStatus().Only(ctx)
		if err != nil {
			return fmt.Errorf("load poll: %w", err)
		}
		if polls.Expired(pl, p.now()) {
			return unsupported("poll %s has ended", pl.ID)
		}
		st := pl.Edges.Status
		blocked, err := tx.Block.Query().Where(block.Or(
			block.And(block.AccountID(voter.ID), block.TargetAccountID(st.AccountID)),
			block.And(block.AccountID(st.AccountID), block.TargetAccountID(voter.ID)),
		)).Exist(ctx)
		if err != nil || blocked {
			return orForbidden(err, blocked, "voting across a block")
		}
		now := p.now()
		err = tx.PollVote.Create().SetID(ids.New(now)).SetCreatedAt(now).
			SetPollID(pl.ID).SetAccountID(voter.ID).SetChoice(choice).SetURI(uri).
			OnConflictColumns(pollvote.FieldPollID, pollvote.FieldAccountID, pollvote.FieldChoice).
			Ignore().Exec(ctx)
		if err != nil {
			return fmt.Errorf("record vote: %w", err)
		}
		return posting.Announce(ctx, tx, p.Events, hub.StatusUpdated, st)
	})
}

// orForbidden is err, or when there is none and refused holds, a refusal.
func orForbidden(err error, refused bool, what string) error {
	if err != nil {
		return err
	}
	if refused {
		return forbidden("%s", what)
	}
	return nil
}
