package inbound

import (
	"context"
	"fmt"
	"slices"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/relations"
)

// move applies an actor's Move to another account (its target), which must name the
// actor among its aliases (alsoKnownAs) — the proof that both are the same person.
//
// The actor is marked as moved (moved_to), and each local follower of it follows the
// target instead, with the same options: a request goes to the target's server (the
// follow is federated as a local Follow is), and the follow of the old account ends
// once the new one is made. A follower who cannot follow the target (it blocks them,
// or they block it) keeps following the old account. Applying the Move again moves
// the followers that are left, if any.
func (p *Processor) move(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	if objectIRI(act) != signer.URI {
		return forbidden("moves %s, not itself", objectIRI(act))
	}
	if act.Target == "" || act.Target == signer.URI {
		return unsupported("a Move without another account as target")
	}
	target, err := p.account(ctx, act.Target)
	if err != nil {
		return err
	}
	if !slices.Contains(target.AlsoKnownAs, signer.URI) {
		return forbidden("%s does not name %s among its aliases", target.URI, signer.URI)
	}
	if target.SuspendedAt != nil {
		return forbidden("moves to suspended account %s", target.URI)
	}
	err = p.DB.Account.UpdateOneID(signer.ID).SetMovedToID(target.ID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("record move of %s: %w", signer.URI, err)
	}
	follows, err := p.DB.Follow.Query().
		Where(follow.TargetAccountID(signer.ID), follow.HasAccountWith(account.Domain(""))).All(ctx)
	if err != nil {
		return fmt.Errorf("load local followers of %s: %w", signer.URI, err)
	}
	for _, f := range follows {
		if f.AccountID == target.ID {
			continue
		}
		reblogs, notify := f.ShowReblogs, f.Notify
		_, err := p.Relations.Follow(ctx, f.AccountID, target.ID, relations.FollowOptions{Reblogs: &reblogs, Notify: &notify})
		if err != nil {
			if declined(err) {
				continue // refused for this follower: they keep the old follow
			}
			return err
		}
		if _, err := p.Relations.Unfollow(ctx, f.AccountID, signer.ID); err != nil {
			return err
		}
	}
	return nil
}
