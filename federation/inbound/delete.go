package inbound

import (
	"context"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/accounts"
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

// deleteActor applies an actor's deletion of itself: graph/accounts' Remover keeps
// the account row, suspended, and takes away what it made and its relationships, each
// status through the ingester's delete. Applying it again finds nothing left to do.
func (p *Processor) deleteActor(ctx context.Context, signer *ent.Account) error {
	r := &accounts.Remover{
		DB: p.DB, Relations: p.Relations, Interact: p.Interact, Now: p.Now,
		DeleteStatus: func(ctx context.Context, a *ent.Account, st *ent.Status) error {
			return p.Ingest.DeleteStatus(ctx, st.URI, a)
		},
	}
	return r.Remove(ctx, signer)
}
