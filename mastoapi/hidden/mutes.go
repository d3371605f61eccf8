package hidden

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/fedigraph/fedigraph/ent/mute"
	"github.com/fedigraph/fedigraph/graph/paging"
)

// mutes serves GET /api/v1/mutes.
func (h *Handlers) mutes(w http.ResponseWriter, r *http.Request) {
	h.serve(w, r, func(ctx context.Context, viewerID string, win paging.Window) (hides, error) {
		rows, err := h.Resolver.Relations.Mutes(viewerID).WithTargetAccount().
			Where(win.Where(mute.FieldID)).Order(win.Order(mute.FieldID)).
			Limit(win.Limit + 1).All(ctx)
		if err != nil {
			return hides{}, fmt.Errorf("load mutes: %w", err)
		}
		rows, more := paging.Finish(rows, win)
		hs := hides{more: more, muteExpiries: []*time.Time{}}
		for _, m := range rows {
			hs.ids, hs.accounts = append(hs.ids, m.ID), append(hs.accounts, m.Edges.TargetAccount)
			hs.muteExpiries = append(hs.muteExpiries, m.ExpiresAt)
		}
		return hs, nil
	})
}
