package tags

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/ent/tagfollow"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Follow makes the account follow the hashtag, creating the hashtag when no status has
// used it yet, and returns the hashtag. Following it again changes nothing.
func (s *Service) Follow(ctx context.Context, accountID, name string) (*ent.Tag, error) {
	n, ok := Normalize(name)
	if !ok {
		return nil, errTagNotFound()
	}
	var out *ent.Tag
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		// Ignoring a conflict on the unique name (and on the unique follow below)
		// lets two requests racing to create the same row both succeed.
		if err := tx.Tag.Create().SetName(n).OnConflictColumns(tag.FieldName).Ignore().Exec(ctx); err != nil {
			return fmt.Errorf("create hashtag %s: %w", n, err)
		}
		t, err := tx.Tag.Query().Where(tag.Name(n)).Only(ctx)
		if err != nil {
			return fmt.Errorf("load hashtag %s: %w", n, err)
		}
		err = tx.TagFollow.Create().SetAccountID(accountID).SetTagID(t.ID).
			OnConflictColumns(tagfollow.FieldAccountID, tagfollow.FieldTagID).Ignore().Exec(ctx)
		if err != nil {
			return fmt.Errorf("follow hashtag %s: %w", n, err)
		}
		out = t
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

// Unfollow ends the account's follow of the hashtag, if any, and returns the hashtag
// (unsaved, as Get gives it, when it has never been used).
func (s *Service) Unfollow(ctx context.Context, accountID, name string) (*ent.Tag, error) {
	t, err := s.Get(ctx, name)
	if err != nil || t.ID == "" {
		return t, err
	}
	_, err = s.DB.TagFollow.Delete().Where(tagfollow.AccountID(accountID), tagfollow.TagID(t.ID)).Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("unfollow hashtag %s: %w", t.Name, err)
	}
	return t, nil
}
