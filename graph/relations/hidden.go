package relations

import (
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/mute"
	"github.com/fedigraph/fedigraph/ent/predicate"
)

// notHiddenFrom drops follows whose column names an account the viewer blocks, is
// blocked by or mutes: Mastodon leaves those out of other people's follower lists.
func notHiddenFrom(viewerID, column string, now time.Time) predicate.Follow {
	return func(s *sql.Selector) {
		hidden := sql.Select(block.FieldTargetAccountID).From(sql.Table(block.Table)).
			Where(sql.EQ(block.FieldAccountID, viewerID)).
			Union(sql.Select(block.FieldAccountID).From(sql.Table(block.Table)).
				Where(sql.EQ(block.FieldTargetAccountID, viewerID))).
			Union(sql.Select(mute.FieldTargetAccountID).From(sql.Table(mute.Table)).
				Where(sql.And(
					sql.EQ(mute.FieldAccountID, viewerID),
					sql.Or(sql.IsNull(mute.FieldExpiresAt), sql.GT(mute.FieldExpiresAt, now)),
				)))
		s.Where(sql.NotIn(s.C(column), hidden))
	}
}
