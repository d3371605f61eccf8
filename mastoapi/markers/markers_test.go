package markers_test

import (
	"encoding/json"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

type markerJSON struct {
	LastReadID string     `json:"last_read_id"`
	Version    *int       `json:"version"`
	UpdatedAt  *time.Time `json:"updated_at"`
}

// markersJSON decodes into a fresh map each time: decoding into a used one would keep
// its old keys.
type markersJSON map[string]markerJSON

func (m *markersJSON) UnmarshalJSON(b []byte) error {
	fresh := map[string]markerJSON{}
	if err := json.Unmarshal(b, &fresh); err != nil {
		return err
	}
	*m = fresh
	return nil
}

const both = "/api/v1/markers?timeline[]=home&timeline[]=notifications"

func TestMarkersRoundTrip(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		var got markersJSON
		s.Get(both, alice.Token).OK(&got)
		if len(got) != 0 {
			t.Fatalf("markers before any save: %v, want {}", got)
		}

		// One app saves home as a form, another notifications as JSON.
		before := time.Now().Add(-time.Second)
		s.Post("/api/v1/markers", alice.Token, mastotest.Form{"home[last_read_id]": {"01HOME1"}}).OK(&got)
		if m, ok := got["home"]; !ok || len(got) != 1 || m.LastReadID != "01HOME1" || m.Version == nil || *m.Version != 0 ||
			m.UpdatedAt == nil || m.UpdatedAt.Before(before) {
			t.Errorf("first save answered %+v, want home at 01HOME1, version 0, updated now", got)
		}
		s.Post("/api/v1/markers", alice.Token, map[string]any{"notifications": map[string]string{"last_read_id": "01NOTE1"}}).OK(nil)
		s.Post("/api/v1/markers", alice.Token, mastotest.Form{"home[last_read_id]": {"01HOME2"}}).OK(&got)
		if m := got["home"]; m.LastReadID != "01HOME2" || *m.Version != 1 {
			t.Errorf("second save of home: %+v, want 01HOME2 at version 1", m)
		}

		cases := []struct {
			query string
			want  map[string]string // timeline → last read
		}{
			{both, map[string]string{"home": "01HOME2", "notifications": "01NOTE1"}},
			{"/api/v1/markers?timeline[]=notifications", map[string]string{"notifications": "01NOTE1"}},
			{"/api/v1/markers?timeline=home", map[string]string{"home": "01HOME2"}},
			{"/api/v1/markers?timeline[]=conversations", map[string]string{}},
			{"/api/v1/markers", map[string]string{}},
		}
		for _, c := range cases {
			s.Get(c.query, alice.Token).OK(&got)
			if len(got) != len(c.want) {
				t.Errorf("%s: %v, want %v", c.query, got, c.want)
			}
			for tl, last := range c.want {
				if got[tl].LastReadID != last {
					t.Errorf("%s: %s at %q, want %q", c.query, tl, got[tl].LastReadID, last)
				}
			}
		}
		// Markers are per account.
		s.Get(both, bob.Token).OK(&got)
		if len(got) != 0 {
			t.Errorf("bob's markers: %v, want {}", got)
		}
		// A body naming no timeline saves nothing; an empty position is refused.
		s.Post("/api/v1/markers", alice.Token, mastotest.Form{"conversations[last_read_id]": {"x"}}).OK(&got)
		if len(got) != 0 {
			t.Errorf("saving no known timeline answered %v, want {}", got)
		}
		s.Post("/api/v1/markers", alice.Token, mastotest.Form{"home[last_read_id]": {""}}).ErrorIs(http.StatusUnprocessableEntity, "")
		s.Get(both, alice.Token).OK(&got)
		if got["home"].LastReadID != "01HOME2" || *got["home"].Version != 1 {
			t.Errorf("refused save changed home: %+v", got["home"])
		}
	})
}

// The notifications marker is what the unread count counts from.
func TestNotificationsMarkerClearsTheBadge(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		s.Post("/api/v1/accounts/"+alice.ID+"/follow", bob.Token, nil).OK(nil)
		st := s.Status(alice, "hello")
		s.Post("/api/v1/statuses/"+st+"/favourite", bob.Token, nil).OK(nil)
		unread := func() int {
			var out struct{ Count int }
			s.Get("/api/v1/notifications/unread_count", alice.Token).OK(&out)
			return out.Count
		}
		if n := unread(); n != 2 {
			t.Fatalf("unread before marking: %d, want 2", n)
		}
		newest, _ := s.Page("/api/v1/notifications?limit=1", alice.Token)
		s.Post("/api/v1/markers", alice.Token, mastotest.Form{"notifications[last_read_id]": {newest[0]}}).OK(nil)
		if n := unread(); n != 0 {
			t.Errorf("unread after marking the newest read: %d, want 0", n)
		}
	})
}

func TestMarkerGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: both, Scope: "read:statuses", Lacking: "write"},
			{Method: "POST", Path: "/api/v1/markers", Scope: "write:statuses", Lacking: "read"},
		})
	})
}
