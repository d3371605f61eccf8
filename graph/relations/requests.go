package relations

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// AcceptFollowRequest turns requesterID's pending request to follow the actor into a
// follow, keeping the options and the URI the request was made with. Accepting a
// request that was already accepted is fine; accepting one that does not exist fails
// with NotFound. Federation applies a remote server's Accept through it too, with the
// remote account as the actor.
//
// As on Mastodon, nobody is notified: the requester sees the relationship change.
func (s *Service) AcceptFollowRequest(ctx context.Context, actorID, requesterID string) (*Relationship, error) {
	return s.change(ctx, actorID, requesterID, func(tx *store.Tx, p pair) error {
		req, err := tx.FollowRequest.Query().
			Where(followrequest.AccountID(requesterID), followrequest.TargetAccountID(actorID)).Only(ctx)
		if ent.IsNotFound(err) {
			following, err := tx.Follow.Query().
				Where(follow.AccountID(requesterID), follow.TargetAccountID(actorID)).Exist(ctx)
			if err != nil {
				return fmt.Errorf("check follow: %w", err)
			}
			if !following {
				return apperr.NotFoundf("follow request not found")
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("load follow request: %w", err)
		}
		if err := dropFollowRequest(ctx, tx, requesterID, actorID); err != nil {
			return err
		}
		id := ids.New(s.now())
		if err := addFollow(ctx, tx, id, req.URI, requesterID, actorID, req.ShowReblogs, req.Notify); err != nil {
			return err
		}
		return s.federate(ctx, tx, federate.Activity{Kind: federate.AcceptFollow, ActorID: actorID, TargetID: requesterID, ObjectURI: req.URI})
	})
}

// RejectFollowRequest turns down requesterID's pending request to follow the actor.
// Rejecting a request that is not (or no longer) pending is fine.
func (s *Service) RejectFollowRequest(ctx context.Context, actorID, requesterID string) (*Relationship, error) {
	return s.change(ctx, actorID, requesterID, func(tx *store.Tx, p pair) error {
		uri, err := followURI(ctx, tx, requesterID, actorID)
		if err != nil {
			return err
		}
		if err := dropFollowRequest(ctx, tx, requesterID, actorID); err != nil {
			return err
		}
		if uri == "" {
			return nil
		}
		return s.federate(ctx, tx, federate.Activity{Kind: federate.RejectFollow, ActorID: actorID, TargetID: requesterID, ObjectURI: uri})
	})
}

// FollowRequests returns a query for the requests waiting for the actor's approval,
// leaving out requests from suspended accounts. The query is unordered so that callers
// can paginate it their own way (ent's Relay Paginate appends its own order);
// Order(ent.Desc(followrequest.FieldID)) lists the newest first, as Mastodon does.
func (s *Service) FollowRequests(actorID string) *ent.FollowRequestQuery {
	return s.DB.FollowRequest.Query().Where(
		followrequest.TargetAccountID(actorID),
		followrequest.HasAccountWith(account.SuspendedAtIsNil()),
	)
}
