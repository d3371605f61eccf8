package relations

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/predicate"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Followers returns a query for the follows of accountID (each row's AccountID is a
// follower) as viewerID may see them; viewerID is "" for a signed-out visitor.
//
// Followers and Following share Mastodon's rules: an account that blocks the viewer is
// not found; an account that hides its collections shows them to itself only, and an
// empty list to everyone else; and the viewer does not see, in someone else's list,
// accounts that it blocks or mutes or that block it. The query is unordered so that
// callers can paginate it their own way; Order(ent.Desc(follow.FieldID)) lists the
// most recent follows first.
func (s *Service) Followers(ctx context.Context, viewerID, accountID string) (*ent.FollowQuery, error) {
	return s.collection(ctx, viewerID, accountID, collectionSide{
		owned:  follow.TargetAccountID,
		active: follow.HasAccountWith(account.SuspendedAtIsNil()),
		listed: follow.FieldAccountID,
	})
}

// Following is Followers the other way round: the follows made by accountID, each
// row's TargetAccountID being a followed account.
func (s *Service) Following(ctx context.Context, viewerID, accountID string) (*ent.FollowQuery, error) {
	return s.collection(ctx, viewerID, accountID, collectionSide{
		owned:  follow.AccountID,
		active: follow.HasTargetAccountWith(account.SuspendedAtIsNil()),
		listed: follow.FieldTargetAccountID,
	})
}

// RemoveFromFollowers makes followerID stop following the actor, as if it had
// unfollowed. Removing an account that does not follow the actor is fine.
func (s *Service) RemoveFromFollowers(ctx context.Context, actorID, followerID string) (*Relationship, error) {
	return s.change(ctx, actorID, followerID, func(tx *store.Tx, p pair) error {
		uri, err := followURI(ctx, tx, followerID, actorID)
		if err != nil {
			return err
		}
		if err := dropFollow(ctx, tx, followerID, actorID); err != nil {
			return err
		}
		if uri == "" {
			return nil
		}
		// A remote follower's server learns of it as a Reject of its Follow, as
		// Mastodon sends it.
		return s.federate(ctx, tx, federate.Activity{Kind: federate.RejectFollow, ActorID: actorID, TargetID: followerID, ObjectURI: uri})
	})
}

// collectionSide says which way round a follow collection reads.
type collectionSide struct {
	owned  func(accountID string) predicate.Follow // the follows of the collection's owner
	active predicate.Follow                        // the listed account is not suspended
	listed string                                  // the column naming the listed account
}

// collection builds Followers or Following.
func (s *Service) collection(ctx context.Context, viewerID, accountID string, side collectionSide) (*ent.FollowQuery, error) {
	owner, err := s.DB.Account.Query().
		Where(account.ID(accountID), account.SuspendedAtIsNil()).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errAccountNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load account %s: %w", accountID, err)
	}
	q := s.DB.Follow.Query().Where(side.owned(accountID), side.active)
	if viewerID == accountID {
		return q, nil
	}
	if viewerID != "" {
		blocked, err := s.DB.Block.Query().
			Where(block.AccountID(accountID), block.TargetAccountID(viewerID)).Exist(ctx)
		if err != nil {
			return nil, fmt.Errorf("check block: %w", err)
		}
		if blocked {
			return nil, errAccountNotFound()
		}
	}
	if owner.HideCollections {
		return q.Where(follow.IDIn()), nil // matches nothing
	}
	if viewerID != "" {
		q = q.Where(notHiddenFrom(viewerID, side.listed, s.now()))
	}
	return q, nil
}
