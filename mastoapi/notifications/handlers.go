// Package notifications serves Mastodon's /api/v1/notifications routes: the signed-in
// user's notifications, filtered by type and sender and paged with Link headers, one
// notification, dismissing one or all, and the unread count behind an app's badge;
// and /api/v2/notifications, the same notifications grouped as Mastodon 4.3 groups
// them.
// Each handler translates the request onto graph/notifications, the package GraphQL's
// notification fields read through.
package notifications

import (
	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/notifications"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
)

// Handlers serve the notification routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
	BaseURL  string // the public root URL, for Link headers
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	const p = "/api/v1/notifications"
	read := access.User("read:notifications")
	write := access.User("write:notifications")
	r.With(read).Get(p, h.list)
	r.With(read).Get(p+"/unread_count", h.unreadCount)
	r.With(write).Post(p+"/clear", h.clear)
	r.With(read).Get(p+"/{id}", h.get)
	r.With(write).Post(p+"/{id}/dismiss", h.dismiss)
	h.mountGrouped(r, read, write)
}

// pageLimits are Mastodon's for notifications: 40 a page, at most 80.
var pageLimits = pagination.Limits{Default: 40, Max: 80}

// filter reads types[], exclude_types[] and account_id. ok is false when types[]
// names only types fedigraph never makes: then nothing matches, as on Mastodon,
// rather than everything (which an empty Types would mean).
func filter(v params.Values) (f notifications.Filter, ok bool) {
	names := v.Strings("types")
	f.Types = typesNamed(names)
	f.ExcludeTypes = typesNamed(v.Strings("exclude_types"))
	f.FromAccountID = v.Get("account_id")
	return f, len(names) == 0 || len(f.Types) > 0
}

// typesNamed reads Mastodon's type names, skipping those fedigraph never makes.
func typesNamed(names []string) []notification.Type {
	var out []notification.Type
	for _, name := range names {
		if t, ok := entity.NotificationTypeFromName(name); ok {
			out = append(out, t)
		}
	}
	return out
}
