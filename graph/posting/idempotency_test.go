package posting_test

import (
	"sync"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestIdempotencyKeyPostsOnce(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		bob := testrig.LocalAccount(t, db, "bob")
		post := func(who string, key, text string) string {
			t.Helper()
			a := alice
			if who == "bob" {
				a = bob
			}
			return r.post(a, posting.NewStatus{Draft: posting.Draft{Text: text}, IdempotencyKey: key}).ID
		}
		first := post("alice", "k1", "hello")
		steps := []struct {
			name      string
			who, key  string
			advance   time.Duration
			wantFirst bool
		}{
			{"the same key again", "alice", "k1", 0, true},
			{"the same key, other text (the first still answers)", "alice", "k1", 0, true},
			{"another key", "alice", "k2", 0, false},
			{"no key", "alice", "", 0, false},
			{"the same key from someone else", "bob", "k1", 0, false},
			{"the same key 59 minutes on", "alice", "k1", 59 * time.Minute, true},
			{"the same key past the hour", "alice", "k1", time.Hour, false},
		}
		for _, s := range steps {
			r.clock = r.clock.Add(s.advance)
			got := post(s.who, s.key, "hello again")
			if (got == first) != s.wantFirst {
				t.Errorf("%s: status %s, first was %s; want the first: %v", s.name, got, first, s.wantFirst)
			}
		}
		// The key posted anew past the hour now answers with the new status; once that
		// is deleted, the key posts again.
		again := post("alice", "k1", "x")
		if _, err := r.svc.Delete(r.ctx, alice.ID, again); err != nil {
			t.Fatal(err)
		}
		if got := post("alice", "k1", "y"); got == again {
			t.Errorf("a deleted status still answers for its key")
		}
	})
}

// Copies of one request arriving at once post one status: the unique index lets one
// commit, and the others answer with its status.
func TestIdempotencyKeyUnderConcurrentCopies(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		var mu sync.Mutex
		now := r.clock
		r.svc.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); now = now.Add(time.Millisecond); return now }
		const copies = 6
		got := make([]string, copies)
		errs := make([]error, copies)
		var wg sync.WaitGroup
		for i := range copies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st, err := r.svc.Create(r.ctx, alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "once"}, IdempotencyKey: "retry-me"})
				errs[i] = err
				if st != nil {
					got[i] = st.ID
				}
			}()
		}
		wg.Wait()
		for i := range copies {
			if errs[i] != nil || got[i] == "" || got[i] != got[0] {
				t.Errorf("copy %d: status %q, %v; want %q", i, got[i], errs[i], got[0])
			}
		}
		if n := testrig.Count(t, db.Status.Query().Where(status.AccountID(alice.ID))); n != 1 {
			t.Errorf("%d statuses posted, want 1", n)
		}
		if n := r.account(alice).StatusesCount; n != 1 {
			t.Errorf("statuses_count %d, want 1", n)
		}
	})
}
