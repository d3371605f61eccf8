package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/predicate"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// outbox serves a local account's outbox: the Create of each status and the
// Announce of each boost the viewer may see, newest first. Anonymous fetches see
// public and unlisted statuses; a signed fetch by a follower sees followers-only ones
// as well, as on Mastodon. Local-only statuses, and boosts of them, never appear.
func (s *Server) outbox(w http.ResponseWriter, r *http.Request, v *viewer) error {
	ctx := r.Context()
	a, err := s.localAccount(ctx, r)
	if err != nil {
		return err
	}
	requested, p, err := readPage(r)
	if err != nil {
		return err
	}
	hidden, err := s.hiddenFrom(ctx, a, v)
	if err != nil {
		return err
	}
	base := s.cfg.URIs.Outbox(a.Username)
	where := outboxItems(a, v, hidden)
	if !requested {
		total, err := s.cfg.DB.Status.Query().Where(where...).Count(ctx)
		if err != nil {
			return fmt.Errorf("count outbox of %s: %w", a.ID, err)
		}
		return s.writeCollection(w, base, total, pageURL(base, "", ""), nil)
	}
	rows, next, prev, err := paginate(p, func(st *ent.Status) string { return st.ID },
		func(limit int) ([]*ent.Status, error) {
			q := s.cfg.DB.Status.Query().Where(where...).Limit(limit)
			if p.minID != "" {
				q = q.Where(status.IDGT(p.minID)).Order(ent.Asc(status.FieldID))
			} else {
				if p.maxID != "" {
					q = q.Where(status.IDLT(p.maxID))
				}
				q = q.Order(ent.Desc(status.FieldID))
			}
			return q.Select(status.FieldID).All(ctx)
		})
	if err != nil {
		return fmt.Errorf("page outbox of %s: %w", a.ID, err)
	}
	sts, err := loadStatuses(ctx, s.cfg.DB.Client, ids(rows))
	if err != nil {
		return err
	}
	items := make([]any, 0, len(sts))
	for _, st := range sts {
		var b []byte
		if st.ReblogOfID != nil {
			b, err = s.cfg.Render.Announce(st, st.Edges.ReblogOf)
		} else {
			b, err = s.cfg.Render.Create(st)
		}
		if errors.Is(err, ap.ErrNotFederated) {
			continue // the query leaves these out already; a race with an edit may not
		}
		if err != nil {
			return fmt.Errorf("render outbox item %s: %w", st.ID, err)
		}
		items = append(items, b)
	}
	return s.writePage(w, base, p, items, next, prev)
}

// outboxItems are the statuses of a's outbox that v may see.
func outboxItems(a *ent.Account, v *viewer, hidden bool) []predicate.Status {
	if hidden {
		return []predicate.Status{status.IDIn()} // matches nothing
	}
	return []predicate.Status{
		status.AccountID(a.ID),
		status.LocalOnly(false),
		status.Or(status.ReblogOfIDIsNil(), status.HasReblogOfWith(status.LocalOnly(false))),
		visibility.Statuses(v.id()),
	}
}

func ids(sts []*ent.Status) []string {
	out := make([]string, len(sts))
	for i, st := range sts {
		out[i] = st.ID
	}
	return out
}

// loadStatuses loads statuses with ap's render edges for a whole page in one query
// per edge rather than one round of queries per status, and returns them in the
// order of ids.
func loadStatuses(ctx context.Context, c *ent.Client, ids []string) ([]*ent.Status, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := ap.WithRenderEdges(c.Status.Query().Where(status.IDIn(ids...))).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load statuses for rendering: %w", err)
	}
	byID := make(map[string]*ent.Status, len(rows))
	for _, st := range rows {
		byID[st.ID] = st
	}
	out := make([]*ent.Status, 0, len(ids))
	for _, id := range ids {
		if st, ok := byID[id]; ok { // deleted meanwhile: left out
			out = append(out, st)
		}
	}
	return out, nil
}
