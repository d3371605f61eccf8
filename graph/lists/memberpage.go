package lists

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/listmember"
	"github.com/fedigraph/fedigraph/graph/paging"
)

// MemberPage returns one window of the actor's list, most recently added first, as
// memberships with their account loaded: callers page by the membership's ID, which
// orders by when the account was added. more reports whether memberships lie beyond
// the window. Suspended accounts are left out, as Members leaves them out.
func (s *Service) MemberPage(ctx context.Context, actorID, listID string, w paging.Window) (page []*ent.ListMember, more bool, err error) {
	if _, err := s.Get(ctx, actorID, listID); err != nil {
		return nil, false, err
	}
	rows, err := s.DB.ListMember.Query().
		Where(listmember.ListID(listID), listmember.HasAccountWith(account.SuspendedAtIsNil())).
		Where(w.Where(listmember.FieldID)).Order(w.Order(listmember.FieldID)).Limit(w.Limit + 1).
		WithAccount().All(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("load list members: %w", err)
	}
	page, more = paging.Finish(rows, w)
	return page, more, nil
}
