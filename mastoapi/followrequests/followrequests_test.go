package followrequests_test

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

type relationshipJSON struct {
	ID          string `json:"id"`
	Following   bool   `json:"following"`
	FollowedBy  bool   `json:"followed_by"`
	RequestedBy bool   `json:"requested_by"`
}

// locked makes alice's account need her approval of followers.
func locked(t *testing.T, s *mastotest.Server, u mastotest.User) {
	t.Helper()
	s.DB.Account.UpdateOneID(u.ID).SetLocked(true).ExecX(t.Context())
}

func TestAuthorizeAndReject(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob, carol, dave := s.User("alice"), s.User("bob"), s.User("carol"), s.User("dave")
		locked(t, s, alice)
		for _, u := range []mastotest.User{bob, carol, dave} {
			s.Post("/api/v1/accounts/"+alice.ID+"/follow", u.Token, nil).OK(nil)
		}
		if got, _ := s.Page("/api/v1/follow_requests", alice.Token); !slices.Equal(got, []string{dave.ID, carol.ID, bob.ID}) {
			t.Fatalf("requests: %v, want dave, carol, bob (most recent first)", got)
		}

		var rel relationshipJSON
		s.Post("/api/v1/follow_requests/"+bob.ID+"/authorize", alice.Token, nil).OK(&rel)
		if rel.ID != bob.ID || !rel.FollowedBy || rel.RequestedBy {
			t.Errorf("after authorizing bob: %+v, want followed_by and no longer requested_by", rel)
		}
		s.Post("/api/v1/follow_requests/"+carol.ID+"/reject", alice.Token, nil).OK(&rel)
		if rel.ID != carol.ID || rel.FollowedBy || rel.RequestedBy {
			t.Errorf("after rejecting carol: %+v, want neither followed_by nor requested_by", rel)
		}
		if got, _ := s.Page("/api/v1/follow_requests", alice.Token); !slices.Equal(got, []string{dave.ID}) {
			t.Errorf("requests left: %v, want only dave", got)
		}
		// bob now follows alice; carol does not.
		var followers []struct{ ID string }
		s.Get("/api/v1/accounts/"+alice.ID+"/followers", alice.Token).OK(&followers)
		if len(followers) != 1 || followers[0].ID != bob.ID {
			t.Errorf("alice's followers: %+v, want bob", followers)
		}

		// Authorizing someone who never asked, or an unknown account, is not found;
		// dave's request is alice's to decide, not carol's.
		s.Post("/api/v1/follow_requests/"+carol.ID+"/authorize", alice.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
		s.Post("/api/v1/follow_requests/01NOSUCHACCOUNT/authorize", alice.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
		s.Post("/api/v1/follow_requests/"+dave.ID+"/authorize", carol.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
		if got, _ := s.Page("/api/v1/follow_requests", alice.Token); !slices.Equal(got, []string{dave.ID}) {
			t.Errorf("requests after refused decisions: %v, want only dave", got)
		}
	})
}

func TestRequestsPageByRequest(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		locked(t, s, alice)
		var want []string
		for _, name := range []string{"r1", "r2", "r3", "r4", "r5"} {
			u := s.User(name)
			s.Post("/api/v1/accounts/"+alice.ID+"/follow", u.Token, nil).OK(nil)
			want = append([]string{u.ID}, want...)
		}
		first, r := s.Page("/api/v1/follow_requests?limit=2", alice.Token)
		late := s.User("late")
		s.Post("/api/v1/accounts/"+alice.ID+"/follow", late.Token, nil).OK(nil)
		rest, pages := s.Walk(r.Links()["next"], alice.Token, "next", 2)
		if got := append(first, rest...); !slices.Equal(got, want) || pages != 2 {
			t.Errorf("paged %v in %d more pages, want %v in 2", got, pages, want)
		}
		if got, _ := s.Page(r.Links()["prev"], alice.Token); !slices.Equal(got, []string{late.ID}) {
			t.Errorf("prev page: %v, want the request that came in while paging", got)
		}
	})
}

func TestFollowRequestGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/follow_requests", Scope: "read:follows", Lacking: "read:statuses"},
			{Method: "POST", Path: "/api/v1/follow_requests/" + bob.ID + "/authorize", Scope: "write:follows", Lacking: "read"},
			{Method: "POST", Path: "/api/v1/follow_requests/" + bob.ID + "/reject", Scope: "follow", Lacking: "write:statuses"},
		})
	})
}
