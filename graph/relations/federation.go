package relations

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/store"
)

// federate tells the Federator about a relationship change; it decides whether the
// other account's server must hear of it (only when one side is remote).
func (s *Service) federate(ctx context.Context, tx *store.Tx, a federate.Activity) error {
	return federate.Send(ctx, s.Federator, tx, a)
}

// followURI is the ActivityPub ID of followerID's follow of (or request to follow)
// targetID, read before the row is dropped so that an Undo or Reject can name it.
func followURI(ctx context.Context, tx *store.Tx, followerID, targetID string) (string, error) {
	f, err := tx.Follow.Query().
		Where(follow.AccountID(followerID), follow.TargetAccountID(targetID)).Only(ctx)
	if err == nil {
		return f.URI, nil
	}
	if !ent.IsNotFound(err) {
		return "", fmt.Errorf("load follow: %w", err)
	}
	r, err := tx.FollowRequest.Query().
		Where(followrequest.AccountID(followerID), followrequest.TargetAccountID(targetID)).Only(ctx)
	if ent.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("load follow request: %w", err)
	}
	return r.URI, nil
}

// blockURI is the ActivityPub ID of the actor's block of the target, or "".
func blockURI(ctx context.Context, tx *store.Tx, actorID, targetID string) (string, error) {
	b, err := tx.Block.Query().Where(block.AccountID(actorID), block.TargetAccountID(targetID)).Only(ctx)
	if ent.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("load block: %w", err)
	}
	return b.URI, nil
}
