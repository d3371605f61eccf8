package posting

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/conversations"
	"github.com/fedigraph/fedigraph/graph/fanout"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Delete removes one of the author's statuses with everything hanging off it (the
// database cascades mentions, favourites, boosts, notifications…) and returns it as it
// was, so a client can offer to redraft it.
func (s *Service) Delete(ctx context.Context, authorID, statusID string) (*ent.Status, error) {
	st, err := s.ownStatus(ctx, authorID, statusID)
	if err != nil {
		return nil, err
	}
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		// The federator reads who must hear of the delete (mentioned accounts…)
		// before the rows go.
		err := federate.Send(ctx, s.Federator, tx, federate.Activity{
			Kind: federate.DeleteStatus, ActorID: authorID, StatusID: st.ID,
			ObjectURI: st.URI, Visibility: string(st.Visibility),
		})
		if err != nil {
			return err
		}
		return RemoveStatus(ctx, tx, s.Events, st)
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// RemoveStatus deletes st (an original status, not a boost) in tx with everything
// hanging off it, keeps its author's and its parent's counters in step, and announces
// the deletion, and that of the boosts the database removes with it, once tx commits.
// Local deletes (Delete) and deletes that arrive over federation both go through it.
func RemoveStatus(ctx context.Context, tx *store.Tx, events hub.Publisher, st *ent.Status) error {
	// Work out who saw it, directly or through a boost, before it is gone: the
	// database deletes the boosts with it, and their audiences must hear of it too.
	streams, err := fanout.StatusStreams(ctx, tx.Client(), st)
	if err != nil {
		return err
	}
	boosts, err := tx.Status.Query().Where(status.ReblogOfID(st.ID)).All(ctx)
	if err != nil {
		return fmt.Errorf("load boosts of the deleted status: %w", err)
	}
	type gone struct {
		st      *ent.Status
		streams []hub.Stream
	}
	goneBoosts := make([]gone, len(boosts))
	for i, b := range boosts {
		bs, err := fanout.StatusStreams(ctx, tx.Client(), b)
		if err != nil {
			return err
		}
		goneBoosts[i] = gone{b, bs}
	}
	if err := conversations.Forget(ctx, tx, st); err != nil {
		return err
	}
	if err := tx.Status.DeleteOne(st).Exec(ctx); err != nil {
		return fmt.Errorf("delete status: %w", err)
	}
	if err := tx.Account.UpdateOneID(st.AccountID).AddStatusesCount(-1).Exec(ctx); err != nil {
		return fmt.Errorf("count deleted status: %w", err)
	}
	if st.InReplyToID != nil {
		if _, err := tx.Status.UpdateOneID(*st.InReplyToID).AddRepliesCount(-1).Save(ctx); err != nil && !ent.IsNotFound(err) {
			return fmt.Errorf("count deleted reply: %w", err)
		}
	}
	tx.AfterCommit(func(ctx context.Context) {
		publish(ctx, events, hub.StatusDeleted, st.ID, st.AccountID, streams)
		for _, b := range goneBoosts {
			publish(ctx, events, hub.StatusDeleted, b.st.ID, b.st.AccountID, b.streams)
		}
	})
	return nil
}
