package notifications

import (
	"fmt"
	"net/http"

	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/notifications"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// list serves GET /api/v1/notifications, newest first.
func (h *Handlers) list(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	f, ok := filter(v)
	if !ok {
		respond.OK(w, []*entity.Notification{})
		return
	}
	viewer := access.AccountID(ctx)
	win := pagination.Window(v, pageLimits)
	rows, err := notifications.Matching(h.Resolver.DB.Client, viewer, f).
		Where(win.Where(notification.FieldID)).Order(win.Order(notification.FieldID)).
		Limit(win.Limit + 1).All(ctx)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("load notifications: %w", err))
		return
	}
	rows, more := paging.Finish(rows, win)
	out, err := h.Renderer.Notifications(ctx, viewer, rows)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ids := make([]string, len(rows))
	for i, n := range rows {
		ids[i] = n.ID
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, out)
}
