package relations

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent/accountdomainblock"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/predicate"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/notify"
	"github.com/fedigraph/fedigraph/graph/store"
)

// FollowOptions are the choices a follower makes about a followed account. A nil field
// keeps the current choice, or takes the default for a new follow.
type FollowOptions struct {
	Reblogs *bool // show the account's boosts in the home timeline (default true)
	Notify  *bool // notify the follower of each new post (default false)
}

// Follow makes the actor follow the target. Following an account already followed (or
// already requested) only updates the options. A locked account, and any remote
// account, gets a follow request instead, which the target (or, for a remote account,
// its server) must accept. It fails with Forbidden when either account blocks the
// other or the actor blocks the target's domain.
func (s *Service) Follow(ctx context.Context, actorID, targetID string, o FollowOptions) (*Relationship, error) {
	if actorID == targetID {
		return nil, apperr.BadInputf("Validation failed: you cannot follow yourself")
	}
	return s.change(ctx, actorID, targetID, func(tx *store.Tx, p pair) error {
		if err := mayFollow(ctx, tx, p); err != nil {
			return err
		}
		if updated, err := updateFollowOptions(ctx, tx, actorID, targetID, o); err != nil || updated {
			return err
		}
		id := ids.New(s.now())
		uri := s.URIs.Activity(p.actor.Username, "follow", id)
		reblogs, notifyPosts := valueOr(o.Reblogs, true), valueOr(o.Notify, false)
		if p.target.Locked || p.target.Domain != "" {
			if err := s.addFollowRequest(ctx, tx, id, uri, p, reblogs, notifyPosts); err != nil {
				return err
			}
			return s.federate(ctx, tx, federate.Activity{Kind: federate.Follow, ActorID: actorID, TargetID: targetID, ActivityID: id, ObjectURI: uri})
		}
		if err := addFollow(ctx, tx, id, uri, actorID, targetID, reblogs, notifyPosts); err != nil {
			return err
		}
		_, err := notify.Send(ctx, tx, s.Events, notify.Notice{
			Type: notification.TypeFOLLOW, RecipientID: targetID, FromID: actorID, At: s.now(),
		})
		return err
	})
}

// Unfollow ends the actor's follow of the target, or withdraws a pending request.
// Neither existing is fine.
func (s *Service) Unfollow(ctx context.Context, actorID, targetID string) (*Relationship, error) {
	return s.change(ctx, actorID, targetID, func(tx *store.Tx, p pair) error {
		uri, err := followURI(ctx, tx, actorID, targetID)
		if err != nil {
			return err
		}
		if err := dropFollow(ctx, tx, actorID, targetID); err != nil {
			return err
		}
		if err := dropFollowRequest(ctx, tx, actorID, targetID); err != nil {
			return err
		}
		if uri == "" {
			return nil
		}
		return s.federate(ctx, tx, federate.Activity{Kind: federate.Unfollow, ActorID: actorID, TargetID: targetID, ObjectURI: uri})
	})
}

// updateFollowOptions applies o to the actor's follow of the target, or to its pending
// request, and reports whether there was either.
func updateFollowOptions(ctx context.Context, tx *store.Tx, actorID, targetID string, o FollowOptions) (bool, error) {
	// Look before updating: an update that sets nothing reports no rows either way.
	following := []predicate.Follow{follow.AccountID(actorID), follow.TargetAccountID(targetID)}
	exists, err := tx.Follow.Query().Where(following...).Exist(ctx)
	if err != nil {
		return false, fmt.Errorf("check follow: %w", err)
	}
	if exists {
		err := tx.Follow.Update().Where(following...).
			SetNillableShowReblogs(o.Reblogs).SetNillableNotify(o.Notify).Exec(ctx)
		return true, wrap(err, "update follow options")
	}
	requested := []predicate.FollowRequest{followrequest.AccountID(actorID), followrequest.TargetAccountID(targetID)}
	exists, err = tx.FollowRequest.Query().Where(requested...).Exist(ctx)
	if err != nil {
		return false, fmt.Errorf("check follow request: %w", err)
	}
	if exists {
		err := tx.FollowRequest.Update().Where(requested...).
			SetNillableShowReblogs(o.Reblogs).SetNillableNotify(o.Notify).Exec(ctx)
		return true, wrap(err, "update follow request options")
	}
	return false, nil
}

// mayFollow refuses a follow that Mastodon refuses: across a block in either direction,
// or into a domain the actor blocks.
func mayFollow(ctx context.Context, tx *store.Tx, p pair) error {
	blocked, err := tx.Block.Query().Where(block.Or(
		block.And(block.AccountID(p.actor.ID), block.TargetAccountID(p.target.ID)),
		block.And(block.AccountID(p.target.ID), block.TargetAccountID(p.actor.ID)),
	)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check blocks: %w", err)
	}
	if blocked {
		return apperr.Forbiddenf("This action is not allowed")
	}
	if p.target.Domain == "" {
		return nil
	}
	domainBlocked, err := tx.AccountDomainBlock.Query().
		Where(accountdomainblock.AccountID(p.actor.ID), accountdomainblock.Domain(p.target.Domain)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("check domain blocks: %w", err)
	}
	if domainBlocked {
		return apperr.Forbiddenf("This action is not allowed")
	}
	return nil
}

// addFollowRequest stores a request and tells a local target about it.
func (s *Service) addFollowRequest(ctx context.Context, tx *store.Tx, id, uri string, p pair, reblogs, notifyPosts bool) error {
	err := tx.FollowRequest.Create().SetID(id).SetURI(uri).
		SetAccountID(p.actor.ID).SetTargetAccountID(p.target.ID).
		SetShowReblogs(reblogs).SetNotify(notifyPosts).Exec(ctx)
	if err != nil {
		return fmt.Errorf("create follow request: %w", err)
	}
	_, err = notify.Send(ctx, tx, s.Events, notify.Notice{
		Type: notification.TypeFOLLOW_REQUEST, RecipientID: p.target.ID, FromID: p.actor.ID,
	})
	return err
}

// addFollow stores an accepted follow and counts it on both accounts.
func addFollow(ctx context.Context, tx *store.Tx, id, uri, followerID, targetID string, reblogs, notifyPosts bool) error {
	err := tx.Follow.Create().SetID(id).SetURI(uri).
		SetAccountID(followerID).SetTargetAccountID(targetID).
		SetShowReblogs(reblogs).SetNotify(notifyPosts).Exec(ctx)
	if err != nil {
		return fmt.Errorf("create follow: %w", err)
	}
	if err := tx.Account.UpdateOneID(followerID).AddFollowingCount(1).Exec(ctx); err != nil {
		return fmt.Errorf("count follow on follower: %w", err)
	}
	if err := tx.Account.UpdateOneID(targetID).AddFollowersCount(1).Exec(ctx); err != nil {
		return fmt.Errorf("count follow on followed account: %w", err)
	}
	return nil
}

func valueOr(p *bool, def bool) bool {
	if p == nil {
		return def
	}
	return *p
}

// wrap adds context to err, and leaves nil alone.
func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
