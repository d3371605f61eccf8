package notifications_test

import (
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/notifications"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// happen gives the recipient a notification at the world's clock moved on by after,
// filed in its group as graph/notify files it.
func (w *world) happen(recipient, from *ent.Account, typ notification.Type, about *ent.Status, after time.Duration) string {
	w.t.Helper()
	w.clock = w.clock.Add(after)
	statusID := ""
	c := w.db.Notification.Create().SetID(ids.New(w.clock)).SetCreatedAt(w.clock).
		SetType(typ).SetAccountID(recipient.ID).SetFromAccountID(from.ID)
	if about != nil {
		statusID = about.ID
		c.SetStatusID(about.ID)
	}
	key, err := notifications.NewGroupKey(w.ctx, w.db.Client, recipient.ID, typ, statusID, w.clock)
	if err != nil {
		w.t.Fatal(err)
	}
	return c.SetGroupKey(key).SaveX(w.ctx).ID
}

// groupView is what the tests compare of a group.
type groupView struct {
	typ     notification.Type
	count   int
	latest  string
	samples []string
}

func viewOf(gs []*notifications.Group) []groupView {
	out := make([]groupView, len(gs))
	for i, g := range gs {
		out[i] = groupView{g.Type, g.Count, g.Latest.ID, g.SampleAccountIDs}
	}
	return out
}

func TestGroupsGatherFavouritesBoostsAndFollows(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		dave := testrig.LocalAccount(t, db, "dave")
		post := db.Status.Create().SetAccountID(w.alice.ID).SetURI("https://" + testrig.TestHost + "/s/p").SaveX(w.ctx)
		other := db.Status.Create().SetAccountID(w.alice.ID).SetURI("https://" + testrig.TestHost + "/s/o").SaveX(w.ctx)
		fav1 := w.happen(w.alice, w.bob, notification.TypeFAVOURITE, post, time.Minute)
		follow1 := w.happen(w.alice, w.bob, notification.TypeFOLLOW, nil, time.Minute)
		mention := w.happen(w.alice, w.carol, notification.TypeMENTION, post, time.Minute)
		fav2 := w.happen(w.alice, w.carol, notification.TypeFAVOURITE, post, time.Minute)
		boost := w.happen(w.alice, w.carol, notification.TypeREBLOG, post, time.Minute)
		favOther := w.happen(w.alice, dave, notification.TypeFAVOURITE, other, time.Minute)
		follow2 := w.happen(w.alice, w.carol, notification.TypeFOLLOW, nil, time.Minute)
		// Eleven hours on, the favourites' group (started at its first) still takes one;
		// twelve hours after it started, the next starts a group of its own.
		fav3 := w.happen(w.alice, dave, notification.TypeFAVOURITE, post, 11*time.Hour)
		fav4 := w.happen(w.alice, w.bob, notification.TypeFAVOURITE, post, time.Hour)

		list := func(o notifications.GroupOptions, win paging.Window) ([]groupView, bool) {
			t.Helper()
			gs, more, err := notifications.Groups(w.ctx, db.Client, w.alice.ID, o, win)
			if err != nil {
				t.Fatal(err)
			}
			return viewOf(gs), more
		}
		got, more := list(notifications.GroupOptions{}, paging.Window{Limit: 40})
		want := []groupView{
			{notification.TypeFAVOURITE, 1, fav4, []string{w.bob.ID}},
			{notification.TypeFAVOURITE, 3, fav3, []string{dave.ID, w.carol.ID, w.bob.ID}},
			{notification.TypeFOLLOW, 2, follow2, []string{w.carol.ID, w.bob.ID}},
			{notification.TypeFAVOURITE, 1, favOther, []string{dave.ID}},
			{notification.TypeREBLOG, 1, boost, []string{w.carol.ID}},
			{notification.TypeMENTION, 1, mention, []string{w.carol.ID}},
		}
		same := func(a, b groupView) bool {
			return a.typ == b.typ && a.count == b.count && a.latest == b.latest && slices.Equal(a.samples, b.samples)
		}
		if !slices.EqualFunc(got, want, same) || more {
			t.Errorf("groups:\n got %+v (more %v)\nwant %+v", got, more, want)
		}

		// A client that cannot show grouped favourites gets them one by one.
		got, _ = list(notifications.GroupOptions{GroupedTypes: []notification.Type{notification.TypeFOLLOW}}, paging.Window{Limit: 40})
		if len(got) != 8 || got[0].latest != fav4 || got[1].latest != fav3 || got[2].typ != notification.TypeFOLLOW || got[2].count != 2 {
			t.Errorf("favourites not grouped: %+v", got)
		}
		// Filters narrow the notifications before they are grouped.
		got, _ = list(notifications.GroupOptions{Filter: notifications.Filter{Types: []notification.Type{notification.TypeFOLLOW}}}, paging.Window{Limit: 40})
		if len(got) != 1 || got[0].count != 2 {
			t.Errorf("follows only: %+v", got)
		}

		// Pages of two groups, then of the rest; the first page's range is told.
		gs, more, err := notifications.Groups(w.ctx, db.Client, w.alice.ID, notifications.GroupOptions{}, paging.Window{Limit: 2})
		if err != nil || len(gs) != 2 || !more {
			t.Fatalf("first page: %+v, %v, %v", viewOf(gs), more, err)
		}
		if p := gs[1].Page; p == nil || p.MaxID != fav3 || p.MinID != fav3 || !p.LatestAt.Equal(w.clock.Add(-time.Hour)) {
			t.Errorf("page range of the second group: %+v, want just fav3 (its older ones are on later pages)", p)
		}
		got, more = list(notifications.GroupOptions{}, paging.Window{Limit: 2, MaxID: gs[1].Latest.ID})
		if len(got) != 2 || !more || got[0].latest != follow2 || got[1].latest != favOther {
			t.Errorf("second page: %+v (more %v), want the follows and the other favourite", got, more)
		}
		got, more = list(notifications.GroupOptions{}, paging.Window{Limit: 2, MaxID: favOther})
		// Older favourites of the big group come back under the same key on a later page.
		if len(got) != 2 || !more || got[0].latest != boost || got[1].latest != fav2 || got[1].count != 2 {
			t.Errorf("third page: %+v (more %v)", got, more)
		}
		got, more = list(notifications.GroupOptions{}, paging.Window{Limit: 2, MaxID: fav2})
		if len(got) != 2 || !more || got[0].latest != mention || got[1].latest != follow1 || got[1].count != 1 {
			t.Errorf("fourth page: %+v (more %v)", got, more)
		}
		got, more = list(notifications.GroupOptions{}, paging.Window{Limit: 2, MaxID: follow1})
		if len(got) != 1 || more || got[0].latest != fav1 || got[0].count != 1 {
			t.Errorf("last page: %+v (more %v)", got, more)
		}
		// Upwards from min_id: the two groups just above, newest first.
		got, _ = list(notifications.GroupOptions{}, paging.Window{Limit: 2, MinID: mention})
		if len(got) != 2 || got[0].latest != boost || got[1].latest != fav2 {
			t.Errorf("from min_id: %+v, want the boost and the favourites just newer than the mention", got)
		}
	})
}

func TestGroupGetAccountsDismissAndUnread(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		post := db.Status.Create().SetAccountID(w.alice.ID).SetURI("https://" + testrig.TestHost + "/s/p").SaveX(w.ctx)
		w.happen(w.alice, w.bob, notification.TypeFAVOURITE, post, time.Minute)
		w.happen(w.alice, w.carol, notification.TypeFAVOURITE, post, time.Minute)
		mention := w.happen(w.alice, w.carol, notification.TypeMENTION, nil, time.Minute)
		gs, _, err := notifications.Groups(w.ctx, db.Client, w.alice.ID, notifications.GroupOptions{}, paging.Window{Limit: 10})
		if err != nil || len(gs) != 2 {
			t.Fatalf("groups: %v, %v", gs, err)
		}
		favKey, mentionKey := gs[1].Key, gs[0].Key
		if mentionKey != "ungrouped-"+mention {
			t.Errorf("mention key %q", mentionKey)
		}
		g, err := notifications.GetGroup(w.ctx, db.Client, w.alice.ID, favKey)
		if err != nil || g.Count != 2 || g.Type != notification.TypeFAVOURITE || g.Page != nil {
			t.Errorf("get group: %+v, %v", g, err)
		}
		accounts, err := notifications.GroupAccountIDs(w.ctx, db.Client, w.alice.ID, favKey, 80)
		if err != nil || !slices.Equal(accounts, []string{w.carol.ID, w.bob.ID}) {
			t.Errorf("group accounts: %v, %v", accounts, err)
		}
		for _, key := range []string{favKey, mentionKey, "ungrouped-01NOSUCH", "favourite-x-1"} {
			if _, err := notifications.GetGroup(w.ctx, db.Client, w.bob.ID, key); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("bob gets alice's group %s: %v, want NotFound", key, err)
			}
		}
		if n, err := notifications.UnreadGroupCount(w.ctx, db.Client, w.alice.ID, notifications.GroupOptions{}, 100); n != 2 || err != nil {
			t.Errorf("unread groups: %d, %v; want 2", n, err)
		}
		if n, _ := notifications.UnreadGroupCount(w.ctx, db.Client, w.alice.ID, notifications.GroupOptions{GroupedTypes: []notification.Type{}}, 100); n != 3 {
			t.Errorf("unread with nothing grouped: %d, want 3", n)
		}
		if n, _ := notifications.UnreadGroupCount(w.ctx, db.Client, w.alice.ID, notifications.GroupOptions{}, 1); n != 1 {
			t.Errorf("unread capped at 1: %d", n)
		}
		if err := notifications.DismissGroup(w.ctx, db.Client, w.bob.ID, favKey); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("bob dismisses alice's group: %v, want NotFound", err)
		}
		if err := notifications.DismissGroup(w.ctx, db.Client, w.alice.ID, favKey); err != nil {
			t.Fatal(err)
		}
		if err := notifications.DismissGroup(w.ctx, db.Client, w.alice.ID, mentionKey); err != nil {
			t.Fatal(err)
		}
		if left := w.listed(w.alice, notifications.Filter{}); len(left) != 0 {
			t.Errorf("left after dismissing both groups: %v", left)
		}
	})
}
