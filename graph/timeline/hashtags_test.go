package timeline_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/timeline"
	"github.com/fedigraph/fedigraph/graph/uris"
)

func TestHashtagsAnyAllNone(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		alice := testrig.LocalAccount(t, db, "alice")
		// A clock a second further on each call, so that the statuses' IDs sort in the
		// order they were posted even within one millisecond.
		clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		svc := &posting.Service{
			DB: db, Events: hub.New(), URIs: uris.Builder{Protocol: "https", Host: testrig.TestHost},
			Limits: posting.Limits{MaxChars: 500},
			Now:    func() time.Time { clock = clock.Add(time.Second); return clock },
		}
		post := func(text string) string {
			t.Helper()
			st, err := svc.Create(ctx, alice.ID, posting.NewStatus{Draft: posting.Draft{Text: text}})
			if err != nil {
				t.Fatalf("post %q: %v", text, err)
			}
			return st.ID
		}
		cats := post("#cats")
		dogs := post("#dogs")
		catsAndDogs := post("#Cats and #dogs")
		catsAndBirds := post("#cats #birds")
		post("#fish, no one asked for")

		cases := []struct {
			name string
			q    timeline.TagQuery
			want []string
		}{
			{"the tag alone", timeline.TagQuery{Name: "cats"}, []string{catsAndBirds, catsAndDogs, cats}},
			{"any widens", timeline.TagQuery{Name: "cats", Any: []string{"dogs"}}, []string{catsAndBirds, catsAndDogs, dogs, cats}},
			{"all narrows", timeline.TagQuery{Name: "cats", All: []string{"DOGS"}}, []string{catsAndDogs}},
			{"none excludes", timeline.TagQuery{Name: "cats", None: []string{"#dogs", "birds"}}, []string{cats}},
			{"all of several", timeline.TagQuery{Name: "cats", All: []string{"dogs", "birds"}}, nil},
			{"any with none", timeline.TagQuery{Name: "cats", Any: []string{"dogs"}, None: []string{"birds"}}, []string{catsAndDogs, dogs, cats}},
			{"blank names are ignored", timeline.TagQuery{Name: "cats", Any: []string{""}, All: []string{" "}, None: []string{""}}, []string{catsAndBirds, catsAndDogs, cats}},
		}
		for _, c := range cases {
			q := timeline.Hashtags(db.Client, "", c.q, timeline.PublicOptions{}, clock)
			page, _, err := timeline.Page(ctx, q, paging.Window{})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			var got []string
			for _, st := range page {
				got = append(got, st.ID)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%s: got %v, want %v", c.name, got, c.want)
			}
		}
	})
}
