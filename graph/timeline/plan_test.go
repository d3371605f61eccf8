package timeline_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/timeline"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// TestSQLitePlansWalkTheIDIndex checks that SQLite pages the public timelines by
// walking an index newest first and stopping, instead of collecting and sorting every
// matching status (a temporary B-tree for ORDER BY), which is what turns a 2 ms page
// into a 100 ms one at 100,000 statuses. PostgreSQL's plans depend on statistics of a
// real-sized table; BenchmarkHomeTimeline in package graph exercises those.
func TestSQLitePlansWalkTheIDIndex(t *testing.T) {
	db := testrig.NewDB(t, store.SQLite)
	viewer := testrig.LocalAccount(t, db, "viewer")
	// Claim enough statuses that the home timeline takes its newest-first plan.
	db.Account.UpdateOne(viewer).SetStatusesCount(1000).ExecX(context.Background())
	now := time.Now()
	home := func() *ent.StatusQuery {
		q, err := timeline.Home(context.Background(), db.Client, viewer.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	cases := []struct {
		name string
		q    func() *ent.StatusQuery
	}{
		{"public", func() *ent.StatusQuery { return timeline.Public(db.Client, viewer.ID, timeline.PublicOptions{}, now) }},
		{"local", func() *ent.StatusQuery {
			return timeline.Public(db.Client, viewer.ID, timeline.PublicOptions{Local: true}, now)
		}},
		{"hashtag", func() *ent.StatusQuery {
			return timeline.Tag(db.Client, viewer.ID, "cats", timeline.PublicOptions{}, now)
		}},
		{"account", func() *ent.StatusQuery {
			return timeline.Account(db.Client, viewer.ID, viewer.ID, timeline.AccountOptions{})
		}},
		{"home", home},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan := explain(t, db, c.q())
			if strings.Contains(plan, "TEMP B-TREE FOR ORDER BY") {
				t.Errorf("the %s timeline sorts its candidates instead of walking an index:\n%s", c.name, plan)
			}
		})
	}
}

func explain(t *testing.T, db *store.DB, q *ent.StatusQuery) string {
	t.Helper()
	w := paging.Window{Limit: 20}
	// The predicate sees the selector the query is built on; once the query has run,
	// that selector holds the whole statement, ORDER BY and LIMIT included.
	var sel *sql.Selector
	q = q.Where(w.Where("id"), func(s *sql.Selector) { sel = s }).Order(w.Order("id")).Limit(21)
	if _, err := q.All(context.Background()); err != nil {
		t.Fatal(err)
	}
	query, args := sel.Query()
	rows, err := db.SQL.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		b.WriteString(detail + "\n")
	}
	return b.String()
}
