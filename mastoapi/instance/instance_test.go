package instance_test

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

func newServer(t *testing.T, db *store.DB) *mastotest.Server {
	return mastotest.New(t, db, func(s *graph.Settings) {
		s.Title = "Test Garden"
		s.Description = "A small server for tests."
		s.Languages = []string{"en", "de"}
	})
}

// object is a JSON object as decoded, for checking shapes.
type object = map[string]any

// keysOf lists the object's keys, sorted.
func keysOf(o any) []string {
	m, _ := o.(object)
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sorted(keys ...string) []string {
	slices.Sort(keys)
	return keys
}

// at walks into nested objects.
func at(o object, path ...string) any {
	var v any = o
	for _, p := range path {
		v = v.(object)[p]
	}
	return v
}

func TestInstanceV2(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := s.User("alice")
		s.Status(alice, "one")
		db.Rule.Create().SetText("Be kind").SetHint("to everyone").ExecX(t.Context())

		var v2 object
		s.Get("/api/v2/instance", "").OK(&v2)
		wantKeys := sorted("domain", "title", "version", "source_url", "description", "usage", "thumbnail",
			"icon", "languages", "configuration", "registrations", "api_versions", "contact", "rules")
		if got := keysOf(v2); !slices.Equal(got, wantKeys) {
			t.Errorf("v2 keys %v, want %v", got, wantKeys)
		}
		wantConfig := sorted("urls", "accounts", "statuses", "media_attachments", "polls", "translation", "vapid")
		if got := keysOf(v2["configuration"]); !slices.Equal(got, wantConfig) {
			t.Errorf("v2 configuration keys %v, want %v", got, wantConfig)
		}
		if key, _ := at(v2, "configuration", "vapid", "public_key").(string); len(key) != 87 {
			t.Errorf("configuration.vapid.public_key %q, want the instance's Web Push key", key)
		}
		values := []struct {
			path []string
			want any
		}{
			{[]string{"domain"}, testrig.TestHost},
			{[]string{"title"}, "Test Garden"},
			{[]string{"description"}, "A small server for tests."},
			{[]string{"version"}, "4.3.0 (compatible; fedigraph 0.1)"},
			{[]string{"usage", "users", "active_month"}, 0.0},
			{[]string{"configuration", "urls", "streaming"}, "wss://" + testrig.TestHost},
			{[]string{"configuration", "statuses", "max_characters"}, float64(mastotest.MaxStatusChars)},
			{[]string{"configuration", "statuses", "max_media_attachments"}, 4.0},
			{[]string{"configuration", "statuses", "characters_reserved_per_url"}, 23.0},
			{[]string{"configuration", "accounts", "max_pinned_statuses"}, 5.0},
			{[]string{"configuration", "polls", "max_options"}, 4.0},
			{[]string{"configuration", "polls", "max_characters_per_option"}, 50.0},
			{[]string{"configuration", "polls", "min_expiration"}, 300.0},
			{[]string{"configuration", "translation", "enabled"}, false},
			{[]string{"registrations", "enabled"}, false},
			{[]string{"registrations", "approval_required"}, false},
			{[]string{"api_versions", "mastodon"}, 2.0},
			{[]string{"contact", "account"}, nil},
		}
		for _, c := range values {
			if got := at(v2, c.path...); got != c.want {
				t.Errorf("v2 %v = %#v, want %#v", c.path, got, c.want)
			}
		}
		if langs, _ := json.Marshal(v2["languages"]); string(langs) != `["en","de"]` {
			t.Errorf("languages %s", langs)
		}
		rules, _ := json.Marshal(v2["rules"])
		var rs []struct{ ID, Text, Hint string }
		json.Unmarshal(rules, &rs)
		if len(rs) != 1 || rs[0].ID == "" || rs[0].Text != "Be kind" || rs[0].Hint != "to everyone" {
			t.Errorf("rules %s", rules)
		}
		if u, _ := at(v2, "thumbnail", "url").(string); u == "" {
			t.Errorf("thumbnail %v, want a URL", v2["thumbnail"])
		}
	})
}

func TestInstanceV1(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := s.User("alice")
		s.User("bob")
		s.Status(alice, "one")
		s.Status(alice, "two")
		testrig.RemoteAccount(t, db, "zed", "far.example")

		var v1 object
		s.Get("/api/v1/instance", "").OK(&v1)
		wantKeys := sorted("uri", "title", "short_description", "description", "email", "version", "urls",
			"stats", "thumbnail", "languages", "registrations", "approval_required", "invites_enabled",
			"configuration", "contact_account", "rules")
		if got := keysOf(v1); !slices.Equal(got, wantKeys) {
			t.Errorf("v1 keys %v, want %v", got, wantKeys)
		}
		values := []struct {
			path []string
			want any
		}{
			{[]string{"uri"}, testrig.TestHost},
			{[]string{"title"}, "Test Garden"},
			{[]string{"short_description"}, "A small server for tests."},
			{[]string{"version"}, "4.3.0 (compatible; fedigraph 0.1)"},
			{[]string{"urls", "streaming_api"}, "wss://" + testrig.TestHost},
			{[]string{"stats", "user_count"}, 2.0},
			{[]string{"stats", "status_count"}, 2.0},
			{[]string{"stats", "domain_count"}, 1.0},
			{[]string{"registrations"}, false},
			{[]string{"contact_account"}, nil},
			{[]string{"configuration", "statuses", "max_characters"}, float64(mastotest.MaxStatusChars)},
		}
		for _, c := range values {
			if got := at(v1, c.path...); got != c.want {
				t.Errorf("v1 %v = %#v, want %#v", c.path, got, c.want)
			}
		}
		if _, ok := v1["thumbnail"].(string); !ok {
			t.Errorf("v1 thumbnail %#v, want a URL string", v1["thumbnail"])
		}
	})
}

func TestCatalogAndEmptyFeatures(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := s.User("alice")
		ctx := t.Context()
		db.Rule.Create().SetText("Second").SetPosition(2).ExecX(ctx)
		db.Rule.Create().SetText("First").SetPosition(1).ExecX(ctx)
		db.CustomEmoji.Create().SetShortcode("wave").SetImagePath("emoji/wave.png").SetCategory("hands").ExecX(ctx)
		db.CustomEmoji.Create().SetShortcode("gone").SetImagePath("emoji/gone.png").SetDisabled(true).ExecX(ctx)

		var rules []struct{ Text string }
		s.Get("/api/v1/instance/rules", "").OK(&rules)
		if len(rules) != 2 || rules[0].Text != "First" || rules[1].Text != "Second" {
			t.Errorf("rules %+v, want First, Second", rules)
		}
		var emojis []struct {
			Shortcode       string `json:"shortcode"`
			URL             string `json:"url"`
			StaticURL       string `json:"static_url"`
			VisibleInPicker bool   `json:"visible_in_picker"`
			Category        string `json:"category"`
		}
		s.Get("/api/v1/custom_emojis", "").OK(&emojis)
		if len(emojis) != 1 || emojis[0].Shortcode != "wave" || emojis[0].URL != mastotest.PublicBase+"/media/emoji/wave.png" ||
			emojis[0].StaticURL != emojis[0].URL || !emojis[0].VisibleInPicker || emojis[0].Category != "hands" {
			t.Errorf("custom emoji %+v, want only wave with its URL", emojis)
		}

		empty := []struct {
			path  string
			token string
		}{
			{"/api/v1/instance/peers", ""},
			{"/api/v1/instance/activity", ""},
			{"/api/v1/trends", ""},
			{"/api/v1/trends/tags", ""},
			{"/api/v1/trends/statuses", ""},
			{"/api/v1/trends/links", alice.Token},
			{"/api/v1/suggestions", alice.Token},
			{"/api/v2/suggestions", alice.Token},
			{"/api/v1/announcements", alice.Token},
		}
		for _, c := range empty {
			if r := s.Get(c.path, c.token).OK(nil); string(r.Body) != "[]\n" {
				t.Errorf("%s: %q, want []", c.path, r.Body)
			}
		}
	})
}

func TestInstanceGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := s.User("alice")
		// What the server says about itself is public; a bad token is still refused.
		for _, p := range []string{"/api/v1/instance", "/api/v2/instance", "/api/v1/instance/rules", "/api/v1/custom_emojis", "/api/v1/trends"} {
			s.Get(p, "not-a-token").ErrorIs(http.StatusUnauthorized, mastotest.InvalidToken)
			s.Get(p, s.AppToken("read")).OK(nil)
		}
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/suggestions", Scope: "read:accounts", Lacking: "write"},
			{Method: "GET", Path: "/api/v2/suggestions", Scope: "read", Lacking: "read:statuses"},
			{Method: "GET", Path: "/api/v1/announcements", Scope: "read", Lacking: "read:accounts"},
		})
	})
}
