package filters

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/filter"
	"github.com/fedigraph/fedigraph/ent/filterkeyword"
	"github.com/fedigraph/fedigraph/ent/predicate"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Create makes a filter for the account, with the keywords given, and returns it.
func (s *Service) Create(ctx context.Context, accountID string, in Input) (*ent.Filter, error) {
	title := ""
	if in.Title != nil {
		title = *in.Title
	}
	title, err := checkTitle(title)
	if err != nil {
		return nil, err
	}
	contexts, err := checkContext(in.Context)
	if err != nil {
		return nil, err
	}
	action := filter.ActionWARN
	if in.Action != nil {
		action = *in.Action
	}
	if err := checkAction(action); err != nil {
		return nil, err
	}
	now := s.now()
	var expires *time.Time
	if in.ExpiresIn != nil {
		if expires, err = expiresAt(*in.ExpiresIn, now); err != nil {
			return nil, err
		}
	}
	src := newIDSource(now)
	id := src.next()
	err = s.change(ctx, accountID, func(tx *store.Tx) error {
		err := tx.Filter.Create().SetID(id).SetCreatedAt(now).SetUpdatedAt(now).
			SetAccountID(accountID).SetTitle(title).SetContext(contexts).SetAction(action).
			SetNillableExpiresAt(expires).Exec(ctx)
		if err != nil {
			return fmt.Errorf("create filter: %w", err)
		}
		return s.applyKeywords(ctx, tx, src, id, in.Keywords)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, accountID, id)
}

// Update changes one of the account's filters as in says, and returns it.
func (s *Service) Update(ctx context.Context, accountID, filterID string, in Input) (*ent.Filter, error) {
	err := s.change(ctx, accountID, func(tx *store.Tx) error {
		if _, err := get(ctx, tx.Client(), accountID, filterID); err != nil {
			return err
		}
		return s.update(ctx, tx, filterID, in)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, accountID, filterID)
}

// update applies in to a filter known to be the owner's.
func (s *Service) update(ctx context.Context, tx *store.Tx, filterID string, in Input) error {
	now := s.now()
	u := tx.Filter.UpdateOneID(filterID).SetUpdatedAt(now)
	if in.Title != nil {
		title, err := checkTitle(*in.Title)
		if err != nil {
			return err
		}
		u.SetTitle(title)
	}
	if len(in.Context) > 0 {
		contexts, err := checkContext(in.Context)
		if err != nil {
			return err
		}
		u.SetContext(contexts)
	}
	if in.Action != nil {
		if err := checkAction(*in.Action); err != nil {
			return err
		}
		u.SetAction(*in.Action)
	}
	if in.ExpiresIn != nil {
		expires, err := expiresAt(*in.ExpiresIn, now)
		if err != nil {
			return err
		}
		if expires == nil {
			u.ClearExpiresAt()
		} else {
			u.SetExpiresAt(*expires)
		}
	}
	if err := u.Exec(ctx); err != nil {
		return fmt.Errorf("update filter %s: %w", filterID, err)
	}
	return s.applyKeywords(ctx, tx, newIDSource(now), filterID, in.Keywords)
}

// Delete removes one of the account's filters with its keywords and statuses.
func (s *Service) Delete(ctx context.Context, accountID, filterID string) error {
	return s.change(ctx, accountID, func(tx *store.Tx) error {
		n, err := tx.Filter.Delete().Where(filter.ID(filterID), filter.AccountID(accountID)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("delete filter %s: %w", filterID, err)
		}
		if n == 0 {
			return errNotFound()
		}
		return nil
	})
}

// applyKeywords adds, changes and removes a filter's keywords, then checks that the
// filter is left with no more than MaxKeywords.
func (s *Service) applyKeywords(ctx context.Context, tx *store.Tx, src *idSource, filterID string, changes []KeywordInput) error {
	for _, k := range changes {
		if err := s.applyKeyword(ctx, tx, src, filterID, k); err != nil {
			return err
		}
	}
	if len(changes) == 0 {
		return nil
	}
	return checkKeywordCount(ctx, tx, filterID)
}

// checkKeywordCount fails when the filter has more than MaxKeywords.
func checkKeywordCount(ctx context.Context, tx *store.Tx, filterID string) error {
	n, err := tx.FilterKeyword.Query().Where(filterkeyword.FilterID(filterID)).Count(ctx)
	if err != nil {
		return fmt.Errorf("count keywords: %w", err)
	}
	if n > MaxKeywords {
		return apperr.BadInputf("Validation failed: a filter has at most %d keywords", MaxKeywords)
	}
	return nil
}

func (s *Service) applyKeyword(ctx context.Context, tx *store.Tx, src *idSource, filterID string, k KeywordInput) error {
	if k.ID == "" {
		if k.Destroy {
			return apperr.BadInputf("Validation failed: a keyword to remove needs its id")
		}
		text := ""
		if k.Keyword != nil {
			text = *k.Keyword
		}
		_, err := addKeyword(ctx, tx, src, filterID, text, k.WholeWord)
		return err
	}
	ours := []predicate.FilterKeyword{filterkeyword.ID(k.ID), filterkeyword.FilterID(filterID)}
	if k.Destroy {
		n, err := tx.FilterKeyword.Delete().Where(ours...).Exec(ctx)
		if err != nil {
			return fmt.Errorf("delete keyword %s: %w", k.ID, err)
		}
		if n == 0 {
			return errNotFound()
		}
		return nil
	}
	// Look first: an update that changes nothing reports no rows either way.
	exists, err := tx.FilterKeyword.Query().Where(ours...).Exist(ctx)
	if err != nil {
		return fmt.Errorf("load keyword %s: %w", k.ID, err)
	}
	if !exists {
		return errNotFound()
	}
	if k.Keyword == nil && k.WholeWord == nil {
		return nil
	}
	u := tx.FilterKeyword.Update().Where(ours...).SetNillableWholeWord(k.WholeWord)
	if k.Keyword != nil {
		text, err := checkKeyword(*k.Keyword)
		if err != nil {
			return err
		}
		u.SetKeyword(text)
	}
	if err := u.Exec(ctx); err != nil {
		return fmt.Errorf("update keyword %s: %w", k.ID, err)
	}
	return nil
}

// addKeyword stores a new keyword on a filter.
func addKeyword(ctx context.Context, tx *store.Tx, src *idSource, filterID, keyword string, wholeWord *bool) (string, error) {
	text, err := checkKeyword(keyword)
	if err != nil {
		return "", err
	}
	id := src.next()
	err = tx.FilterKeyword.Create().SetID(id).SetCreatedAt(src.at).SetFilterID(filterID).
		SetKeyword(text).SetNillableWholeWord(wholeWord).Exec(ctx)
	if err != nil {
		return "", fmt.Errorf("add keyword: %w", err)
	}
	return id, nil
}
