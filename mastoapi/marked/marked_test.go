package marked_test

import (
	"os"
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// Both lists behave alike; each case names its route and the action that marks.
var lists = []struct{ path, mark, unmark string }{
	{"/api/v1/favourites", "favourite", "unfavourite"},
	{"/api/v1/bookmarks", "bookmark", "unbookmark"},
}

func TestMarkedStatusesInTheOrderMarked(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob, carol := s.User("alice"), s.User("bob"), s.User("carol")
		s.Post("/api/v1/accounts/"+carol.ID+"/follow", alice.Token, nil).OK(nil)
		first := s.Status(bob, "first")
		second := s.Status(bob, "second")
		private := s.Status(carol, "for followers", "visibility", "private")
		for _, l := range lists {
			// Marked in an order other than posted: the list follows the marking.
			for _, id := range []string{second, private, first} {
				s.Post("/api/v1/statuses/"+id+"/"+l.mark, alice.Token, nil).OK(nil)
			}
			s.Post("/api/v1/statuses/"+second+"/"+l.mark, bob.Token, nil).OK(nil) // bob's are his own
			if got, _ := s.Page(l.path, alice.Token); !slices.Equal(got, []string{first, private, second}) {
				t.Errorf("%s: %v, want %v (most recently marked first)", l.path, got, []string{first, private, second})
			}
			if got, _ := s.Page(l.path, bob.Token); !slices.Equal(got, []string{second}) {
				t.Errorf("bob's %s: %v, want only his", l.path, got)
			}
		}
		// Undoing removes from the list; a status alice can no longer see drops out.
		s.Post("/api/v1/accounts/"+carol.ID+"/unfollow", alice.Token, nil).OK(nil)
		for _, l := range lists {
			s.Post("/api/v1/statuses/"+first+"/"+l.unmark, alice.Token, nil).OK(nil)
			if got, _ := s.Page(l.path, alice.Token); !slices.Equal(got, []string{second}) {
				t.Errorf("%s after unmarking and unfollowing: %v, want [%s]", l.path, got, second)
			}
		}
	})
}

func TestMarkedPagesByMark(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		var posted []string
		for range 7 {
			posted = append(posted, s.Status(bob, "post"))
		}
		for _, l := range lists {
			// Marked oldest post last, so mark order and post order disagree.
			var want []string
			for i := len(posted) - 1; i >= 1; i-- {
				s.Post("/api/v1/statuses/"+posted[i]+"/"+l.mark, alice.Token, nil).OK(nil)
				want = append([]string{posted[i]}, want...)
			}
			first, r := s.Page(l.path+"?limit=3", alice.Token)
			s.Post("/api/v1/statuses/"+posted[0]+"/"+l.mark, alice.Token, nil).OK(nil)
			rest, pages := s.Walk(r.Links()["next"], alice.Token, "next", 3)
			if got := append(first, rest...); !slices.Equal(got, want) || pages != 1 {
				t.Errorf("%s paged %v in %d more pages, want %v in 1", l.path, got, pages, want)
			}
			if got, _ := s.Page(r.Links()["prev"], alice.Token); !slices.Equal(got, []string{posted[0]}) {
				t.Errorf("%s prev page: %v, want the status marked while paging", l.path, got)
			}
		}
	})
}

func TestMarkedGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/favourites", Scope: "read:favourites", Lacking: "read:bookmarks"},
			{Method: "GET", Path: "/api/v1/bookmarks", Scope: "read:bookmarks", Lacking: "read:favourites"},
		})
	})
}
