package notifications

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
)

// GroupableTypes are the kinds of notification that are grouped, as on Mastodon:
// favourites and boosts of one status, follows, and sign-ups for moderators. Every
// other notification stands alone.
var GroupableTypes = []notification.Type{
	notification.TypeFAVOURITE, notification.TypeREBLOG, notification.TypeFOLLOW, notification.TypeADMIN_SIGN_UP,
}

// maxGroupSpan is how long a group keeps taking new notifications after it started:
// Mastodon's twelve hours. Past it, the next notification of the kind starts a group
// of its own.
const maxGroupSpan = 12

// UngroupedPrefix starts the group key of a notification that stands alone.
const UngroupedPrefix = "ungrouped-"

// NewGroupKey is the group key a notification of type typ about statusID (for
// favourites and boosts), created at, for recipientID, is filed under: the kind and
// its target, then the hour the group started. A group started less than twelve hours
// before is joined; otherwise the notification starts one in its own hour. Types that
// are never grouped get "". c must see the recipient's earlier notifications (the
// writing transaction's client does).
func NewGroupKey(ctx context.Context, c *ent.Client, recipientID string, typ notification.Type, statusID string, at time.Time) (string, error) {
	prefix, ok := groupPrefix(typ, statusID)
	if !ok {
		return "", nil
	}
	hour := at.UTC().Unix() / 3600
	prev, err := c.Notification.Query().
		Where(notification.AccountID(recipientID), notification.GroupKeyHasPrefix(prefix+"-")).
		Order(ent.Desc(notification.FieldID)).Select(notification.FieldGroupKey).First(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return "", fmt.Errorf("find the notification group to join: %w", err)
	}
	if prev != nil {
		started, err := strconv.ParseInt(prev.GroupKey[len(prefix)+1:], 10, 64)
		if err == nil && hour >= started && hour < started+maxGroupSpan {
			hour = started
		}
	}
	return prefix + "-" + strconv.FormatInt(hour, 10), nil
}

// groupPrefix is what notifications of one group share before the hour: the type, and
// for favourites and boosts the status.
func groupPrefix(typ notification.Type, statusID string) (string, bool) {
	if !slices.Contains(GroupableTypes, typ) {
		return "", false
	}
	name := strings.ToLower(string(typ))
	switch typ {
	case notification.TypeADMIN_SIGN_UP:
		return "admin.sign_up", true
	case notification.TypeFOLLOW:
		return name, true
	}
	if statusID == "" {
		return "", false
	}
	return name + "-" + statusID, true
}
