package notifications_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/marker"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/markers"
	"github.com/fedigraph/fedigraph/graph/notifications"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// world is alice with notifications from bob and carol, one a second apart.
type world struct {
	t            *testing.T
	ctx          context.Context
	db           *store.DB
	alice        *ent.Account
	bob, carol   *ent.Account
	clock        time.Time
	hiddenStatus *ent.Status // bob's, followers only; alice does not follow bob
}

func newWorld(t *testing.T, db *store.DB) *world {
	w := &world{t: t, ctx: context.Background(), db: db, clock: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	w.alice = testrig.LocalAccount(t, db, "alice")
	w.bob = testrig.LocalAccount(t, db, "bob")
	w.carol = testrig.LocalAccount(t, db, "carol")
	w.hiddenStatus = db.Status.Create().SetAccountID(w.bob.ID).SetURI("https://" + testrig.TestHost + "/s/1").
		SetVisibility(status.VisibilityFOLLOWERS_ONLY).SaveX(w.ctx)
	return w
}

// notify gives the recipient a notification from the account, a second after the last.
func (w *world) notify(recipient, from *ent.Account, typ notification.Type, about *ent.Status) string {
	w.t.Helper()
	w.clock = w.clock.Add(time.Second)
	c := w.db.Notification.Create().SetID(ids.New(w.clock)).SetCreatedAt(w.clock).
		SetType(typ).SetAccountID(recipient.ID).SetFromAccountID(from.ID)
	if about != nil {
		c.SetStatusID(about.ID)
	}
	return c.SaveX(w.ctx).ID
}

func (w *world) listed(recipient *ent.Account, f notifications.Filter) []string {
	w.t.Helper()
	got, err := notifications.Matching(w.db.Client, recipient.ID, f).Order(ent.Desc(notification.FieldID)).IDs(w.ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	return got
}

func TestMatchingFilters(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		follow := w.notify(w.alice, w.bob, notification.TypeFOLLOW, nil)
		mention := w.notify(w.alice, w.carol, notification.TypeMENTION, nil)
		w.notify(w.alice, w.bob, notification.TypeFAVOURITE, w.hiddenStatus)
		w.notify(w.bob, w.carol, notification.TypeFOLLOW, nil)

		cases := []struct {
			name string
			f    notifications.Filter
			want []string
		}{
			{"all, without the one about a status alice cannot see", notifications.Filter{}, []string{mention, follow}},
			{"types", notifications.Filter{Types: []notification.Type{notification.TypeFOLLOW}}, []string{follow}},
			{"exclude types", notifications.Filter{ExcludeTypes: []notification.Type{notification.TypeFOLLOW}}, []string{mention}},
			{"from one account", notifications.Filter{FromAccountID: w.carol.ID}, []string{mention}},
		}
		for _, c := range cases {
			if got := w.listed(w.alice, c.f); !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}
	})
}

func TestGetDismissAndClear(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		first := w.notify(w.alice, w.bob, notification.TypeFOLLOW, nil)
		second := w.notify(w.alice, w.carol, notification.TypeMENTION, nil)
		hidden := w.notify(w.alice, w.bob, notification.TypeFAVOURITE, w.hiddenStatus)
		bobs := w.notify(w.bob, w.carol, notification.TypeFOLLOW, nil)

		if n, err := notifications.Get(w.ctx, db.Client, w.alice.ID, first); err != nil || n.FromAccountID != w.bob.ID {
			t.Errorf("Get own notification: %v, %v", n, err)
		}
		for name, id := range map[string]string{"someone else's": bobs, "about a hidden status": hidden, "unknown": "01NOSUCHNOTIFICATION"} {
			if _, err := notifications.Get(w.ctx, db.Client, w.alice.ID, id); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("Get %s notification: %v, want NotFound", name, err)
			}
		}

		// Dismissing removes exactly one, and only the recipient may.
		if err := notifications.Dismiss(w.ctx, db.Client, w.alice.ID, bobs); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("dismiss someone else's: %v, want NotFound", err)
		}
		if err := notifications.Dismiss(w.ctx, db.Client, w.alice.ID, first); err != nil {
			t.Fatal(err)
		}
		if err := notifications.Dismiss(w.ctx, db.Client, w.alice.ID, first); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("dismiss twice: %v, want NotFound", err)
		}
		if got := w.listed(w.alice, notifications.Filter{}); !slices.Equal(got, []string{second}) {
			t.Errorf("after dismissing: %v, want [%s]", got, second)
		}

		// Clearing removes all of the recipient's, the hidden one too, and nobody else's.
		n, err := notifications.Clear(w.ctx, db.Client, w.alice.ID)
		if err != nil || n != 2 {
			t.Errorf("Clear = %d, %v; want 2 removed", n, err)
		}
		if left := db.Notification.Query().Where(notification.AccountID(w.alice.ID)).CountX(w.ctx); left != 0 {
			t.Errorf("%d notifications left after clearing", left)
		}
		if got := w.listed(w.bob, notifications.Filter{}); !slices.Equal(got, []string{bobs}) {
			t.Errorf("bob's after alice cleared: %v, want [%s]", got, bobs)
		}
	})
}

func TestUnreadCount(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		var ids []string
		for range 3 {
			ids = append(ids, w.notify(w.alice, w.bob, notification.TypeFOLLOW, nil))
		}
		ids = append(ids, w.notify(w.alice, w.carol, notification.TypeMENTION, nil))
		count := func(f notifications.Filter, limit int) int {
			t.Helper()
			n, err := notifications.UnreadCount(w.ctx, db.Client, w.alice.ID, f, limit)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		steps := []struct {
			name  string
			act   func()
			f     notifications.Filter
			limit int
			want  int
		}{
			{"nothing read yet", nil, notifications.Filter{}, 0, 4},
			{"capped at the limit", nil, notifications.Filter{}, 2, 2},
			{"only mentions", nil, notifications.Filter{Types: []notification.Type{notification.TypeMENTION}}, 0, 1},
			{"marked read up to the first", func() {
				if _, err := notifications.MarkRead(w.ctx, db.Client, w.alice.ID, ids[0]); err != nil {
					t.Fatal(err)
				}
			}, notifications.Filter{}, 0, 3},
			{"marker past the third", func() {
				if _, err := markers.Save(w.ctx, db, w.alice.ID, map[marker.Timeline]string{marker.TimelineNOTIFICATIONS: ids[2]}, w.clock); err != nil {
					t.Fatal(err)
				}
			}, notifications.Filter{}, 0, 1},
			{"a new one arrives", func() { w.notify(w.alice, w.carol, notification.TypeFAVOURITE, nil) }, notifications.Filter{}, 0, 2},
			{"the home marker does not count", func() {
				if _, err := markers.Save(w.ctx, db, w.alice.ID, map[marker.Timeline]string{marker.TimelineHOME: "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"}, w.clock); err != nil {
					t.Fatal(err)
				}
			}, notifications.Filter{}, 0, 2},
		}
		for _, s := range steps {
			if s.act != nil {
				s.act()
			}
			if got := count(s.f, s.limit); got != s.want {
				t.Errorf("%s: %d unread, want %d", s.name, got, s.want)
			}
		}
		if n, _ := notifications.UnreadCount(w.ctx, db.Client, w.bob.ID, notifications.Filter{}, 0); n != 0 {
			t.Errorf("bob has %d unread, want 0", n)
		}
	})
}
