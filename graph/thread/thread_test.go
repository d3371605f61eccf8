package thread_test

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/thread"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// conversation builds threads one status a second, so IDs sort in posting order.
type conversation struct {
	t     *testing.T
	ctx   context.Context
	db    *store.DB
	clock time.Time
	names map[string]string // status ID → name, for readable failures
}

func newConversation(t *testing.T, db *store.DB) *conversation {
	return &conversation{t: t, ctx: context.Background(), db: db,
		clock: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), names: map[string]string{}}
}

// create prepares a status by author, replying to parent when it is not nil.
func (c *conversation) create(name string, author *ent.Account, vis status.Visibility, parent *ent.Status) *ent.StatusCreate {
	c.clock = c.clock.Add(time.Second)
	id := ids.New(c.clock)
	c.names[id] = name
	q := c.db.Status.Create().SetID(id).SetAccountID(author.ID).SetVisibility(vis).
		SetURI("https://" + testrig.TestHost + "/s/" + id).SetThreadID(id)
	if parent != nil {
		q.SetInReplyToID(parent.ID).SetInReplyToAccountID(parent.AccountID).SetThreadID(parent.ThreadID)
	}
	return q
}

// post writes one status.
func (c *conversation) post(name string, author *ent.Account, vis status.Visibility, parent *ent.Status) *ent.Status {
	c.t.Helper()
	st, err := c.create(name, author, vis, parent).Save(c.ctx)
	if err != nil {
		c.t.Fatalf("post %s: %v", name, err)
	}
	return st
}

// repliesTo writes n public replies to parent by author, in batches.
func (c *conversation) repliesTo(parent *ent.Status, author *ent.Account, n int) []*ent.Status {
	c.t.Helper()
	var out []*ent.Status
	for n > 0 {
		batch := make([]*ent.StatusCreate, min(n, 500))
		for i := range batch {
			batch[i] = c.create("reply", author, status.VisibilityPUBLIC, parent)
		}
		sts, err := c.db.Status.CreateBulk(batch...).Save(c.ctx)
		if err != nil {
			c.t.Fatalf("bulk replies: %v", err)
		}
		out = append(out, sts...)
		n -= len(batch)
	}
	return out
}

// load returns the names of st's ancestors and descendants as the viewer sees them.
func (c *conversation) load(viewer *ent.Account, st *ent.Status) (ancestors, descendants []string) {
	c.t.Helper()
	viewerID := ""
	if viewer != nil {
		viewerID = viewer.ID
	}
	got, err := thread.Load(c.ctx, c.db.Client, viewerID, st)
	if err != nil {
		c.t.Fatal(err)
	}
	for _, s := range got.Ancestors {
		ancestors = append(ancestors, c.names[s.ID])
	}
	for _, s := range got.Descendants {
		descendants = append(descendants, c.names[s.ID])
	}
	return ancestors, descendants
}

func TestLoadOrdersAndFiltersTheConversation(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		c := newConversation(t, db)
		alice, bob, carol := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob"), testrig.LocalAccount(t, db, "carol")
		dave, erin := testrig.LocalAccount(t, db, "dave"), testrig.LocalAccount(t, db, "erin")
		db.Follow.Create().SetAccountID(erin.ID).SetTargetAccountID(bob.ID).ExecX(c.ctx)

		// R ─┬─ A ─┬─ A1
		//    │     └─ A2
		//    ├─ H ─── H1    (H is followers-only: erin sees it, dave does not)
		//    └─ B ─── B1
		// posted interleaved, so that depth-first order differs from posting order.
		public := status.VisibilityPUBLIC
		r := c.post("R", alice, public, nil)
		a := c.post("A", bob, public, r)
		h := c.post("H", bob, status.VisibilityFOLLOWERS_ONLY, r)
		b := c.post("B", carol, public, r)
		a1 := c.post("A1", carol, public, a)
		h1 := c.post("H1", carol, public, h)
		b1 := c.post("B1", bob, public, b)
		c.post("A2", alice, public, a)
		boost := c.db.Status.Create().SetAccountID(carol.ID).SetReblogOfID(r.ID).SetURI("https://" + testrig.TestHost + "/boost").SaveX(c.ctx)
		c.db.Status.UpdateOne(boost).SetThreadID(r.ThreadID).ExecX(c.ctx) // even filed in the thread, a boost is no reply

		cases := []struct {
			name              string
			viewer            *ent.Account
			of                *ent.Status
			ancestors, descen []string
		}{
			{"the whole tree, depth-first", erin, r, nil, []string{"A", "A1", "A2", "H", "H1", "B", "B1"}},
			{"a hidden reply takes its replies with it", dave, r, nil, []string{"A", "A1", "A2", "B", "B1"}},
			{"signed out", nil, r, nil, []string{"A", "A1", "A2", "B", "B1"}},
			{"ancestors oldest first", dave, a1, []string{"R", "A"}, nil},
			{"ancestors of a middle status", dave, a, []string{"R"}, []string{"A1", "A2"}},
			{"through the hidden status, for a follower", erin, h1, []string{"R", "H"}, nil},
			// dave cannot know what H replied to, so the chain ends at H rather than
			// skipping to R.
			{"a hidden ancestor ends the chain", dave, h1, nil, nil},
			{"another branch", dave, b1, []string{"R", "B"}, nil},
		}
		for _, tc := range cases {
			anc, desc := c.load(tc.viewer, tc.of)
			if !slices.Equal(anc, tc.ancestors) || !slices.Equal(desc, tc.descen) {
				t.Errorf("%s: ancestors %v, descendants %v; want %v, %v", tc.name, anc, desc, tc.ancestors, tc.descen)
			}
		}
		// Leaving H1 out of dave's view of the tree is about the tree: H1 itself is
		// public, and dave may still open it.
		if ok, err := visibility.Visible(c.ctx, db.Client, dave.ID, h1.ID); err != nil || !ok {
			t.Errorf("dave cannot open H1 itself: %v, %v", ok, err)
		}

		// A block hides the blocker's statuses and, with them, the branches under them.
		db.Block.Create().SetAccountID(carol.ID).SetTargetAccountID(dave.ID).ExecX(c.ctx)
		if _, desc := c.load(dave, r); !slices.Equal(desc, []string{"A", "A2"}) {
			t.Errorf("once carol blocks dave he sees %v, want [A A2]", desc)
		}
	})
}

func TestLoadBoundsLongChains(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		c := newConversation(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		chain := []*ent.Status{c.post("c0", alice, status.VisibilityPUBLIC, nil)}
		for i := 1; i <= thread.MaxAncestors+5; i++ {
			chain = append(chain, c.post("c"+strconv.Itoa(i), alice, status.VisibilityPUBLIC, chain[i-1]))
		}
		last := chain[len(chain)-1]
		anc, _ := c.load(alice, last)
		var want []string
		for _, s := range chain[len(chain)-1-thread.MaxAncestors : len(chain)-1] {
			want = append(want, c.names[s.ID])
		}
		if !slices.Equal(anc, want) {
			t.Errorf("ancestors %v, want the %d nearest, oldest first: %v", anc, thread.MaxAncestors, want)
		}
	})
}

func TestLoadBoundsHugeThreads(t *testing.T) {
	if testing.Short() {
		t.Skip("writes thousands of statuses")
	}
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		c := newConversation(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		root := c.post("root", alice, status.VisibilityPUBLIC, nil)
		replies := c.repliesTo(root, bob, thread.MaxDescendants+thread.MaxAncestors)
		lastReply := replies[len(replies)-1]
		answer := c.post("answer", alice, status.VisibilityPUBLIC, lastReply)

		got, err := thread.Load(c.ctx, db.Client, alice.ID, root)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Descendants) != thread.MaxDescendants || got.Descendants[0].ID != replies[0].ID ||
			got.Descendants[thread.MaxDescendants-1].ID != replies[thread.MaxDescendants-1].ID {
			t.Errorf("%d descendants, want the oldest %d", len(got.Descendants), thread.MaxDescendants)
		}

		t.Run("a late reply's own replies", func(t *testing.T) {
			_, desc := c.load(alice, lastReply)
			if !slices.Equal(desc, []string{c.names[answer.ID]}) {
				t.Errorf("the last reply's descendants are %v, want its one answer", desc)
			}
		})
	})
}
