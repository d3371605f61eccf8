package polls_test

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/pollvote"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/polls"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// pollSpec is a poll to put on a status.
type pollSpec struct {
	multiple   bool
	expiresAt  *time.Time
	closed     bool
	visibility status.Visibility
}

// newPoll posts a status by author with a three-option poll.
func newPoll(t *testing.T, db *store.DB, author *ent.Account, spec pollSpec) *ent.Poll {
	t.Helper()
	vis := spec.visibility
	if vis == "" {
		vis = status.VisibilityPUBLIC
	}
	id := ids.New(now)
	st, err := db.Status.Create().SetID(id).SetAccountID(author.ID).SetVisibility(vis).
		SetURI("https://fedi.test/statuses/" + id).SetContent("<p>which?</p>").SetThreadID(id).Save(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	c := db.Poll.Create().SetStatusID(st.ID).SetOptions([]string{"a", "b", "c"}).
		SetMultiple(spec.multiple).SetNillableExpiresAt(spec.expiresAt)
	if spec.closed {
		c.SetClosedAt(now.Add(-time.Minute))
	}
	p, err := c.Save(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	p.Edges.Status = st
	return p
}

func at(t time.Time) *time.Time { return &t }

func TestVote(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		author := testrig.LocalAccount(t, db, "author")
		voter := testrig.LocalAccount(t, db, "voter")
		h := hub.New()
		svc := &polls.Service{DB: db, Events: h, Now: func() time.Time { return now }}
		blocker := testrig.LocalAccount(t, db, "blocker")
		if err := db.Block.Create().SetAccountID(blocker.ID).SetTargetAccountID(author.ID).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}

		cases := []struct {
			name    string
			spec    pollSpec
			voter   *ent.Account
			before  []int // a vote cast first
			choices []int
			want    []int // the voter's choices afterwards
			code    apperr.Code
			msg     string
		}{
			{name: "one choice", choices: []int{1}, want: []int{1}},
			{name: "several where allowed", spec: pollSpec{multiple: true}, choices: []int{2, 0, 2}, want: []int{0, 2}},
			{name: "open until later", spec: pollSpec{expiresAt: at(now.Add(time.Hour))}, choices: []int{0}, want: []int{0}},
			{name: "twice", before: []int{0}, choices: []int{1}, want: []int{0}, code: apperr.BadInput, msg: "Validation failed: You have already voted on this poll"},
			{name: "twice in a multiple-choice poll", spec: pollSpec{multiple: true}, before: []int{0}, choices: []int{1}, want: []int{0}, code: apperr.BadInput, msg: "Validation failed: You have already voted on this poll"},
			{name: "several in a single-choice poll", choices: []int{0, 1}, code: apperr.BadInput, msg: "Validation failed: You have already voted on this poll"},
			{name: "no choice", choices: nil, code: apperr.BadInput},
			{name: "an option that does not exist", choices: []int{3}, code: apperr.BadInput, msg: "Validation failed: The chosen vote option does not exist"},
			{name: "a negative option", choices: []int{-1}, code: apperr.BadInput, msg: "Validation failed: The chosen vote option does not exist"},
			{name: "expired", spec: pollSpec{expiresAt: at(now)}, choices: []int{0}, code: apperr.BadInput, msg: "Validation failed: The poll has already ended"},
			{name: "closed", spec: pollSpec{closed: true}, choices: []int{0}, code: apperr.BadInput, msg: "Validation failed: The poll has already ended"},
			{name: "own poll", voter: author, choices: []int{0}, code: apperr.BadInput, msg: "Validation failed: You cannot vote in your own polls"},
			{name: "a status the voter may not see", spec: pollSpec{visibility: status.VisibilityFOLLOWERS_ONLY}, choices: []int{0}, code: apperr.NotFound},
			{name: "across a block", voter: blocker, choices: []int{0}, code: apperr.Forbidden},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				p := newPoll(t, db, author, tc.spec)
				v := voter
				if tc.voter != nil {
					v = tc.voter
				}
				if tc.before != nil {
					if _, err := svc.Vote(t.Context(), v.ID, p.ID, tc.before); err != nil {
						t.Fatalf("first vote: %v", err)
					}
				}
				sub := h.Subscribe(t.Context(), hub.HomeStream(author.ID))
				defer sub.Close()
				got, err := svc.Vote(t.Context(), v.ID, p.ID, tc.choices)
				switch {
				case tc.code == "" && err != nil:
					t.Fatalf("vote: %v", err)
				case tc.code != "" && !apperr.Is(err, tc.code):
					t.Fatalf("vote: err %v, want %s", err, tc.code)
				case tc.msg != "" && apperr.As(err).Message != tc.msg:
					t.Errorf("message %q, want %q", apperr.As(err).Message, tc.msg)
				case tc.code == "" && got.Edges.Status == nil:
					t.Error("the poll came back without its status")
				}
				own, err := db.PollVote.Query().Where(pollvote.PollID(p.ID), pollvote.AccountID(v.ID)).
					Order(ent.Asc(pollvote.FieldChoice)).Select(pollvote.FieldChoice).Ints(t.Context())
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(own, tc.want) && !(len(own) == 0 && len(tc.want) == 0) {
					t.Errorf("stored choices %v, want %v", own, tc.want)
				}
				announced := false
				select {
				case d := <-sub.C:
					announced = d.Event.Kind == hub.StatusUpdated && d.Event.StatusID == p.Edges.Status.ID
				default:
				}
				if (tc.code == "") != announced {
					t.Errorf("status.updated announced: %v, want %v", announced, tc.code == "")
				}
			})
		}
	})
}

func TestGetHidesPollsOnStatusesTheViewerMayNotSee(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		author := testrig.LocalAccount(t, db, "author")
		other := testrig.LocalAccount(t, db, "other")
		svc := &polls.Service{DB: db, Events: hub.New()}
		public := newPoll(t, db, author, pollSpec{})
		private := newPoll(t, db, author, pollSpec{visibility: status.VisibilityFOLLOWERS_ONLY})
		for _, tc := range []struct {
			viewer, poll string
			found        bool
		}{
			{"", public.ID, true},
			{other.ID, public.ID, true},
			{author.ID, private.ID, true},
			{other.ID, private.ID, false},
			{"", private.ID, false},
			{other.ID, "01HZZZZZZZZZZZZZZZZZZZZZZZ", false},
		} {
			p, err := svc.Get(t.Context(), tc.viewer, tc.poll)
			if tc.found && (err != nil || p.ID != tc.poll) {
				t.Errorf("viewer %q, poll %s: %v, want the poll", tc.viewer, tc.poll, err)
			}
			if !tc.found && !apperr.Is(err, apperr.NotFound) {
				t.Errorf("viewer %q, poll %s: err %v, want not found", tc.viewer, tc.poll, err)
			}
		}
	})
}
