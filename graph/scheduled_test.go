package graph_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// TestScheduledStatuses schedules, lists, moves and cancels through GraphQL, over the
// rows /api/v1/scheduled_statuses serves (the posting itself is graph/scheduling's).
func TestScheduledStatuses(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		q, err := jobs.New(context.Background(), db, jobs.Config{})
		if err != nil {
			t.Fatal(err)
		}
		a := &auth.Authenticator{DB: db.Client}
		res := graph.NewResolver(graph.Deps{DB: db, Hub: hub.New(), Jobs: q, Settings: graph.Settings{
			URIs: uris.Builder{Protocol: "https", Host: testrig.TestHost}, MaxStatusChars: testMaxChars, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4,
		}})
		srv := httptest.NewServer(a.Middleware(graph.NewHandler(res, graph.HandlerOptions{MaxDepth: 10, MaxComplexity: 2000, Authenticator: a})))
		t.Cleanup(srv.Close)
		s := &server{t: t, db: db, url: srv.URL}
		at := testrig.Token(t, db, testrig.LocalAccount(t, db, "alice"), "read write")
		when := time.Now().Add(2 * time.Hour).UTC().Truncate(time.Second)
		var made struct {
			ScheduleStatus struct {
				ID          string
				ScheduledAt time.Time
				Text        string
				Visibility  string
			}
		}
		s.must(at, `mutation($at: Time!) { scheduleStatus(input: {text: "later", visibility: UNLISTED}, scheduledAt: $at) { id scheduledAt text visibility } }`,
			map[string]any{"at": when.Format(time.RFC3339)}, &made)
		m := made.ScheduleStatus
		if m.ID == "" || !m.ScheduledAt.Equal(when) || m.Text != "later" || m.Visibility != "UNLISTED" {
			t.Fatalf("scheduled %+v", m)
		}
		if r := s.do(at, `mutation($at: Time!) { scheduleStatus(input: {text: "x"}, scheduledAt: $at) { id } }`,
			map[string]any{"at": time.Now().Add(time.Minute).Format(time.RFC3339)}); r.code() != "BAD_USER_INPUT" {
			t.Errorf("too soon: %+v", r.Errors)
		}
		var list struct {
			ScheduledStatuses struct {
				TotalCount int
				Edges      []struct{ Node struct{ ID string } }
			}
		}
		s.must(at, `{ scheduledStatuses { totalCount edges { node { id } } } }`, nil, &list)
		if list.ScheduledStatuses.TotalCount != 1 || list.ScheduledStatuses.Edges[0].Node.ID != m.ID {
			t.Errorf("listed %+v", list)
		}
		later := when.Add(time.Hour)
		var moved struct {
			RescheduleStatus struct{ ScheduledAt time.Time }
		}
		s.must(at, `mutation($id: ID!, $at: Time!) { rescheduleStatus(id: $id, scheduledAt: $at) { scheduledAt } }`,
			map[string]any{"id": m.ID, "at": later.Format(time.RFC3339)}, &moved)
		if !moved.RescheduleStatus.ScheduledAt.Equal(later) {
			t.Errorf("moved to %s, want %s", moved.RescheduleStatus.ScheduledAt, later)
		}
		s.must(at, `mutation($id: ID!) { cancelScheduledStatus(id: $id) }`, map[string]any{"id": m.ID}, nil)
		if r := s.do(at, `mutation($id: ID!) { cancelScheduledStatus(id: $id) }`, map[string]any{"id": m.ID}); r.code() != "NOT_FOUND" {
			t.Errorf("cancelling twice: %+v", r.Errors)
		}
	})
}
