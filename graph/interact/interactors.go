package interact

import (
	"context"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// BoostsOf lists the boosts of a status that the viewer may see, for "who boosted
// this": each row's account is a booster. The status itself must be visible.
func (s *Service) BoostsOf(ctx context.Context, viewerID, statusID string) (*ent.StatusQuery, error) {
	if err := s.mustSee(ctx, viewerID, statusID); err != nil {
		return nil, err
	}
	return s.DB.Status.Query().Where(status.ReblogOfID(statusID), visibility.Statuses(viewerID)), nil
}

// FavouritesOf lists the favourites of a status, for "who favourited this"; suspended
// accounts are left out, as they are from follower lists. The status must be visible.
func (s *Service) FavouritesOf(ctx context.Context, viewerID, statusID string) (*ent.FavouriteQuery, error) {
	if err := s.mustSee(ctx, viewerID, statusID); err != nil {
		return nil, err
	}
	return s.DB.Favourite.Query().
		Where(favourite.StatusID(statusID), favourite.HasAccountWith(account.SuspendedAtIsNil())), nil
}

func (s *Service) mustSee(ctx context.Context, viewerID, statusID string) error {
	ok, err := visibility.Visible(ctx, s.DB.Client, viewerID, statusID)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.NotFoundf("status not found")
	}
	return nil
}
