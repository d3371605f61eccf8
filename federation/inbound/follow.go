package inbound

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/federation/ap"
)

// follow applies a Follow of a local account: a follow (and an Accept), a follow
// request for a locked account, or a Reject when the account blocks the actor.
func (p *Processor) follow(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	target, err := p.localAccount(ctx, objectIRI(act))
	if err != nil {
		return err
	}
	_, err = p.Relations.FollowFromRemote(ctx, signer.ID, target.ID, act.ID)
	return err
}

// accept applies the actor's Accept of a local account's request to follow it: the
// request becomes a follow. Accepting what was accepted already is fine.
func (p *Processor) accept(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	local, pending, err := p.ourFollow(ctx, act, signer)
	if err != nil || !pending {
		return err
	}
	_, err = p.Relations.AcceptFollowRequest(ctx, signer.ID, local.ID)
	return err
}

// reject applies the actor's Reject of a local account's follow of it, pending or
// accepted: the follow ends.
func (p *Processor) reject(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	local, _, err := p.ourFollow(ctx, act, signer)
	if err != nil || local == nil {
		return err
	}
	return p.Relations.FollowRejected(ctx, local.ID, signer.ID)
}

// ourFollow finds the local account whose Follow of the signer an Accept or Reject
// answers, and whether that Follow is still a pending request. The Follow is named
// by its ID (which this server gave it) or embedded; either way it must be of the
// signer. When no such Follow is stored, local is nil (and the answer changes
// nothing: it came late, or twice).
func (p *Processor) ourFollow(ctx context.Context, act *ap.Activity, signer *ent.Account) (local *ent.Account, pending bool, err error) {
	if inner := innerActivity(act); inner != nil && inner.Type != "Follow" {
		return nil, false, unsupported("an %s of a %s", act.Type, inner.Type)
	}
	if iri := objectIRI(act); iri != "" {
		req, err := p.DB.FollowRequest.Query().
			Where(followrequest.URI(iri), followrequest.TargetAccountID(signer.ID)).WithAccount().First(ctx)
		if err == nil {
			return req.Edges.Account, true, nil
		}
		if !ent.IsNotFound(err) {
			return nil, false, fmt.Errorf("load follow request %s: %w", iri, err)
		}
		f, err := p.DB.Follow.Query().
			Where(follow.URI(iri), follow.TargetAccountID(signer.ID)).WithAccount().First(ctx)
		if err == nil {
			return f.Edges.Account, false, nil
		}
		if !ent.IsNotFound(err) {
			return nil, false, fmt.Errorf("load follow %s: %w", iri, err)
		}
	}
	// Servers that do not keep our Follow's ID send it back without one, or with
	// their own: recognise it by who follows whom.
	inner := innerActivity(act)
	if inner == nil || inner.ObjectIRI != signer.URI {
		return nil, false, nil
	}
	follower, err := p.DB.Account.Query().Where(account.URI(inner.Actor), account.Domain("")).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("load account %s: %w", inner.Actor, err)
	}
	pending, err = p.DB.FollowRequest.Query().
		Where(followrequest.AccountID(follower.ID), followrequest.TargetAccountID(signer.ID)).Exist(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("check follow request: %w", err)
	}
	if pending {
		return follower, true, nil
	}
	following, err := p.DB.Follow.Query().
		Where(follow.AccountID(follower.ID), follow.TargetAccountID(signer.ID)).Exist(ctx)
	if err != nil || !following {
		return nil, false, err
	}
	return follower, false, nil
}
