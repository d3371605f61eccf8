package conversations_test

import (
	"context"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/conversation"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/conversations"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// published records the events the service publishes, checking that what each
// announces is committed by then.
type published struct {
	t      *testing.T
	db     *store.DB
	mu     sync.Mutex
	events map[hub.Stream][]hub.Event
}

func (p *published) Publish(_ context.Context, ev hub.Event, streams ...hub.Stream) error {
	if ev.Kind == hub.ConversationUpdated {
		if ok, _ := p.db.Conversation.Query().Where(conversation.ID(ev.ConversationID)).Exist(context.Background()); !ok {
			p.t.Errorf("conversation %s announced before it was committed", ev.ConversationID)
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range streams {
		p.events[s] = append(p.events[s], ev)
	}
	return nil
}

func (p *published) take(s hub.Stream, kind hub.Kind) []hub.Event {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out, rest []hub.Event
	for _, ev := range p.events[s] {
		if ev.Kind == kind {
			out = append(out, ev)
		} else {
			rest = append(rest, ev)
		}
	}
	p.events[s] = rest
	return out
}

// world is alice, bob and carol (local) and dave (remote), posting through the real
// posting service, a second apart.
type world struct {
	t                       *testing.T
	ctx                     context.Context
	db                      *store.DB
	svc                     *posting.Service
	events                  *published
	alice, bob, carol, dave *ent.Account
}

func newWorld(t *testing.T, db *store.DB) *world {
	clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	w := &world{t: t, ctx: t.Context(), db: db, events: &published{t: t, db: db, events: map[hub.Stream][]hub.Event{}}}
	w.svc = &posting.Service{
		DB: db, Events: w.events, URIs: uris.Builder{Protocol: "https", Host: testrig.TestHost},
		AccountDomain: testrig.TestHost, Limits: posting.Limits{MaxChars: 500, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4},
		Now: func() time.Time { clock = clock.Add(time.Second); return clock },
	}
	w.alice = testrig.LocalAccount(t, db, "alice")
	w.bob = testrig.LocalAccount(t, db, "bob")
	w.carol = testrig.LocalAccount(t, db, "carol")
	w.dave = testrig.RemoteAccount(t, db, "dave", "remote.example")
	return w
}

func (w *world) post(author *ent.Account, text string, vis status.Visibility, replyTo *ent.Status) *ent.Status {
	w.t.Helper()
	in := posting.NewStatus{Draft: posting.Draft{Text: text}, Visibility: vis}
	if replyTo != nil {
		in.InReplyToID = replyTo.ID
	}
	st, err := w.svc.Create(w.ctx, author.ID, in)
	if err != nil {
		w.t.Fatalf("post %q: %v", text, err)
	}
	return st
}

// view is what the tests compare of a conversation.
type view struct {
	Participants []string
	LastStatus   string
	Unread       bool
}

// list is the account's conversations, latest status first.
func (w *world) list(a *ent.Account) ([]view, []*ent.Conversation) {
	w.t.Helper()
	rows, err := conversations.Query(w.db.Client, a.ID).Order(ent.Desc(conversation.FieldLastStatusID)).All(w.ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	out := make([]view, len(rows))
	for i, cv := range rows {
		out[i] = view{conversations.Participants(cv), *cv.LastStatusID, cv.Unread}
	}
	return out, rows
}

func sorted(ids ...string) []string {
	slices.Sort(ids)
	return ids
}

func TestDirectStatusesMakeConversations(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		dm := w.post(w.alice, "@bob @carol @dave@remote.example secret plans", status.VisibilityDIRECT, nil)
		w.post(w.alice, "@bob a public word", status.VisibilityPUBLIC, nil)
		reply := w.post(w.bob, "@alice just us", status.VisibilityDIRECT, dm)
		self := w.post(w.carol, "a note to self", status.VisibilityDIRECT, nil)

		cases := []struct {
			who  *ent.Account
			want []view
		}{
			{w.alice, []view{{sorted(w.bob.ID, w.carol.ID, w.dave.ID), reply.ID, true}}},
			{w.bob, []view{{sorted(w.alice.ID, w.carol.ID, w.dave.ID), reply.ID, false}}},
			// carol was not mentioned in the reply: her conversation stays at the first status.
			{w.carol, []view{
				{[]string{w.carol.ID}, self.ID, false},
				{sorted(w.alice.ID, w.bob.ID, w.dave.ID), dm.ID, true},
			}},
			{w.dave, nil}, // remote accounts keep their conversations on their own server
		}
		for _, c := range cases {
			if got, _ := w.list(c.who); !slices.EqualFunc(got, c.want, func(a, b view) bool {
				return slices.Equal(a.Participants, b.Participants) && a.LastStatus == b.LastStatus && a.Unread == b.Unread
			}) {
				t.Errorf("%s's conversations: %+v, want %+v", c.who.Username, got, c.want)
			}
		}
		// Each local participant hears of each status on its direct stream, after commit.
		for who, want := range map[*ent.Account]int{w.alice: 2, w.bob: 2, w.carol: 2, w.dave: 0} {
			if got := w.events.take(hub.DirectStream(who.ID), hub.ConversationUpdated); len(got) != want {
				t.Errorf("%s heard %d conversation events, want %d", who.Username, len(got), want)
			}
		}
	})
}

func TestMarkReadRemoveAndComeBack(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		dm := w.post(w.alice, "@bob hello", status.VisibilityDIRECT, nil)
		_, rows := w.list(w.bob)
		id := rows[0].ID
		if _, err := conversations.MarkRead(w.ctx, db.Client, w.alice.ID, id); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("alice marks bob's conversation read: %v, want NotFound", err)
		}
		cv, err := conversations.MarkRead(w.ctx, db.Client, w.bob.ID, id)
		if err != nil || cv.Unread {
			t.Fatalf("mark read: %+v, %v", cv, err)
		}
		if n, _ := conversations.UnreadCount(w.ctx, db.Client, w.bob.ID); n != 0 {
			t.Errorf("%d unread after reading, want 0", n)
		}
		if err := conversations.Remove(w.ctx, db.Client, w.alice.ID, id); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("alice removes bob's conversation: %v, want NotFound", err)
		}
		if err := conversations.Remove(w.ctx, db.Client, w.bob.ID, id); err != nil {
			t.Fatal(err)
		}
		if got, _ := w.list(w.bob); len(got) != 0 {
			t.Errorf("after removing: %+v", got)
		}
		if _, err := conversations.Get(w.ctx, db.Client, w.bob.ID, id); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("get removed: %v, want NotFound", err)
		}
		if got, _ := w.list(w.alice); len(got) != 1 {
			t.Errorf("alice's went with bob's: %+v", got)
		}
		// A new status in the thread brings it back, unread.
		again := w.post(w.alice, "@bob still there?", status.VisibilityDIRECT, dm)
		got, _ := w.list(w.bob)
		if len(got) != 1 || got[0].LastStatus != again.ID || !got[0].Unread {
			t.Errorf("after a new status: %+v", got)
		}
	})
}

func TestDeletingStatusesWalksBack(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		first := w.post(w.alice, "@bob one", status.VisibilityDIRECT, nil)
		second := w.post(w.bob, "@alice two", status.VisibilityDIRECT, first)
		if _, err := w.svc.Delete(w.ctx, w.bob.ID, second.ID); err != nil {
			t.Fatal(err)
		}
		for _, who := range []*ent.Account{w.alice, w.bob} {
			if got, _ := w.list(who); len(got) != 1 || got[0].LastStatus != first.ID {
				t.Errorf("%s after deleting the latest: %+v, want back at the first", who.Username, got)
			}
		}
		if _, err := w.svc.Delete(w.ctx, w.alice.ID, first.ID); err != nil {
			t.Fatal(err)
		}
		if n := testrig.Count(t, db.Conversation.Query()); n != 0 {
			t.Errorf("%d conversations left with no status", n)
		}
	})
}

// A conversation whose latest status the account may no longer see (its author
// blocked the account) is hidden, by the visibility rule every read path shares.
func TestHiddenWhenTheLatestStatusIsNotVisible(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.post(w.bob, "@alice hi", status.VisibilityDIRECT, nil)
		if got, _ := w.list(w.alice); len(got) != 1 {
			t.Fatalf("before the block: %+v", got)
		}
		db.Block.Create().SetAccountID(w.bob.ID).SetTargetAccountID(w.alice.ID).ExecX(w.ctx)
		if got, _ := w.list(w.alice); len(got) != 0 {
			t.Errorf("after bob blocks alice: %+v, want hidden", got)
		}
	})
}
