// Package notifications reads and clears an account's notifications. Creating them is
// graph/notify's job.
package notifications

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Query is the recipient's notifications, filtered by type. A notification about a
// status the recipient can no longer see (deleted, or made invisible by a block) is
// left out.
func Query(c *ent.Client, recipientID string, types, excludeTypes []notification.Type) *ent.NotificationQuery {
	q := c.Notification.Query().Where(notification.AccountID(recipientID))
	if len(types) > 0 {
		q = q.Where(notification.TypeIn(types...))
	}
	if len(excludeTypes) > 0 {
		q = q.Where(notification.TypeNotIn(excludeTypes...))
	}
	visibleStatuses := sql.Select(status.FieldID).From(sql.Table(status.Table))
	visibility.Statuses(recipientID)(visibleStatuses)
	return q.Where(func(s *sql.Selector) {
		s.Where(sql.Or(
			sql.IsNull(s.C(notification.FieldStatusID)),
			sql.In(s.C(notification.FieldStatusID), visibleStatuses),
		))
	})
}

// MarkRead marks the recipient's notifications up to and including upToID (all of them
// when empty) as read and returns how many changed.
func MarkRead(ctx context.Context, c *ent.Client, recipientID, upToID string) (int, error) {
	u := c.Notification.Update().Where(notification.AccountID(recipientID), notification.Read(false))
	if upToID != "" {
		u = u.Where(notification.IDLTE(upToID))
	}
	n, err := u.SetRead(true).Save(ctx)
	if err != nil {
		return 0, fmt.Errorf("mark notifications read: %w", err)
	}
	return n, nil
}
