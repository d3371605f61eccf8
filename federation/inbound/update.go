package inbound

import (
	"context"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
)

// update applies an Update of a post (an edit, or a poll's new counts) or of the
// actor's own profile. An Update of a post this server never stored is ignored, as
// Mastodon does: nobody here has seen the post to be told of its change.
func (p *Processor) update(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	o := act.Object
	switch {
	case o == nil:
		return unsupported("an Update without its object")
	case o.Note != nil:
		n := o.Note
		if !sameHost(n.ID, act.Actor) {
			return forbidden("updates %s on another host", n.ID)
		}
		known, err := p.DB.Status.Query().Where(status.URI(n.ID)).Exist(ctx)
		if err != nil || !known {
			return err
		}
		_, _, err = p.Ingest.UpsertStatus(ctx, n, signer)
		return err
	case o.Actor != nil:
		if o.Actor.ID != signer.URI {
			return forbidden("updates actor %s", o.Actor.ID)
		}
		_, err := p.Ingest.UpsertAccount(ctx, o.Actor)
		return err
	}
	return unsupported("an Update of a %s", o.Type)
}
