package graph

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/graph/timeline"
)

// relayWindow turns Relay arguments into an ID window. Cursors are IDs, so a Relay
// page and a Mastodon page over the same timeline hold the same statuses.
func relayWindow(after *entgql.Cursor[string], first *int, before *entgql.Cursor[string], last *int) (paging.Window, error) {
	var w paging.Window
	if first != nil && last != nil {
		return w, apperr.BadInputf("pass first or last, not both")
	}
	if (first != nil && *first < 0) || (last != nil && *last < 0) {
		return w, apperr.BadInputf("first and last cannot be negative")
	}
	if after != nil {
		w.MaxID = after.ID
	}
	if before != nil {
		w.MinID = before.ID
	}
	switch {
	case first != nil:
		w.Limit = *first
	case last != nil:
		w.Limit = *last
		if before == nil {
			// "The last n" of a newest-first list are the oldest n: page upwards from
			// the very beginning.
			w.MinID = "0"
		}
	}
	return w.Clamp(paging.DefaultLimit, paging.MaxLimit), nil
}

// statusConnection runs a timeline query for a Relay page, loading what each status
// shows with it so the page costs a fixed number of queries.
func statusConnection(ctx context.Context, q *ent.StatusQuery, after *entgql.Cursor[string], first *int, before *entgql.Cursor[string], last *int) (*ent.StatusConnection, error) {
	w, err := relayWindow(after, first, before, last)
	if err != nil {
		return nil, err
	}
	total, err := totalCount(ctx, q.Clone().Count)
	if err != nil {
		return nil, err
	}
	rows, more, err := timeline.Page(ctx, withStatusEdges(q), w)
	if err != nil {
		return nil, err
	}
	primeViewerState(ctx, rows)
	conn := &ent.StatusConnection{Edges: make([]*ent.StatusEdge, len(rows)), TotalCount: total}
	for i, st := range rows {
		conn.Edges[i] = &ent.StatusEdge{Node: st, Cursor: entgql.Cursor[string]{ID: st.ID}}
	}
	conn.PageInfo = pageInfo(len(rows), func(i int) string { return rows[i].ID }, more, w)
	return conn, nil
}

// withStatusEdges eager-loads what a rendered status shows: author, boosted status
// with its author, mentions, tags, media and poll.
func withStatusEdges(q *ent.StatusQuery) *ent.StatusQuery {
	return q.
		WithAccount().
		WithReblogOf(func(o *ent.StatusQuery) {
			o.WithAccount().WithTags().WithMedia().WithPoll().WithMentions(func(m *ent.MentionQuery) { m.WithAccount() })
		}).
		WithTags().
		WithMedia().
		WithPoll().
		WithMentions(func(m *ent.MentionQuery) { m.WithAccount() })
}

// notificationConnection is statusConnection for notifications.
func notificationConnection(ctx context.Context, q *ent.NotificationQuery, after *entgql.Cursor[string], first *int, before *entgql.Cursor[string], last *int) (*ent.NotificationConnection, error) {
	w, err := relayWindow(after, first, before, last)
	if err != nil {
		return nil, err
	}
	total, err := totalCount(ctx, q.Clone().Count)
	if err != nil {
		return nil, err
	}
	rows, err := q.WithFromAccount().
		Where(w.Where(notification.FieldID)).Order(w.Order(notification.FieldID)).Limit(w.Limit + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load notifications: %w", err)
	}
	rows, more := paging.Finish(rows, w)
	conn := &ent.NotificationConnection{Edges: make([]*ent.NotificationEdge, len(rows)), TotalCount: total}
	for i, n := range rows {
		conn.Edges[i] = &ent.NotificationEdge{Node: n, Cursor: entgql.Cursor[string]{ID: n.ID}}
	}
	conn.PageInfo = pageInfo(len(rows), func(i int) string { return rows[i].ID }, more, w)
	return conn, nil
}

// pageInfo describes a page of n items (newest first) fetched for window w.
func pageInfo(n int, idAt func(int) string, more bool, w paging.Window) entgql.PageInfo[string] {
	var pi entgql.PageInfo[string]
	if n > 0 {
		start, end := entgql.Cursor[string]{ID: idAt(0)}, entgql.Cursor[string]{ID: idAt(n - 1)}
		pi.StartCursor, pi.EndCursor = &start, &end
	}
	if w.Ascending() {
		pi.HasPreviousPage, pi.HasNextPage = more, true
	} else {
		pi.HasNextPage, pi.HasPreviousPage = more, w.MaxID != ""
	}
	return pi
}

func isTrue(b *bool) bool { return b != nil && *b }

// accountConnection pages a followers or following list. The cursor is the follow's
// ID, so the list runs in the order the follows happened, newest first.
func accountConnection(ctx context.Context, q *ent.FollowQuery, accountColumn string, after *entgql.Cursor[string], first *int) (*ent.AccountConnection, error) {
	w, err := relayWindow(after, first, nil, nil)
	if err != nil {
		return nil, err
	}
	total, err := totalCount(ctx, q.Clone().Count)
	if err != nil {
		return nil, err
	}
	rows, err := q.WithAccount().WithTargetAccount().
		Where(w.Where(follow.FieldID)).Order(w.Order(follow.FieldID)).Limit(w.Limit + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load follows: %w", err)
	}
	rows, more := paging.Finish(rows, w)
	accounts, ids := make([]*ent.Account, len(rows)), make([]string, len(rows))
	for i, f := range rows {
		accounts[i], ids[i] = f.Edges.TargetAccount, f.ID
		if accountColumn == follow.FieldAccountID {
			accounts[i] = f.Edges.Account
		}
	}
	return newAccountConnection(accounts, ids, total, more, w), nil
}

// newAccountConnection pages accounts listed through other rows (follows, boosts,
// favourites); the cursors are those rows' IDs, so the list runs newest first.
func newAccountConnection(accounts []*ent.Account, cursorIDs []string, total int, more bool, w paging.Window) *ent.AccountConnection {
	conn := &ent.AccountConnection{Edges: make([]*ent.AccountEdge, len(accounts)), TotalCount: total}
	for i, a := range accounts {
		conn.Edges[i] = &ent.AccountEdge{Node: a, Cursor: entgql.Cursor[string]{ID: cursorIDs[i]}}
	}
	conn.PageInfo = pageInfo(len(accounts), func(i int) string { return cursorIDs[i] }, more, w)
	return conn
}

// totalCount counts the whole connection, but only when the client asked for
// totalCount: on a timeline it is a COUNT over every matching status.
func totalCount(ctx context.Context, count func(context.Context) (int, error)) (int, error) {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "totalCount" {
			n, err := count(ctx)
			if err != nil {
				return 0, fmt.Errorf("count connection: %w", err)
			}
			return n, nil
		}
	}
	return 0, nil
}
