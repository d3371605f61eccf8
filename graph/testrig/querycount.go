package testrig

import (
	"context"
	"sync/atomic"

	"entgo.io/ent/dialect"

	"github.com/fedigraph/fedigraph/graph/store"
)

// CountingDB returns a view of db whose ent client counts every statement it sends,
// for tests that guard against N+1 queries: a page of 40 must cost what a page of 5
// costs.
func CountingDB(db *store.DB) (*store.DB, *atomic.Int64) {
	var n atomic.Int64
	return db.WithDriverWrapper(func(d dialect.Driver) dialect.Driver {
		return dialect.DebugWithContext(d, func(context.Context, ...any) { n.Add(1) })
	}), &n
}
