package inbound

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/pollvote"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
)

// delete applies a Delete of one of the actor's statuses or boosts (named by ID or
// by a Tombstone). A Delete of something not stored is fine: servers send them to
// everyone that might have it.
func (p *Processor) delete(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	iri := objectIRI(act)
	if iri == "" {
		return unsupported("a Delete without its object")
	}
	if !sameHost(iri, act.Actor) {
		return forbidden("deletes %s on another host", iri)
	}
	return p.Ingest.DeleteStatus(ctx, iri, signer)
}

// deleteBatch bounds the rows one step of an account's deletion loads.
const deleteBatch = 100

// deleteActor applies an actor's deletion of itself.
//
// The account row stays, suspended: notifications, reports and moderation notes that
// name it keep their meaning, its URI cannot be taken over by a new actor, and any
// later activity it signs is refused. What it made goes: its follows and follow
// requests both ways (with the other accounts' counters), its statuses and boosts
// (each through the ingester's delete, so timelines drop them live and counters
// follow), its favourites (through graph/interact, counters and notifications with
// them) and its poll votes. Applying it again finds nothing left to do.
func (p *Processor) deleteActor(ctx context.Context, signer *ent.Account) error {
	if signer.SuspendedAt == nil {
		err := p.DB.Account.Update().Where(account.ID(signer.ID), account.SuspendedAtIsNil()).
			SetSuspendedAt(p.now()).Exec(ctx)
		if err != nil {
			return fmt.Errorf("suspend deleted account %s: %w", signer.URI, err)
		}
	}
	if err := p.Relations.ForgetFollows(ctx, signer.ID); err != nil {
		return err
	}
	for {
		favs, err := p.DB.Favourite.Query().Where(favourite.AccountID(signer.ID)).Limit(deleteBatch).All(ctx)
		if err != nil {
			return fmt.Errorf("load favourites of %s: %w", signer.URI, err)
		}
		for _, f := range favs {
			if _, err := p.Interact.Unfavourite(ctx, signer.ID, f.StatusID); err != nil && !isNotFound(err) {
				return err
			}
			// Unfavourite leaves a like it cannot see the status of; this one must go.
			if err := p.DB.Favourite.DeleteOneID(f.ID).Exec(ctx); err != nil && !ent.IsNotFound(err) {
				return fmt.Errorf("delete favourite: %w", err)
			}
		}
		if len(favs) < deleteBatch {
			break
		}
	}
	// Boosts first: deleting an original removes the boosts of it with it.
	for _, boosts := range []bool{true, false} {
		if err := p.deleteStatusesOf(ctx, signer, boosts); err != nil {
			return err
		}
	}
	if _, err := p.DB.PollVote.Delete().Where(pollvote.AccountID(signer.ID)).Exec(ctx); err != nil {
		return fmt.Errorf("delete poll votes of %s: %w", signer.URI, err)
	}
	return nil
}

// deleteStatusesOf deletes the account's boosts, or its other statuses, a batch at a
// time. A status that stays after its deletion (deleted meanwhile and made again?)
// ends the loop rather than spin on it.
func (p *Processor) deleteStatusesOf(ctx context.Context, a *ent.Account, boosts bool) error {
	q := status.ReblogOfIDIsNil()
	if boosts {
		q = status.ReblogOfIDNotNil()
	}
	tried := map[string]bool{}
	for {
		sts, err := p.DB.Status.Query().Where(status.AccountID(a.ID), q).
			Order(ent.Asc(status.FieldID)).Limit(deleteBatch).All(ctx)
		if err != nil {
			return fmt.Errorf("load statuses of %s: %w", a.URI, err)
		}
		progress := false
		for _, st := range sts {
			if tried[st.ID] {
				continue
			}
			tried[st.ID], progress = true, true
			if err := p.Ingest.DeleteStatus(ctx, st.URI, a); err != nil {
				return err
			}
		}
		if len(sts) < deleteBatch || !progress {
			return nil
		}
	}
}
