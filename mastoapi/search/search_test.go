package search_test

import (
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

// results is the Search entity as a client reads it.
type results struct {
	Accounts []struct {
		Username string `json:"username"`
	} `json:"accounts"`
	Statuses []struct {
		ID string `json:"id"`
	} `json:"statuses"`
	Hashtags []struct {
		Name      string `json:"name"`
		Following *bool  `json:"following"`
	} `json:"hashtags"`
}

func (r results) kinds() (accounts, statuses, hashtags []string) {
	accounts, statuses, hashtags = []string{}, []string{}, []string{}
	for _, a := range r.Accounts {
		accounts = append(accounts, a.Username)
	}
	for _, s := range r.Statuses {
		statuses = append(statuses, s.ID)
	}
	for _, h := range r.Hashtags {
		hashtags = append(hashtags, h.Name)
	}
	return
}

func TestSearch(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		cat, carol, bob := s.User("cat"), s.User("carol"), s.User("bob")
		mine := s.Status(cat, "the #cats are asleep")
		older := s.Status(cat, "more #cats news")
		bobs := s.Status(bob, "bob likes cats too") // bob did not opt into search
		s.Post("/api/v1/accounts/"+carol.ID+"/follow", cat.Token, nil).OK(nil)
		s.Post("/api/v1/tags/cats/follow", cat.Token, nil).OK(nil)

		cases := []struct {
			name                         string
			path, token                  string
			accounts, statuses, hashtags []string
		}{
			{name: "everything", path: "/api/v2/search?q=ca", token: cat.Token,
				accounts: []string{"carol", "cat"}, hashtags: []string{"cats"}},
			{name: "statuses: the viewer's own, newest first", path: "/api/v2/search?q=cats&type=statuses", token: cat.Token,
				statuses: []string{older, mine}},
			{name: "statuses: one page further", path: "/api/v2/search?q=cats&type=statuses&limit=1&offset=1", token: cat.Token,
				statuses: []string{mine}},
			{name: "statuses of someone who did not opt in", path: "/api/v2/search?q=cats&type=statuses&account_id=" + bob.ID, token: cat.Token},
			{name: "bob finds his own", path: "/api/v2/search?q=cats&type=statuses", token: bob.Token, statuses: []string{bobs}},
			{name: "accounts followed", path: "/api/v2/search?q=ca&type=accounts&following=true", token: cat.Token,
				accounts: []string{"carol"}},
			{name: "accounts, limited", path: "/api/v2/search?q=ca&type=accounts&limit=1", token: cat.Token,
				accounts: []string{"carol"}},
			{name: "hashtags only", path: "/api/v2/search?q=%23cat&type=hashtags", token: cat.Token, hashtags: []string{"cats"}},
			{name: "signed out: no statuses", path: "/api/v2/search?q=cats", hashtags: []string{"cats"}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				var r results
				s.Get(tc.path, tc.token).OK(&r)
				a, st, h := r.kinds()
				if !slices.Equal(a, orEmpty(tc.accounts)) || !slices.Equal(st, orEmpty(tc.statuses)) || !slices.Equal(h, orEmpty(tc.hashtags)) {
					t.Errorf("accounts %v, statuses %v, hashtags %v; want %v, %v, %v", a, st, h, tc.accounts, tc.statuses, tc.hashtags)
				}
			})
		}

		var r results
		s.Get("/api/v2/search?q=cats&type=hashtags", cat.Token).OK(&r)
		if len(r.Hashtags) != 1 || r.Hashtags[0].Following == nil || !*r.Hashtags[0].Following {
			t.Errorf("a followed hashtag in the results: %+v", r.Hashtags)
		}
		s.Get("/api/v2/search", cat.Token).ErrorIs(http.StatusBadRequest, "param is missing or the value is empty: q")
		s.Get("/api/v2/search?q=cats&offset=5", "").ErrorIs(http.StatusUnauthorized, "Search queries pagination is not supported without authentication")
		s.Get("/api/v2/search?q=cats&resolve=true", "").ErrorIs(http.StatusUnauthorized, "Search queries that resolve remote resources are not supported without authentication")
		s.Get("/api/v2/search?q=cats", "not-a-token").ErrorIs(http.StatusUnauthorized, mastotest.InvalidToken)
		s.Get("/api/v2/search?q=cats", s.Token(cat.Account, "write")).ErrorIs(http.StatusForbidden, mastotest.OutsideScopes)

		// The v1 account search pages and narrows the same way.
		var accts []struct {
			Username string `json:"username"`
		}
		s.Get("/api/v1/accounts/search?q=ca&offset=1", cat.Token).OK(&accts)
		if len(accts) != 1 || accts[0].Username != "cat" {
			t.Errorf("v1 account search with offset: %+v", accts)
		}
		s.Get("/api/v1/accounts/search?q=ca&following=true", cat.Token).OK(&accts)
		if len(accts) != 1 || accts[0].Username != "carol" {
			t.Errorf("v1 account search of followed accounts: %+v", accts)
		}
	})
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
