// Package notify creates notifications: it decides whether the recipient wants to hear
// about an interaction (blocks, mutes, muted conversations), writes the row inside the
// caller's transaction and announces it once that transaction commits.
package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/accountdomainblock"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/mute"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/threadmute"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/notifications"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Notice is an interaction someone may be told about.
type Notice struct {
	Type        notification.Type
	RecipientID string
	FromID      string
	StatusID    string // optional
	ThreadID    string // the status's thread, for conversation mutes; optional
	ReportID    string // the report, for admin.report notifications; optional
	// At is when it happened (the service's clock); zero means now. It dates the
	// notification and decides which group it joins.
	At time.Time
}

// Enqueuer is implemented by a Publisher that also queues durable work for each new
// notification (Web Push deliveries, graph/webpush.Events): Send hands it every
// notification it writes, in the notification's own transaction, so that the work
// commits or rolls back with it.
type Enqueuer interface {
	NotificationCreated(ctx context.Context, tx *store.Tx, n *ent.Notification) error
}

// Send writes the notification in tx unless the recipient would not want it, and
// publishes it after commit. It returns the notification, or nil when none was due.
func Send(ctx context.Context, tx *store.Tx, events hub.Publisher, n Notice) (*ent.Notification, error) {
	if n.RecipientID == n.FromID {
		return nil, nil
	}
	wanted, err := wanted(ctx, tx.Client(), n)
	if err != nil || !wanted {
		return nil, err
	}
	now := n.At
	if now.IsZero() {
		now = time.Now()
	}
	key, err := notifications.NewGroupKey(ctx, tx.Client(), n.RecipientID, n.Type, n.StatusID, now)
	if err != nil {
		return nil, err
	}
	create := tx.Notification.Create().
		SetID(ids.New(now)).
		SetCreatedAt(now).
		SetType(n.Type).
		SetAccountID(n.RecipientID).
		SetFromAccountID(n.FromID).
		SetGroupKey(key)
	if n.StatusID != "" {
		create.SetStatusID(n.StatusID)
	}
	if n.ReportID != "" {
		create.SetReportID(n.ReportID)
	}
	row, err := create.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("create %s notification: %w", n.Type, err)
	}
	if q, ok := events.(Enqueuer); ok {
		if err := q.NotificationCreated(ctx, tx, row); err != nil {
			return nil, err
		}
	}
	tx.AfterCommit(func(ctx context.Context) {
		events.Publish(ctx, hub.Event{
			Kind:           hub.NotificationCreated,
			NotificationID: row.ID,
			AccountID:      n.FromID,
			StatusID:       n.StatusID,
		}, hub.NotificationStream(n.RecipientID))
	})
	return row, nil
}

// wanted applies the recipient's choices: only local accounts get notifications, and
// not from accounts they block or mute, nor from conversations they muted, nor from
// servers they block (unless they follow the sender, as on Mastodon).
func wanted(ctx context.Context, c *ent.Client, n Notice) (bool, error) {
	local, err := c.Account.Query().
		Where(account.ID(n.RecipientID), account.Domain(""), account.SuspendedAtIsNil()).Exist(ctx)
	if err != nil || !local {
		return false, err
	}
	blocked, err := c.Block.Query().Where(block.Or(
		block.And(block.AccountID(n.RecipientID), block.TargetAccountID(n.FromID)),
		block.And(block.AccountID(n.FromID), block.TargetAccountID(n.RecipientID)),
	)).Exist(ctx)
	if err != nil || blocked {
		return false, err
	}
	muted, err := c.Mute.Query().Where(
		mute.AccountID(n.RecipientID), mute.TargetAccountID(n.FromID), mute.HideNotifications(true),
		mute.Or(mute.ExpiresAtIsNil(), mute.ExpiresAtGT(time.Now())),
	).Exist(ctx)
	if err != nil || muted {
		return false, err
	}
	if blocked, err := domainBlocked(ctx, c, n); err != nil || blocked {
		return false, err
	}
	if n.ThreadID != "" {
		threadMuted, err := c.ThreadMute.Query().
			Where(threadmute.AccountID(n.RecipientID), threadmute.ThreadID(n.ThreadID)).Exist(ctx)
		if err != nil || threadMuted {
			return false, err
		}
	}
	return true, nil
}

// domainBlocked reports whether the sender is on a domain the recipient blocks and the
// recipient does not follow the sender.
func domainBlocked(ctx context.Context, c *ent.Client, n Notice) (bool, error) {
	domain, err := c.Account.Query().Where(account.ID(n.FromID)).Select(account.FieldDomain).String(ctx)
	if err != nil || domain == "" {
		return false, err
	}
	blocked, err := c.AccountDomainBlock.Query().
		Where(accountdomainblock.AccountID(n.RecipientID), accountdomainblock.Domain(domain)).Exist(ctx)
	if err != nil || !blocked {
		return false, err
	}
	following, err := c.Follow.Query().
		Where(follow.AccountID(n.RecipientID), follow.TargetAccountID(n.FromID)).Exist(ctx)
	return !following, err
}
