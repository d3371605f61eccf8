package relations

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/accountdomainblock"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/notify"
	"github.com/fedigraph/fedigraph/graph/store"
)

// The methods in this file apply what remote accounts do to local ones, as federation
// receives it. The acting account is remote, so nothing here is federated back except
// the replies a server expects to a Follow (Accept or Reject).

// FollowOutcome says what a remote account's Follow became.
type FollowOutcome string

// Outcomes of FollowFromRemote.
const (
	FollowAccepted  FollowOutcome = "accepted"  // a follow; an Accept goes back
	FollowRequested FollowOutcome = "requested" // a request awaiting the local account's approval
	FollowRefused   FollowOutcome = "refused"   // the local account blocks the follower; a Reject goes back
	FollowUnchanged FollowOutcome = "unchanged" // the same Follow applied again
)

// FollowFromRemote applies a remote account's Follow (whose ActivityPub ID is uri) of
// a local account. An unlocked account is followed at once, its owner notified and an
// Accept federated; a locked one gets a follow request and a follow_request
// notification, and AcceptFollowRequest sends the Accept later. A follow across a
// block by the local account, or from a domain it blocks, is refused with a Reject.
//
// A Follow applied twice changes nothing. A new Follow (another ID) of an account
// already followed is the remote server having lost track: the follow takes the new
// ID and the Accept is sent again, as Mastodon does.
func (s *Service) FollowFromRemote(ctx context.Context, followerID, targetID, uri string) (FollowOutcome, error) {
	if uri == "" {
		return "", apperr.BadInputf("a remote follow needs its activity's ID")
	}
	var out FollowOutcome
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		p, err := s.lockPair(ctx, tx, followerID, targetID)
		if err != nil {
			return err
		}
		if p.actor.Domain == "" || p.target.Domain != "" {
			return apperr.BadInputf("a remote follow is of a local account by a remote one")
		}
		accept := federate.Activity{Kind: federate.AcceptFollow, ActorID: targetID, TargetID: followerID, ObjectURI: uri}
		refused, err := refusesFollower(ctx, tx, p)
		if err != nil {
			return err
		}
		if refused {
			out = FollowRefused
			return s.federate(ctx, tx, federate.Activity{Kind: federate.RejectFollow, ActorID: targetID, TargetID: followerID, ObjectURI: uri})
		}
		if f, err := tx.Follow.Query().Where(follow.AccountID(followerID), follow.TargetAccountID(targetID)).Only(ctx); err == nil {
			out = FollowUnchanged
			if f.URI == uri {
				return nil
			}
			if err := tx.Follow.UpdateOne(f).SetURI(uri).Exec(ctx); err != nil {
				return fmt.Errorf("update follow: %w", err)
			}
			return s.federate(ctx, tx, accept)
		} else if !ent.IsNotFound(err) {
			return fmt.Errorf("check follow: %w", err)
		}
		n, err := tx.FollowRequest.Update().
			Where(followrequest.AccountID(followerID), followrequest.TargetAccountID(targetID)).
			SetURI(uri).Save(ctx)
		if err != nil {
			return fmt.Errorf("update follow request: %w", err)
		}
		if n > 0 {
			out = FollowUnchanged
			return nil
		}
		id := ids.New(s.now())
		if p.target.Locked {
			out = FollowRequested
			return s.addFollowRequest(ctx, tx, id, uri, p, true, false)
		}
		out = FollowAccepted
		if err := addFollow(ctx, tx, id, uri, followerID, targetID, true, false); err != nil {
			return err
		}
		_, err = notify.Send(ctx, tx, s.Events, notify.Notice{
			Type: notification.TypeFOLLOW, RecipientID: targetID, FromID: followerID,
		})
		if err != nil {
			return err
		}
		return s.federate(ctx, tx, accept)
	})
	if err != nil {
		return "", err
	}
	return out, nil
}

// refusesFollower reports whether the local target refuses follows from the remote
// actor: it blocks the actor, or the actor's domain.
func refusesFollower(ctx context.Context, tx *store.Tx, p pair) (bool, error) {
	blocked, err := tx.Block.Query().
		Where(block.AccountID(p.target.ID), block.TargetAccountID(p.actor.ID)).Exist(ctx)
	if err != nil || blocked {
		return blocked, wrap(err, "check block")
	}
	blocked, err = tx.AccountDomainBlock.Query().
		Where(accountdomainblock.AccountID(p.target.ID), accountdomainblock.Domain(p.actor.Domain)).Exist(ctx)
	return blocked, wrap(err, "check domain block")
}

// FollowRejected applies a remote account's Reject of a local account's follow (or
// request to follow): the follow ends. Nothing is federated back. Rejecting what is
// not there is fine.
func (s *Service) FollowRejected(ctx context.Context, localID, remoteID string) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := s.lockPair(ctx, tx, localID, remoteID); err != nil {
			return err
		}
		if err := dropFollow(ctx, tx, localID, remoteID); err != nil {
			return err
		}
		return dropFollowRequest(ctx, tx, localID, remoteID)
	})
}

// BlockedByRemote applies a remote account's Block (whose ActivityPub ID is uri) of a
// local account: the block is recorded, so that the local account neither sees the
// remote one's statuses nor follows it, and follows and requests end both ways. A
// Block applied twice changes nothing.
func (s *Service) BlockedByRemote(ctx context.Context, remoteID, localID, uri string) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := s.lockPair(ctx, tx, remoteID, localID); err != nil {
			return err
		}
		exists, err := tx.Block.Query().
			Where(block.AccountID(remoteID), block.TargetAccountID(localID)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("check block: %w", err)
		}
		if !exists {
			err := tx.Block.Create().SetID(ids.New(s.now())).SetURI(uri).
				SetAccountID(remoteID).SetTargetAccountID(localID).Exec(ctx)
			if err != nil {
				return fmt.Errorf("create block: %w", err)
			}
		}
		for _, dir := range [][2]string{{remoteID, localID}, {localID, remoteID}} {
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

// ForgetFollows ends every follow and follow request from and to the account, keeping
// the other accounts' counters in step, for a remote account that deleted itself.
// Nothing is federated: its server is the one that told us.
func (s *Service) ForgetFollows(ctx context.Context, accountID string) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		follows, err := tx.Follow.Query().
			Where(follow.Or(follow.AccountID(accountID), follow.TargetAccountID(accountID))).All(ctx)
		if err != nil {
			return fmt.Errorf("load follows: %w", err)
		}
		for _, f := range follows {
			if err := dropFollow(ctx, tx, f.AccountID, f.TargetAccountID); err != nil {
				return err
			}
		}
		reqs, err := tx.FollowRequest.Query().
			Where(followrequest.Or(followrequest.AccountID(accountID), followrequest.TargetAccountID(accountID))).All(ctx)
		if err != nil {
			return fmt.Errorf("load follow requests: %w", err)
		}
		for _, r := range reqs {
			if err := dropFollowRequest(ctx, tx, r.AccountID, r.TargetAccountID); err != nil {
				return err
			}
		}
		return nil
	})
}
