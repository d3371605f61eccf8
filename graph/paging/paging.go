// Package paging cuts newest-first lists (timelines, notifications, followers) into
// pages by ID. Both the Relay cursors of GraphQL and Mastodon's max_id / since_id /
// min_id become a Window, so the two surfaces page identically: no duplicates and no
// gaps when new items arrive between requests, since IDs never change and sort by time.
package paging

import (
	"entgo.io/ent/dialect/sql"
)

// Default and maximum page sizes, as Mastodon has them for timelines.
const (
	DefaultLimit = 20
	MaxLimit     = 40
)

// Window selects a page of IDs. All bounds are exclusive.
type Window struct {
	MaxID   string // only items older than this
	SinceID string // only items newer than this, newest first
	MinID   string // only items newer than this, the oldest of them first (then flipped)
	Limit   int
}

// Clamp applies the default and the cap to Limit.
func (w Window) Clamp(def, max int) Window {
	if w.Limit <= 0 {
		w.Limit = def
	}
	if w.Limit > max {
		w.Limit = max
	}
	return w
}

// Ascending reports whether the page is fetched oldest-first (from MinID upwards) and
// must be reversed before it is shown.
func (w Window) Ascending() bool { return w.MinID != "" }

// Where restricts a query to the window's ID range; idColumn is the ID column name.
func (w Window) Where(idColumn string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		c := s.C(idColumn)
		if w.MaxID != "" {
			s.Where(sql.LT(c, w.MaxID))
		}
		if w.SinceID != "" {
			s.Where(sql.GT(c, w.SinceID))
		}
		if w.MinID != "" {
			s.Where(sql.GT(c, w.MinID))
		}
	}
}

// Order sorts a query for the window: newest first, or oldest first for MinID pages.
func (w Window) Order(idColumn string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		if w.Ascending() {
			s.OrderBy(sql.Asc(s.C(idColumn)))
		} else {
			s.OrderBy(sql.Desc(s.C(idColumn)))
		}
	}
}

// Finish trims a page fetched with Limit+1 rows to Limit, puts it newest first and
// reports whether more rows lay beyond it in the direction of travel.
func Finish[T any](rows []T, w Window) (page []T, more bool) {
	if len(rows) > w.Limit {
		rows, more = rows[:w.Limit], true
	}
	if w.Ascending() {
		for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
			rows[i], rows[j] = rows[j], rows[i]
		}
	}
	return rows, more
}
