package interact

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/fanout"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/notify"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Boost shares a status with the actor's followers: it creates a boost (a status of
// the actor's that points at the original), tells the original's author, and puts the
// boost on live timelines once committed. vis is the boost's own visibility: PUBLIC
// (the default, for ""), UNLISTED or FOLLOWERS_ONLY.
//
// Only public and unlisted statuses may be boosted, and an author's own followers-only
// statuses by that author (the boost then stays followers-only, as on Mastodon).
// Boosting a boost boosts the original; boosting again changes nothing.
func (s *Service) Boost(ctx context.Context, actorID, statusID string, vis status.Visibility) (*ent.Status, error) {
	switch vis {
	case "":
		vis = status.VisibilityPUBLIC
	case status.VisibilityPUBLIC, status.VisibilityUNLISTED, status.VisibilityFOLLOWERS_ONLY:
	default:
		return nil, apperr.BadInputf("a boost can be PUBLIC, UNLISTED or FOLLOWERS_ONLY, not %s", vis)
	}
	return s.do(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) error {
		boost, err := s.addBoost(ctx, tx, actorID, orig, vis, nil)
		if err != nil || boost == nil {
			return err
		}
		return federate.Send(ctx, s.Federator, tx, federate.Activity{Kind: federate.Announce, ActorID: actorID, StatusID: boost.ID, ObjectID: orig.ID})
	})
}

// addBoost creates the actor's boost of orig, counts it, tells orig's author and puts
// the boost on live timelines once tx commits. It returns nil when the actor had
// boosted orig already. from is nil for a local actor; for a remote one it is the
// Announce that federation received.
func (s *Service) addBoost(ctx context.Context, tx *store.Tx, actorID string, orig *ent.Status, vis status.Visibility, from *Remote) (*ent.Status, error) {
	switch {
	case orig.Visibility == status.VisibilityPUBLIC, orig.Visibility == status.VisibilityUNLISTED:
	case orig.Visibility == status.VisibilityFOLLOWERS_ONLY && orig.AccountID == actorID:
		vis = status.VisibilityFOLLOWERS_ONLY
	default:
		return nil, apperr.Forbiddenf("This action is not allowed: only public and unlisted posts can be boosted")
	}
	exists, err := tx.Status.Query().
		Where(status.ReblogOfID(orig.ID), status.AccountID(actorID)).Exist(ctx)
	if err != nil || exists {
		return nil, wrap(err, "check boost")
	}
	boost, err := s.createBoost(ctx, tx, actorID, orig, vis, from)
	if err != nil {
		return nil, err
	}
	if err := tx.Status.UpdateOneID(orig.ID).AddReblogsCount(1).Exec(ctx); err != nil {
		return nil, fmt.Errorf("count boost: %w", err)
	}
	notice := notify.Notice{
		Type: notification.TypeREBLOG, RecipientID: orig.AccountID, FromID: actorID,
		StatusID: orig.ID, ThreadID: threadOf(orig),
	}
	if from == nil {
		notice.At = s.now() // a remote boost is notified when it arrives
	}
	_, err = notify.Send(ctx, tx, s.Events, notice)
	if err != nil {
		return nil, err
	}
	streams, err := fanout.StatusStreams(ctx, tx.Client(), boost)
	if err != nil {
		return nil, err
	}
	tx.AfterCommit(func(ctx context.Context) {
		s.publish(ctx, hub.StatusCreated, boost.ID, actorID, streams)
	})
	return boost, nil
}

func (s *Service) createBoost(ctx context.Context, tx *store.Tx, actorID string, orig *ent.Status, vis status.Visibility, from *Remote) (*ent.Status, error) {
	now, uri := s.now(), ""
	if from != nil {
		now, uri = from.at(now), from.URI
	}
	id := ids.New(now)
	if from == nil {
		name, err := username(ctx, tx, actorID)
		if err != nil {
			return nil, err
		}
		uri = s.URIs.Status(name, id)
	}
	boost, err := tx.Status.Create().
		SetID(id).
		SetCreatedAt(now).
		SetAccountID(actorID).
		SetURI(uri).
		SetReblogOfID(orig.ID).
		SetVisibility(vis).
		SetLocalOnly(orig.LocalOnly). // a local-only post must not leave through a boost
		SetLocal(from == nil).
		SetThreadID(id).
		Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("create boost: %w", err)
	}
	return boost, nil
}

// Unboost deletes the actor's boost of a status, takes back its notification, and
// removes it from the live timelines it was shown on. Unboosting a status not
// boosted is fine.
func (s *Service) Unboost(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	return s.undo(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) (bool, error) {
		boost, err := tx.Status.Query().
			Where(status.ReblogOfID(orig.ID), status.AccountID(actorID)).Only(ctx)
		if ent.IsNotFound(err) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("load boost: %w", err)
		}
		// Work out who was shown the boost while it still exists.
		streams, err := fanout.StatusStreams(ctx, tx.Client(), boost)
		if err != nil {
			return false, err
		}
		err = federate.Send(ctx, s.Federator, tx, federate.Activity{
			Kind: federate.Unannounce, ActorID: actorID, StatusID: boost.ID, ObjectURI: boost.URI,
			ObjectID: orig.ID, Visibility: string(boost.Visibility),
		})
		if err != nil {
			return false, err
		}
		if err := tx.Status.DeleteOne(boost).Exec(ctx); err != nil {
			return false, fmt.Errorf("delete boost: %w", err)
		}
		err = tx.Status.Update().Where(status.ID(orig.ID), status.ReblogsCountGT(0)).
			AddReblogsCount(-1).Exec(ctx)
		if err != nil {
			return false, fmt.Errorf("uncount boost: %w", err)
		}
		if err := dropNotification(ctx, tx, notification.TypeREBLOG, actorID, orig); err != nil {
			return false, err
		}
		tx.AfterCommit(func(ctx context.Context) {
			s.publish(ctx, hub.StatusDeleted, boost.ID, actorID, streams)
		})
		return true, nil
	})
}

// BoostBy returns the actor's boost of a status (or of what a boost boosts), for
// surfaces that show the boost itself, like Mastodon's reblog endpoint. It fails with
// NotFound when there is none.
func (s *Service) BoostBy(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	st, err := s.DB.Status.Query().Where(status.ID(statusID)).
		Select(status.FieldID, status.FieldReblogOfID).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errStatusNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load status %s: %w", statusID, err)
	}
	origID := st.ID
	if st.ReblogOfID != nil {
		origID = *st.ReblogOfID
	}
	boost, err := s.DB.Status.Query().
		Where(status.ReblogOfID(origID), status.AccountID(actorID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errStatusNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load boost of %s: %w", origID, err)
	}
	return boost, nil
}

// publish announces a committed change. A failure is not the caller's: the write
// stands, and a subscriber that missed the event sees the change on its next fetch.
func (s *Service) publish(ctx context.Context, kind hub.Kind, statusID, accountID string, streams []hub.Stream) {
	if len(streams) == 0 || s.Events == nil {
		return
	}
	_ = s.Events.Publish(ctx, hub.Event{Kind: kind, StatusID: statusID, AccountID: accountID}, streams...)
}
