package polls_test

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

// poll is the Poll entity as a client reads it.
type poll struct {
	ID         string `json:"id"`
	Expired    bool   `json:"expired"`
	Multiple   bool   `json:"multiple"`
	VotesCount int    `json:"votes_count"`
	Options    []struct {
		Title      string `json:"title"`
		VotesCount *int   `json:"votes_count"`
	} `json:"options"`
	Voted    *bool `json:"voted"`
	OwnVotes []int `json:"own_votes"`
}

// postPoll posts a status with a poll as u and returns the poll's ID.
func postPoll(s *mastotest.Server, u mastotest.User, visibility string, multiple bool) string {
	s.T.Helper()
	f := mastotest.Form{
		"status": {"which?"}, "visibility": {visibility},
		"poll[options][]": {"tea", "coffee", "water"}, "poll[expires_in]": {"3600"},
	}
	if multiple {
		f.Set("poll[multiple]", "true")
	}
	var st struct {
		Poll poll `json:"poll"`
	}
	s.Post("/api/v1/statuses", u.Token, f).OK(&st)
	return st.Poll.ID
}

func TestVoteAndRead(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob, carol := s.User("alice"), s.User("bob"), s.User("carol")
		single := postPoll(s, alice, "public", false)
		multiple := postPoll(s, alice, "public", true)

		var got poll
		s.Post("/api/v1/polls/"+single+"/votes", bob.Token, mastotest.Form{"choices[]": {"1"}}).OK(&got)
		if got.ID != single || got.VotesCount != 1 || *got.Options[1].VotesCount != 1 || !*got.Voted || !slices.Equal(got.OwnVotes, []int{1}) {
			t.Errorf("after bob's vote: %+v", got)
		}
		// JSON bodies carry the choices as numbers.
		s.Post("/api/v1/polls/"+multiple+"/votes", bob.Token, map[string]any{"choices": []int{0, 2}}).OK(&got)
		if got.VotesCount != 2 || !slices.Equal(got.OwnVotes, []int{0, 2}) {
			t.Errorf("multiple choice: %+v", got)
		}

		// Others see the count, not bob's choice; the anonymous see no voted marks.
		s.Get("/api/v1/polls/"+single, carol.Token).OK(&got)
		if got.VotesCount != 1 || *got.Voted || len(got.OwnVotes) != 0 {
			t.Errorf("carol reads %+v, want one vote and none of hers", got)
		}
		var anon poll
		s.Get("/api/v1/polls/"+single, "").OK(&anon)
		if anon.VotesCount != 1 || anon.Voted != nil {
			t.Errorf("anonymous reads %+v, want the count and no voted mark", anon)
		}
	})
}

func TestVoteRefusals(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		open := postPoll(s, alice, "public", false)
		private := postPoll(s, alice, "private", false)
		s.Post("/api/v1/polls/"+open+"/votes", bob.Token, mastotest.Form{"choices[]": {"0"}}).OK(nil)

		cases := []struct {
			name, poll, token string
			choices           []string
			status            int
			msg               string
		}{
			{"again", open, bob.Token, []string{"1"}, http.StatusUnprocessableEntity, "Validation failed: You have already voted on this poll"},
			{"own poll", open, alice.Token, []string{"1"}, http.StatusUnprocessableEntity, "Validation failed: You cannot vote in your own polls"},
			{"no such option", private, alice.Token, []string{"7"}, http.StatusUnprocessableEntity, "Validation failed: The chosen vote option does not exist"},
			{"not a number", open, bob.Token, []string{"tea"}, http.StatusUnprocessableEntity, ""},
			{"no choices", open, bob.Token, nil, http.StatusUnprocessableEntity, ""},
			{"a followers-only status of someone not followed", private, bob.Token, []string{"0"}, http.StatusNotFound, "Record not found"},
			{"no such poll", "01HZZZZZZZZZZZZZZZZZZZZZZZ", bob.Token, []string{"0"}, http.StatusNotFound, "Record not found"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				s.Post("/api/v1/polls/"+tc.poll+"/votes", tc.token, mastotest.Form{"choices[]": tc.choices}).ErrorIs(tc.status, tc.msg)
			})
		}
		s.Get("/api/v1/polls/"+private, bob.Token).ErrorIs(http.StatusNotFound, "Record not found")
		s.Get("/api/v1/polls/"+private, "").ErrorIs(http.StatusNotFound, "Record not found")
	})
}

func TestGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		id := postPoll(s, alice, "public", false)
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/polls/" + id, Public: true, Scope: "read:statuses", Lacking: "write"},
			{Method: "POST", Path: "/api/v1/polls/" + id + "/votes", Scope: "write:statuses", Lacking: "read"},
		})
	})
}
