package filters

import (
	"context"
	"slices"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/store"
)

// msgSharedFilter is Mastodon's refusal of a v1 change that would reach other keywords.
const msgSharedFilter = "These parameters cannot be changed from this application because they apply to more than one filter keyword. Use a more recent application or the web interface."

// UpdateKeywordAndFilter changes a keyword and the filter around it together, as
// Mastodon's v1 filters API does, where one v1 filter is one keyword: the keyword takes
// kw's text and whole-word choice, the filter in's context, action and expiry (its
// title stays). When the filter has other keywords, a change to the filter would
// change them too, so it is refused, as on Mastodon.
func (s *Service) UpdateKeywordAndFilter(ctx context.Context, accountID, keywordID string, kw KeywordInput, in Input) (*ent.FilterKeyword, error) {
	in.Title, in.Keywords = nil, nil
	err := s.change(ctx, accountID, func(tx *store.Tx) error {
		k, err := keyword(ctx, tx.Client(), accountID, keywordID)
		if err != nil {
			return err
		}
		f, err := get(ctx, tx.Client(), accountID, k.FilterID)
		if err != nil {
			return err
		}
		if len(f.Edges.Keywords) > 1 && changesFilter(f, in) {
			return apperr.BadInputf(msgSharedFilter)
		}
		kw.ID, kw.Destroy = keywordID, false
		if err := s.applyKeyword(ctx, tx, newIDSource(s.now()), f.ID, kw); err != nil {
			return err
		}
		return s.update(ctx, tx, f.ID, in)
	})
	if err != nil {
		return nil, err
	}
	return s.Keyword(ctx, accountID, keywordID)
}

// changesFilter reports whether in would change the filter's context, action or expiry.
func changesFilter(f *ent.Filter, in Input) bool {
	if len(in.Context) > 0 {
		contexts, err := checkContext(in.Context)
		if err != nil || len(contexts) != len(f.Context) {
			return true
		}
		for _, c := range contexts {
			if !slices.Contains(f.Context, c) {
				return true
			}
		}
	}
	if in.Action != nil && *in.Action != f.Action {
		return true
	}
	// A new expiry is always a change, unless it keeps a filter without one.
	return in.ExpiresIn != nil && (*in.ExpiresIn != 0 || f.ExpiresAt != nil)
}
