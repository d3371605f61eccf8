package relations

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/ent/list"
	"github.com/fedigraph/fedigraph/ent/listmember"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/store"
)

// dropFollow removes followerID's follow of targetID, if there is one, with everything
// that hangs off it: the counters, the "followed you" notification (Mastodon removes
// it too), and targetID's place on followerID's lists, which only followed accounts
// may have.
func dropFollow(ctx context.Context, tx *store.Tx, followerID, targetID string) error {
	n, err := tx.Follow.Delete().
		Where(follow.AccountID(followerID), follow.TargetAccountID(targetID)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("delete follow: %w", err)
	}
	if n > 0 {
		// The guards keep a counter that drifted (say, after a crash in an older
		// version) from going negative.
		err := tx.Account.Update().Where(account.ID(followerID), account.FollowingCountGT(0)).
			AddFollowingCount(-1).Exec(ctx)
		if err != nil {
			return fmt.Errorf("uncount follow on follower: %w", err)
		}
		err = tx.Account.Update().Where(account.ID(targetID), account.FollowersCountGT(0)).
			AddFollowersCount(-1).Exec(ctx)
		if err != nil {
			return fmt.Errorf("uncount follow on followed account: %w", err)
		}
		if err := dropNotifications(ctx, tx, notification.TypeFOLLOW, followerID, targetID); err != nil {
			return err
		}
	}
	_, err = tx.ListMember.Delete().Where(
		listmember.AccountID(targetID),
		listmember.HasListWith(list.AccountID(followerID)),
	).Exec(ctx)
	if err != nil {
		return fmt.Errorf("remove unfollowed account from lists: %w", err)
	}
	return nil
}

// dropFollowRequest withdraws requesterID's pending request to targetID, if any, and
// the notification that announced it.
func dropFollowRequest(ctx context.Context, tx *store.Tx, requesterID, targetID string) error {
	n, err := tx.FollowRequest.Delete().
		Where(followrequest.AccountID(requesterID), followrequest.TargetAccountID(targetID)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("delete follow request: %w", err)
	}
	if n == 0 {
		return nil
	}
	return dropNotifications(ctx, tx, notification.TypeFOLLOW_REQUEST, requesterID, targetID)
}

func dropNotifications(ctx context.Context, tx *store.Tx, typ notification.Type, fromID, recipientID string) error {
	_, err := tx.Notification.Delete().Where(
		notification.TypeEQ(typ),
		notification.FromAccountID(fromID),
		notification.AccountID(recipientID),
	).Exec(ctx)
	if err != nil {
		return fmt.Errorf("delete %s notification: %w", typ, err)
	}
	return nil
}
