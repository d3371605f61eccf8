package lists_test

import (
	"net/http"
	"os"
	"slices"
	"strings"
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

type listJSON struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	RepliesPolicy string `json:"replies_policy"`
	Exclusive     *bool  `json:"exclusive"`
}

func TestListLifecycle(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")

		var friends, work listJSON
		s.Post("/api/v1/lists", alice.Token, mastotest.Form{"title": {"Friends"}}).OK(&friends)
		if friends.ID == "" || friends.Title != "Friends" || friends.RepliesPolicy != "list" || friends.Exclusive == nil || *friends.Exclusive {
			t.Errorf("created with defaults: %+v, want replies_policy list, exclusive false", friends)
		}
		s.Post("/api/v1/lists", alice.Token, map[string]any{"title": "Work", "replies_policy": "none", "exclusive": true}).OK(&work)
		if work.RepliesPolicy != "none" || !*work.Exclusive {
			t.Errorf("created from JSON: %+v", work)
		}

		var all []listJSON
		s.Get("/api/v1/lists", alice.Token).OK(&all)
		if len(all) != 2 || all[0].ID != friends.ID || all[1].ID != work.ID {
			t.Errorf("alice's lists: %+v, want Friends then Work", all)
		}
		s.Get("/api/v1/lists", bob.Token).OK(&all)
		if len(all) != 0 {
			t.Errorf("bob sees %d lists, want none", len(all))
		}

		// Updating changes what is sent and keeps the rest.
		var got listJSON
		s.Put("/api/v1/lists/"+friends.ID, alice.Token, mastotest.Form{"replies_policy": {"followed"}}).OK(&got)
		if got.Title != "Friends" || got.RepliesPolicy != "followed" {
			t.Errorf("after changing the policy: %+v", got)
		}
		s.Put("/api/v1/lists/"+friends.ID, alice.Token, map[string]any{"title": "Close friends", "exclusive": true}).OK(nil)
		s.Get("/api/v1/lists/"+friends.ID, alice.Token).OK(&got)
		if got.Title != "Close friends" || got.RepliesPolicy != "followed" || !*got.Exclusive {
			t.Errorf("after renaming: %+v", got)
		}

		// Someone else's list does not exist for bob, whatever he tries.
		for _, c := range []struct{ method, path string }{
			{"GET", "/api/v1/lists/" + friends.ID},
			{"PUT", "/api/v1/lists/" + friends.ID},
			{"DELETE", "/api/v1/lists/" + friends.ID},
			{"GET", "/api/v1/lists/" + friends.ID + "/accounts"},
			{"GET", "/api/v1/lists/01NOSUCHLIST"},
		} {
			s.Call(c.method, c.path, bob.Token, mastotest.Form{"title": {"mine now"}}).ErrorIs(http.StatusNotFound, "Record not found")
		}

		var empty map[string]any
		s.Delete("/api/v1/lists/"+work.ID, alice.Token, nil).OK(&empty)
		if len(empty) != 0 {
			t.Errorf("delete answered %v, want {}", empty)
		}
		s.Get("/api/v1/lists/"+work.ID, alice.Token).ErrorIs(http.StatusNotFound, "Record not found")
		s.Delete("/api/v1/lists/"+work.ID, alice.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
	})
}

func TestListValidation(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		var l listJSON
		s.Post("/api/v1/lists", alice.Token, mastotest.Form{"title": {"Fine"}}).OK(&l)
		bad := []struct {
			name, method, path string
			body               any
		}{
			{"no title", "POST", "/api/v1/lists", mastotest.Form{}},
			{"blank title", "POST", "/api/v1/lists", mastotest.Form{"title": {"   "}}},
			{"long title", "POST", "/api/v1/lists", mastotest.Form{"title": {strings.Repeat("x", 201)}}},
			{"unknown policy", "POST", "/api/v1/lists", mastotest.Form{"title": {"x"}, "replies_policy": {"everyone"}}},
			{"blank rename", "PUT", "/api/v1/lists/" + l.ID, mastotest.Form{"title": {""}}},
			{"unknown policy on update", "PUT", "/api/v1/lists/" + l.ID, map[string]any{"replies_policy": "all"}},
		}
		for _, c := range bad {
			r := s.Call(c.method, c.path, alice.Token, c.body)
			if r.Status != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d %s, want 422", c.name, r.Status, r.Body)
			}
		}
		s.Post("/api/v1/lists", alice.Token, `{"title": `).ErrorIs(http.StatusBadRequest, "")
		var all []listJSON
		s.Get("/api/v1/lists", alice.Token).OK(&all)
		if len(all) != 1 || all[0].Title != "Fine" {
			t.Errorf("refused requests changed the lists: %+v", all)
		}
	})
}

func TestListMembers(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, stranger := s.User("alice"), s.User("stranger")
		var l, other listJSON
		s.Post("/api/v1/lists", alice.Token, mastotest.Form{"title": {"Friends"}}).OK(&l)
		s.Post("/api/v1/lists", alice.Token, mastotest.Form{"title": {"Other"}}).OK(&other)
		members := "/api/v1/lists/" + l.ID + "/accounts"
		var added []string // earliest first
		for _, name := range []string{"f1", "f2", "f3", "f4", "f5"} {
			u := s.User(name)
			s.Post("/api/v1/accounts/"+u.ID+"/follow", alice.Token, nil).OK(nil)
			s.Post(members, alice.Token, mastotest.Form{"account_ids[]": {u.ID}}).OK(nil)
			added = append(added, u.ID)
		}
		newestFirst := slices.Clone(added)
		slices.Reverse(newestFirst)

		if got, pages := s.Walk(members+"?limit=2", alice.Token, "next", 2); !slices.Equal(got, newestFirst) || pages != 3 {
			t.Errorf("members in pages of 2: %v in %d pages, want %v in 3", got, pages, newestFirst)
		}
		if got, r := s.Page(members+"?limit=0", alice.Token); !slices.Equal(got, added) || r.Header.Get("Link") != "" {
			t.Errorf("limit=0: %v (Link %q), want all, earliest added first, unpaged", got, r.Header.Get("Link"))
		}

		// Only followed accounts may be added; an unknown one is not found; nothing
		// of a refused request is added.
		s.Post(members, alice.Token, mastotest.Form{"account_ids[]": {stranger.ID}}).ErrorIs(http.StatusUnprocessableEntity, "")
		s.Post(members, alice.Token, mastotest.Form{"account_ids[]": {added[0], "01NOSUCHACCOUNT"}}).ErrorIs(http.StatusNotFound, "Record not found")
		// Adding someone already on the list, and adding no one, are fine.
		s.Post(members, alice.Token, map[string]any{"account_ids": []string{added[0]}}).OK(nil)
		s.Post(members, alice.Token, mastotest.Form{}).OK(nil)

		// Which of alice's lists an account is on.
		s.Post("/api/v1/lists/"+other.ID+"/accounts", alice.Token, mastotest.Form{"account_ids[]": {added[0]}}).OK(nil)
		var on []listJSON
		s.Get("/api/v1/accounts/"+added[0]+"/lists", alice.Token).OK(&on)
		// Both lists were made in the same millisecond, so their IDs' order is not
		// their creation order: compare as a set.
		if len(on) != 2 || !slices.Contains([]string{on[0].ID, on[1].ID}, l.ID) || !slices.Contains([]string{on[0].ID, on[1].ID}, other.ID) {
			t.Errorf("lists f1 is on: %+v, want Friends and Other", on)
		}
		s.Get("/api/v1/accounts/"+stranger.ID+"/lists", alice.Token).OK(&on)
		if len(on) != 0 {
			t.Errorf("lists stranger is on: %+v, want none", on)
		}
		s.Get("/api/v1/accounts/01NOSUCHACCOUNT/lists", alice.Token).ErrorIs(http.StatusNotFound, "Record not found")

		// Removing, with the IDs in a JSON body, a form body or the query string.
		s.Delete(members, alice.Token, map[string]any{"account_ids": []string{added[0]}}).OK(nil)
		s.Delete(members, alice.Token, mastotest.Form{"account_ids[]": {added[1]}}).OK(nil)
		s.Delete(members+"?account_ids[]="+added[2], alice.Token, nil).OK(nil)
		if got, _ := s.Page(members, alice.Token); !slices.Equal(got, newestFirst[:2]) {
			t.Errorf("after removing three: %v, want %v", got, newestFirst[:2])
		}
		if got, _ := s.Page("/api/v1/lists/"+other.ID+"/accounts", alice.Token); !slices.Equal(got, added[:1]) {
			t.Errorf("the other list lost its member too: %v", got)
		}
	})
}

func TestListGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		var l listJSON
		s.Post("/api/v1/lists", alice.Token, mastotest.Form{"title": {"Friends"}}).OK(&l)
		p := "/api/v1/lists/" + l.ID
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/lists", Scope: "read:lists", Lacking: "write:lists"},
			{Method: "POST", Path: "/api/v1/lists", Scope: "write:lists", Lacking: "read:lists"},
			{Method: "GET", Path: p, Scope: "read:lists", Lacking: "read:statuses"},
			{Method: "PUT", Path: p, Scope: "write:lists", Lacking: "read"},
			{Method: "DELETE", Path: p, Scope: "write:lists", Lacking: "read"},
			{Method: "GET", Path: p + "/accounts", Scope: "read:lists", Lacking: "write"},
			{Method: "POST", Path: p + "/accounts", Scope: "write:lists", Lacking: "read"},
			{Method: "DELETE", Path: p + "/accounts", Scope: "write:lists", Lacking: "read"},
			{Method: "GET", Path: "/api/v1/accounts/" + bob.ID + "/lists", Scope: "read:lists", Lacking: "read:accounts"},
		})
		// The refused requests changed nothing.
		s.Get(p, alice.Token).OK(nil)
	})
}
