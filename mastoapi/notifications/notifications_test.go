package notifications_test

import (
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/ent/marker"
	"github.com/fedigraph/fedigraph/graph/markers"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// notificationJSON is what the tests read of a Notification.
type notificationJSON struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Account struct {
		ID string `json:"id"`
	} `json:"account"`
	Status *struct {
		ID string `json:"id"`
	} `json:"status"`
}

// world is alice, notified by bob (a follow, then a favourite) and carol (a mention).
type world struct {
	s                          *mastotest.Server
	alice, bob, carol          mastotest.User
	follow, favourite, mention string // the notifications' IDs
	alicePost, carolPost       string
}

func newWorld(t *testing.T, db *store.DB) *world {
	s := mastotest.New(t, db)
	w := &world{s: s, alice: s.User("alice"), bob: s.User("bob"), carol: s.User("carol")}
	w.alicePost = s.Status(w.alice, "hello")
	s.Post("/api/v1/accounts/"+w.alice.ID+"/follow", w.bob.Token, nil).OK(nil)
	s.Post("/api/v1/statuses/"+w.alicePost+"/favourite", w.bob.Token, nil).OK(nil)
	w.carolPost = s.Status(w.carol, "hi @alice")
	w.list(t, "", 3) // settles the IDs below
	return w
}

// list fetches alice's notifications with the query and checks how many came back.
func (w *world) list(t *testing.T, query string, want int) []notificationJSON {
	t.Helper()
	var ns []notificationJSON
	w.s.Get("/api/v1/notifications"+query, w.alice.Token).OK(&ns)
	if len(ns) != want {
		t.Fatalf("notifications%s: %d, want %d: %+v", query, len(ns), want, ns)
	}
	if query == "" && want == 3 && w.follow == "" {
		w.mention, w.favourite, w.follow = ns[0].ID, ns[1].ID, ns[2].ID
	}
	return ns
}

func ids(ns []notificationJSON) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func TestListShowsWhatHappenedNewestFirst(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ns := w.list(t, "", 3)
		want := []struct{ typ, from, status string }{
			{"mention", w.carol.ID, w.carolPost},
			{"favourite", w.bob.ID, w.alicePost},
			{"follow", w.bob.ID, ""},
		}
		for i, n := range ns {
			status := ""
			if n.Status != nil {
				status = n.Status.ID
			}
			if n.Type != want[i].typ || n.Account.ID != want[i].from || status != want[i].status {
				t.Errorf("notification %d: %s from %s about %q, want %+v", i, n.Type, n.Account.ID, status, want[i])
			}
		}

		cases := []struct {
			query string
			want  []string
		}{
			{"?types[]=mention", []string{w.mention}},
			{"?types[]=follow&types[]=favourite", []string{w.favourite, w.follow}},
			{"?exclude_types[]=follow", []string{w.mention, w.favourite}},
			{"?account_id=" + w.bob.ID, []string{w.favourite, w.follow}},
			{"?account_id=" + w.bob.ID + "&exclude_types[]=favourite", []string{w.follow}},
			// Types fedigraph never makes select nothing, not everything.
			{"?types[]=severed_relationships", nil},
			{"?types[]=severed_relationships&types[]=mention", []string{w.mention}},
			{"?exclude_types[]=severed_relationships", []string{w.mention, w.favourite, w.follow}},
		}
		for _, c := range cases {
			if got := ids(w.list(t, c.query, len(c.want))); !slices.Equal(got, c.want) {
				t.Errorf("notifications%s: %v, want %v", c.query, got, c.want)
			}
		}
		// Nobody else sees alice's notifications.
		var bobs []notificationJSON
		w.s.Get("/api/v1/notifications", w.bob.Token).OK(&bobs)
		if len(bobs) != 0 {
			t.Errorf("bob sees %d notifications, want none", len(bobs))
		}
	})
}

func TestListPagesWhileNotificationsArrive(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		for range 9 {
			st := s.Status(w.alice, "another")
			s.Post("/api/v1/statuses/"+st+"/favourite", w.bob.Token, nil).OK(nil)
		}
		newest, r := s.Page("/api/v1/notifications?limit=5", w.alice.Token)
		s.Post("/api/v1/statuses/"+w.alicePost+"/favourite", w.carol.Token, nil).OK(nil)
		rest, pages := s.Walk(r.Links()["next"], w.alice.Token, "next", 5)
		got := append(slices.Clone(newest), rest...)
		if len(got) != 12 || pages != 2 {
			t.Fatalf("paged %d notifications in %d more pages, want 12 in 2: %v", len(got), pages, got)
		}
		if !slices.IsSortedFunc(got, func(a, b string) int { return strings.Compare(b, a) }) || !uniq(got) {
			t.Errorf("pages are not newest first without repeats: %v", got)
		}
		for _, id := range []string{w.follow, w.favourite, w.mention} {
			if !slices.Contains(got, id) {
				t.Errorf("notification %s missing from the pages", id)
			}
		}
		// prev from the first page is the favourite that arrived while paging.
		var since []notificationJSON
		s.Get(r.Links()["prev"], w.alice.Token).OK(&since)
		if len(since) != 1 || since[0].Type != "favourite" || since[0].Account.ID != w.carol.ID {
			t.Errorf("prev page: %+v, want carol's favourite", since)
		}
		// limit is clamped to 80 and defaults to 40.
		if got, _ := s.Page("/api/v1/notifications?limit=1000", w.alice.Token); len(got) != 13 {
			t.Errorf("limit=1000 gave %d of 13", len(got))
		}
	})
}

func TestGetDismissAndClear(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s, alice := w.s, w.alice
		var one notificationJSON
		s.Get("/api/v1/notifications/"+w.favourite, alice.Token).OK(&one)
		if one.ID != w.favourite || one.Type != "favourite" || one.Status == nil || one.Status.ID != w.alicePost {
			t.Errorf("GET one: %+v", one)
		}
		s.Get("/api/v1/notifications/"+w.favourite, w.bob.Token).ErrorIs(http.StatusNotFound, "Record not found")
		s.Get("/api/v1/notifications/01NOSUCHNOTIFICATION", alice.Token).ErrorIs(http.StatusNotFound, "Record not found")

		// bob cannot dismiss alice's notification; alice can, once.
		s.Post("/api/v1/notifications/"+w.favourite+"/dismiss", w.bob.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
		var empty map[string]any
		s.Post("/api/v1/notifications/"+w.favourite+"/dismiss", alice.Token, nil).OK(&empty)
		if len(empty) != 0 {
			t.Errorf("dismiss answered %v, want {}", empty)
		}
		s.Get("/api/v1/notifications/"+w.favourite, alice.Token).ErrorIs(http.StatusNotFound, "Record not found")
		s.Post("/api/v1/notifications/"+w.favourite+"/dismiss", alice.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
		if got := ids(w.list(t, "", 2)); !slices.Equal(got, []string{w.mention, w.follow}) {
			t.Errorf("after dismissing: %v", got)
		}

		// carol has a notification of her own that alice's clearing leaves alone.
		s.Post("/api/v1/statuses/"+w.carolPost+"/favourite", alice.Token, nil).OK(nil)
		s.Post("/api/v1/notifications/clear", alice.Token, nil).OK(&empty)
		w.list(t, "", 0)
		if got, _ := s.Page("/api/v1/notifications", w.carol.Token); len(got) != 1 {
			t.Errorf("carol has %d notifications after alice cleared hers, want 1", len(got))
		}
	})
}

func TestUnreadCount(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s, alice := w.s, w.alice
		count := func(query string) int {
			t.Helper()
			var out struct {
				Count *int `json:"count"`
			}
			s.Get("/api/v1/notifications/unread_count"+query, alice.Token).OK(&out)
			if out.Count == nil {
				t.Fatalf("unread_count%s: no count", query)
			}
			return *out.Count
		}
		mark := func(lastRead string) {
			t.Helper()
			pos := map[marker.Timeline]string{marker.TimelineNOTIFICATIONS: lastRead}
			if _, err := markers.Save(t.Context(), db, alice.ID, pos, s.Resolver.Now()); err != nil {
				t.Fatal(err)
			}
		}
		steps := []struct {
			name, query string
			act         func()
			want        int
		}{
			{"no marker: all unread", "", nil, 3},
			{"limited", "?limit=2", nil, 2},
			{"of one type", "?types[]=mention", nil, 1},
			{"excluding a type", "?exclude_types[]=mention", nil, 2},
			{"from one account", "?account_id=" + w.bob.ID, nil, 2},
			{"of a type never made", "?types[]=severed_relationships", nil, 0},
			{"marker past the follow", "", func() { mark(w.follow) }, 2},
			{"marker past them all", "", func() { mark(w.mention) }, 0},
		}
		for _, st := range steps {
			if st.act != nil {
				st.act()
			}
			if got := count(st.query); got != st.want {
				t.Errorf("%s: %d, want %d", st.name, got, st.want)
			}
		}
		s.Get("/api/v1/notifications/unread_count?limit=many", alice.Token).ErrorIs(http.StatusUnprocessableEntity, "")
	})
}

func TestNotificationGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.s.CheckAccess(w.alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/notifications", Scope: "read:notifications", Lacking: "read:statuses"},
			{Method: "GET", Path: "/api/v1/notifications/" + w.follow, Scope: "read:notifications", Lacking: "write"},
			{Method: "GET", Path: "/api/v1/notifications/unread_count", Scope: "read:notifications", Lacking: "write:notifications"},
			{Method: "POST", Path: "/api/v1/notifications/" + w.follow + "/dismiss", Scope: "write:notifications", Lacking: "read"},
			{Method: "POST", Path: "/api/v1/notifications/clear", Scope: "write:notifications", Lacking: "read:notifications"},
		})
		// The refused requests changed nothing.
		w.list(t, "", 3)
	})
}

func uniq(ids []string) bool {
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			return false
		}
		seen[id] = true
	}
	return true
}
