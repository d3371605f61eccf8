package testrig

import (
	"context"
	"sync/atomic"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/store"
)

// CountingDB returns a view of db whose ent client counts every statement it sends,
// for tests that guard against N+1 queries: a page of 40 must cost what a page of 5
// costs.
func CountingDB(db *store.DB) (*store.DB, *atomic.Int64) {
	var n atomic.Int64
	d := dialect.SQLite
	if db.Type == store.Postgres {
		d = dialect.Postgres
	}
	drv := dialect.DebugWithContext(entsql.OpenDB(d, db.SQL), func(context.Context, ...any) { n.Add(1) })
	return &store.DB{Client: ent.NewClient(ent.Driver(drv)), SQL: db.SQL, Type: db.Type}, &n
}
