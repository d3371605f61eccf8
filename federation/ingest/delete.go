package ingest

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
)

// DeleteStatus applies a remote account's deletion of its status (or boost) with the
// ActivityPub ID uri: the status goes the way a local one does (graph/posting's
// RemoveStatus: counters, cascades, live timeline events), a boost the way a local
// unboost does. Only the author may delete (ErrNotAuthor otherwise). Deleting what is
// not stored, or no longer, is fine.
func (g *Ingester) DeleteStatus(ctx context.Context, uri string, actor *ent.Account) error {
	st, err := g.DB.Status.Query().Where(status.URI(uri)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("load status %s: %w", uri, err)
	}
	if actor == nil || st.AccountID != actor.ID || st.Local {
		return fmt.Errorf("%w: %s", ErrNotAuthor, uri)
	}
	if st.ReblogOfID != nil {
		// No Federator: the boost's own server is the one telling us.
		in := &interact.Service{DB: g.DB, Events: g.Events, Now: g.Now}
		if _, err := in.Unboost(ctx, actor.ID, *st.ReblogOfID); err != nil && !isNotFound(err) {
			return err
		}
		return nil
	}
	err = g.DB.InTx(ctx, func(tx *store.Tx) error {
		// Remote attachments are only references to the author's files: they go with
		// the status rather than linger unattached.
		if _, err := tx.MediaAttachment.Delete().
			Where(mediaattachment.HasStatusWith(status.ID(st.ID))).Exec(ctx); err != nil {
			return fmt.Errorf("remove attachments of %s: %w", uri, err)
		}
		return posting.RemoveStatus(ctx, tx, g.Events, st)
	})
	if ent.IsNotFound(err) {
		return nil // deleted meanwhile by another delivery of the same Delete
	}
	return err
}
