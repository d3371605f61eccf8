package testrig

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Population sizes a benchmark world.
type Population struct {
	Accounts, Statuses, Follows int
}

// BenchPopulation is the size the benchmarks of both API surfaces use: 1,000
// accounts, 100,000 statuses, and a viewer following 200 of the accounts.
var BenchPopulation = Population{Accounts: 1000, Statuses: 100_000, Follows: 200}

// Seed writes a world of the given size in bulk — accounts, the viewer's follows and
// statuses a minute apart, a quarter of them followers-only or unlisted — and returns
// the viewer (a local account with a user, able to hold tokens).
func Seed(tb testing.TB, db *store.DB, p Population) *ent.Account {
	tb.Helper()
	ctx := context.Background()
	viewer := LocalAccount(tb, db, "viewer")
	accounts := make([]*ent.Account, 0, p.Accounts)
	for start := 0; start < p.Accounts; start += 500 {
		bulk := make([]*ent.AccountCreate, 0, 500)
		for i := start; i < start+500 && i < p.Accounts; i++ {
			name := fmt.Sprintf("user%d", i)
			bulk = append(bulk, db.Account.Create().SetUsername(name).SetURI("https://"+TestHost+"/users/"+name))
		}
		created, err := db.Account.CreateBulk(bulk...).Save(ctx)
		if err != nil {
			tb.Fatalf("seed accounts: %v", err)
		}
		accounts = append(accounts, created...)
	}
	follows := make([]*ent.FollowCreate, p.Follows)
	for i := range follows {
		follows[i] = db.Follow.Create().SetAccountID(viewer.ID).SetTargetAccountID(accounts[i*(p.Accounts/p.Follows)].ID)
	}
	if _, err := db.Follow.CreateBulk(follows...).Save(ctx); err != nil {
		tb.Fatalf("seed follows: %v", err)
	}
	visibilities := []status.Visibility{status.VisibilityPUBLIC, status.VisibilityPUBLIC, status.VisibilityUNLISTED, status.VisibilityFOLLOWERS_ONLY}
	start := time.Now().Add(-time.Duration(p.Statuses) * time.Minute)
	const batch = 1000
	for n := 0; n < p.Statuses; n += batch {
		err := db.InTx(ctx, func(tx *store.Tx) error {
			bulk := make([]*ent.StatusCreate, 0, batch)
			for k := n; k < n+batch && k < p.Statuses; k++ {
				at := start.Add(time.Duration(k) * time.Minute)
				id := ids.New(at)
				author := accounts[k%p.Accounts]
				bulk = append(bulk, tx.Status.Create().SetID(id).SetCreatedAt(at).SetAccountID(author.ID).
					SetURI(author.URI+"/statuses/"+id).SetThreadID(id).
					SetContent(fmt.Sprintf("<p>status number %d from %s</p>", k, author.Username)).
					SetVisibility(visibilities[k%len(visibilities)]))
			}
			_, err := tx.Status.CreateBulk(bulk...).Save(ctx)
			return err
		})
		if err != nil {
			tb.Fatalf("seed statuses: %v", err)
		}
	}
	// Posting keeps statuses_count in step; bulk seeding must too (the home timeline
	// plans by it).
	if err := db.Account.Update().Where(account.IDNEQ(viewer.ID)).
		SetStatusesCount(p.Statuses / p.Accounts).Exec(ctx); err != nil {
		tb.Fatalf("seed counters: %v", err)
	}
	if _, err := db.SQL.ExecContext(ctx, "ANALYZE"); err != nil {
		tb.Fatalf("analyze: %v", err)
	}
	return viewer
}
