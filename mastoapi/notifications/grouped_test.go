package notifications_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

// groupedJSON is what the tests read of GroupedNotificationsResults.
type groupedJSON struct {
	Accounts        []struct{ ID string } `json:"accounts"`
	PartialAccounts *[]struct {
		ID, Avatar string
	} `json:"partial_accounts"`
	Statuses []struct{ ID string } `json:"statuses"`
	Groups   []struct {
		GroupKey                 string   `json:"group_key"`
		NotificationsCount       int      `json:"notifications_count"`
		Type                     string   `json:"type"`
		MostRecentNotificationID string   `json:"most_recent_notification_id"`
		PageMinID                string   `json:"page_min_id"`
		PageMaxID                string   `json:"page_max_id"`
		LatestPageNotificationAt string   `json:"latest_page_notification_at"`
		SampleAccountIDs         []string `json:"sample_account_ids"`
		StatusID                 *string  `json:"status_id"`
	} `json:"notification_groups"`
}

func (g groupedJSON) summary() []string {
	var out []string
	for _, n := range g.Groups {
		out = append(out, n.Type+":"+strings.Join(n.SampleAccountIDs, "+"))
	}
	return out
}

// groupedWorld is newWorld (bob follows and favourites, carol mentions) plus carol
// following and favouriting too, so that follows and favourites each make a group.
func groupedWorld(t *testing.T, db *store.DB) *world {
	w := newWorld(t, db)
	w.s.Post("/api/v1/accounts/"+w.alice.ID+"/follow", w.carol.Token, nil).OK(nil)
	w.s.Post("/api/v1/statuses/"+w.alicePost+"/favourite", w.carol.Token, nil).OK(nil)
	return w
}

func TestGroupedNotifications(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := groupedWorld(t, db)
		s, alice, bob, carol := w.s, w.alice, w.bob, w.carol
		var g groupedJSON
		s.Get("/api/v2/notifications", alice.Token).OK(&g)
		want := []string{"favourite:" + carol.ID + "+" + bob.ID, "follow:" + carol.ID + "+" + bob.ID, "mention:" + carol.ID}
		if !slices.Equal(g.summary(), want) {
			t.Fatalf("groups %v, want %v", g.summary(), want)
		}
		fav, mention := g.Groups[0], g.Groups[2]
		if fav.NotificationsCount != 2 || fav.StatusID == nil || *fav.StatusID != w.alicePost ||
			!strings.HasPrefix(fav.GroupKey, "favourite-"+w.alicePost+"-") || fav.PageMaxID != fav.MostRecentNotificationID ||
			fav.PageMinID != w.favourite || fav.LatestPageNotificationAt == "" {
			t.Errorf("favourite group: %+v", fav)
		}
		if mention.GroupKey != "ungrouped-"+w.mention || mention.PageMinID != "" || mention.StatusID == nil || *mention.StatusID != w.carolPost {
			t.Errorf("mention group: %+v", mention)
		}
		if g.Groups[1].StatusID != nil {
			t.Errorf("follow group has a status: %+v", g.Groups[1])
		}
		ids := func(l []struct{ ID string }) []string {
			var out []string
			for _, x := range l {
				out = append(out, x.ID)
			}
			return out
		}
		if got := ids(g.Accounts); !slices.Equal(got, []string{carol.ID, bob.ID}) || g.PartialAccounts != nil {
			t.Errorf("accounts %v (partial %v), want carol and bob once each", got, g.PartialAccounts)
		}
		if got := ids(g.Statuses); !slices.Equal(got, []string{w.alicePost, w.carolPost}) {
			t.Errorf("statuses %v", got)
		}
		// The v1 list shows the same group keys.
		var v1 []struct {
			ID       string `json:"id"`
			GroupKey string `json:"group_key"`
		}
		s.Get("/api/v1/notifications?types[]=favourite", alice.Token).OK(&v1)
		if len(v1) != 2 || v1[0].GroupKey != fav.GroupKey || v1[1].GroupKey != fav.GroupKey {
			t.Errorf("v1 favourites: %+v, want both in %s", v1, fav.GroupKey)
		}

		cases := []struct {
			query string
			want  []string
		}{
			{"?grouped_types[]=follow", []string{"favourite:" + carol.ID, "follow:" + carol.ID + "+" + bob.ID, "mention:" + carol.ID, "favourite:" + bob.ID}},
			{"?exclude_types[]=follow&exclude_types[]=mention", want[:1]},
			{"?types[]=mention", want[2:]},
			{"?account_id=" + bob.ID, []string{"favourite:" + bob.ID, "follow:" + bob.ID}},
			{"?types[]=severed_relationships", nil},
		}
		for _, c := range cases {
			var got groupedJSON
			s.Get("/api/v2/notifications"+c.query, alice.Token).OK(&got)
			if !slices.Equal(got.summary(), c.want) {
				t.Errorf("%s: %v, want %v", c.query, got.summary(), c.want)
			}
		}

		// With partial avatars, only each group's most recent account comes in full.
		var partial groupedJSON
		s.Get("/api/v2/notifications?expand_accounts=partial_avatars", alice.Token).OK(&partial)
		if got := ids(partial.Accounts); !slices.Equal(got, []string{carol.ID}) || partial.PartialAccounts == nil ||
			len(*partial.PartialAccounts) != 1 || (*partial.PartialAccounts)[0].ID != bob.ID || (*partial.PartialAccounts)[0].Avatar == "" {
			t.Errorf("partial avatars: accounts %v, partial %+v", got, partial.PartialAccounts)
		}

		// Paging one group at a time through the Link header.
		var keys []string
		for path, pages := "/api/v2/notifications?limit=1", 0; path != ""; pages++ {
			if pages > 5 {
				t.Fatal("still paging after 5 pages")
			}
			var page groupedJSON
			r := s.Get(path, alice.Token).OK(&page)
			for _, n := range page.Groups {
				keys = append(keys, n.GroupKey)
			}
			path = r.Links()["next"]
		}
		// As on Mastodon, a group whose older notifications lie past the page comes
		// back under the same key (bob's favourite and follow are older than the
		// mention); a client merges by key.
		if want := []string{fav.GroupKey, g.Groups[1].GroupKey, mention.GroupKey, fav.GroupKey, g.Groups[1].GroupKey}; !slices.Equal(keys, want) {
			t.Errorf("paged keys %v, want %v", keys, want)
		}
	})
}

func TestNotificationGroupRoutes(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := groupedWorld(t, db)
		s, alice, bob, carol := w.s, w.alice, w.bob, w.carol
		var g groupedJSON
		s.Get("/api/v2/notifications", alice.Token).OK(&g)
		favKey, mentionKey := g.Groups[0].GroupKey, g.Groups[2].GroupKey

		var one groupedJSON
		s.Get("/api/v2/notifications/"+favKey, alice.Token).OK(&one)
		if len(one.Groups) != 1 || one.Groups[0].NotificationsCount != 2 || one.Groups[0].PageMinID != "" || len(one.Accounts) != 2 || len(one.Statuses) != 1 {
			t.Errorf("one group: %+v", one)
		}
		s.Get("/api/v2/notifications/"+favKey, bob.Token).ErrorIs(http.StatusNotFound, "Record not found")
		s.Get("/api/v2/notifications/ungrouped-"+w.mention, bob.Token).ErrorIs(http.StatusNotFound, "Record not found")

		accounts, _ := s.Page("/api/v2/notifications/"+favKey+"/accounts", alice.Token)
		if !slices.Equal(accounts, []string{carol.ID, bob.ID}) {
			t.Errorf("group accounts %v", accounts)
		}
		count := func() int {
			var out struct{ Count int }
			s.Get("/api/v2/notifications/unread_count", alice.Token).OK(&out)
			return out.Count
		}
		if n := count(); n != 3 {
			t.Errorf("unread groups %d, want 3", n)
		}
		var empty map[string]any
		s.Post("/api/v2/notifications/"+favKey+"/dismiss", bob.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
		s.Post("/api/v2/notifications/"+favKey+"/dismiss", alice.Token, nil).OK(&empty)
		s.Post("/api/v2/notifications/"+mentionKey+"/dismiss", alice.Token, nil).OK(&empty)
		if n := count(); n != 1 {
			t.Errorf("unread groups after dismissing two: %d, want 1", n)
		}
		w.list(t, "", 2) // the two follows are left
		w.s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v2/notifications", Scope: "read:notifications", Lacking: "write"},
			{Method: "GET", Path: "/api/v2/notifications/unread_count", Scope: "read:notifications", Lacking: "write"},
			{Method: "GET", Path: "/api/v2/notifications/" + favKey, Scope: "read:notifications", Lacking: "write"},
			{Method: "GET", Path: "/api/v2/notifications/" + favKey + "/accounts", Scope: "read:notifications", Lacking: "write"},
			{Method: "POST", Path: "/api/v2/notifications/" + favKey + "/dismiss", Scope: "write:notifications", Lacking: "read"},
		})
	})
}
