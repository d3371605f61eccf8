package interact

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/notify"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Favourite likes a status the actor can see and tells its author. Favouriting it
// again changes nothing.
func (s *Service) Favourite(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	return s.do(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) error {
		id, err := s.addFavourite(ctx, tx, actorID, orig, nil)
		if err != nil || id == "" {
			return err
		}
		return federate.Send(ctx, s.Federator, tx, federate.Activity{Kind: federate.Like, ActorID: actorID, ActivityID: id, ObjectID: orig.ID})
	})
}

// addFavourite records the actor's like of orig, counts it and tells orig's author. It
// returns the new favourite's ID, or "" when the actor had liked orig already. from is
// nil for a local actor; for a remote one it is the Like that federation received.
func (s *Service) addFavourite(ctx context.Context, tx *store.Tx, actorID string, orig *ent.Status, from *Remote) (string, error) {
	exists, err := tx.Favourite.Query().
		Where(favourite.AccountID(actorID), favourite.StatusID(orig.ID)).Exist(ctx)
	if err != nil || exists {
		return "", wrap(err, "check favourite")
	}
	now, uri := s.now(), ""
	if from != nil {
		now, uri = from.at(now), from.URI
	}
	id := ids.New(now)
	if from == nil {
		name, err := username(ctx, tx, actorID)
		if err != nil {
			return "", err
		}
		uri = s.URIs.Activity(name, "like", id)
	}
	err = tx.Favourite.Create().SetID(id).SetCreatedAt(now).SetURI(uri).
		SetAccountID(actorID).SetStatusID(orig.ID).Exec(ctx)
	if err != nil {
		return "", fmt.Errorf("create favourite: %w", err)
	}
	if err := tx.Status.UpdateOneID(orig.ID).AddFavouritesCount(1).Exec(ctx); err != nil {
		return "", fmt.Errorf("count favourite: %w", err)
	}
	notice := notify.Notice{
		Type: notification.TypeFAVOURITE, RecipientID: orig.AccountID, FromID: actorID,
		StatusID: orig.ID, ThreadID: threadOf(orig),
	}
	if from == nil {
		notice.At = now // a remote like is notified when it arrives, not when it was made
	}
	_, err = notify.Send(ctx, tx, s.Events, notice)
	if err != nil {
		return "", err
	}
	return id, nil
}

// Unfavourite takes a like back, and the notification it caused. Unfavouriting a
// status not favourited is fine.
func (s *Service) Unfavourite(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	return s.undo(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) (bool, error) {
		fav, err := tx.Favourite.Query().
			Where(favourite.AccountID(actorID), favourite.StatusID(orig.ID)).Only(ctx)
		if ent.IsNotFound(err) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("load favourite: %w", err)
		}
		if err := tx.Favourite.DeleteOne(fav).Exec(ctx); err != nil {
			return false, fmt.Errorf("delete favourite: %w", err)
		}
		err = federate.Send(ctx, s.Federator, tx, federate.Activity{
			Kind: federate.Unlike, ActorID: actorID, ActivityID: fav.ID, ObjectURI: fav.URI, ObjectID: orig.ID,
		})
		if err != nil {
			return false, err
		}
		err = tx.Status.Update().Where(status.ID(orig.ID), status.FavouritesCountGT(0)).
			AddFavouritesCount(-1).Exec(ctx)
		if err != nil {
			return false, fmt.Errorf("uncount favourite: %w", err)
		}
		return true, dropNotification(ctx, tx, notification.TypeFAVOURITE, actorID, orig)
	})
}

// dropNotification removes the notification an interaction caused, as Mastodon does
// when the interaction is undone.
func dropNotification(ctx context.Context, tx *store.Tx, typ notification.Type, fromID string, orig *ent.Status) error {
	_, err := tx.Notification.Delete().Where(
		notification.TypeEQ(typ),
		notification.FromAccountID(fromID),
		notification.AccountID(orig.AccountID),
		notification.StatusID(orig.ID),
	).Exec(ctx)
	if err != nil {
		return fmt.Errorf("delete %s notification: %w", typ, err)
	}
	return nil
}

// wrap adds context to err, and leaves nil alone.
func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
