package tags_test

import (
	"fmt"
	"net/http"
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

// tag is the Tag entity as a client reads it.
type tag struct {
	Name      string `json:"name"`
	URL       string `json:"url"`
	History   []any  `json:"history"`
	Following *bool  `json:"following"`
}

func names(ts []tag) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}

func TestFollowTags(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")

		var got tag
		s.Get("/api/v1/tags/Knitting", alice.Token).OK(&got)
		if got.Name != "knitting" || got.URL != mastotest.PublicBase+"/tags/knitting" || got.History == nil || got.Following == nil || *got.Following {
			t.Errorf("an unused tag: %+v, want #knitting, not followed", got)
		}
		s.Post("/api/v1/tags/Knitting/follow", alice.Token, nil).OK(&got)
		if got.Name != "knitting" || !*got.Following {
			t.Errorf("after follow: %+v", got)
		}
		var fresh tag
		s.Get("/api/v1/tags/knitting", alice.Token).OK(&fresh)
		if !*fresh.Following {
			t.Error("GET after follow: not following")
		}
		var anon tag
		s.Get("/api/v1/tags/knitting", "").OK(&anon)
		if anon.Following != nil {
			t.Errorf("anonymous: following = %v, want it left out", *anon.Following)
		}

		// A followed hashtag brings public statuses of strangers home.
		tagged := s.Status(bob, "a new scarf #knitting")
		s.Status(bob, "untagged")
		home, _ := s.Page("/api/v1/timelines/home", alice.Token)
		if !slices.Equal(home, []string{tagged}) {
			t.Errorf("alice's home %v, want only the tagged status %s", home, tagged)
		}

		s.Post("/api/v1/tags/knitting/unfollow", alice.Token, nil).OK(&got)
		if *got.Following {
			t.Error("after unfollow: still following")
		}
		if home, _ := s.Page("/api/v1/timelines/home", alice.Token); len(home) != 0 {
			t.Errorf("home after unfollowing: %v, want empty", home)
		}
		s.Get("/api/v1/tags/not%20a%20tag", alice.Token).ErrorIs(http.StatusNotFound, "Record not found")
		s.Post("/api/v1/tags/not%20a%20tag/follow", alice.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
	})
}

func TestFollowedTagsPage(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		var want []string
		for i := range 5 {
			name := fmt.Sprintf("tag%d", i)
			s.Post("/api/v1/tags/"+name+"/follow", alice.Token, nil).OK(nil)
			want = append(want, name)
		}
		s.Post("/api/v1/tags/other/follow", bob.Token, nil).OK(nil)

		var page []tag
		r := s.Get("/api/v1/followed_tags?limit=2", alice.Token).OK(&page)
		got := names(page)
		for next := r.Links()["next"]; next != ""; {
			var more []tag
			r := s.Get(next, alice.Token).OK(&more)
			if len(more) > 2 {
				t.Fatalf("page of %d over the limit", len(more))
			}
			got = append(got, names(more)...)
			next = r.Links()["next"]
		}
		// Follows made within one millisecond have IDs in no particular order, so the
		// pages are checked for covering every follow once, not for their order.
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("followed tags %v, want each of %v once", got, want)
		}
		for _, tg := range page {
			if tg.Following == nil || !*tg.Following {
				t.Errorf("%s listed as not followed", tg.Name)
			}
		}
	})
}

func TestGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/followed_tags", Scope: "read:follows", Lacking: "write"},
			{Method: "POST", Path: "/api/v1/tags/cats/follow", Scope: "write:follows", Lacking: "read"},
			{Method: "POST", Path: "/api/v1/tags/cats/unfollow", Scope: "follow", Lacking: "read"},
		})
		s.Get("/api/v1/tags/cats", "not-a-token").ErrorIs(http.StatusUnauthorized, mastotest.InvalidToken)
	})
}
