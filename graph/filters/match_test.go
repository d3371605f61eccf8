package filters_test

import (
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/filters"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMatchKeywords(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		cases := []struct {
			name      string
			keyword   string
			wholeWord bool
			content   string
			spoiler   string
			match     bool
		}{
			{"a whole word", "cat", true, "<p>my cat sleeps</p>", "", true},
			{"ignoring case", "cat", true, "<p>My CAT sleeps</p>", "", true},
			{"not inside a word", "cat", true, "<p>concatenate</p>", "", false},
			{"not before an underscore", "cat", true, "<p>cat_facts</p>", "", false},
			{"at the very start and end", "cat", true, "<p>cat</p>", "", true},
			{"by punctuation", "cat", true, "<p>(cat!)</p>", "", true},
			{"inside a word when not whole", "cat", false, "<p>concatenate</p>", "", true},
			{"a phrase", "season finale", true, "<p>the Season Finale was</p>", "", true},
			{"in the content warning", "finale", true, "<p>nothing here</p>", "finale talk", true},
			{"not in the markup", "strong", true, "<p><strong>bold</strong></p>", "", false},
			{"a hashtag keyword", "#cats", true, `<p>love <a href="https://x/tags/cats" class="mention hashtag">#<span>cats</span></a></p>`, "", true},
			{"a keyword ending in symbols", "c++", true, "<p>learning c++ now</p>", "", true},
			{"letters beyond ASCII", "école", true, "<p>à l'école!</p>", "", true},
			{"not inside a word beyond ASCII", "cole", true, "<p>école</p>", "", false},
			{"nothing", "dog", true, "<p>my cat</p>", "", false},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				f := r.create(filters.Input{Title: ptr(tc.name), Context: []string{"home"},
					Keywords: []filters.KeywordInput{{Keyword: ptr(tc.keyword), WholeWord: ptr(tc.wholeWord)}}})
				defer r.svc.Delete(t.Context(), r.alice.ID, f.ID)
				st := r.post(tc.content, tc.spoiler)
				got, err := r.svc.Match(t.Context(), r.alice.ID, []*ent.Status{st}, "")
				if err != nil {
					t.Fatal(err)
				}
				res := got[st.ID]
				if (len(res) == 1) != tc.match {
					t.Fatalf("matched %+v, want a match: %v", res, tc.match)
				}
				if tc.match && (res[0].Filter.ID != f.ID || !slices.Equal(res[0].KeywordMatches, []string{tc.keyword}) || res[0].StatusMatches != nil) {
					t.Errorf("result %+v", res[0])
				}
			})
		}
	})
}

func TestMatchWhichFilters(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		ctx := t.Context()
		kw := func(w string) []filters.KeywordInput { return []filters.KeywordInput{{Keyword: ptr(w)}} }
		r.create(filters.Input{Title: ptr("home"), Context: []string{"home"}, Keywords: kw("cat")})
		r.create(filters.Input{Title: ptr("thread"), Context: []string{"thread"}, Keywords: kw("cat")})
		expiring := r.create(filters.Input{Title: ptr("soon"), Context: []string{"home"}, Keywords: kw("cat"), ExpiresIn: ptr(60)})
		bobs, err := r.svc.Create(ctx, r.bob.ID, filters.Input{Title: ptr("bob's"), Context: []string{"home"}, Keywords: kw("cat")})
		if err != nil {
			t.Fatal(err)
		}
		cat := r.post("<p>a cat</p>", "")
		boost := r.boost(cat)
		plain := r.post("<p>a dog</p>", "")
		byStatus := r.create(filters.Input{Title: ptr("that one"), Context: []string{"home"}})
		if _, err := r.svc.AddStatus(ctx, r.alice.ID, byStatus.ID, plain.ID); err != nil {
			t.Fatal(err)
		}
		titles := func(res []filters.Result) []string {
			out := []string{}
			for _, x := range res {
				out = append(out, x.Filter.Title)
			}
			return out
		}
		sts := []*ent.Status{cat, boost, plain}

		got, err := r.svc.Match(ctx, r.alice.ID, sts, "")
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"home", "thread", "soon"}; !slices.Equal(titles(got[cat.ID]), want) || !slices.Equal(titles(got[boost.ID]), want) {
			t.Errorf("any context: status %v, boost %v; want %v for both", titles(got[cat.ID]), titles(got[boost.ID]), want)
		}
		if res := got[plain.ID]; len(res) != 1 || res[0].Filter.ID != byStatus.ID || !slices.Equal(res[0].StatusMatches, []string{plain.ID}) || res[0].KeywordMatches != nil {
			t.Errorf("the filtered status: %+v", res)
		}

		got, _ = r.svc.Match(ctx, r.alice.ID, sts, "thread")
		if !slices.Equal(titles(got[cat.ID]), []string{"thread"}) {
			t.Errorf("in threads: %v", titles(got[cat.ID]))
		}
		r.now = r.now.Add(time.Minute)
		got, _ = r.svc.Match(ctx, r.alice.ID, sts, "home")
		if !slices.Equal(titles(got[cat.ID]), []string{"home"}) {
			t.Errorf("at home after %s expired: %v", expiring.Title, titles(got[cat.ID]))
		}
		got, _ = r.svc.Match(ctx, "", sts, "")
		if len(got) != 0 {
			t.Errorf("a signed-out viewer has filters: %v", got)
		}
		got, _ = r.svc.Match(ctx, r.bob.ID, sts, "")
		if !slices.Equal(titles(got[cat.ID]), []string{bobs.Title}) || len(got[plain.ID]) != 0 {
			t.Errorf("bob's filters: %v / %v", titles(got[cat.ID]), titles(got[plain.ID]))
		}
	})
}
