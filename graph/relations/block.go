package relations

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Block makes the actor block the target: each stops seeing the other, follows and
// pending follow requests between them end in both directions, and the target leaves
// the actor's lists. Blocking an account already blocked is fine.
func (s *Service) Block(ctx context.Context, actorID, targetID string) (*Relationship, error) {
	if actorID == targetID {
		return nil, apperr.BadInputf("Validation failed: you cannot block yourself")
	}
	return s.change(ctx, actorID, targetID, func(tx *store.Tx, p pair) error {
		exists, err := tx.Block.Query().
			Where(block.AccountID(actorID), block.TargetAccountID(targetID)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("check block: %w", err)
		}
		if !exists {
			id := ids.New(s.now())
			err := tx.Block.Create().SetID(id).
				SetURI(s.URIs.Activity(p.actor.Username, "block", id)).
				SetAccountID(actorID).SetTargetAccountID(targetID).Exec(ctx)
			if err != nil {
				return fmt.Errorf("create block: %w", err)
			}
			err = s.federate(ctx, tx, federate.Activity{Kind: federate.Block, ActorID: actorID, TargetID: targetID, ActivityID: id})
			if err != nil {
				return err
			}
		}
		// Run even when the block existed: it repairs any follow that slipped in.
		for _, dir := range [][2]string{{actorID, targetID}, {targetID, actorID}} {
			if err := dropFollow(ctx, tx, dir[0], dir[1]); err != nil {
				return err
			}
			if err := dropFollowRequest(ctx, tx, dir[0], dir[1]); err != nil {
				return err
			}
		}
		return nil
	})
}

// Unblock lifts the actor's block of the target. Follows ended by the block stay
// ended. Unblocking an account not blocked is fine.
func (s *Service) Unblock(ctx context.Context, actorID, targetID string) (*Relationship, error) {
	return s.change(ctx, actorID, targetID, func(tx *store.Tx, p pair) error {
		uri, err := blockURI(ctx, tx, actorID, targetID)
		if err != nil || uri == "" {
			return err
		}
		_, err = tx.Block.Delete().
			Where(block.AccountID(actorID), block.TargetAccountID(targetID)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("delete block: %w", err)
		}
		return s.federate(ctx, tx, federate.Activity{Kind: federate.Unblock, ActorID: actorID, TargetID: targetID, ObjectURI: uri})
	})
}
