package timeline

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/tagfollow"
	"github.com/fedigraph/fedigraph/graph/paging"
)

// homePlan says how the database should find a page of someone's home timeline. There
// are two good ways, and each is terrible where the other shines:
//
//   - dense: walk all statuses newest first and keep those from the viewer's sources.
//     Cheap when the sources wrote a good share of everything (a page is found after
//     a few hundred rows), a scan of the whole table when they wrote almost nothing.
//   - sparse: fetch every status of every source through the (account_id, id) index
//     and sort them. Cheap for a new account following a handful of people, slow when
//     the sources have written tens of thousands of statuses.
//
// Neither database's planner can tell which case it is in (it depends on the viewer),
// so planHome decides from two cheap numbers: how many statuses the sources wrote (the
// accounts' statuses_count counters) and about how many statuses there are.
type homePlan struct {
	dense       bool
	followsTags bool
}

// sparse plans get the index-friendly rewrite; with followed hashtags the candidates
// are not limited to the sources, so the rule is left for the planner as it is.
func (p homePlan) sparse() bool { return !p.dense && !p.followsTags }

func planHome(ctx context.Context, c *ent.Client, viewerID string) (homePlan, error) {
	var p homePlan
	followed := c.Follow.Query().Where(follow.AccountID(viewerID)).Select(follow.FieldTargetAccountID)
	ids, err := followed.Strings(ctx)
	if err != nil {
		return p, fmt.Errorf("plan home timeline: %w", err)
	}
	var sums []struct {
		Sum int `json:"sum"`
	}
	err = c.Account.Query().Where(account.IDIn(append(ids, viewerID)...)).
		Aggregate(ent.Sum(account.FieldStatusesCount)).Scan(ctx, &sums)
	if err != nil {
		return p, fmt.Errorf("plan home timeline: %w", err)
	}
	candidates := 0
	if len(sums) > 0 {
		candidates = sums[0].Sum
	}
	total, err := estimateStatuses(ctx, c)
	if err != nil {
		return p, err
	}
	// A walk newest-first reads about limit × total / candidates rows; the index path
	// reads (and sorts) candidates rows. Take the smaller.
	limit := paging.MaxLimit + 1
	p.dense = candidates > 0 && candidates*candidates > limit*total
	if p.followsTags, err = c.TagFollow.Query().Where(tagfollow.AccountID(viewerID)).Exist(ctx); err != nil {
		return p, fmt.Errorf("plan home timeline: %w", err)
	}
	return p, nil
}

// estimateStatuses is roughly how many statuses exist, without counting them: SQLite's
// largest rowid, PostgreSQL's planner statistics.
func estimateStatuses(ctx context.Context, c *ent.Client) (int, error) {
	var v []struct {
		N int `json:"n"`
	}
	err := c.Status.Query().Modify(func(s *sql.Selector) {
		switch s.Dialect() {
		case dialect.Postgres:
			s.Select(sql.As("(SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE relname = '"+status.Table+"')", "n")).Limit(1)
		default:
			s.Select(sql.As("COALESCE(MAX(rowid), 0)", "n"))
		}
	}).Scan(ctx, &v)
	if err != nil {
		return 0, fmt.Errorf("estimate statuses: %w", err)
	}
	if len(v) == 0 {
		return 0, nil
	}
	return v[0].N, nil
}
