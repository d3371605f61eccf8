package marked

import (
	"context"
	"fmt"
	"net/http"

	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/graph/paging"
)

// favourites serves GET /api/v1/favourites.
func (h *Handlers) favourites(w http.ResponseWriter, r *http.Request) {
	h.serve(w, r, func(ctx context.Context, viewerID string, win paging.Window) (marks, error) {
		rows, err := h.Resolver.Interact.Favourites(viewerID).WithStatus().
			Where(win.Where(favourite.FieldID)).Order(win.Order(favourite.FieldID)).
			Limit(win.Limit + 1).All(ctx)
		if err != nil {
			return marks{}, fmt.Errorf("load favourites: %w", err)
		}
		rows, more := paging.Finish(rows, win)
		m := marks{more: more}
		for _, f := range rows {
			m.ids, m.statuses = append(m.ids, f.ID), append(m.statuses, f.Edges.Status)
		}
		return m, nil
	})
}
