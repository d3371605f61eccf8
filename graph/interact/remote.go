package interact

import (
	"context"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Remote identifies an interaction that a remote account performed on its own server
// and that federation applies here: the activity's ID, which becomes the row's URI so
// that a later Undo naming it finds the row, and when it happened.
type Remote struct {
	URI string
	// Published is when the remote server says the activity happened; the zero time,
	// or a time in the future, means now.
	Published time.Time
}

// at is when the interaction happened, for its time-sortable ID.
func (r *Remote) at(now time.Time) time.Time {
	if r.Published.IsZero() || r.Published.After(now) {
		return now
	}
	return r.Published
}

// FavouriteRemote records a like by a remote account (federation's Like), with the
// same rules, counter and notification as Favourite: the status must be one the
// remote account may see. Liking again changes nothing. Nothing is federated: the
// like came from the actor's own server.
func (s *Service) FavouriteRemote(ctx context.Context, actorID, statusID string, from Remote) (*ent.Status, error) {
	if from.URI == "" {
		return nil, apperr.BadInputf("a remote like needs its activity's ID")
	}
	return s.do(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) error {
		_, err := s.addFavourite(ctx, tx, actorID, orig, &from)
		return err
	})
}

// BoostRemote records a boost by a remote account (federation's Announce) with the
// same rules, counter, notification and live timeline events as Boost, and returns
// the boost (or the one made before, for an Announce applied twice). vis is the
// boost's own visibility as its addressing says.
func (s *Service) BoostRemote(ctx context.Context, actorID, statusID string, vis status.Visibility, from Remote) (*ent.Status, error) {
	if from.URI == "" {
		return nil, apperr.BadInputf("a remote boost needs its activity's ID")
	}
	switch vis {
	case status.VisibilityPUBLIC, status.VisibilityUNLISTED, status.VisibilityFOLLOWERS_ONLY:
	default:
		// A boost addressed to a few people only (DIRECT) is not a boost Mastodon
		// shows; the closest thing that stays within its audience is followers-only.
		vis = status.VisibilityFOLLOWERS_ONLY
	}
	var boostID string
	_, err := s.do(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) error {
		boost, err := s.addBoost(ctx, tx, actorID, orig, vis, &from)
		if err != nil {
			return err
		}
		if boost == nil {
			boostID, err = tx.Status.Query().
				Where(status.ReblogOfID(orig.ID), status.AccountID(actorID)).OnlyID(ctx)
			return wrap(err, "load boost")
		}
		boostID = boost.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.reread(ctx, boostID)
}
