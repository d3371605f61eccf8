package filters

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/filter"
	"github.com/fedigraph/fedigraph/ent/filterstatus"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Statuses returns the statuses one of the account's filters names, in the order added.
func (s *Service) Statuses(ctx context.Context, accountID, filterID string) ([]*ent.FilterStatus, error) {
	f, err := s.Get(ctx, accountID, filterID)
	if err != nil {
		return nil, err
	}
	return f.Edges.Statuses, nil
}

// Status returns one status entry of the account's filters, with its filter loaded.
func (s *Service) Status(ctx context.Context, accountID, id string) (*ent.FilterStatus, error) {
	fs, err := s.DB.FilterStatus.Query().
		Where(filterstatus.ID(id), filterstatus.HasFilterWith(filter.AccountID(accountID))).
		WithFilter().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load filtered status %s: %w", id, err)
	}
	return fs, nil
}

// AddStatus adds a status the account may see to one of its filters and returns the
// entry. A status is named once per filter.
func (s *Service) AddStatus(ctx context.Context, accountID, filterID, statusID string) (*ent.FilterStatus, error) {
	now := s.now()
	id := ids.New(now)
	err := s.change(ctx, accountID, func(tx *store.Tx) error {
		if _, err := get(ctx, tx.Client(), accountID, filterID); err != nil {
			return err
		}
		visible, err := visibility.Visible(ctx, tx.Client(), accountID, statusID)
		if err != nil {
			return err
		}
		if !visible {
			return apperr.NotFoundf("status not found")
		}
		taken, err := tx.FilterStatus.Query().
			Where(filterstatus.FilterID(filterID), filterstatus.StatusID(statusID)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("check filtered status: %w", err)
		}
		if taken {
			return apperr.BadInputf("Validation failed: Status has already been taken")
		}
		err = tx.FilterStatus.Create().SetID(id).SetCreatedAt(now).
			SetFilterID(filterID).SetStatusID(statusID).Exec(ctx)
		return wrap(err, "add filtered status")
	})
	if err != nil {
		return nil, err
	}
	return s.Status(ctx, accountID, id)
}

// RemoveStatus removes a status entry from the account's filters.
func (s *Service) RemoveStatus(ctx context.Context, accountID, id string) error {
	return s.change(ctx, accountID, func(tx *store.Tx) error {
		n, err := tx.FilterStatus.Delete().
			Where(filterstatus.ID(id), filterstatus.HasFilterWith(filter.AccountID(accountID))).Exec(ctx)
		if err != nil {
			return fmt.Errorf("remove filtered status %s: %w", id, err)
		}
		if n == 0 {
			return errNotFound()
		}
		return nil
	})
}

// wrap adds context to err, and leaves nil alone.
func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
