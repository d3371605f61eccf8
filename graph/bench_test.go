package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// Benchmark sizes from the issue: 1,000 accounts and 100,000 statuses; the viewer
// follows 200 of them, a heavy but ordinary home timeline.
const (
	benchAccounts = 1000
	benchStatuses = 100_000
	benchFollows  = 200
)

// BenchmarkHomeTimeline measures a page of 20 statuses of the home timeline through
// the whole GraphQL stack (HTTP, auth, executor, resolvers, SQL) on both databases.
//
//	go test ./graph -run '^$' -bench HomeTimeline -benchtime 200x
func BenchmarkHomeTimeline(b *testing.B) {
	for _, kind := range testrig.Kinds {
		b.Run(kind, func(b *testing.B) {
			db := testrig.NewDB(b, kind)
			viewer := seedTimeline(b, db)
			s := newServer(&testing.T{}, db)
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

// seedTimeline writes the benchmark's accounts, follows and statuses in bulk and
// returns the viewer.
func seedTimeline(b testing.TB, db *store.DB) *ent.Account {
	b.Helper()
	ctx := context.Background()
	viewer := testrig.LocalAccount(b, db, "viewer")
	accounts := make([]*ent.Account, 0, benchAccounts)
	for start := 0; start < benchAccounts; start += 500 {
		bulk := make([]*ent.AccountCreate, 0, 500)
		for i := start; i < start+500 && i < benchAccounts; i++ {
			name := fmt.Sprintf("user%d", i)
			bulk = append(bulk, db.Account.Create().SetUsername(name).SetURI("https://"+testrig.TestHost+"/users/"+name))
		}
		created, err := db.Account.CreateBulk(bulk...).Save(ctx)
		if err != nil {
			b.Fatalf("seed accounts: %v", err)
		}
		accounts = append(accounts, created...)
	}
	follows := make([]*ent.FollowCreate, benchFollows)
	for i := range follows {
		follows[i] = db.Follow.Create().SetAccountID(viewer.ID).SetTargetAccountID(accounts[i*(benchAccounts/benchFollows)].ID)
	}
	if _, err := db.Follow.CreateBulk(follows...).Save(ctx); err != nil {
		b.Fatalf("seed follows: %v", err)
	}
	visibilities := []status.Visibility{status.VisibilityPUBLIC, status.VisibilityPUBLIC, status.VisibilityUNLISTED, status.VisibilityFOLLOWERS_ONLY}
	start := time.Now().Add(-benchStatuses * time.Minute)
	const batch = 1000
	for n := 0; n < benchStatuses; n += batch {
		err := db.InTx(ctx, func(tx *store.Tx) error {
			bulk := make([]*ent.StatusCreate, batch)
			for i := range bulk {
				k := n + i
				at := start.Add(time.Duration(k) * time.Minute)
				id := ids.New(at)
				author := accounts[k%benchAccounts]
				bulk[i] = tx.Status.Create().SetID(id).SetCreatedAt(at).SetAccountID(author.ID).
					SetURI(author.URI + "/statuses/" + id).SetThreadID(id).
					SetContent(fmt.Sprintf("<p>status number %d from %s</p>", k, author.Username)).
					SetVisibility(visibilities[k%len(visibilities)])
			}
			_, err := tx.Status.CreateBulk(bulk...).Save(ctx)
			return err
		})
		if err != nil {
			b.Fatalf("seed statuses: %v", err)
		}
	}
	// Posting keeps statuses_count in step; bulk seeding must too (the home timeline
	// plans by it).
	if err := db.Account.Update().Where(account.IDNEQ(viewer.ID)).
		SetStatusesCount(benchStatuses / benchAccounts).Exec(ctx); err != nil {
		b.Fatalf("seed counters: %v", err)
	}
	if _, err := db.SQL.ExecContext(ctx, "ANALYZE"); err != nil {
		b.Fatalf("analyze: %v", err)
	}
	return viewer
}
