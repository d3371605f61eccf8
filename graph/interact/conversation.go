package interact

import (
	"context"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/threadmute"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// MuteConversation stops notifications to the actor from the thread a visible status
// belongs to (replies, favourites and boosts of any status in it). Muting it again
// changes nothing.
//
// Mastodon's documentation asks that the actor take part in the thread, but its code
// only asks that the status be visible; so does this.
func (s *Service) MuteConversation(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	return s.do(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) error {
		thread := threadOf(orig)
		exists, err := tx.ThreadMute.Query().
			Where(threadmute.AccountID(actorID), threadmute.ThreadID(thread)).Exist(ctx)
		if err != nil || exists {
			return wrap(err, "check conversation mute")
		}
		now := s.now()
		err = tx.ThreadMute.Create().SetID(ids.New(now)).SetCreatedAt(now).
			SetAccountID(actorID).SetThreadID(thread).Exec(ctx)
		return wrap(err, "mute conversation")
	})
}

// UnmuteConversation lets the thread notify the actor again. Unmuting a conversation
// not muted is fine.
func (s *Service) UnmuteConversation(ctx context.Context, actorID, statusID string) (*ent.Status, error) {
	return s.undo(ctx, actorID, statusID, func(tx *store.Tx, orig *ent.Status) (bool, error) {
		n, err := tx.ThreadMute.Delete().
			Where(threadmute.AccountID(actorID), threadmute.ThreadID(threadOf(orig))).Exec(ctx)
		return n > 0, wrap(err, "unmute conversation")
	})
}

// threadOf is the thread a status belongs to. Statuses written before threads were
// tracked have none and stand for themselves.
func threadOf(st *ent.Status) string {
	if st.ThreadID == "" {
		return st.ID
	}
	return st.ThreadID
}
