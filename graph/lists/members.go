package lists

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/list"
	"github.com/fedigraph/fedigraph/ent/listmember"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// AddAccounts puts accounts on the actor's list. Each must be an account the actor
// follows; if any is not, nothing is added. Accounts already on the list are fine.
func (s *Service) AddAccounts(ctx context.Context, actorID, listID string, accountIDs []string) error {
	accountIDs = uniq(accountIDs)
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		q := tx.List.Query().Where(list.ID(listID), list.AccountID(actorID))
		if s.DB.Type == store.Postgres {
			// Two additions of one account at once must not both insert it.
			q = q.ForUpdate()
		}
		if exists, err := q.Exist(ctx); err != nil || !exists {
			if err != nil {
				return fmt.Errorf("load list %s: %w", listID, err)
			}
			return errListNotFound()
		}
		found, err := tx.Account.Query().
			Where(account.IDIn(accountIDs...), account.SuspendedAtIsNil()).IDs(ctx)
		if err != nil {
			return fmt.Errorf("load accounts: %w", err)
		}
		if len(found) != len(accountIDs) {
			return apperr.NotFoundf("account not found")
		}
		followed, err := tx.Follow.Query().
			Where(follow.AccountID(actorID), follow.TargetAccountIDIn(accountIDs...)).
			Select(follow.FieldTargetAccountID).Strings(ctx)
		if err != nil {
			return fmt.Errorf("check follows: %w", err)
		}
		if len(followed) != len(accountIDs) {
			return apperr.BadInputf("Validation failed: you must be following an account to add it to a list")
		}
		already, err := tx.ListMember.Query().
			Where(listmember.ListID(listID), listmember.AccountIDIn(accountIDs...)).
			Select(listmember.FieldAccountID).Strings(ctx)
		if err != nil {
			return fmt.Errorf("load list members: %w", err)
		}
		present := make(map[string]bool, len(already))
		for _, id := range already {
			present[id] = true
		}
		now := s.now()
		var adds []*ent.ListMemberCreate
		for _, id := range accountIDs {
			if !present[id] {
				adds = append(adds, tx.ListMember.Create().SetID(ids.New(now)).SetCreatedAt(now).
					SetListID(listID).SetAccountID(id))
			}
		}
		if err := tx.ListMember.CreateBulk(adds...).Exec(ctx); err != nil {
			return fmt.Errorf("add list members: %w", err)
		}
		return nil
	})
}

// RemoveAccounts takes accounts off the actor's list. Accounts not on it are fine.
func (s *Service) RemoveAccounts(ctx context.Context, actorID, listID string, accountIDs []string) error {
	if _, err := s.Get(ctx, actorID, listID); err != nil {
		return err
	}
	_, err := s.DB.ListMember.Delete().
		Where(listmember.ListID(listID), listmember.AccountIDIn(accountIDs...)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("remove list members: %w", err)
	}
	return nil
}

// Members returns the accounts on the actor's list, earliest added first.
func (s *Service) Members(ctx context.Context, actorID, listID string) ([]*ent.Account, error) {
	if _, err := s.Get(ctx, actorID, listID); err != nil {
		return nil, err
	}
	rows, err := s.DB.ListMember.Query().Where(listmember.ListID(listID)).
		Order(ent.Asc(listmember.FieldID)).WithAccount().All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load list members: %w", err)
	}
	members := make([]*ent.Account, 0, len(rows))
	for _, m := range rows {
		if a := m.Edges.Account; a != nil && a.SuspendedAt == nil {
			members = append(members, a)
		}
	}
	return members, nil
}

// ListsContaining returns the actor's lists that accountID is on, oldest first.
func (s *Service) ListsContaining(ctx context.Context, actorID, accountID string) ([]*ent.List, error) {
	exists, err := s.DB.Account.Query().
		Where(account.ID(accountID), account.SuspendedAtIsNil()).Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("load account %s: %w", accountID, err)
	}
	if !exists {
		return nil, apperr.NotFoundf("account not found")
	}
	ls, err := s.DB.List.Query().Where(
		list.AccountID(actorID),
		list.HasMembersWith(listmember.AccountID(accountID)),
	).Order(ent.Asc(list.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load lists containing %s: %w", accountID, err)
	}
	return ls, nil
}

// uniq drops repeated IDs, keeping the first of each.
func uniq(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
