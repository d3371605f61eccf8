package filters

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/filter"
	"github.com/fedigraph/fedigraph/ent/filterkeyword"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Keywords returns the keywords of one of the account's filters, in the order added.
func (s *Service) Keywords(ctx context.Context, accountID, filterID string) ([]*ent.FilterKeyword, error) {
	f, err := s.Get(ctx, accountID, filterID)
	if err != nil {
		return nil, err
	}
	return f.Edges.Keywords, nil
}

// Keyword returns one keyword of the account's filters, with its filter loaded.
func (s *Service) Keyword(ctx context.Context, accountID, keywordID string) (*ent.FilterKeyword, error) {
	return keyword(ctx, s.DB.Client, accountID, keywordID)
}

func keyword(ctx context.Context, c *ent.Client, accountID, keywordID string) (*ent.FilterKeyword, error) {
	k, err := c.FilterKeyword.Query().
		Where(filterkeyword.ID(keywordID), filterkeyword.HasFilterWith(filter.AccountID(accountID))).
		WithFilter().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load keyword %s: %w", keywordID, err)
	}
	return k, nil
}

// AddKeyword adds a keyword to one of the account's filters and returns it. A nil
// wholeWord matches whole words.
func (s *Service) AddKeyword(ctx context.Context, accountID, filterID, text string, wholeWord *bool) (*ent.FilterKeyword, error) {
	var id string
	err := s.change(ctx, accountID, func(tx *store.Tx) error {
		if _, err := get(ctx, tx.Client(), accountID, filterID); err != nil {
			return err
		}
		var err error
		if id, err = addKeyword(ctx, tx, newIDSource(s.now()), filterID, text, wholeWord); err != nil {
			return err
		}
		return checkKeywordCount(ctx, tx, filterID)
	})
	if err != nil {
		return nil, err
	}
	return s.Keyword(ctx, accountID, id)
}

// UpdateKeyword changes a keyword of the account's filters (what is nil stays) and
// returns it.
func (s *Service) UpdateKeyword(ctx context.Context, accountID, keywordID string, text *string, wholeWord *bool) (*ent.FilterKeyword, error) {
	err := s.change(ctx, accountID, func(tx *store.Tx) error {
		k, err := keyword(ctx, tx.Client(), accountID, keywordID)
		if err != nil {
			return err
		}
		return s.applyKeyword(ctx, tx, newIDSource(s.now()), k.FilterID, KeywordInput{ID: keywordID, Keyword: text, WholeWord: wholeWord})
	})
	if err != nil {
		return nil, err
	}
	return s.Keyword(ctx, accountID, keywordID)
}

// DeleteKeyword removes a keyword of the account's filters. The filter stays, even
// with no keywords left.
func (s *Service) DeleteKeyword(ctx context.Context, accountID, keywordID string) error {
	return s.change(ctx, accountID, func(tx *store.Tx) error {
		k, err := keyword(ctx, tx.Client(), accountID, keywordID)
		if err != nil {
			return err
		}
		return s.applyKeyword(ctx, tx, newIDSource(s.now()), k.FilterID, KeywordInput{ID: keywordID, Destroy: true})
	})
}
