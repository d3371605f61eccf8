package graph_test

import (
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/graph/testrig"
)

// BenchmarkHomeTimeline measures a page of 20 statuses of the home timeline through
// the whole GraphQL stack (HTTP, auth, executor, resolvers, SQL) on both databases.
//
//	go test ./graph -run '^$' -bench HomeTimeline -benchtime 200x
func BenchmarkHomeTimeline(b *testing.B) {
	for _, kind := range testrig.Kinds {
		b.Run(kind, func(b *testing.B) {
			db := testrig.NewDB(b, kind)
			viewer := testrig.Seed(b, db, testrig.BenchPopulation)
			s := newServer(b, db)
			token := testrig.Token(b, db, viewer, "read")
			query := `{ homeTimeline(first: 20) { edges { node { id content createdAt visibility
				account { id acct displayName } favourited reblogged reblog { id } tags { name } } }
				pageInfo { hasNextPage endCursor } } }`
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				r := s.do(token, query, nil)
				if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"hasNextPage":true`) {
					b.Fatalf("home timeline: %s %+v", r.Data, r.Errors)
				}
			}
		})
	}
}
