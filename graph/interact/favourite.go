package interact

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/notify"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Favourite likes a status the actor can see and tells its author. Favouriting it
// again changes nothing.
func (s *Service) Favourite(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	return s.do(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) error {
		exists, err := tx.Favourite.Query().
			Where(favourite.AccountID(actorID), favourite.StatusID(orig.ID)).Exist(ctx)
		if err != nil || exists {
			return wrap(err, "check favourite")
		}
		name, err := username(ctx, tx, actorID)
		if err != nil {
			return err
		}
		now := s.now()
		id := ids.New(now)
		err = tx.Favourite.Create().SetID(id).SetCreatedAt(now).
			SetURI(s.URIs.Activity(name, "like", id)).
			SetAccountID(actorID).SetStatusID(orig.ID).Exec(ctx)
		if err != nil {
			return fmt.Errorf("create favourite: %w", err)
		}
		if err := tx.Status.UpdateOneID(orig.ID).AddFavouritesCount(1).Exec(ctx); err != nil {
			return fmt.Errorf("count favourite: %w", err)
		}
		_, err = notify.Send(ctx, tx, s.Events, notify.Notice{
			Type: notification.TypeFAVOURITE, RecipientID: orig.AccountID, FromID: actorID,
			StatusID: orig.ID, ThreadID: threadOf(orig), At: now,
		})
		return err
	})
}

// Unfavourite takes a like back, and the notification it caused. Unfavouriting a
// status not favourited is fine.
func (s *Service) Unfavourite(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	return s.undo(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) (bool, error) {
		n, err := tx.Favourite.Delete().
			Where(favourite.AccountID(actorID), favourite.StatusID(orig.ID)).Exec(ctx)
		if err != nil || n == 0 {
			return false, wrap(err, "delete favourite")
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
