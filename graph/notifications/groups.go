package notifications

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/paging"
)

// Group is notifications shown as one, as Mastodon's grouped notifications show them:
// "carol and 4 others favourited your post". A notification that is never grouped
// (or whose type the client asked not to group) is a group of one, keyed
// "ungrouped-<its ID>".
type Group struct {
	Key  string
	Type notification.Type
	// Count is how many notifications the group holds (up to the page's newest, when
	// listed).
	Count int
	// Latest is the group's most recent notification (within the page, when listed):
	// its status, report and time stand for the group.
	Latest *ent.Notification
	// SampleAccountIDs are who caused the most recent few, newest first.
	SampleAccountIDs []string
	// Page is set on listed groups that really group: which of the group's
	// notifications fall within the page.
	Page *GroupPage
	// PagedBy is the notification that placed the group on a listed page (the first
	// of it met walking the window): links to the next and previous pages start from
	// the page's first and last.
	PagedBy string
}

// GroupPage is the part of a group that a listed page covers.
type GroupPage struct {
	MinID, MaxID string
	LatestAt     time.Time
}

// SampleSize is how many accounts a group names, as on Mastodon.
const SampleSize = 8

// maxGroupScan bounds how many notifications one page of groups reads: a page of
// groups behind thousands of favourites of one status still costs a bounded amount.
const maxGroupScan = 5000

// GroupOptions narrow and shape a listing of groups.
type GroupOptions struct {
	Filter
	// GroupedTypes are the types that may be grouped; nil means all GroupableTypes.
	// A client that cannot show a grouped kind lists the others, and gets the kind's
	// notifications one by one.
	GroupedTypes []notification.Type
}

// grouped reports whether n is shown in a group of many under o.
func (o GroupOptions) grouped(n *ent.Notification) bool {
	if n.GroupKey == "" {
		return false
	}
	if o.GroupedTypes == nil {
		return slices.Contains(GroupableTypes, n.Type)
	}
	return slices.Contains(o.GroupedTypes, n.Type)
}

// keyOf is the group n is shown in under o.
func (o GroupOptions) keyOf(n *ent.Notification) string {
	if o.grouped(n) {
		return n.GroupKey
	}
	return UngroupedPrefix + n.ID
}

// Groups lists a page of the recipient's notification groups, newest first. The window
// bounds the notifications looked at: walking them newest first (oldest first from
// MinID), each group enters the page with the first of its notifications met, until
// the page holds w.Limit groups. more reports whether groups lay beyond it.
//
// As on Mastodon, a group whose notifications straddle a page boundary can appear on
// the next page too (with the same key); clients merge by key.
func Groups(ctx context.Context, c *ent.Client, recipientID string, o GroupOptions, w paging.Window) ([]*Group, bool, error) {
	reps, err := representatives(ctx, c, recipientID, o, w)
	if err != nil {
		return nil, false, err
	}
	reps, more := paging.Finish(reps, w)
	if len(reps) == 0 {
		return nil, more, nil
	}
	// The page's range: the notifications between its newest and oldest groups, or
	// beyond to the window's edge when the page is the last one that way.
	var upper, lower func(*sql.Selector)
	newest, oldest := reps[0].ID, reps[len(reps)-1].ID
	upper = func(s *sql.Selector) { s.Where(sql.LTE(s.C(notification.FieldID), newest)) }
	lower = func(s *sql.Selector) { s.Where(sql.GTE(s.C(notification.FieldID), oldest)) }
	if !more {
		if w.Ascending() {
			upper = boundBelow(w.MaxID)
		} else {
			lower = boundAbove(w.SinceID)
		}
	}
	groups := make([]*Group, len(reps))
	var keys []string
	for i, n := range reps {
		if !o.grouped(n) {
			groups[i] = single(n)
		} else {
			groups[i] = &Group{Key: n.GroupKey, Type: n.Type}
			keys = append(keys, n.GroupKey)
		}
		groups[i].PagedBy = n.ID
	}
	if len(keys) == 0 {
		return groups, more, nil
	}
	counts, err := groupCounts(ctx, c, recipientID, keys, upper)
	if err != nil {
		return nil, false, err
	}
	mins, err := groupMins(ctx, c, recipientID, keys, upper, lower)
	if err != nil {
		return nil, false, err
	}
	for _, g := range groups {
		if strings.HasPrefix(g.Key, UngroupedPrefix) {
			continue
		}
		if err := fillGroup(ctx, c, recipientID, g, upper); err != nil {
			return nil, false, err
		}
		g.Count = counts[g.Key]
		g.Page = &GroupPage{MinID: mins[g.Key], MaxID: g.Latest.ID, LatestAt: g.Latest.CreatedAt}
	}
	return groups, more, nil
}

// representatives walks the window and returns the first notification met of each
// group, up to w.Limit+1 groups, in the window's order.
func representatives(ctx context.Context, c *ent.Client, recipientID string, o GroupOptions, w paging.Window) ([]*ent.Notification, error) {
	batch := min(max(4*w.Limit, 40), 400)
	seen := map[string]bool{}
	var reps []*ent.Notification
	last := ""
	for scanned := 0; scanned < maxGroupScan; {
		q := Matching(c, recipientID, o.Filter).Where(w.Where(notification.FieldID)).Order(w.Order(notification.FieldID))
		if last != "" {
			if w.Ascending() {
				q = q.Where(notification.IDGT(last))
			} else {
				q = q.Where(notification.IDLT(last))
			}
		}
		rows, err := q.Limit(batch).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("load notifications to group: %w", err)
		}
		for _, n := range rows {
			if k := o.keyOf(n); !seen[k] {
				seen[k] = true
				reps = append(reps, n)
				if len(reps) > w.Limit {
					return reps, nil
				}
			}
		}
		if len(rows) < batch {
			break
		}
		scanned += len(rows)
		last = rows[len(rows)-1].ID
	}
	return reps, nil
}

func boundBelow(id string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		if id != "" {
			s.Where(sql.LT(s.C(notification.FieldID), id))
		}
	}
}

func boundAbove(id string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		if id != "" {
			s.Where(sql.GT(s.C(notification.FieldID), id))
		}
	}
}

// single is the group of one notification.
func single(n *ent.Notification) *Group {
	return &Group{Key: UngroupedPrefix + n.ID, Type: n.Type, Count: 1, Latest: n, SampleAccountIDs: []string{n.FromAccountID}}
}

// inGroups is the recipient's visible notifications in the groups keyed.
func inGroups(c *ent.Client, recipientID string, keys ...string) *ent.NotificationQuery {
	return Query(c, recipientID, nil, nil).Where(notification.GroupKeyIn(keys...))
}

// groupCounts counts each group's notifications, in one query.
func groupCounts(ctx context.Context, c *ent.Client, recipientID string, keys []string, upper func(*sql.Selector)) (map[string]int, error) {
	var rows []struct {
		GroupKey string `json:"group_key"`
		Count    int    `json:"count"`
	}
	err := inGroups(c, recipientID, keys...).Where(upper).
		GroupBy(notification.FieldGroupKey).Aggregate(ent.Count()).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("count notification groups: %w", err)
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.GroupKey] = r.Count
	}
	return out, nil
}

// groupMins finds each group's oldest notification within the page, in one query.
func groupMins(ctx context.Context, c *ent.Client, recipientID string, keys []string, upper, lower func(*sql.Selector)) (map[string]string, error) {
	var rows []struct {
		GroupKey string `json:"group_key"`
		Min      string `json:"min"`
	}
	err := inGroups(c, recipientID, keys...).Where(upper, lower).
		GroupBy(notification.FieldGroupKey).Aggregate(ent.Min(notification.FieldID)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("find notification groups' page ranges: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.GroupKey] = r.Min
	}
	return out, nil
}

// fillGroup loads the group's most recent notifications under the bound: the latest
// and the sample of accounts.
func fillGroup(ctx context.Context, c *ent.Client, recipientID string, g *Group, upper func(*sql.Selector)) error {
	recent, err := inGroups(c, recipientID, g.Key).Where(upper).
		Order(ent.Desc(notification.FieldID)).Limit(SampleSize).All(ctx)
	if err != nil {
		return fmt.Errorf("load notification group %s: %w", g.Key, err)
	}
	if len(recent) == 0 {
		return fmt.Errorf("load notification group %s: empty", g.Key)
	}
	g.Latest = recent[0]
	g.SampleAccountIDs = make([]string, len(recent))
	for i, n := range recent {
		g.SampleAccountIDs[i] = n.FromAccountID
	}
	return nil
}

// errGroupNotFound answers for groups that do not exist or are someone else's.
func errGroupNotFound() error { return apperr.NotFoundf("notification group not found") }

// GetGroup returns one of the recipient's groups, whole.
func GetGroup(ctx context.Context, c *ent.Client, recipientID, key string) (*Group, error) {
	if id, ok := strings.CutPrefix(key, UngroupedPrefix); ok {
		n, err := Get(ctx, c, recipientID, id)
		if err != nil {
			return nil, errGroupNotFound()
		}
		return single(n), nil
	}
	g := &Group{Key: key}
	none := func(*sql.Selector) {}
	if err := fillGroup(ctx, c, recipientID, g, none); err != nil {
		return nil, errGroupNotFound()
	}
	g.Type = g.Latest.Type
	n, err := inGroups(c, recipientID, key).Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("count notification group %s: %w", key, err)
	}
	g.Count = n
	return g, nil
}

// GroupAccountIDs lists who caused the group's notifications, most recent first, at
// most limit of them.
func GroupAccountIDs(ctx context.Context, c *ent.Client, recipientID, key string, limit int) ([]string, error) {
	g, err := GetGroup(ctx, c, recipientID, key)
	if err != nil {
		return nil, err
	}
	if g.Count == 1 || strings.HasPrefix(key, UngroupedPrefix) {
		return g.SampleAccountIDs, nil
	}
	ids, err := inGroups(c, recipientID, key).Order(ent.Desc(notification.FieldID)).
		Limit(limit).Select(notification.FieldFromAccountID).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("list notification group %s accounts: %w", key, err)
	}
	return ids, nil
}

// DismissGroup deletes all the notifications of one of the recipient's groups.
func DismissGroup(ctx context.Context, c *ent.Client, recipientID, key string) error {
	if id, ok := strings.CutPrefix(key, UngroupedPrefix); ok {
		if err := Dismiss(ctx, c, recipientID, id); err != nil {
			return errGroupNotFound()
		}
		return nil
	}
	n, err := c.Notification.Delete().
		Where(notification.AccountID(recipientID), notification.GroupKey(key)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("dismiss notification group %s: %w", key, err)
	}
	if n == 0 {
		return errGroupNotFound()
	}
	return nil
}

// UnreadGroupCount counts the groups the recipient's unread notifications matching
// o fall in, stopping at limit (which must be positive), as UnreadCount counts
// notifications.
func UnreadGroupCount(ctx context.Context, c *ent.Client, recipientID string, o GroupOptions, limit int) (int, error) {
	if limit <= 0 {
		return 0, fmt.Errorf("count unread notification groups: limit %d is not positive", limit)
	}
	q, err := unread(ctx, c, recipientID, o.Filter)
	if err != nil {
		return 0, err
	}
	types := o.GroupedTypes
	if types == nil {
		types = GroupableTypes
	}
	isGrouped := notification.And(notification.TypeIn(types...), notification.GroupKeyNEQ(""))
	alone, err := q.Clone().Where(notification.Not(isGrouped)).Limit(limit).IDs(ctx)
	if err != nil {
		return 0, fmt.Errorf("count unread notifications: %w", err)
	}
	keys, err := q.Where(isGrouped).Unique(true).Limit(limit).Select(notification.FieldGroupKey).Strings(ctx)
	if err != nil {
		return 0, fmt.Errorf("count unread notification groups: %w", err)
	}
	return min(len(alone)+len(keys), limit), nil
}
