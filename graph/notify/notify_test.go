package notify_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/notify"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// received returns the deliveries so far without waiting.
func received(sub *hub.Subscription) []hub.Delivery {
	var got []hub.Delivery
	for {
		select {
		case d := <-sub.C:
			got = append(got, d)
		default:
			return got
		}
	}
}

// TestSendRespectsTheRecipientsChoices sends alice (or another recipient) a mention
// from a fresh sender per case, set up with the relationship the case is about.
func TestSendRespectsTheRecipientsChoices(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		h := hub.New()
		alice := testrig.LocalAccount(t, db, "alice")
		carol := testrig.LocalAccount(t, db, "carol")
		remote := testrig.RemoteAccount(t, db, "rem", "remote.example")
		suspended := testrig.LocalAccount(t, db, "sam")
		db.Account.UpdateOne(suspended).SetSuspendedAt(time.Now()).ExecX(ctx)
		muteFor := func(d time.Duration, hide bool) func(*ent.Account) {
			return func(sender *ent.Account) {
				m := db.Mute.Create().SetAccountID(alice.ID).SetTargetAccountID(sender.ID).SetHideNotifications(hide)
				if d != 0 {
					m.SetExpiresAt(time.Now().Add(d))
				}
				m.ExecX(ctx)
			}
		}
		const thread = "01THREADOFTHECONVERSATION0"
		cases := []struct {
			name      string
			recipient *ent.Account // nil: alice
			self      bool         // the sender is the recipient
			setup     func(sender *ent.Account)
			threadID  string
			want      bool
		}{
			{name: "nothing in the way", want: true},
			{name: "to oneself", self: true},
			{name: "to a remote account", recipient: remote},
			{name: "to a suspended account", recipient: suspended},
			{name: "alice blocks the sender", setup: func(s *ent.Account) {
				db.Block.Create().SetAccountID(alice.ID).SetTargetAccountID(s.ID).ExecX(ctx)
			}},
			{name: "the sender blocks alice", setup: func(s *ent.Account) {
				db.Block.Create().SetAccountID(s.ID).SetTargetAccountID(alice.ID).ExecX(ctx)
			}},
			{name: "muted with notifications", setup: muteFor(0, true)},
			{name: "muted, notifications still wanted", setup: muteFor(0, false), want: true},
			{name: "muted for another hour", setup: muteFor(time.Hour, true)},
			{name: "mute expired", setup: muteFor(-time.Hour, true), want: true},
			{name: "someone else mutes the sender", setup: func(s *ent.Account) {
				db.Mute.Create().SetAccountID(carol.ID).SetTargetAccountID(s.ID).ExecX(ctx)
			}, want: true},
			{name: "conversation muted", threadID: thread, setup: func(*ent.Account) {
				db.ThreadMute.Create().SetAccountID(alice.ID).SetThreadID(thread).ExecX(ctx)
			}},
			{name: "another conversation muted", threadID: "01ANOTHERCONVERSATION00000", want: true},
		}
		for i, c := range cases {
			// Senders need no user (and no password hash, which is slow to make).
			name := "sender" + string(rune('a'+i))
			sender := db.Account.Create().SetUsername(name).SetURI("https://" + testrig.TestHost + "/users/" + name).SaveX(ctx)
			recipient := alice
			if c.recipient != nil {
				recipient = c.recipient
			}
			if c.self {
				recipient = sender
			}
			if c.setup != nil {
				c.setup(sender)
			}
			sub := h.Subscribe(ctx, hub.NotificationStream(recipient.ID))
			var row *ent.Notification
			err := db.InTx(ctx, func(tx *store.Tx) (err error) {
				row, err = notify.Send(ctx, tx, h, notify.Notice{
					Type: notification.TypeMENTION, RecipientID: recipient.ID, FromID: sender.ID, ThreadID: c.threadID,
				})
				return err
			})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			stored, _ := db.Notification.Query().Where(notification.AccountID(recipient.ID), notification.FromAccountID(sender.ID)).Count(ctx)
			events := received(sub)
			sub.Close()
			if got := row != nil; got != c.want || stored != len(events) || (stored == 1) != c.want {
				t.Errorf("%s: returned %v, stored %d, announced %d; want notified=%v", c.name, got, stored, len(events), c.want)
			}
		}
	})
}

func TestSendPublishesOnlyOnceCommitted(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		h := hub.New()
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		st := db.Status.Create().SetAccountID(bob.ID).SetURI("https://" + testrig.TestHost + "/s/1").SaveX(ctx)
		sub := h.Subscribe(ctx, hub.NotificationStream(alice.ID))
		defer sub.Close()
		notice := notify.Notice{Type: notification.TypeFAVOURITE, RecipientID: alice.ID, FromID: bob.ID, StatusID: st.ID}

		// A transaction that fails after sending leaves neither row nor event.
		failed := errors.New("a later step failed")
		err := db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := notify.Send(ctx, tx, h, notice); err != nil {
				return err
			}
			return failed
		})
		if !errors.Is(err, failed) {
			t.Fatalf("InTx: %v", err)
		}
		if n := db.Notification.Query().CountX(ctx); n != 0 || len(received(sub)) != 0 {
			t.Fatalf("a rolled-back notification left %d rows or was announced", n)
		}

		var row *ent.Notification
		err = db.InTx(ctx, func(tx *store.Tx) (err error) {
			if row, err = notify.Send(ctx, tx, h, notice); err != nil {
				return err
			}
			if d := received(sub); len(d) != 0 {
				t.Errorf("announced before commit: %+v", d)
			}
			return nil
		})
		if err != nil || row == nil {
			t.Fatalf("Send: %v, %v", row, err)
		}
		d := received(sub)
		want := hub.Event{Kind: hub.NotificationCreated, NotificationID: row.ID, AccountID: bob.ID, StatusID: st.ID}
		if len(d) != 1 || d[0].Event != want {
			t.Errorf("announced %+v, want one %+v", d, want)
		}
		if row.Type != notification.TypeFAVOURITE || row.StatusID == nil || *row.StatusID != st.ID || row.Read {
			t.Errorf("stored %+v", row)
		}
	})
}
