package notifications

import (
	"net/http"

	"github.com/fedigraph/fedigraph/graph/notifications"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Mastodon counts at most 100 unread notifications unless asked for up to 1000: an
// app's badge shows "99+" long before it needs an exact number.
const (
	defaultUnreadLimit = 100
	maxUnreadLimit     = 1000
)

// unreadCount serves GET /api/v1/notifications/unread_count: {"count": n}, the
// notifications past the notifications marker (all unread ones without a marker),
// filtered as the list is.
func (h *Handlers) unreadCount(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	limit, err := v.Int("limit")
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	n := 0
	if f, ok := filter(v); ok {
		n, err = notifications.UnreadCount(ctx, h.Resolver.DB.Client, access.AccountID(ctx), f, clampUnread(limit))
		if err != nil {
			respond.Error(w, r, err)
			return
		}
	}
	respond.OK(w, map[string]int{"count": n})
}

func clampUnread(limit *int) int {
	switch {
	case limit == nil || *limit <= 0:
		return defaultUnreadLimit
	case *limit > maxUnreadLimit:
		return maxUnreadLimit
	}
	return *limit
}
