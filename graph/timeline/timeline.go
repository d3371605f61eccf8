// Package timeline builds the strictly chronological timelines: home, public, local,
// hashtag, list and an account's own. Each is a status query already filtered by the
// visibility rules and the viewer's blocks and mutes; callers page it with
// graph/paging. No ranking, ever: newest first is the only order.
package timeline

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/list"
	"github.com/fedigraph/fedigraph/ent/listmember"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/statuspin"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/ent/tagfollow"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/graph/text"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Home is the viewer's own statuses and those of accounts they follow (boosts only
// where they asked for them), plus public statuses with hashtags they follow. Replies
// show when they answer the viewer, the author themself, or someone the viewer follows,
// as in Mastodon, so the home timeline is not flooded with half-conversations.
//
// HomeFilter is the rule alone, for checking single statuses (live updates); Home adds
// a plan for paging through many.
func HomeFilter(c *ent.Client, viewerID string, now time.Time) *ent.StatusQuery {
	return home(c, viewerID, now, homePlan{})
}

// Home is the home timeline, shaped for the database to page through it quickly.
func Home(ctx context.Context, c *ent.Client, viewerID string, now time.Time) (*ent.StatusQuery, error) {
	plan, err := planHome(ctx, c, viewerID)
	if err != nil {
		return nil, err
	}
	return home(c, viewerID, now, plan), nil
}

func home(c *ent.Client, viewerID string, now time.Time, plan homePlan) *ent.StatusQuery {
	followed := sql.Select(follow.FieldTargetAccountID).From(sql.Table(follow.Table)).
		Where(sql.EQ(follow.FieldAccountID, viewerID))
	noBoostsFrom := sql.Select(follow.FieldTargetAccountID).From(sql.Table(follow.Table)).
		Where(sql.And(sql.EQ(follow.FieldAccountID, viewerID), sql.EQ(follow.FieldShowReblogs, false)))
	exclusive := sql.Select(listmember.FieldAccountID).From(sql.Table(listmember.Table)).
		Where(sql.In(listmember.FieldListID, sql.Select(list.FieldID).From(sql.Table(list.Table)).
			Where(sql.And(sql.EQ(list.FieldAccountID, viewerID), sql.EQ(list.FieldExclusive, true)))))
	followedTags := sql.Select(tagfollow.FieldTagID).From(sql.Table(tagfollow.Table)).
		Where(sql.EQ(tagfollow.FieldAccountID, viewerID))
	q := c.Status.Query().Where(
		func(s *sql.Selector) {
			author := s.C(status.FieldAccountID)
			id := s.C(status.FieldID)
			if plan.dense {
				author, id = newestFirst(s, author), newestFirst(s, id)
			}
			statusTags := sql.Table(status.TagsTable)
			tagged := sql.Select(statusTags.C(status.TagsPrimaryKey[0])).From(statusTags).
				Where(sql.In(statusTags.C(status.TagsPrimaryKey[1]), followedTags))
			fromFollowed := sql.And(
				sql.In(author, followed),
				sql.NotIn(author, exclusive),
				sql.Or(sql.IsNull(s.C(status.FieldReblogOfID)), sql.NotIn(author, noBoostsFrom)),
				sql.Or(
					sql.IsNull(s.C(status.FieldInReplyToAccountID)),
					sql.ColumnsEQ(s.C(status.FieldInReplyToAccountID), author),
					sql.EQ(s.C(status.FieldInReplyToAccountID), viewerID),
					sql.In(s.C(status.FieldInReplyToAccountID), followed),
				),
			)
			fromTags := sql.And(
				sql.EQ(s.C(status.FieldVisibility), string(status.VisibilityPUBLIC)),
				sql.In(id, tagged),
			)
			s.Where(sql.Or(sql.EQ(author, viewerID), fromFollowed, fromTags))
		},
		visibility.Statuses(viewerID),
		visibility.Unmuted(viewerID, now),
	)
	if plan.sparse() {
		// Implied by the rule above, but written so that both databases can drive the
		// query from the (account_id, id) index: few candidates, cheap to sort.
		sources := sql.Select(follow.FieldTargetAccountID).From(sql.Table(follow.Table)).
			Where(sql.EQ(follow.FieldAccountID, viewerID)).
			UnionAll(sql.Select(account.FieldID).From(sql.Table(account.Table)).Where(sql.EQ(account.FieldID, viewerID)))
		q = q.Where(func(s *sql.Selector) { s.Where(sql.In(s.C(status.FieldAccountID), sources)) })
	}
	return q
}

// newestFirst keeps SQLite from answering the home timeline through the per-author
// indexes. Given one index per OR branch, SQLite collects every status of every
// followed account and sorts them all for a page of 20 (about 100 ms at 100,000
// statuses); a unary plus makes the column unindexable, so it walks the ID index
// newest first and stops after one page. PostgreSQL plans this well on its own.
func newestFirst(s *sql.Selector, column string) string {
	if s.Dialect() == dialect.SQLite {
		return "+" + column
	}
	return column
}

// PublicOptions narrow the public timeline.
type PublicOptions struct {
	Local, Remote, OnlyMedia bool
}

// Public is every public, original (not boosted) status this server knows.
func Public(c *ent.Client, viewerID string, o PublicOptions, now time.Time) *ent.StatusQuery {
	q := c.Status.Query().Where(
		status.VisibilityEQ(status.VisibilityPUBLIC),
		status.ReblogOfIDIsNil(),
		visibility.Statuses(viewerID),
		visibility.Unmuted(viewerID, now),
	)
	switch {
	case o.Local && !o.Remote:
		q = q.Where(status.Local(true))
	case o.Remote && !o.Local:
		q = q.Where(status.Local(false))
	}
	if o.OnlyMedia {
		q = q.Where(status.HasMedia())
	}
	return q
}

// Tag is the public timeline narrowed to one hashtag.
func Tag(c *ent.Client, viewerID, name string, o PublicOptions, now time.Time) *ent.StatusQuery {
	return Public(c, viewerID, o, now).Where(status.HasTagsWith(tag.Name(text.NormalizeTag(name))))
}

// List is the statuses of a list's members that the viewer may see. Lists are private:
// a list of someone else is not found.
func List(ctx context.Context, c *ent.Client, viewerID, listID string, now time.Time) (*ent.StatusQuery, error) {
	l, err := c.List.Query().Where(list.ID(listID), list.AccountID(viewerID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundf("list not found")
	}
	if err != nil {
		return nil, fmt.Errorf("load list: %w", err)
	}
	members := sql.Select(listmember.FieldAccountID).From(sql.Table(listmember.Table)).
		Where(sql.EQ(listmember.FieldListID, l.ID))
	q := c.Status.Query().Where(
		func(s *sql.Selector) { s.Where(sql.In(s.C(status.FieldAccountID), members)) },
		visibility.Statuses(viewerID),
		visibility.Unmuted(viewerID, now),
	)
	switch l.RepliesPolicy {
	case list.RepliesPolicyNONE:
		q = q.Where(status.InReplyToIDIsNil())
	case list.RepliesPolicyLIST:
		q = q.Where(func(s *sql.Selector) {
			s.Where(sql.Or(
				sql.IsNull(s.C(status.FieldInReplyToAccountID)),
				sql.In(s.C(status.FieldInReplyToAccountID), members),
				sql.EQ(s.C(status.FieldInReplyToAccountID), viewerID),
			))
		})
	}
	return q, nil
}

// AccountOptions narrow an account's statuses, as Mastodon's account statuses do.
type AccountOptions struct {
	ExcludeReplies, ExcludeReblogs, OnlyMedia, Pinned bool
	Tagged                                            string
}

// Account is an account's statuses that the viewer may see. Blocks hide nothing here
// beyond what visibility hides: the viewer asked for this account specifically.
func Account(c *ent.Client, viewerID, accountID string, o AccountOptions) *ent.StatusQuery {
	q := c.Status.Query().Where(status.AccountID(accountID), visibility.Statuses(viewerID))
	if o.ExcludeReplies {
		// Replies to oneself (threads) stay, as in Mastodon.
		q = q.Where(func(s *sql.Selector) {
			s.Where(sql.Or(sql.IsNull(s.C(status.FieldInReplyToAccountID)),
				sql.ColumnsEQ(s.C(status.FieldInReplyToAccountID), s.C(status.FieldAccountID))))
		})
	}
	if o.ExcludeReblogs {
		q = q.Where(status.ReblogOfIDIsNil())
	}
	if o.OnlyMedia {
		q = q.Where(status.HasMedia())
	}
	if o.Pinned {
		pinned := sql.Select(statuspin.FieldStatusID).From(sql.Table(statuspin.Table)).
			Where(sql.EQ(statuspin.FieldAccountID, accountID))
		q = q.Where(func(s *sql.Selector) { s.Where(sql.In(s.C(status.FieldID), pinned)) })
	}
	if o.Tagged != "" {
		q = q.Where(status.HasTagsWith(tag.Name(text.NormalizeTag(o.Tagged))))
	}
	return q
}

// Page runs a timeline query for one window. It returns the statuses newest first and
// whether more lie beyond the window.
func Page(ctx context.Context, q *ent.StatusQuery, w paging.Window) ([]*ent.Status, bool, error) {
	w = w.Clamp(paging.DefaultLimit, paging.MaxLimit)
	rows, err := q.Where(w.Where(status.FieldID)).Order(w.Order(status.FieldID)).Limit(w.Limit + 1).All(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("load timeline: %w", err)
	}
	page, more := paging.Finish(rows, w)
	return page, more, nil
}
