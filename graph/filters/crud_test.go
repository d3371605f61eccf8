package filters_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/filter"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/filters"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func keywords(f *ent.Filter) []string {
	out := []string{}
	for _, k := range f.Edges.Keywords {
		w := k.Keyword
		if !k.WholeWord {
			w += "*"
		}
		out = append(out, w)
	}
	return out
}

func TestCreateUpdateDelete(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		ctx := t.Context()
		sub := r.hub.Subscribe(ctx, hub.UserStream(r.alice.ID))
		defer sub.Close()
		changed := func() int {
			n := 0
			for {
				select {
				case d := <-sub.C:
					if d.Event.Kind == hub.FiltersChanged {
						n++
					}
				default:
					return n
				}
			}
		}

		f := r.create(filters.Input{
			Title: ptr("  Spoilers "), Context: []string{"home", "public", "home"}, ExpiresIn: ptr(3600),
			Keywords: []filters.KeywordInput{{Keyword: ptr("finale")}, {Keyword: ptr("ending"), WholeWord: ptr(false)}},
		})
		if f.Title != "Spoilers" || !slices.Equal(f.Context, []string{"home", "public"}) || f.Action != filter.ActionWARN ||
			f.ExpiresAt == nil || !f.ExpiresAt.Equal(r.now.Add(time.Hour).Truncate(time.Microsecond)) || !slices.Equal(keywords(f), []string{"finale", "ending*"}) {
			t.Errorf("created %+v with keywords %v", f, keywords(f))
		}
		if n := changed(); n != 1 {
			t.Errorf("%d filters_changed after create, want 1", n)
		}

		first, second := f.Edges.Keywords[0], f.Edges.Keywords[1]
		r.now = r.now.Add(time.Second)
		f, err := r.svc.Update(ctx, r.alice.ID, f.ID, filters.Input{
			Action: ptr(filter.ActionHIDE), ExpiresIn: ptr(0),
			Keywords: []filters.KeywordInput{
				{ID: first.ID, Keyword: ptr("season finale")},
				{ID: second.ID, Destroy: true},
				{Keyword: ptr("twist")},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		if f.Title != "Spoilers" || f.Action != filter.ActionHIDE || f.ExpiresAt != nil ||
			!slices.Equal(f.Context, []string{"home", "public"}) || !slices.Equal(keywords(f), []string{"season finale", "twist"}) {
			t.Errorf("updated %+v with keywords %v", f, keywords(f))
		}
		if got, _ := r.svc.List(ctx, r.alice.ID); len(got) != 1 || got[0].ID != f.ID {
			t.Errorf("alice's filters %v", got)
		}
		if got, _ := r.svc.List(ctx, r.bob.ID); len(got) != 0 {
			t.Errorf("bob sees alice's filters: %v", got)
		}
		if n := changed(); n != 1 {
			t.Errorf("%d filters_changed after update, want 1", n)
		}

		// A refused change leaves everything as it was and announces nothing.
		_, err = r.svc.Update(ctx, r.alice.ID, f.ID, filters.Input{Title: ptr("New"), Keywords: []filters.KeywordInput{{Keyword: ptr(" ")}}})
		if !apperr.Is(err, apperr.BadInput) {
			t.Errorf("blank keyword: %v", err)
		}
		if again, _ := r.svc.Get(ctx, r.alice.ID, f.ID); again.Title != "Spoilers" {
			t.Errorf("a refused update changed the title to %q", again.Title)
		}
		if n := changed(); n != 0 {
			t.Errorf("%d filters_changed after a refused update", n)
		}

		if err := r.svc.Delete(ctx, r.alice.ID, f.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := r.svc.Get(ctx, r.alice.ID, f.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("get after delete: %v", err)
		}
		if n := db.FilterKeyword.Query().CountX(ctx); n != 0 {
			t.Errorf("%d keywords left after the filter was deleted", n)
		}
	})
}

func TestCreateRefusals(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		home := []string{"home"}
		many := make([]filters.KeywordInput, filters.MaxKeywords+1)
		for i := range many {
			many[i] = filters.KeywordInput{Keyword: ptr(strings.Repeat("k", i+1))}
		}
		cases := []struct {
			name string
			in   filters.Input
			code apperr.Code
		}{
			{"no title", filters.Input{Context: home}, apperr.BadInput},
			{"a blank title", filters.Input{Title: ptr("  "), Context: home}, apperr.BadInput},
			{"a title too long", filters.Input{Title: ptr(strings.Repeat("t", 201)), Context: home}, apperr.BadInput},
			{"no context", filters.Input{Title: ptr("x")}, apperr.BadInput},
			{"an unknown context", filters.Input{Title: ptr("x"), Context: []string{"home", "everywhere"}}, apperr.BadInput},
			{"an unknown action", filters.Input{Title: ptr("x"), Context: home, Action: ptr(filter.Action("DELETE"))}, apperr.BadInput},
			{"a negative expiry", filters.Input{Title: ptr("x"), Context: home, ExpiresIn: ptr(-1)}, apperr.BadInput},
			{"a blank keyword", filters.Input{Title: ptr("x"), Context: home, Keywords: []filters.KeywordInput{{Keyword: ptr("")}}}, apperr.BadInput},
			{"a keyword too long", filters.Input{Title: ptr("x"), Context: home, Keywords: []filters.KeywordInput{{Keyword: ptr(strings.Repeat("k", 256))}}}, apperr.BadInput},
			{"too many keywords", filters.Input{Title: ptr("x"), Context: home, Keywords: many}, apperr.BadInput},
			{"a keyword that is not there", filters.Input{Title: ptr("x"), Context: home, Keywords: []filters.KeywordInput{{ID: "01NOSUCHKEYWORD00000000000", Keyword: ptr("k")}}}, apperr.NotFound},
		}
		for _, tc := range cases {
			if _, err := r.svc.Create(t.Context(), r.alice.ID, tc.in); !apperr.Is(err, tc.code) {
				t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
			}
		}
		if n := db.Filter.Query().CountX(t.Context()); n != 0 {
			t.Errorf("%d filters stored by refused requests", n)
		}
	})
}

func TestOthersFiltersAreNotFound(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		ctx := t.Context()
		st := r.post("<p>hi</p>", "")
		f := r.create(filters.Input{Title: ptr("x"), Context: []string{"home"}, Keywords: []filters.KeywordInput{{Keyword: ptr("k")}}})
		fs, err := r.svc.AddStatus(ctx, r.alice.ID, f.ID, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		kw := f.Edges.Keywords[0].ID
		bob := r.bob.ID
		for name, err := range map[string]error{
			"get":            func() error { _, err := r.svc.Get(ctx, bob, f.ID); return err }(),
			"update":         func() error { _, err := r.svc.Update(ctx, bob, f.ID, filters.Input{Title: ptr("mine")}); return err }(),
			"delete":         r.svc.Delete(ctx, bob, f.ID),
			"keywords":       func() error { _, err := r.svc.Keywords(ctx, bob, f.ID); return err }(),
			"keyword":        func() error { _, err := r.svc.Keyword(ctx, bob, kw); return err }(),
			"add keyword":    func() error { _, err := r.svc.AddKeyword(ctx, bob, f.ID, "x", nil); return err }(),
			"update keyword": func() error { _, err := r.svc.UpdateKeyword(ctx, bob, kw, ptr("y"), nil); return err }(),
			"delete keyword": r.svc.DeleteKeyword(ctx, bob, kw),
			"statuses":       func() error { _, err := r.svc.Statuses(ctx, bob, f.ID); return err }(),
			"status":         func() error { _, err := r.svc.Status(ctx, bob, fs.ID); return err }(),
			"add status":     func() error { _, err := r.svc.AddStatus(ctx, bob, f.ID, st.ID); return err }(),
			"remove status":  r.svc.RemoveStatus(ctx, bob, fs.ID),
		} {
			if !apperr.Is(err, apperr.NotFound) {
				t.Errorf("bob's %s of alice's filter: %v, want not found", name, err)
			}
		}
		if got, _ := r.svc.Get(ctx, r.alice.ID, f.ID); got.Title != "x" || len(got.Edges.Keywords) != 1 || len(got.Edges.Statuses) != 1 {
			t.Errorf("alice's filter after bob's attempts: %+v", got)
		}
	})
}

func TestKeywordsAndStatuses(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		ctx := t.Context()
		f := r.create(filters.Input{Title: ptr("x"), Context: []string{"thread"}})
		k, err := r.svc.AddKeyword(ctx, r.alice.ID, f.ID, " Spoiler ", ptr(false))
		if err != nil || k.Keyword != "Spoiler" || k.WholeWord || k.Edges.Filter.ID != f.ID {
			t.Fatalf("AddKeyword: %+v, %v", k, err)
		}
		if k, err = r.svc.UpdateKeyword(ctx, r.alice.ID, k.ID, nil, ptr(true)); err != nil || k.Keyword != "Spoiler" || !k.WholeWord {
			t.Errorf("UpdateKeyword: %+v, %v", k, err)
		}
		if err := r.svc.DeleteKeyword(ctx, r.alice.ID, k.ID); err != nil {
			t.Fatal(err)
		}
		if ks, _ := r.svc.Keywords(ctx, r.alice.ID, f.ID); len(ks) != 0 {
			t.Errorf("keywords after delete: %v", ks)
		}

		st := r.post("<p>hi</p>", "")
		hidden, err := db.Status.Create().SetAccountID(r.bob.ID).SetURI("https://fedi.test/direct").
			SetVisibility(status.VisibilityDIRECT).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := r.svc.AddStatus(ctx, r.alice.ID, f.ID, st.ID)
		if err != nil || fs.StatusID != st.ID {
			t.Fatalf("AddStatus: %+v, %v", fs, err)
		}
		if _, err := r.svc.AddStatus(ctx, r.alice.ID, f.ID, st.ID); !apperr.Is(err, apperr.BadInput) {
			t.Errorf("the same status twice: %v", err)
		}
		if _, err := r.svc.AddStatus(ctx, r.alice.ID, f.ID, hidden.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("a status alice may not see: %v", err)
		}
		if err := r.svc.RemoveStatus(ctx, r.alice.ID, fs.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := r.svc.Statuses(ctx, r.alice.ID, f.ID); len(got) != 0 {
			t.Errorf("statuses after removal: %v", got)
		}
	})
}

func TestUpdateKeywordAndFilter(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		ctx := t.Context()
		alone := r.create(filters.Input{Title: ptr("one"), Context: []string{"home"}, Keywords: []filters.KeywordInput{{Keyword: ptr("a")}}})
		shared := r.create(filters.Input{Title: ptr("two"), Context: []string{"home"}, Keywords: []filters.KeywordInput{{Keyword: ptr("b")}, {Keyword: ptr("c")}}})

		k, err := r.svc.UpdateKeywordAndFilter(ctx, r.alice.ID, alone.Edges.Keywords[0].ID,
			filters.KeywordInput{Keyword: ptr("aa")}, filters.Input{Context: []string{"public"}, Action: ptr(filter.ActionHIDE)})
		if err != nil || k.Keyword != "aa" || !slices.Equal(k.Edges.Filter.Context, []string{"public"}) || k.Edges.Filter.Action != filter.ActionHIDE || k.Edges.Filter.Title != "one" {
			t.Errorf("a filter of one keyword: %+v (filter %+v), %v", k, k.Edges.Filter, err)
		}

		b := shared.Edges.Keywords[0].ID
		// The keyword alone may change; the filter it shares may not.
		if k, err := r.svc.UpdateKeywordAndFilter(ctx, r.alice.ID, b, filters.KeywordInput{Keyword: ptr("bb")}, filters.Input{Context: []string{"home"}}); err != nil || k.Keyword != "bb" {
			t.Errorf("keyword of a shared filter: %+v, %v", k, err)
		}
		for name, in := range map[string]filters.Input{
			"context": {Context: []string{"public"}},
			"action":  {Action: ptr(filter.ActionHIDE)},
			"expiry":  {ExpiresIn: ptr(60)},
		} {
			_, err := r.svc.UpdateKeywordAndFilter(ctx, r.alice.ID, b, filters.KeywordInput{Keyword: ptr("bbb")}, in)
			if !apperr.Is(err, apperr.BadInput) {
				t.Errorf("changing the shared filter's %s: %v, want refused", name, err)
			}
		}
		if got, _ := r.svc.Keyword(ctx, r.alice.ID, b); got.Keyword != "bb" {
			t.Errorf("a refused change kept keyword %q", got.Keyword)
		}
	})
}
