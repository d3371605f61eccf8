package hidden_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/mute"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

func TestBlocksAndMutes(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		var blocked, muted []string
		for _, name := range []string{"b1", "b2", "b3"} {
			u := s.User(name)
			s.Post("/api/v1/accounts/"+u.ID+"/block", alice.Token, nil).OK(nil)
			blocked = append([]string{u.ID}, blocked...)
		}
		for _, name := range []string{"m1", "m2", "m3"} {
			u := s.User(name)
			s.Post("/api/v1/accounts/"+u.ID+"/mute", alice.Token, nil).OK(nil)
			muted = append([]string{u.ID}, muted...)
		}
		brief := s.User("brief")
		s.Post("/api/v1/accounts/"+brief.ID+"/mute", alice.Token, mastotest.Form{"duration": {"3600"}}).OK(nil)

		cases := []struct {
			path string
			want []string
		}{
			{"/api/v1/blocks", blocked},
			{"/api/v1/mutes", append([]string{brief.ID}, muted...)},
		}
		for _, c := range cases {
			got, pages := s.Walk(c.path+"?limit=2", alice.Token, "next", 2)
			if !slices.Equal(got, c.want) || pages != 2 {
				t.Errorf("%s: %v in %d pages, want %v in 2 (most recent first)", c.path, got, pages, c.want)
			}
			if got, _ := s.Page(c.path, s.User("nobody"+c.path[8:]).Token); len(got) != 0 {
				t.Errorf("%s of someone who hides nobody: %v", c.path, got)
			}
		}

		// Each muted account says when its mute ends: brief's in an hour, the others' never.
		var listed []struct {
			ID            string  `json:"id"`
			Username      string  `json:"username"`
			MuteExpiresAt *string `json:"mute_expires_at"`
		}
		r := s.Get("/api/v1/mutes", alice.Token).OK(&listed)
		if len(listed) != 4 || listed[0].ID != brief.ID || listed[0].MuteExpiresAt == nil || listed[0].Username != "brief" {
			t.Fatalf("mutes: %+v", listed)
		}
		if at, err := time.Parse(time.RFC3339, *listed[0].MuteExpiresAt); err != nil || at.Before(time.Now().Add(59*time.Minute)) || at.After(time.Now().Add(61*time.Minute)) {
			t.Errorf("brief's mute_expires_at %q, want in an hour", *listed[0].MuteExpiresAt)
		}
		if listed[1].MuteExpiresAt != nil || !strings.Contains(string(r.Body), `"mute_expires_at":null`) {
			t.Errorf("a mute without end: %+v, want mute_expires_at null", listed[1])
		}
		if strings.Contains(string(s.Get("/api/v1/blocks", alice.Token).Body), "mute_expires_at") {
			t.Error("blocked accounts carry mute_expires_at")
		}

		// A mute that has run out drops out; unblocking and unmuting remove.
		db.Mute.Update().Where(mute.TargetAccountID(brief.ID)).SetExpiresAt(time.Now().Add(-time.Second)).ExecX(t.Context())
		s.Post("/api/v1/accounts/"+blocked[0]+"/unblock", alice.Token, nil).OK(nil)
		s.Post("/api/v1/accounts/"+muted[0]+"/unmute", alice.Token, nil).OK(nil)
		if got, _ := s.Page("/api/v1/blocks", alice.Token); !slices.Equal(got, blocked[1:]) {
			t.Errorf("blocks after unblocking: %v, want %v", got, blocked[1:])
		}
		if got, _ := s.Page("/api/v1/mutes", alice.Token); !slices.Equal(got, muted[1:]) {
			t.Errorf("mutes after unmuting and one expiring: %v, want %v", got, muted[1:])
		}
	})
}

func TestHiddenGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/blocks", Scope: "read:blocks", Lacking: "read:mutes"},
			{Method: "GET", Path: "/api/v1/blocks", Scope: "follow", Lacking: "write:blocks"},
			{Method: "GET", Path: "/api/v1/mutes", Scope: "read:mutes", Lacking: "read:blocks"},
		})
	})
}
