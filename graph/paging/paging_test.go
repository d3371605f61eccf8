package paging_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

func TestClamp(t *testing.T) {
	cases := []struct{ limit, want int }{
		{0, 20}, {-5, 20}, {1, 1}, {39, 39}, {40, 40}, {41, 40}, {1000, 40},
	}
	for _, c := range cases {
		w := paging.Window{MaxID: "x", Limit: c.limit}.Clamp(paging.DefaultLimit, paging.MaxLimit)
		if w.Limit != c.want || w.MaxID != "x" {
			t.Errorf("Clamp(limit %d) = %+v, want limit %d and the bounds kept", c.limit, w, c.want)
		}
	}
}

// TestWindowPagesStatuses pages ten statuses, s0 (oldest) to s9, three at a time, the
// way timelines do: fetch Limit+1 rows in the window's order, then Finish.
func TestWindowPagesStatuses(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		alice := testrig.LocalAccount(t, db, "alice")
		start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		s := make([]string, 10)
		for i := range s {
			s[i] = ids.New(start.Add(time.Duration(i) * time.Second))
			db.Status.Create().SetID(s[i]).SetAccountID(alice.ID).SetURI("https://" + testrig.TestHost + "/s/" + s[i]).ExecX(ctx)
		}
		// A cursor need not be an existing ID: the smallest possible ID of s5's second
		// sorts just before s5.
		beforeS5 := ids.Floor(start.Add(5 * time.Second))

		cases := []struct {
			name string
			w    paging.Window
			want []string
			more bool
		}{
			{"first page", paging.Window{}, []string{s[9], s[8], s[7]}, true},
			{"older than s5", paging.Window{MaxID: s[5]}, []string{s[4], s[3], s[2]}, true},
			{"the last page", paging.Window{MaxID: s[2]}, []string{s[1], s[0]}, false},
			{"a cursor between IDs", paging.Window{MaxID: beforeS5}, []string{s[4], s[3], s[2]}, true},
			{"since: the newest above s5", paging.Window{SinceID: s[5]}, []string{s[9], s[8], s[7]}, true},
			{"min: the oldest above s5, newest first", paging.Window{MinID: s[5]}, []string{s[8], s[7], s[6]}, true},
			{"min near the top", paging.Window{MinID: s[7]}, []string{s[9], s[8]}, false},
			{"min at the top", paging.Window{MinID: s[9]}, []string{}, false},
			{"between, since", paging.Window{MaxID: s[8], SinceID: s[4]}, []string{s[7], s[6], s[5]}, false},
			{"between, since, more below", paging.Window{MaxID: s[8], SinceID: s[2]}, []string{s[7], s[6], s[5]}, true},
			{"between, min", paging.Window{MaxID: s[7], MinID: s[2]}, []string{s[5], s[4], s[3]}, true},
			{"between, min, exactly one page", paging.Window{MaxID: s[6], MinID: s[2]}, []string{s[5], s[4], s[3]}, false},
		}
		for _, c := range cases {
			w := c.w
			w.Limit = 3
			rows, err := db.Status.Query().Where(w.Where(status.FieldID)).Order(w.Order(status.FieldID)).
				Limit(w.Limit + 1).IDs(ctx)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			page, more := paging.Finish(rows, w)
			if !slices.Equal(page, c.want) || more != c.more {
				t.Errorf("%s: page %v (more %v), want %v (more %v)", c.name, page, more, c.want, c.more)
			}
		}
	})
}

// TestMinIDPagesMeetWithoutGaps walks up from the oldest status with min_id, the way a
// client catches up after being away, and must see every status exactly once.
func TestMinIDPagesMeetWithoutGaps(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		alice := testrig.LocalAccount(t, db, "alice")
		start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		var all []string
		for i := range 8 {
			id := ids.New(start.Add(time.Duration(i) * time.Second))
			db.Status.Create().SetID(id).SetAccountID(alice.ID).SetURI("https://" + testrig.TestHost + "/s/" + id).ExecX(ctx)
			all = append(all, id)
		}
		var seen []string
		w := paging.Window{MinID: ids.Floor(start), Limit: 3}
		for range 5 {
			rows, err := db.Status.Query().Where(w.Where(status.FieldID)).Order(w.Order(status.FieldID)).Limit(w.Limit + 1).IDs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			page, more := paging.Finish(rows, w)
			for i := len(page) - 1; i >= 0; i-- {
				seen = append(seen, page[i])
			}
			if !more {
				break
			}
			w.MinID = page[0] // the newest of the page
		}
		if !slices.Equal(seen, all) {
			t.Errorf("walking up with min_id saw %v, want %v", seen, all)
		}
	})
}
