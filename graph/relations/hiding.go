package relations

import (
	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/mute"
)

// Blocks returns a query for the actor's blocks, leaving out blocks of suspended
// accounts (which the actor may not see). Like FollowRequests it is unordered;
// Mastodon lists the most recent block first, paging by block ID.
func (s *Service) Blocks(actorID string) *ent.BlockQuery {
	return s.DB.Block.Query().Where(
		block.AccountID(actorID),
		block.HasTargetAccountWith(account.SuspendedAtIsNil()),
	)
}

// Mutes returns a query for the actor's mutes that have not yet expired, leaving out
// mutes of suspended accounts. It is unordered, like Blocks.
func (s *Service) Mutes(actorID string) *ent.MuteQuery {
	return s.DB.Mute.Query().Where(
		mute.AccountID(actorID),
		mute.Or(mute.ExpiresAtIsNil(), mute.ExpiresAtGT(s.now())),
		mute.HasTargetAccountWith(account.SuspendedAtIsNil()),
	)
}
