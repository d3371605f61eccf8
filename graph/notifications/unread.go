package notifications

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/marker"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/markers"
)

// UnreadCount counts the recipient's notifications matching f that are still unread,
// stopping at limit (no limit when limit <= 0) so that a badge costs little however
// far behind the recipient is. A notification is read once an app has moved the
// notifications marker past it (Mastodon's notion) or it was marked read
// (MarkRead, GraphQL's notion): either surface clearing it clears the badge on both.
func UnreadCount(ctx context.Context, c *ent.Client, recipientID string, f Filter, limit int) (int, error) {
	q, err := unread(ctx, c, recipientID, f)
	if err != nil {
		return 0, err
	}
	if limit > 0 {
		q = q.Limit(limit)
	}
	ids, err := q.IDs(ctx)
	if err != nil {
		return 0, fmt.Errorf("count unread notifications: %w", err)
	}
	return len(ids), nil
}

// unread is the recipient's notifications matching f that are still unread.
func unread(ctx context.Context, c *ent.Client, recipientID string, f Filter) (*ent.NotificationQuery, error) {
	lastRead, err := markers.LastRead(ctx, c, recipientID, marker.TimelineNOTIFICATIONS)
	if err != nil {
		return nil, err
	}
	q := Matching(c, recipientID, f).Where(notification.Read(false))
	if lastRead != "" {
		q = q.Where(notification.IDGT(lastRead))
	}
	return q, nil
}
