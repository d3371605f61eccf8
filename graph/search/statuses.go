package search

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/bookmark"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/mention"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/text"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Index records a status's searchable text (its content as plain text and its content
// warning), replacing what was there. Call it in the transaction that writes the
// status; boosts have no text of their own and are not indexed.
func Index(ctx context.Context, c *ent.Client, st *ent.Status) error {
	if st.ReblogOfID != nil {
		return nil
	}
	body := strings.TrimSpace(st.SpoilerText + "\n" + text.PlainText(st.Content))
	_, err := c.ExecContext(ctx, `INSERT INTO status_texts (status_id, body) VALUES ($1, $2)
		ON CONFLICT (status_id) DO UPDATE SET body = excluded.body`, st.ID, body)
	if err != nil {
		return fmt.Errorf("index status %s for search: %w", st.ID, err)
	}
	return nil
}

// maxTerms bounds how many words a search may combine.
const maxTerms = 16

// Statuses finds statuses matching every word of query, newest first, among those the
// viewer may search, as Mastodon 4.2 scopes it: the viewer's own statuses and those they
// were mentioned in, favourited, bookmarked or boosted, plus public statuses of
// accounts that opted into search (indexable). Visibility rules apply on top.
func Statuses(ctx context.Context, c *ent.Client, viewerID, query string, now time.Time) (*ent.StatusQuery, error) {
	terms := strings.Fields(query)
	if len(terms) == 0 || viewerID == "" {
		return c.Status.Query().Where(status.IDIn()), nil
	}
	if len(terms) > maxTerms {
		terms = terms[:maxTerms]
	}
	return c.Status.Query().Where(
		status.ReblogOfIDIsNil(),
		matching(terms),
		searchable(viewerID),
		visibility.Statuses(viewerID),
		visibility.Unmuted(viewerID, now),
	), nil
}

// matching selects statuses whose text contains every term: FTS5 on SQLite, a GIN
// text-search index on PostgreSQL. Terms are passed as data, never as query syntax, so
// no input can make the search engine fail.
func matching(terms []string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		switch s.Dialect() {
		case dialect.Postgres:
			s.Where(sql.P(func(b *sql.Builder) {
				b.Ident(s.C(status.FieldID)).WriteString(` IN (SELECT status_id FROM status_texts WHERE to_tsvector('simple', body) @@ plainto_tsquery('simple', `).
					Arg(strings.Join(terms, " ")).WriteString("))")
			}))
		default:
			quoted := make([]string, len(terms))
			for i, t := range terms {
				quoted[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
			}
			s.Where(sql.P(func(b *sql.Builder) {
				b.Ident(s.C(status.FieldID)).WriteString(` IN (SELECT status_id FROM status_texts WHERE rowid IN (SELECT rowid FROM status_texts_fts WHERE status_texts_fts MATCH `).
					Arg(strings.Join(quoted, " ")).WriteString("))")
			}))
		}
	}
}

// searchable is Mastodon's search scope for the viewer.
func searchable(viewerID string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		mine := func(table, statusCol, accountCol string) *sql.Selector {
			return sql.Select(statusCol).From(sql.Table(table)).Where(sql.EQ(accountCol, viewerID))
		}
		boosted := sql.Select(status.FieldReblogOfID).From(sql.Table(status.Table).As("search_boosts")).
			Where(sql.And(sql.EQ(status.FieldAccountID, viewerID), sql.NotNull(status.FieldReblogOfID)))
		indexable := sql.Select(account.FieldID).From(sql.Table(account.Table)).Where(sql.EQ(account.FieldIndexable, true))
		id := s.C(status.FieldID)
		s.Where(sql.Or(
			sql.EQ(s.C(status.FieldAccountID), viewerID),
			sql.In(id, mine(mention.Table, mention.FieldStatusID, mention.FieldAccountID)),
			sql.In(id, mine(favourite.Table, favourite.FieldStatusID, favourite.FieldAccountID)),
			sql.In(id, mine(bookmark.Table, bookmark.FieldStatusID, bookmark.FieldAccountID)),
			sql.In(id, boosted),
			sql.And(
				sql.EQ(s.C(status.FieldVisibility), string(status.VisibilityPUBLIC)),
				sql.In(s.C(status.FieldAccountID), indexable),
			),
		))
	}
}
