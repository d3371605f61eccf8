package posting_test

import (
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// wantOne checks that sub got exactly one event of the kind about the status, by the
// author.
func wantOne(t *testing.T, name string, sub *hub.Subscription, kind hub.Kind, st *ent.Status, author *ent.Account) {
	t.Helper()
	d := received(sub)
	if len(d) != 1 || d[0].Event.Kind != kind || d[0].Event.StatusID != st.ID || d[0].Event.AccountID != author.ID {
		t.Errorf("%s got %+v, want one %s for %s by %s", name, d, kind, st.ID, author.Username)
	}
}

func TestCreateAnnouncesTheStatusAfterCommit(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob"), testrig.LocalAccount(t, db, "carol")
		r.follow(bob, alice)
		streams := map[string]*hub.Subscription{
			"alice's home": r.listen(hub.HomeStream(alice.ID)),
			"bob's home":   r.listen(hub.HomeStream(bob.ID)),
			"local":        r.listen(hub.LocalStream()),
			"public":       r.listen(hub.PublicStream()),
		}
		carolsHome := r.listen(hub.HomeStream(carol.ID))

		st := r.say(alice, "hello world")
		for name, sub := range streams {
			wantOne(t, name, sub, hub.StatusCreated, st, alice)
		}
		if d := received(carolsHome); len(d) != 0 {
			t.Errorf("carol, who follows nobody, got %+v", d)
		}
	})
}

func TestFailedCreateAnnouncesNothing(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		r.follow(bob, alice)
		subs := []*hub.Subscription{
			r.listen(hub.HomeStream(alice.ID)), r.listen(hub.HomeStream(bob.ID)),
			r.listen(hub.PublicStream()), r.listen(hub.NotificationStream(bob.ID)),
		}
		cases := map[string]posting.NewStatus{
			"too long": {Draft: posting.Draft{Text: strings.Repeat("a", 501)}},
			// Unknown media fail after the status row, its tags and its search text
			// were written: all of it must roll back.
			"unknown media": {Draft: posting.Draft{Text: "@bob look #cats", MediaIDs: []string{"01NOSUCHMEDIA"}}},
		}
		for name, in := range cases {
			if _, err := r.svc.Create(r.ctx, alice.ID, in); err == nil {
				t.Fatalf("%s: created", name)
			}
		}
		for _, sub := range subs {
			if d := received(sub); len(d) != 0 {
				t.Errorf("a failed create was announced: %+v", d)
			}
		}
		if r.count(db.Status.Query())+r.count(db.Tag.Query())+r.count(db.Mention.Query())+r.count(db.Notification.Query()) != 0 {
			t.Errorf("a failed create left rows behind")
		}
		if r.account(alice).StatusesCount != 0 {
			t.Errorf("a failed create was counted")
		}
	})
}
