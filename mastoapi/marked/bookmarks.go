package marked

import (
	"context"
	"fmt"
	"net/http"

	"github.com/fedigraph/fedigraph/ent/bookmark"
	"github.com/fedigraph/fedigraph/graph/paging"
)

// bookmarks serves GET /api/v1/bookmarks.
func (h *Handlers) bookmarks(w http.ResponseWriter, r *http.Request) {
	h.serve(w, r, func(ctx context.Context, viewerID string, win paging.Window) (marks, error) {
		rows, err := h.Resolver.Interact.Bookmarks(viewerID).WithStatus().
			Where(win.Where(bookmark.FieldID)).Order(win.Order(bookmark.FieldID)).
			Limit(win.Limit + 1).All(ctx)
		if err != nil {
			return marks{}, fmt.Errorf("load bookmarks: %w", err)
		}
		rows, more := paging.Finish(rows, win)
		m := marks{more: more}
		for _, b := range rows {
			m.ids, m.statuses = append(m.ids, b.ID), append(m.statuses, b.Edges.Status)
		}
		return m, nil
	})
}
