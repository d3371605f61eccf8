package statuses_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
	"github.com/fedigraph/fedigraph/mastoapi"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// newServer is the Mastodon API with a job queue that takes jobs (the posting itself
// is graph/scheduling's to test).
func newServer(t *testing.T, db *store.DB) *mastotest.Server {
	q, err := jobs.New(context.Background(), db, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	res := graph.NewResolver(graph.Deps{
		DB: db, Hub: hub.New(), Jobs: q,
		Settings: graph.Settings{URIs: uris.Builder{Protocol: "https", Host: testrig.TestHost}, MaxStatusChars: mastotest.MaxStatusChars, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4},
	})
	r := chi.NewRouter()
	r.Use((&auth.Authenticator{DB: db.Client}).Middleware)
	mastoapi.New(mastoapi.Deps{DB: db, Resolver: res}).Mount(r)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return &mastotest.Server{T: t, DB: db, Resolver: res, URL: srv.URL}
}

type scheduledJSON struct {
	ID          string `json:"id"`
	ScheduledAt string `json:"scheduled_at"`
	Params      struct {
		Text        string  `json:"text"`
		Visibility  string  `json:"visibility"`
		SpoilerText *string `json:"spoiler_text"`
		Poll        *struct {
			Options   []string `json:"options"`
			ExpiresIn string   `json:"expires_in"`
		} `json:"poll"`
	} `json:"params"`
	MediaAttachments []any `json:"media_attachments"`
}

func TestScheduledStatuses(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		at := time.Now().Add(2 * time.Hour).UTC().Truncate(time.Second)
		var sch scheduledJSON
		s.Post("/api/v1/statuses", alice.Token, mastotest.Form{
			"status": {"tomorrow's news"}, "visibility": {"unlisted"}, "spoiler_text": {"cw"},
			"poll[options][]": {"yes", "no"}, "poll[expires_in]": {"3600"},
			"scheduled_at": {at.Format(time.RFC3339)},
		}).OK(&sch)
		if sch.ID == "" || sch.Params.Text != "tomorrow's news" || sch.Params.Visibility != "unlisted" ||
			sch.Params.SpoilerText == nil || *sch.Params.SpoilerText != "cw" || sch.Params.Poll == nil ||
			sch.Params.Poll.ExpiresIn != "3600" || sch.MediaAttachments == nil {
			t.Fatalf("scheduled %+v", sch)
		}
		if got, err := time.Parse(time.RFC3339, sch.ScheduledAt); err != nil || !got.Equal(at) {
			t.Errorf("scheduled_at %q, want %s", sch.ScheduledAt, at)
		}
		// Nothing is posted yet.
		var statuses []any
		s.Get("/api/v1/accounts/"+alice.ID+"/statuses", alice.Token).OK(&statuses)
		if len(statuses) != 0 {
			t.Errorf("%d statuses posted already", len(statuses))
		}

		bad := map[string]mastotest.Form{
			"too soon":       {"status": {"x"}, "scheduled_at": {time.Now().Add(time.Minute).Format(time.RFC3339)}},
			"not a time":     {"status": {"x"}, "scheduled_at": {"tomorrow"}},
			"over-long text": {"status": {strings.Repeat("a", mastotest.MaxStatusChars+1)}, "scheduled_at": {at.Format(time.RFC3339)}},
		}
		for name, f := range bad {
			if r := s.Post("/api/v1/statuses", alice.Token, f); r.Status != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d %s, want 422", name, r.Status, r.Body)
			}
		}

		second := s.Post("/api/v1/statuses", alice.Token, mastotest.Form{"status": {"later still"}, "scheduled_at": {at.Add(time.Hour).Format(time.RFC3339)}})
		var later scheduledJSON
		second.OK(&later)
		ids, _ := s.Page("/api/v1/scheduled_statuses", alice.Token)
		if !slices.Equal(ids, []string{later.ID, sch.ID}) {
			t.Errorf("list %v, want the later-made first", ids)
		}
		if walked, pages := s.Walk("/api/v1/scheduled_statuses?limit=1", alice.Token, "next", 1); len(walked) != 2 || pages != 2 {
			t.Errorf("walked %v in %d pages", walked, pages)
		}
		if ids, _ := s.Page("/api/v1/scheduled_statuses", bob.Token); len(ids) != 0 {
			t.Errorf("bob sees %v", ids)
		}

		var one scheduledJSON
		s.Get("/api/v1/scheduled_statuses/"+sch.ID, alice.Token).OK(&one)
		if one.ID != sch.ID {
			t.Errorf("get %+v", one)
		}
		s.Get("/api/v1/scheduled_statuses/"+sch.ID, bob.Token).ErrorIs(http.StatusNotFound, "Record not found")

		moved := at.Add(24 * time.Hour)
		s.Put("/api/v1/scheduled_statuses/"+sch.ID, alice.Token, mastotest.Form{"scheduled_at": {moved.Format(time.RFC3339)}}).OK(&one)
		if got, _ := time.Parse(time.RFC3339, one.ScheduledAt); !got.Equal(moved) {
			t.Errorf("rescheduled to %q, want %s", one.ScheduledAt, moved)
		}
		s.Put("/api/v1/scheduled_statuses/"+sch.ID, bob.Token, mastotest.Form{"scheduled_at": {moved.Format(time.RFC3339)}}).ErrorIs(http.StatusNotFound, "Record not found")

		var empty map[string]any
		s.Delete("/api/v1/scheduled_statuses/"+sch.ID, alice.Token, nil).OK(&empty)
		s.Get("/api/v1/scheduled_statuses/"+sch.ID, alice.Token).ErrorIs(http.StatusNotFound, "Record not found")

		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/scheduled_statuses", Scope: "read:statuses", Lacking: "write"},
			{Method: "GET", Path: "/api/v1/scheduled_statuses/" + later.ID, Scope: "read:statuses", Lacking: "write"},
			{Method: "PUT", Path: "/api/v1/scheduled_statuses/" + later.ID, Scope: "write:statuses", Lacking: "read"},
			{Method: "DELETE", Path: "/api/v1/scheduled_statuses/" + later.ID, Scope: "write:statuses", Lacking: "read"},
		})
	})
}
