package serve

import (
	"fmt"
	"net/http"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/predicate"
)

// followers serves who follows a local account.
func (s *Server) followers(w http.ResponseWriter, r *http.Request, v *viewer) error {
	return s.follows(w, r, v, true)
}

// following serves whom a local account follows.
func (s *Server) following(w http.ResponseWriter, r *http.Request, v *viewer) error {
	return s.follows(w, r, v, false)
}

// follows serves either side of an account's follows. The size is always shown, from
// the account's counters as its profile shows them; the actors themselves only when
// the account has not chosen to hide its lists (hide_collections), as on Mastodon,
// which then refuses the pages. Each page names actors by IRI, most recent follow
// first; suspended accounts are left out.
func (s *Server) follows(w http.ResponseWriter, r *http.Request, v *viewer, followers bool) error {
	ctx := r.Context()
	a, err := s.localAccount(ctx, r)
	if err != nil {
		return err
	}
	requested, p, err := readPage(r)
	if err != nil {
		return err
	}
	base, total := s.cfg.URIs.Following(a.Username), a.FollowingCount
	side, other := follow.AccountID, follow.HasTargetAccountWith
	if followers {
		base, total = s.cfg.URIs.Followers(a.Username), a.FollowersCount
		side, other = follow.TargetAccountID, follow.HasAccountWith
	}
	if !requested {
		first := pageURL(base, "", "")
		if a.HideCollections {
			first = ""
		}
		return s.writeCollection(w, base, total, first, nil)
	}
	if a.HideCollections {
		return failure(http.StatusForbidden, "Forbidden: this account hides its follows")
	}
	hidden, err := s.hiddenFrom(ctx, a, v)
	if err != nil {
		return err
	}
	where := []predicate.Follow{side(a.ID), other(account.SuspendedAtIsNil())}
	if hidden {
		where = append(where, follow.IDIn())
	}
	rows, next, prev, err := paginate(p, func(f *ent.Follow) string { return f.ID },
		func(limit int) ([]*ent.Follow, error) {
			q := s.cfg.DB.Follow.Query().Where(where...).Limit(limit)
			if p.minID != "" {
				q = q.Where(follow.IDGT(p.minID)).Order(ent.Asc(follow.FieldID))
			} else {
				if p.maxID != "" {
					q = q.Where(follow.IDLT(p.maxID))
				}
				q = q.Order(ent.Desc(follow.FieldID))
			}
			pick := func(q *ent.AccountQuery) { q.Select(account.FieldURI) }
			if followers {
				q = q.WithAccount(pick)
			} else {
				q = q.WithTargetAccount(pick)
			}
			return q.All(ctx)
		})
	if err != nil {
		return fmt.Errorf("page follows of %s: %w", a.ID, err)
	}
	items := make([]any, 0, len(rows))
	for _, f := range rows {
		actor := f.Edges.TargetAccount
		if followers {
			actor = f.Edges.Account
		}
		if actor != nil {
			items = append(items, actor.URI)
		}
	}
	return s.writePage(w, base, p, items, next, prev)
}
