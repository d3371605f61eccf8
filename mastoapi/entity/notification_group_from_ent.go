package entity

import (
	"context"
	"fmt"
	"slices"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/notifications"
)

// NotificationGroups renders groups as Mastodon's grouped notifications: each account
// and status they refer to once, in lists beside the groups, read in one query each
// whatever the number of groups. With partial, only each group's most recent account
// comes in full; the rest come as partial accounts, as expand_accounts=partial_avatars
// asks.
func (r *Renderer) NotificationGroups(ctx context.Context, viewerID string, gs []*notifications.Group, partial bool) (*GroupedNotificationsResults, error) {
	var full, rest, statusIDs []string
	for _, g := range gs {
		for i, id := range g.SampleAccountIDs {
			if i == 0 || !partial {
				full = appendNew(full, id)
			} else {
				rest = appendNew(rest, id)
			}
		}
		if g.Latest.StatusID != nil {
			statusIDs = appendNew(statusIDs, *g.Latest.StatusID)
		}
	}
	rest = slices.DeleteFunc(rest, func(id string) bool { return slices.Contains(full, id) })
	as, err := r.DB.Account.Query().Where(account.IDIn(append(slices.Clone(full), rest...)...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("render notification groups: load accounts: %w", err)
	}
	byID := make(map[string]*ent.Account, len(as))
	for _, a := range as {
		byID[a.ID] = a
	}
	out := &GroupedNotificationsResults{Accounts: []*Account{}, Statuses: []*Status{}, NotificationGroups: []*NotificationGroup{}}
	var fullRows []*ent.Account
	for _, id := range full {
		if a := byID[id]; a != nil {
			fullRows = append(fullRows, a)
		}
	}
	if out.Accounts, err = r.Accounts(ctx, fullRows); err != nil {
		return nil, err
	}
	if partial {
		var restRows []*ent.Account
		for _, id := range rest {
			if a := byID[id]; a != nil {
				restRows = append(restRows, a)
			}
		}
		// Rendered like the full ones, so avatars come from the same place.
		rendered, err := r.Accounts(ctx, restRows)
		if err != nil {
			return nil, err
		}
		ps := []*PartialAccountWithAvatar{}
		for _, full := range rendered {
			ps = append(ps, partialAccount(full))
		}
		out.PartialAccounts = &ps
	}
	sts, err := r.DB.Status.Query().Where(status.IDIn(statusIDs...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("render notification groups: load statuses: %w", err)
	}
	rendered, err := r.Statuses(ctx, viewerID, sts)
	if err != nil {
		return nil, err
	}
	shown := map[string]bool{}
	for _, st := range rendered {
		shown[st.ID] = true
	}
	// Keep the statuses in the groups' order, as Mastodon lists them.
	for _, id := range statusIDs {
		for _, st := range rendered {
			if st.ID == id {
				out.Statuses = append(out.Statuses, st)
			}
		}
	}
	for _, g := range gs {
		ng := &NotificationGroup{
			GroupKey:                 g.Key,
			NotificationsCount:       g.Count,
			Type:                     NotificationTypeName(g.Type),
			MostRecentNotificationID: g.Latest.ID,
			SampleAccountIDs:         g.SampleAccountIDs,
		}
		if g.Page != nil {
			at := NewTime(g.Page.LatestAt)
			ng.PageMinID, ng.PageMaxID, ng.LatestPageNotificationAt = g.Page.MinID, g.Page.MaxID, &at
		}
		if id := g.Latest.StatusID; id != nil && shown[*id] {
			ng.StatusID = id
		}
		out.NotificationGroups = append(out.NotificationGroups, ng)
	}
	return out, nil
}

// partialAccount is the avatar-drawing part of an account.
func partialAccount(full *Account) *PartialAccountWithAvatar {
	return &PartialAccountWithAvatar{
		ID: full.ID, Acct: full.Acct, URL: full.URL, Avatar: full.Avatar, AvatarStatic: full.AvatarStatic,
		Locked: full.Locked, Bot: full.Bot,
	}
}

func appendNew(ids []string, id string) []string {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}
