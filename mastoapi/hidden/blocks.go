package hidden

import (
	"context"
	"fmt"
	"net/http"

	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/graph/paging"
)

// blocks serves GET /api/v1/blocks.
func (h *Handlers) blocks(w http.ResponseWriter, r *http.Request) {
	h.serve(w, r, func(ctx context.Context, viewerID string, win paging.Window) (hides, error) {
		rows, err := h.Resolver.Relations.Blocks(viewerID).WithTargetAccount().
			Where(win.Where(block.FieldID)).Order(win.Order(block.FieldID)).
			Limit(win.Limit + 1).All(ctx)
		if err != nil {
			return hides{}, fmt.Errorf("load blocks: %w", err)
		}
		rows, more := paging.Finish(rows, win)
		hs := hides{more: more}
		for _, b := range rows {
			hs.ids, hs.accounts = append(hs.ids, b.ID), append(hs.accounts, b.Edges.TargetAccount)
		}
		return hs, nil
	})
}
