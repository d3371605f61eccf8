package scheduling_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/scheduling"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// newService is the application core with a working queue. Its clock runs ten minutes
// behind, so that a status "scheduled at least five minutes ahead" comes due in
// seconds of real time.
func newService(t *testing.T, db *store.DB) *scheduling.Service {
	workers := river.NewWorkers()
	pub := &scheduling.Publisher{}
	river.AddWorker(workers, pub)
	q, err := jobs.New(t.Context(), db, jobs.Config{Workers: workers, Concurrency: map[string]int{jobs.Default: 2}, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	res := graph.NewResolver(graph.Deps{
		DB: db, Hub: hub.New(), Jobs: q,
		Now:      func() time.Time { return time.Now().Add(-10 * time.Minute) },
		Settings: graph.Settings{URIs: uris.Builder{Protocol: "https", Host: testrig.TestHost}, MaxStatusChars: 500, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4},
	})
	pub.Service = res.Scheduling
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		q.Stop(ctx)
	})
	return res.Scheduling
}

func posted(t *testing.T, db *store.DB, author *ent.Account) []*ent.Status {
	t.Helper()
	sts, err := db.Status.Query().Where(status.AccountID(author.ID)).WithPoll().All(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return sts
}

// waitPosted waits until the author has n statuses.
func waitPosted(t *testing.T, db *store.DB, author *ent.Account, n int) []*ent.Status {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		sts := posted(t, db, author)
		if len(sts) >= n {
			return sts
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d statuses posted within 20s, want %d", len(sts), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestScheduledStatusIsPostedAtItsTime(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		in := posting.NewStatus{
			Draft:      posting.Draft{Text: "later #news", SpoilerText: "cw", Poll: &posting.PollDraft{Options: []string{"a", "b"}, ExpiresIn: time.Hour}},
			Visibility: status.VisibilityUNLISTED,
		}
		row, err := s.Schedule(t.Context(), alice.ID, in, time.Now().Add(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if row.Params.Text != "later #news" || row.Params.Visibility != "UNLISTED" || row.Params.Poll == nil || row.Params.SpoilerText != "cw" {
			t.Errorf("kept %+v", row.Params)
		}
		sts := waitPosted(t, db, alice, 1)
		st := sts[0]
		if st.Text != "later #news" || st.Visibility != status.VisibilityUNLISTED || st.SpoilerText != "cw" || st.Edges.Poll == nil {
			t.Errorf("posted %+v", st)
		}
		// The job drops the scheduled status just after posting it (after, so that a
		// crash in between posts it again, once, by its idempotency key).
		err = nil
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if _, err = s.Get(t.Context(), alice.ID, row.ID); apperr.Is(err, apperr.NotFound) {
				break
			}
		}
		if !apperr.Is(err, apperr.NotFound) {
			t.Errorf("the scheduled status is still there after posting: %v", err)
		}
		time.Sleep(500 * time.Millisecond)
		if n := len(posted(t, db, alice)); n != 1 {
			t.Errorf("%d statuses posted, want 1", n)
		}
	})
}

func TestRescheduleAndCancel(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		bob := testrig.LocalAccount(t, db, "bob")
		soon := func() time.Time { return time.Now().Add(time.Second) }
		moved, err := s.Schedule(t.Context(), alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "moved"}}, soon())
		if err != nil {
			t.Fatal(err)
		}
		cancelled, err := s.Schedule(t.Context(), alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "cancelled"}}, soon())
		if err != nil {
			t.Fatal(err)
		}
		later := time.Now().Add(24 * time.Hour)
		if _, err := s.Reschedule(t.Context(), bob.ID, moved.ID, later); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("bob reschedules alice's: %v, want NotFound", err)
		}
		if _, err := s.Reschedule(t.Context(), alice.ID, moved.ID, later); err != nil {
			t.Fatal(err)
		}
		if err := s.Cancel(t.Context(), bob.ID, cancelled.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("bob cancels alice's: %v, want NotFound", err)
		}
		if err := s.Cancel(t.Context(), alice.ID, cancelled.ID); err != nil {
			t.Fatal(err)
		}
		// A third, due now, posts; by then the first two would have been due too.
		if _, err := s.Schedule(t.Context(), alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "on time"}}, soon()); err != nil {
			t.Fatal(err)
		}
		sts := waitPosted(t, db, alice, 1)
		time.Sleep(time.Second)
		if sts = posted(t, db, alice); len(sts) != 1 || sts[0].Text != "on time" {
			t.Errorf("posted %d statuses (first %q), want only the one on time", len(sts), sts[0].Text)
		}
		if row, err := s.Get(t.Context(), alice.ID, moved.ID); err != nil || row.ScheduledAt.Sub(later).Abs() > time.Millisecond {
			t.Errorf("the rescheduled status: %+v, %v", row, err)
		}
	})
}

func TestScheduleLimits(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		in := posting.NewStatus{Draft: posting.Draft{Text: "x"}}
		// Too soon, by the service's clock.
		if _, err := s.Schedule(t.Context(), alice.ID, in, time.Now().Add(-6*time.Minute)); !apperr.Is(err, apperr.BadInput) {
			t.Errorf("less than five minutes ahead: %v, want BadInput", err)
		}
		// What posting would refuse is refused now.
		if _, err := s.Schedule(t.Context(), alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "x"}, Visibility: "SOMETIMES"}, time.Now().Add(time.Hour)); !apperr.Is(err, apperr.BadInput) {
			t.Errorf("an unknown visibility: %v, want BadInput", err)
		}
		day := time.Now().Add(72 * time.Hour).UTC().Truncate(24 * time.Hour).Add(time.Hour)
		for i := range scheduling.MaxDaily {
			if _, err := s.Schedule(t.Context(), alice.ID, in, day.Add(time.Duration(i)*time.Minute)); err != nil {
				t.Fatalf("status %d of the day: %v", i, err)
			}
		}
		if _, err := s.Schedule(t.Context(), alice.ID, in, day.Add(2*time.Hour)); !apperr.Is(err, apperr.BadInput) {
			t.Errorf("one more that day: %v, want BadInput", err)
		}
		if _, err := s.Schedule(t.Context(), alice.ID, in, day.Add(24*time.Hour)); err != nil {
			t.Errorf("the next day: %v", err)
		}
	})
}
