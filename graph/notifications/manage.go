package notifications

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/apperr"
)

// Filter narrows a recipient's notifications.
type Filter struct {
	Types, ExcludeTypes []notification.Type
	// FromAccountID keeps only the notifications the account caused, when set.
	FromAccountID string
}

// Matching is Query narrowed by the whole filter.
func Matching(c *ent.Client, recipientID string, f Filter) *ent.NotificationQuery {
	q := Query(c, recipientID, f.Types, f.ExcludeTypes)
	if f.FromAccountID != "" {
		q = q.Where(notification.FromAccountID(f.FromAccountID))
	}
	return q
}

// errNotFound answers for notifications that do not exist, that belong to someone
// else, and that are about a status the recipient can no longer see.
func errNotFound() error { return apperr.NotFoundf("notification not found") }

// Get returns one of the recipient's notifications, as Query would list it.
func Get(ctx context.Context, c *ent.Client, recipientID, id string) (*ent.Notification, error) {
	n, err := Query(c, recipientID, nil, nil).Where(notification.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load notification %s: %w", id, err)
	}
	return n, nil
}

// Dismiss deletes one of the recipient's notifications.
func Dismiss(ctx context.Context, c *ent.Client, recipientID, id string) error {
	n, err := c.Notification.Delete().
		Where(notification.ID(id), notification.AccountID(recipientID)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("dismiss notification %s: %w", id, err)
	}
	if n == 0 {
		return errNotFound()
	}
	return nil
}

// Clear deletes all of the recipient's notifications and returns how many there were.
func Clear(ctx context.Context, c *ent.Client, recipientID string) (int, error) {
	n, err := c.Notification.Delete().Where(notification.AccountID(recipientID)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("clear notifications: %w", err)
	}
	return n, nil
}
