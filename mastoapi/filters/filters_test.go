package filters_test

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strings"
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

// filterJSON is the v2 Filter entity as a client reads it.
type filterJSON struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	Context      []string `json:"context"`
	ExpiresAt    *string  `json:"expires_at"`
	FilterAction string   `json:"filter_action"`
	Keywords     []struct {
		ID        string `json:"id"`
		Keyword   string `json:"keyword"`
		WholeWord bool   `json:"whole_word"`
	} `json:"keywords"`
	Statuses []struct {
		ID       string `json:"id"`
		StatusID string `json:"status_id"`
	} `json:"statuses"`
}

func (f filterJSON) words() []string {
	out := []string{}
	for _, k := range f.Keywords {
		w := k.Keyword
		if !k.WholeWord {
			w += "*"
		}
		out = append(out, w)
	}
	return out
}

// v1JSON is the v1 Filter entity.
type v1JSON struct {
	ID           string   `json:"id"`
	Phrase       string   `json:"phrase"`
	Context      []string `json:"context"`
	ExpiresAt    *string  `json:"expires_at"`
	Irreversible bool     `json:"irreversible"`
	WholeWord    bool     `json:"whole_word"`
}

// keys are the members of a JSON object.
func keys(t *testing.T, raw []byte) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestFilterLifecycle(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")

		// As masto.js sends it.
		var f filterJSON
		r := s.Post("/api/v2/filters", alice.Token, map[string]any{
			"title": "Spoilers", "context": []string{"home", "public"}, "filter_action": "hide", "expires_in": 86400,
			"keywords_attributes": []map[string]any{{"keyword": "finale"}, {"keyword": "ending", "whole_word": false}},
		}).OK(&f)
		if got := keys(t, r.Body); !slices.Equal(got, []string{"context", "expires_at", "filter_action", "id", "keywords", "statuses", "title"}) {
			t.Errorf("filter members %v", got)
		}
		if f.Title != "Spoilers" || !slices.Equal(f.Context, []string{"home", "public"}) || f.FilterAction != "hide" ||
			f.ExpiresAt == nil || !slices.Equal(f.words(), []string{"finale", "ending*"}) || f.Statuses == nil || len(f.Statuses) != 0 {
			t.Errorf("created %+v", f)
		}

		// A form update: drop one keyword, change another, add one, clear the expiry.
		s.Put("/api/v2/filters/"+f.ID, alice.Token, mastotest.Form{
			"title": {"Show spoilers"}, "filter_action": {"warn"}, "expires_in": {""},
			"keywords_attributes[0][id]": {f.Keywords[0].ID}, "keywords_attributes[0][keyword]": {"season finale"},
			"keywords_attributes[1][id]": {f.Keywords[1].ID}, "keywords_attributes[1][_destroy]": {"1"},
			"keywords_attributes[2][keyword]": {"twist"}, "keywords_attributes[2][whole_word]": {"false"},
		}).OK(&f)
		if f.Title != "Show spoilers" || f.FilterAction != "warn" || f.ExpiresAt != nil ||
			!slices.Equal(f.Context, []string{"home", "public"}) || !slices.Equal(f.words(), []string{"season finale", "twist*"}) {
			t.Errorf("updated %+v", f)
		}

		var list []filterJSON
		s.Get("/api/v2/filters", alice.Token).OK(&list)
		if len(list) != 1 || list[0].ID != f.ID {
			t.Errorf("alice's filters %+v", list)
		}
		s.Get("/api/v2/filters", bob.Token).OK(&list)
		if len(list) != 0 {
			t.Errorf("bob sees %+v", list)
		}
		s.Get("/api/v2/filters/"+f.ID, bob.Token).ErrorIs(http.StatusNotFound, "Record not found")
		s.Put("/api/v2/filters/"+f.ID, bob.Token, mastotest.Form{"title": {"mine"}}).ErrorIs(http.StatusNotFound, "Record not found")
		s.Delete("/api/v2/filters/"+f.ID, bob.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")

		var gone map[string]any
		s.Delete("/api/v2/filters/"+f.ID, alice.Token, nil).OK(&gone)
		if len(gone) != 0 {
			t.Errorf("DELETE answered %v, want {}", gone)
		}
		s.Get("/api/v2/filters/"+f.ID, alice.Token).ErrorIs(http.StatusNotFound, "Record not found")
	})
}

func TestKeywordsInRailsListForm(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		var f filterJSON
		s.Post("/api/v2/filters", alice.Token, mastotest.Form{
			"title": {"words"}, "context[]": {"thread"},
			"keywords_attributes[][keyword]":    {"one", "two"},
			"keywords_attributes[][whole_word]": {"true", "false"},
		}).OK(&f)
		if !slices.Equal(f.words(), []string{"one", "two*"}) || f.FilterAction != "warn" {
			t.Errorf("created %+v", f)
		}
	})
}

func TestFilterRefusals(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		for name, form := range map[string]mastotest.Form{
			"no title":           {"context[]": {"home"}},
			"no context":         {"title": {"x"}},
			"an unknown context": {"title": {"x"}, "context[]": {"home", "dms"}},
			"an unknown action":  {"title": {"x"}, "context[]": {"home"}, "filter_action": {"delete"}},
			"expiry in words":    {"title": {"x"}, "context[]": {"home"}, "expires_in": {"tomorrow"}},
			"a blank keyword":    {"title": {"x"}, "context[]": {"home"}, "keywords_attributes[0][keyword]": {" "}},
		} {
			t.Run(name, func(t *testing.T) {
				s.Post("/api/v2/filters", alice.Token, form).ErrorIs(http.StatusUnprocessableEntity, "")
			})
		}
		var list []filterJSON
		s.Get("/api/v2/filters", alice.Token).OK(&list)
		if len(list) != 0 {
			t.Errorf("refused filters were stored: %+v", list)
		}
	})
}

func TestKeywordAndStatusRoutes(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		var f filterJSON
		s.Post("/api/v2/filters", alice.Token, mastotest.Form{"title": {"x"}, "context[]": {"home"}}).OK(&f)

		var k struct {
			ID        string `json:"id"`
			Keyword   string `json:"keyword"`
			WholeWord bool   `json:"whole_word"`
		}
		s.Post("/api/v2/filters/"+f.ID+"/keywords", alice.Token, mastotest.Form{"keyword": {"cat"}, "whole_word": {"false"}}).OK(&k)
		if k.Keyword != "cat" || k.WholeWord {
			t.Errorf("added %+v", k)
		}
		s.Put("/api/v2/filters/keywords/"+k.ID, alice.Token, mastotest.Form{"whole_word": {"true"}}).OK(&k)
		if k.Keyword != "cat" || !k.WholeWord {
			t.Errorf("updated %+v", k)
		}
		s.Get("/api/v2/filters/keywords/"+k.ID, alice.Token).OK(&k)
		var ks []struct{ Keyword string }
		s.Get("/api/v2/filters/"+f.ID+"/keywords", alice.Token).OK(&ks)
		if len(ks) != 1 || ks[0].Keyword != "cat" {
			t.Errorf("keywords %+v", ks)
		}
		s.Get("/api/v2/filters/keywords/"+k.ID, bob.Token).ErrorIs(http.StatusNotFound, "Record not found")
		s.Delete("/api/v2/filters/keywords/"+k.ID, alice.Token, nil).OK(nil)
		s.Get("/api/v2/filters/keywords/"+k.ID, alice.Token).ErrorIs(http.StatusNotFound, "Record not found")

		bobs := s.Status(bob, "hello")
		private := s.Status(bob, "followers only", "visibility", "private")
		var fs struct {
			ID       string `json:"id"`
			StatusID string `json:"status_id"`
		}
		s.Post("/api/v2/filters/"+f.ID+"/statuses", alice.Token, mastotest.Form{"status_id": {bobs}}).OK(&fs)
		if fs.StatusID != bobs {
			t.Errorf("added %+v", fs)
		}
		s.Post("/api/v2/filters/"+f.ID+"/statuses", alice.Token, mastotest.Form{"status_id": {bobs}}).ErrorIs(http.StatusUnprocessableEntity, "")
		s.Post("/api/v2/filters/"+f.ID+"/statuses", alice.Token, mastotest.Form{"status_id": {private}}).ErrorIs(http.StatusNotFound, "Record not found")
		s.Get("/api/v2/filters/statuses/"+fs.ID, alice.Token).OK(nil)
		var list []struct {
			StatusID string `json:"status_id"`
		}
		s.Get("/api/v2/filters/"+f.ID+"/statuses", alice.Token).OK(&list)
		if len(list) != 1 || list[0].StatusID != bobs {
			t.Errorf("statuses %+v", list)
		}
		s.Delete("/api/v2/filters/statuses/"+fs.ID, bob.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
		s.Delete("/api/v2/filters/statuses/"+fs.ID, alice.Token, nil).OK(nil)
		s.Get("/api/v2/filters/statuses/"+fs.ID, alice.Token).ErrorIs(http.StatusNotFound, "Record not found")
	})
}

func TestStatusesCarryWhatTheyMatch(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		s.Post("/api/v1/accounts/"+bob.ID+"/follow", alice.Token, nil).OK(nil)
		var f filterJSON
		s.Post("/api/v2/filters", alice.Token, map[string]any{
			"title": "No spoilers", "context": []string{"home"}, "filter_action": "hide",
			"keywords_attributes": []map[string]any{{"keyword": "spoiler"}},
		}).OK(&f)
		plain := s.Status(bob, "just lunch")
		spoiler := s.Status(bob, "SPOILER: it was the butler")
		var named filterJSON
		s.Post("/api/v2/filters", alice.Token, mastotest.Form{"title": {"that one"}, "context[]": {"thread"}}).OK(&named)
		s.Post("/api/v2/filters/"+named.ID+"/statuses", alice.Token, mastotest.Form{"status_id": {plain}}).OK(nil)

		var home []struct {
			ID       string            `json:"id"`
			Filtered []json.RawMessage `json:"filtered"`
		}
		s.Get("/api/v1/timelines/home", alice.Token).OK(&home)
		if len(home) != 2 || home[0].ID != spoiler || home[1].ID != plain {
			t.Fatalf("home %+v", home)
		}
		if len(home[0].Filtered) != 1 {
			t.Fatalf("the spoiler carries %d filter results, want 1", len(home[0].Filtered))
		}
		if got := keys(t, home[0].Filtered[0]); !slices.Equal(got, []string{"filter", "keyword_matches", "status_matches"}) {
			t.Errorf("filter result members %v", got)
		}
		var result struct {
			Filter         json.RawMessage `json:"filter"`
			KeywordMatches []string        `json:"keyword_matches"`
			StatusMatches  []string        `json:"status_matches"`
		}
		json.Unmarshal(home[0].Filtered[0], &result)
		if got := keys(t, result.Filter); !slices.Equal(got, []string{"context", "expires_at", "filter_action", "id", "title"}) {
			t.Errorf("a result's filter has members %v, want no keywords or statuses", got)
		}
		var rf filterJSON
		json.Unmarshal(result.Filter, &rf)
		if rf.ID != f.ID || rf.FilterAction != "hide" || !slices.Equal(result.KeywordMatches, []string{"spoiler"}) || result.StatusMatches != nil {
			t.Errorf("result %+v (filter %+v)", result, rf)
		}
		if len(home[1].Filtered) != 1 || !strings.Contains(string(home[1].Filtered[0]), `"status_matches":["`+plain+`"]`) {
			t.Errorf("the named status: %s", home[1].Filtered)
		}
		// bob has no filters: the same statuses carry none for him.
		s.Get("/api/v1/timelines/home", bob.Token).OK(&home)
		for _, st := range home {
			if st.Filtered == nil || len(st.Filtered) != 0 {
				t.Errorf("bob's view of %s: filtered %v, want []", st.ID, st.Filtered)
			}
		}
	})
}

func TestV1Filters(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		var v1 v1JSON
		r := s.Post("/api/v1/filters", alice.Token, mastotest.Form{
			"phrase": {"cats"}, "context[]": {"home", "notifications"}, "irreversible": {"true"}, "whole_word": {"false"}, "expires_in": {"3600"},
		}).OK(&v1)
		if got := keys(t, r.Body); !slices.Equal(got, []string{"context", "expires_at", "id", "irreversible", "phrase", "whole_word"}) {
			t.Errorf("v1 filter members %v", got)
		}
		if v1.Phrase != "cats" || !v1.Irreversible || v1.WholeWord || v1.ExpiresAt == nil || !slices.Equal(v1.Context, []string{"home", "notifications"}) {
			t.Errorf("created %+v", v1)
		}
		// It is a v2 filter titled after its phrase.
		var v2 []filterJSON
		s.Get("/api/v2/filters", alice.Token).OK(&v2)
		if len(v2) != 1 || v2[0].Title != "cats" || v2[0].FilterAction != "hide" || len(v2[0].Keywords) != 1 || v2[0].Keywords[0].ID != v1.ID {
			t.Fatalf("as v2: %+v", v2)
		}
		s.Put("/api/v1/filters/"+v1.ID, alice.Token, mastotest.Form{"phrase": {"kittens"}, "context[]": {"public"}, "irreversible": {"false"}}).OK(&v1)
		if v1.Phrase != "kittens" || v1.Irreversible || !slices.Equal(v1.Context, []string{"public"}) {
			t.Errorf("updated %+v", v1)
		}

		// A v2 filter with two keywords shows as two v1 filters, whose shared settings
		// the v1 API may not change.
		var shared filterJSON
		s.Post("/api/v2/filters", alice.Token, map[string]any{
			"title": "pets", "context": []string{"home"},
			"keywords_attributes": []map[string]any{{"keyword": "dog"}, {"keyword": "bird"}},
		}).OK(&shared)
		var all []v1JSON
		s.Get("/api/v1/filters", alice.Token).OK(&all)
		var phrases []string
		for _, f := range all {
			phrases = append(phrases, f.Phrase)
		}
		if !slices.Equal(phrases, []string{"kittens", "dog", "bird"}) {
			t.Errorf("v1 filters %v", phrases)
		}
		dog := shared.Keywords[0].ID
		s.Put("/api/v1/filters/"+dog, alice.Token, mastotest.Form{"context[]": {"public"}}).
			ErrorIs(http.StatusUnprocessableEntity, "These parameters cannot be changed from this application because they apply to more than one filter keyword. Use a more recent application or the web interface.")
		s.Put("/api/v1/filters/"+dog, alice.Token, mastotest.Form{"phrase": {"puppy"}}).OK(&v1)
		if v1.Phrase != "puppy" {
			t.Errorf("renamed keyword: %+v", v1)
		}
		s.Get("/api/v1/filters/"+dog, alice.Token).OK(&v1)
		s.Delete("/api/v1/filters/"+dog, alice.Token, nil).OK(nil)
		s.Get("/api/v1/filters/"+dog, alice.Token).ErrorIs(http.StatusNotFound, "Record not found")
	})
}

func TestGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		var f filterJSON
		s.Post("/api/v2/filters", alice.Token, mastotest.Form{"title": {"x"}, "context[]": {"home"}}).OK(&f)
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v2/filters", Scope: "read:filters", Lacking: "write"},
			{Method: "GET", Path: "/api/v2/filters/" + f.ID, Scope: "read", Lacking: "read:statuses"},
			{Method: "POST", Path: "/api/v2/filters", Scope: "write:filters", Lacking: "read"},
			{Method: "DELETE", Path: "/api/v2/filters/" + f.ID, Scope: "write:filters", Lacking: "read:filters"},
			{Method: "GET", Path: "/api/v1/filters", Scope: "read:filters", Lacking: "write:filters"},
			{Method: "POST", Path: "/api/v1/filters", Scope: "write:filters", Lacking: "read:filters"},
		})
	})
}
