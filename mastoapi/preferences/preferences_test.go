package preferences_test

import (
	"os"
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

func TestPreferencesFollowTheUsersDefaults(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		read := func() map[string]any {
			t.Helper()
			var p map[string]any
			s.Get("/api/v1/preferences", alice.Token).OK(&p)
			return p
		}
		want := map[string]any{
			"posting:default:visibility": "public",
			"posting:default:sensitive":  false,
			"posting:default:language":   nil,
			"reading:expand:media":       "default",
			"reading:expand:spoilers":    false,
		}
		check := func(got map[string]any) {
			t.Helper()
			if len(got) != len(want) {
				t.Errorf("preferences %v, want exactly the keys of %v", got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s = %v, want %v", k, got[k], v)
				}
			}
		}
		check(read())

		// Changing the defaults where apps change them shows here.
		s.Call("PATCH", "/api/v1/accounts/update_credentials", alice.Token, mastotest.Form{
			"source[privacy]": {"private"}, "source[sensitive]": {"true"}, "source[language]": {"de"},
		}).OK(nil)
		want["posting:default:visibility"] = "private"
		want["posting:default:sensitive"] = true
		want["posting:default:language"] = "de"
		check(read())
	})
}

func TestPreferencesGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/preferences", Scope: "read:accounts", Lacking: "read:statuses"},
		})
	})
}
