package interact

import (
	"context"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/bookmark"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Bookmark saves a status the actor can see to its private bookmarks. Bookmarking it
// again changes nothing.
func (s *Service) Bookmark(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	return s.do(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) error {
		exists, err := tx.Bookmark.Query().
			Where(bookmark.AccountID(actorID), bookmark.StatusID(orig.ID)).Exist(ctx)
		if err != nil || exists {
			return wrap(err, "check bookmark")
		}
		now := s.now()
		err = tx.Bookmark.Create().SetID(ids.New(now)).SetCreatedAt(now).
			SetAccountID(actorID).SetStatusID(orig.ID).Exec(ctx)
		return wrap(err, "create bookmark")
	})
}

// Unbookmark removes a status from the actor's bookmarks. Removing one that is not
// bookmarked is fine.
func (s *Service) Unbookmark(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	return s.undo(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) (bool, error) {
		n, err := tx.Bookmark.Delete().
			Where(bookmark.AccountID(actorID), bookmark.StatusID(orig.ID)).Exec(ctx)
		return n > 0, wrap(err, "delete bookmark")
	})
}
