package notify_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/notify"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// A blocked server's accounts notify nobody who blocks it, unless followed.
func TestSendSparesDomainBlocks(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		alice := testrig.LocalAccount(t, db, "alice")
		db.AccountDomainBlock.Create().SetAccountID(alice.ID).SetDomain("blocked.example").ExecX(ctx)
		stranger := testrig.RemoteAccount(t, db, "stranger", "blocked.example")
		friend := testrig.RemoteAccount(t, db, "friend", "blocked.example")
		db.Follow.Create().SetAccountID(alice.ID).SetTargetAccountID(friend.ID).ExecX(ctx)
		elsewhere := testrig.RemoteAccount(t, db, "other", "fine.example")
		for _, c := range []struct {
			name   string
			fromID string
			want   bool
		}{
			{"a stranger on the blocked domain", stranger.ID, false},
			{"a followed account on the blocked domain", friend.ID, true},
			{"an account on another domain", elsewhere.ID, true},
		} {
			err := db.InTx(ctx, func(tx *store.Tx) error {
				row, err := notify.Send(ctx, tx, hub.New(), notify.Notice{
					Type: notification.TypeMENTION, RecipientID: alice.ID, FromID: c.fromID,
				})
				if (row != nil) != c.want {
					t.Errorf("%s: notified %v, want %v", c.name, row != nil, c.want)
				}
				return err
			})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
		}
	})
}
