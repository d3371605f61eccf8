package graph_test

import (
	"fmt"
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestQueriesDoNotGrowWithPageSize guards against N+1 queries: rendering a page of
// statuses (author, boosted status, tags, mentions, the viewer's marks) or
// notifications must cost the same number of SQL statements for 8 items as for 20.
func TestQueriesDoNotGrowWithPageSize(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, plain *store.DB) {
		db, count := testrig.CountingDB(plain)
		s := newServer(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		bob := testrig.LocalAccount(t, db, "bob")
		at := testrig.Token(t, db, alice, "read write follow")
		bt := testrig.Token(t, db, bob, "read write follow")
		s.must(bt, `mutation($id: ID!) { followAccount(input: {accountID: $id}) { relationship { following } } }`, map[string]any{"id": alice.ID}, nil)
		for i := 0; i < 20; i++ {
			var out struct {
				CreateStatus struct{ Status struct{ ID string } }
			}
			s.must(at, `mutation($t: String!) { createStatus(input: {text: $t}) { status { id } } }`,
				map[string]any{"t": fmt.Sprintf("hello @bob #tag%d", i%3)}, &out)
			if i%4 == 0 {
				s.must(bt, `mutation($id: ID!) { favouriteStatus(id: $id) { status { id } } }`, map[string]any{"id": out.CreateStatus.Status.ID}, nil)
				s.must(bt, `mutation($id: ID!) { boostStatus(id: $id) { status { id } } }`, map[string]any{"id": out.CreateStatus.Status.ID}, nil)
			}
		}
		cases := []struct{ name, token, query string }{
			{"home timeline", bt, `query($n: Int) { homeTimeline(first: $n) { edges { node { id content account { acct }
				reblog { id account { acct } tags { name } } tags { name } mentions { acct } media { id }
				favourited reblogged bookmarked pinned muted } } } }`},
			{"notifications", at, `query($n: Int) { notifications(first: $n) { edges { node { type fromAccount { acct } } } } }`},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				cost := func(n int) int64 {
					before := count.Load()
					s.must(c.token, c.query, map[string]any{"n": n}, nil)
					return count.Load() - before
				}
				small, large := cost(8), cost(20) // both pages hold boosts, which cost one extra batch
				if large != small {
					t.Errorf("a page of 20 took %d SQL statements, a page of 8 took %d: something queries per item", large, small)
				}
			})
		}
	})
}
