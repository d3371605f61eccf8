package posting

import (
	"context"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/fanout"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
)

// The functions in this file are the parts of posting that statuses arriving over
// federation (federation/ingest) go through too, so that a remote status is counted,
// tagged, revised, deleted and announced exactly like a local one.

// Announce arranges for st to be announced as kind (StatusCreated, StatusUpdated) on
// the streams that show it, once tx commits. The streams are worked out now, inside
// tx, so that they reflect the write being made.
func Announce(ctx context.Context, tx *store.Tx, events hub.Publisher, kind hub.Kind, st *ent.Status) error {
	streams, err := fanout.StatusStreams(ctx, tx.Client(), st)
	if err != nil {
		return err
	}
	tx.AfterCommit(func(ctx context.Context) { publish(ctx, events, kind, st.ID, st.AccountID, streams) })
	return nil
}

// EnsureTags returns the IDs of the hashtags with the given (normalized) names,
// creating those no status has used yet.
func EnsureTags(ctx context.Context, c *ent.Client, names []string) ([]string, error) {
	return ensureTags(ctx, c, names)
}

// SaveRevision stores st as it is now in its edit history, before an edit replaces
// it.
func SaveRevision(ctx context.Context, tx *store.Tx, st *ent.Status) error {
	var s Service // saveRevision needs nothing of the service
	return s.saveRevision(ctx, tx, st)
}

// publish announces a committed change. A failure is not the caller's: the write
// committed, and a subscriber that misses the event sees the status on its next
// fetch. Nothing to undo.
func publish(ctx context.Context, events hub.Publisher, kind hub.Kind, statusID, accountID string, streams []hub.Stream) {
	if len(streams) == 0 || events == nil {
		return
	}
	_ = events.Publish(ctx, hub.Event{Kind: kind, StatusID: statusID, AccountID: accountID}, streams...)
}
