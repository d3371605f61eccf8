package interact

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/statuspin"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// MaxPins is how many statuses an account may pin to its profile, as on Mastodon.
const MaxPins = 5

// Pin features one of the actor's own public, unlisted or followers-only statuses on
// its profile. Pinning it again changes nothing; a sixth pin fails with BadInput.
func (s *Service) Pin(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	return s.do(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) error {
		if orig.AccountID != actorID {
			return apperr.BadInputf("Validation failed: you can only pin your own posts")
		}
		switch orig.Visibility {
		case status.VisibilityPUBLIC, status.VisibilityUNLISTED, status.VisibilityFOLLOWERS_ONLY:
		default:
			return apperr.BadInputf("Validation failed: %s posts cannot be pinned", orig.Visibility)
		}
		if s.DB.Type == store.Postgres {
			// Count and insert under the account's lock, or two pins at once could
			// both see room for one more.
			if _, err := tx.Account.Query().Where(account.ID(actorID)).ForUpdate().Only(ctx); err != nil {
				return fmt.Errorf("lock account: %w", err)
			}
		}
		pins, err := tx.StatusPin.Query().Where(statuspin.AccountID(actorID)).
			Select(statuspin.FieldStatusID).Strings(ctx)
		if err != nil {
			return fmt.Errorf("count pins: %w", err)
		}
		for _, id := range pins {
			if id == orig.ID {
				return nil
			}
		}
		if len(pins) >= MaxPins {
			return apperr.BadInputf("Validation failed: too many pins (at most %d)", MaxPins)
		}
		now := s.now()
		err = tx.StatusPin.Create().SetID(ids.New(now)).SetCreatedAt(now).
			SetAccountID(actorID).SetStatusID(orig.ID).Exec(ctx)
		return wrap(err, "create pin")
	})
}

// Unpin takes a status off the actor's profile. Unpinning one that is not pinned is
// fine.
func (s *Service) Unpin(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	return s.undo(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) (bool, error) {
		n, err := tx.StatusPin.Delete().
			Where(statuspin.AccountID(actorID), statuspin.StatusID(orig.ID)).Exec(ctx)
		return n > 0, wrap(err, "delete pin")
	})
}
