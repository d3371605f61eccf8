package posting_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mention"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// mentioned lists the accounts a status records as mentioned.
func (r *rig) mentioned(st *ent.Status) []string {
	r.t.Helper()
	got, err := r.db.Mention.Query().Where(mention.StatusID(st.ID)).Select(mention.FieldAccountID).Strings(r.ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	slices.Sort(got)
	return got
}

func TestCreateResolvesMentionsOfKnownAccounts(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		carol := testrig.RemoteAccount(t, db, "carol", "remote.example")
		sam := testrig.LocalAccount(t, db, "sam")
		db.Account.UpdateOne(sam).SetSuspendedAt(time.Now()).ExecX(r.ctx)

		cases := []struct {
			text string
			want *ent.Account // nil: stays plain text
		}{
			{"hi @bob", bob},
			{"hi @BOB", bob},
			{"hi @bob@" + accountDomain, bob},
			{"hi @Bob@" + strings.ToUpper(testrig.TestHost), bob},
			{"hi @carol@remote.example", carol},
			{"hi @Carol@Remote.Example", carol},
			{"hi @carol", nil}, // without a domain it means a local carol, and there is none
			{"hi @dave@unknown.example", nil},
			{"hi @sam", nil}, // suspended
		}
		for _, c := range cases {
			st := r.say(alice, c.text)
			got := r.mentioned(st)
			if c.want == nil {
				if len(got) != 0 || strings.Contains(st.Content, "<a") {
					t.Errorf("%q: mentions %v, content %s; want plain text and no mention", c.text, got, st.Content)
				}
				continue
			}
			if !slices.Equal(got, []string{c.want.ID}) || !strings.Contains(st.Content, `href="`+c.want.URL+`"`) {
				t.Errorf("%q: mentions %v, content %s; want %s linked to %s", c.text, got, st.Content, c.want.Username, c.want.URL)
			}
		}
		// Local bob was told each of the four times; remote carol is told by her server.
		if n := r.notifications(bob, notification.TypeMENTION); n != 4 {
			t.Errorf("bob has %d mention notifications, want 4", n)
		}
		if n := r.notifications(carol, notification.TypeMENTION); n != 0 {
			t.Errorf("remote carol has %d notifications, want 0", n)
		}
	})
}

func TestCreateNotifiesTheMentionedOnce(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		bobHears := r.listen(hub.NotificationStream(bob.ID))

		st := r.say(alice, "@bob hello @bob, and @alice")
		if got := r.mentioned(st); len(got) != 2 {
			t.Errorf("mentions %v, want bob and alice once each", got)
		}
		n, err := db.Notification.Query().Where(notification.AccountID(bob.ID)).All(r.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(n) != 1 || n[0].Type != notification.TypeMENTION || n[0].FromAccountID != alice.ID || n[0].StatusID == nil || *n[0].StatusID != st.ID {
			t.Fatalf("bob's notifications %+v, want one mention from alice about %s", n, st.ID)
		}
		d := received(bobHears)
		if len(d) != 1 || d[0].Event.Kind != hub.NotificationCreated || d[0].Event.NotificationID != n[0].ID {
			t.Errorf("bob's notification stream got %+v, want the new notification", d)
		}
		if r.notifications(alice, notification.TypeMENTION) != 0 {
			t.Errorf("alice was notified of mentioning herself")
		}

		// Once bob blocks alice she may still write his name, but he hears nothing.
		r.block(bob, alice)
		blocked := r.say(alice, "@bob are you there?")
		if got := r.mentioned(blocked); !slices.Equal(got, []string{bob.ID}) {
			t.Errorf("mentions %v, want bob", got)
		}
		if n := r.notifications(bob, notification.TypeMENTION); n != 1 || len(received(bobHears)) != 0 {
			t.Errorf("bob has %d mention notifications after blocking alice, want still 1 and no event", n)
		}
	})
}

func TestCreateSharesHashtagsAcrossSpellings(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		first := r.say(alice, "#Cats are great")
		second := r.say(bob, "more #cats and #CATS, and #dogs")

		names, err := db.Tag.Query().Order(ent.Asc(tag.FieldName)).Select(tag.FieldName).Strings(r.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(names, []string{"cats", "dogs"}) {
			t.Errorf("tags %v, want [cats dogs]", names)
		}
		tagged := r.count(db.Status.Query().Where(status.HasTagsWith(tag.Name("cats"))))
		if tagged != 2 {
			t.Errorf("%d statuses tagged cats, want 2", tagged)
		}
		for _, st := range []*ent.Status{first, second} {
			if !strings.Contains(st.Content, `href="https://`+testrig.TestHost+`/tags/cats"`) {
				t.Errorf("content %s does not link the tag page", st.Content)
			}
		}
	})
}

// TestFirstUseOfAHashtagByTwoAtOnce: two statuses introducing the same new hashtag at
// the same moment must both be posted, sharing one tag.
func TestFirstUseOfAHashtagByTwoAtOnce(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		svc := *r.svc
		svc.Now = nil // the rig's ticking clock is not for concurrent use
		authors := []*ent.Account{testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")}
		errs := make(chan error, len(authors))
		for _, a := range authors {
			go func() {
				_, err := svc.Create(r.ctx, a.ID, posting.NewStatus{Draft: posting.Draft{Text: "first! #brandnew"}})
				errs <- err
			}()
		}
		for range authors {
			if err := <-errs; err != nil {
				t.Errorf("create: %v", err)
			}
		}
		if n := r.count(db.Tag.Query()); n != 1 {
			t.Errorf("%d tags, want 1", n)
		}
		if n := r.count(db.Status.Query().Where(status.HasTagsWith(tag.Name("brandnew")))); n != 2 {
			t.Errorf("%d statuses tagged, want 2", n)
		}
	})
}
