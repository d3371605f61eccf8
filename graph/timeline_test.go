package graph_test

import (
	"fmt"
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

type page struct {
	Edges []struct {
		Node struct {
			ID   string
			Tags []struct{ Name string }
		}
	}
	PageInfo struct {
		HasNextPage bool
		EndCursor   *string
	}
}

// TestTimelinePagingAndHashtags pages a timeline while new statuses arrive, and reads
// the hashtag timeline.
func TestTimelinePagingAndHashtags(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		at := testrig.Token(t, db, alice, "read write")
		post := func(text string) string {
			var out struct {
				CreateStatus struct{ Status struct{ ID string } }
			}
			s.must(at, `mutation($t: String!) { createStatus(input: {text: $t}) { status { id } } }`, map[string]any{"t": text}, &out)
			return out.CreateStatus.Status.ID
		}
		var posted []string
		for i := 0; i < 7; i++ {
			text := fmt.Sprintf("post %d", i)
			if i%2 == 0 {
				text += " #Even"
			}
			posted = append(posted, post(text))
		}

		// Page through 3 at a time, posting between pages: the new posts must not
		// shift older ones into or out of later pages.
		var seen []string
		var after *string
		for {
			var out struct{ PublicTimeline page }
			s.must("", `query($a: Cursor) { publicTimeline(first: 3, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
				map[string]any{"a": after}, &out)
			for _, e := range out.PublicTimeline.Edges {
				seen = append(seen, e.Node.ID)
			}
			post("arrived while paging")
			if !out.PublicTimeline.PageInfo.HasNextPage {
				break
			}
			after = out.PublicTimeline.PageInfo.EndCursor
		}
		if len(seen) != len(posted) {
			t.Fatalf("paged through %d statuses, want %d: %v", len(seen), len(posted), seen)
		}
		for i, id := range seen {
			if want := posted[len(posted)-1-i]; id != want {
				t.Errorf("page position %d = %s, want %s (newest first, no gaps or repeats)", i, id, want)
			}
		}

		var tagged struct{ HashtagTimeline page }
		s.must("", `{ hashtagTimeline(tag: "even") { edges { node { id tags { name } } } } }`, nil, &tagged)
		if n := len(tagged.HashtagTimeline.Edges); n != 4 {
			t.Fatalf("#even timeline has %d statuses, want 4", n)
		}
		for _, e := range tagged.HashtagTimeline.Edges {
			if len(e.Node.Tags) != 1 || e.Node.Tags[0].Name != "even" {
				t.Errorf("status %s tags = %+v, want [even] (normalized)", e.Node.ID, e.Node.Tags)
			}
		}
	})
}
