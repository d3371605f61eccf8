package entity

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/notifications"
)

// Notifications renders a page of the viewer's notifications: the accounts that acted
// are read in one query and the statuses rendered in one batch, whatever the page
// size. Edges already loaded on the notifications are used as they are.
func (r *Renderer) Notifications(ctx context.Context, viewerID string, ns []*ent.Notification) ([]*Notification, error) {
	actors, err := r.notificationActors(ctx, ns)
	if err != nil {
		return nil, err
	}
	statuses, err := r.notificationStatuses(ctx, viewerID, ns)
	if err != nil {
		return nil, err
	}
	out := make([]*Notification, 0, len(ns))
	for _, n := range ns {
		actor := actors[n.FromAccountID]
		if actor == nil {
			return nil, fmt.Errorf("render notification %s: account %s not found", n.ID, n.FromAccountID)
		}
		rendered := &Notification{
			ID:        n.ID,
			Type:      NotificationTypeName(n.Type),
			CreatedAt: NewTime(n.CreatedAt),
			// The group the notification is filed in (grouped notifications show it
			// within); one never grouped has a key of its own, as on Mastodon.
			GroupKey: groupKeyOf(n),
			Account:  actor,
		}
		if n.StatusID != nil {
			rendered.Status = statuses[*n.StatusID]
		}
		out = append(out, rendered)
	}
	return out, nil
}

// notificationActors renders the accounts that caused the notifications, by ID.
func (r *Renderer) notificationActors(ctx context.Context, ns []*ent.Notification) (map[string]*Account, error) {
	byID := map[string]*ent.Account{}
	var missing []string
	for _, n := range ns {
		if a, err := n.Edges.FromAccountOrErr(); err == nil && a != nil {
			byID[a.ID] = a
		} else if _, seen := byID[n.FromAccountID]; !seen {
			byID[n.FromAccountID] = nil
			missing = append(missing, n.FromAccountID)
		}
	}
	if len(missing) > 0 {
		rows, err := r.DB.Account.Query().Where(account.IDIn(missing...)).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("render notifications: load accounts: %w", err)
		}
		for _, a := range rows {
			byID[a.ID] = a
		}
	}
	as := make([]*ent.Account, 0, len(byID))
	for _, a := range byID {
		if a != nil {
			as = append(as, a)
		}
	}
	rendered, err := r.Accounts(ctx, as)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Account, len(rendered))
	for _, a := range rendered {
		out[a.ID] = a
	}
	return out, nil
}

// notificationStatuses renders the statuses the notifications are about, by ID.
func (r *Renderer) notificationStatuses(ctx context.Context, viewerID string, ns []*ent.Notification) (map[string]*Status, error) {
	var sts []*ent.Status
	seen := map[string]bool{}
	var missing []string
	for _, n := range ns {
		if n.StatusID == nil || seen[*n.StatusID] {
			continue
		}
		seen[*n.StatusID] = true
		if st, err := n.Edges.StatusOrErr(); err == nil && st != nil {
			sts = append(sts, st)
		} else {
			missing = append(missing, *n.StatusID)
		}
	}
	if len(missing) > 0 {
		rows, err := r.DB.Status.Query().Where(status.IDIn(missing...)).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("render notifications: load statuses: %w", err)
		}
		sts = append(sts, rows...)
	}
	rendered, err := r.Statuses(ctx, viewerID, sts)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Status, len(rendered))
	for _, st := range rendered {
		out[st.ID] = st
	}
	return out, nil
}

// groupKeyOf is the key of the group n is filed in.
func groupKeyOf(n *ent.Notification) string {
	if n.GroupKey == "" {
		return notifications.UngroupedPrefix + n.ID
	}
	return n.GroupKey
}
