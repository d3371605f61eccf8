package inbound

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/interact"
)

// like applies a Like of a local status: a favourite by the actor, counted and
// notified as a local one is. Likes of other servers' statuses are theirs to count.
// (Misskey's reactions arrive as Likes too, and count as favourites, as on
// Mastodon.)
func (p *Processor) like(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	st, err := p.localStatus(ctx, objectIRI(act))
	if err != nil {
		return err
	}
	_, err = p.Interact.FavouriteRemote(ctx, signer.ID, st.ID, interact.Remote{URI: act.ID, Published: act.Published})
	return err
}

// announce applies an Announce: a boost by the actor of a status, fetched when it is
// not stored yet, shown on the boost's audience's timelines and notified to a local
// author.
func (p *Processor) announce(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	iri := objectIRI(act)
	if iri == "" {
		return unsupported("an Announce without its object")
	}
	existing, err := p.DB.Status.Query().Where(status.URI(act.ID)).Only(ctx)
	if err == nil {
		if existing.AccountID != signer.ID {
			return forbidden("%s is another account's", act.ID)
		}
		return nil
	}
	if !ent.IsNotFound(err) {
		return fmt.Errorf("load boost: %w", err)
	}
	orig, err := p.status(ctx, iri)
	if err != nil {
		return err
	}
	vis := status.Visibility(ap.Visibility(act.To, act.Cc, signer.FollowersURI))
	_, err = p.Interact.BoostRemote(ctx, signer.ID, orig.ID, vis, interact.Remote{URI: act.ID, Published: act.Published})
	return err
}

// block applies a Block of a local account: recorded, and follows end both ways.
// (Mastodon sends Blocks; the blocked account is not told.)
func (p *Processor) block(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	target, err := p.localAccount(ctx, objectIRI(act))
	if err != nil {
		return err
	}
	return p.Relations.BlockedByRemote(ctx, signer.ID, target.ID, act.ID)
}
