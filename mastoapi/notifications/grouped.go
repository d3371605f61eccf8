package notifications

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/notifications"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// mountGrouped adds Mastodon's grouped notifications, /api/v2/notifications.
func (h *Handlers) mountGrouped(r chi.Router, read, write func(http.Handler) http.Handler) {
	const p = "/api/v2/notifications"
	r.With(read).Get(p, h.listGroups)
	r.With(read).Get(p+"/unread_count", h.unreadGroupCount)
	r.With(read).Get(p+"/{group_key}", h.getGroup)
	r.With(read).Get(p+"/{group_key}/accounts", h.groupAccounts)
	r.With(write).Post(p+"/{group_key}/dismiss", h.dismissGroup)
}

// groupOptions reads the list's filters and grouped_types[]. ok is false when the
// filters select nothing (see filter).
func groupOptions(v params.Values) (o notifications.GroupOptions, ok bool) {
	o.Filter, ok = filter(v)
	if names := v.Strings("grouped_types"); len(names) > 0 {
		o.GroupedTypes = typesNamed(names)
		if o.GroupedTypes == nil {
			o.GroupedTypes = []notification.Type{} // only unknown types named: group none
		}
	}
	return o, ok
}

// listGroups serves GET /api/v2/notifications: a page of notification groups, newest
// first, with the accounts and statuses they refer to. Link headers page by the
// notifications that placed the first and last groups, as on Mastodon.
func (h *Handlers) listGroups(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	partial := v.Get("expand_accounts") == "partial_avatars"
	viewer := access.AccountID(ctx)
	o, ok := groupOptions(v)
	if !ok {
		out, err := h.Renderer.NotificationGroups(ctx, viewer, nil, partial)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		respond.OK(w, out)
		return
	}
	win := pagination.Window(v, pageLimits)
	groups, more, err := notifications.Groups(ctx, h.Resolver.DB.Client, viewer, o, win)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.NotificationGroups(ctx, viewer, groups, partial)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = g.PagedBy
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, out)
}

// getGroup serves GET /api/v2/notifications/:group_key: the whole group, with what it
// refers to.
func (h *Handlers) getGroup(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	viewer := access.AccountID(ctx)
	g, err := notifications.GetGroup(ctx, h.Resolver.DB.Client, viewer, chi.URLParam(r, "group_key"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.NotificationGroups(ctx, viewer, []*notifications.Group{g}, false)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}

// groupAccountsLimit caps the accounts of one group, as Mastodon's page of accounts.
const groupAccountsLimit = 80

// groupAccounts serves GET /api/v2/notifications/:group_key/accounts: who caused the
// group's notifications, most recent first.
func (h *Handlers) groupAccounts(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c := h.Resolver.DB.Client
	ids, err := notifications.GroupAccountIDs(ctx, c, access.AccountID(ctx), chi.URLParam(r, "group_key"), groupAccountsLimit)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	rows, err := c.Account.Query().Where(account.IDIn(ids...)).All(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	byID := make(map[string]*ent.Account, len(rows))
	for _, a := range rows {
		byID[a.ID] = a
	}
	ordered := make([]*ent.Account, 0, len(ids))
	for _, id := range ids {
		if a := byID[id]; a != nil {
			ordered = append(ordered, a)
		}
	}
	out, err := h.Renderer.Accounts(ctx, ordered)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}

// dismissGroup serves POST /api/v2/notifications/:group_key/dismiss, answering an
// empty object.
func (h *Handlers) dismissGroup(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := notifications.DismissGroup(ctx, h.Resolver.DB.Client, access.AccountID(ctx), chi.URLParam(r, "group_key")); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, struct{}{})
}

// unreadGroupCount serves GET /api/v2/notifications/unread_count: {"count": n}, the
// groups of the unread notifications, filtered and grouped as the list is.
func (h *Handlers) unreadGroupCount(w http.ResponseWriter, r *http.Request) {
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
	if o, ok := groupOptions(v); ok {
		n, err = notifications.UnreadGroupCount(ctx, h.Resolver.DB.Client, access.AccountID(ctx), o, clampUnread(limit))
		if err != nil {
			respond.Error(w, r, err)
			return
		}
	}
	respond.OK(w, map[string]int{"count": n})
}
