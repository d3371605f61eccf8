package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// cast is a set of accounts standing in each relation to the author, alice.
type cast struct {
	tokens   map[string]string // viewer kind → token ("" for logged out)
	accounts map[string]*ent.Account
}

var viewerKinds = []string{"author", "follower", "mutual", "mentioned", "stranger", "blocked", "anonymous"}

func newCast(t *testing.T, db *store.DB) *cast {
	t.Helper()
	ctx := context.Background()
	c := &cast{tokens: map[string]string{}, accounts: map[string]*ent.Account{}}
	names := map[string]string{"author": "alice", "follower": "bob", "mutual": "carol", "mentioned": "dave", "stranger": "erin", "blocked": "frank"}
	for kind, name := range names {
		a := testrig.LocalAccount(t, db, name)
		c.accounts[kind] = a
		c.tokens[kind] = testrig.Token(t, db, a, "read write follow")
	}
	alice := c.accounts["author"]
	follow := func(from, to *ent.Account) {
		if err := db.Follow.Create().SetAccountID(from.ID).SetTargetAccountID(to.ID).Exec(ctx); err != nil {
			t.Fatalf("fixture follow: %v", err)
		}
	}
	follow(c.accounts["follower"], alice)
	follow(c.accounts["mutual"], alice)
	follow(alice, c.accounts["mutual"])
	follow(c.accounts["blocked"], alice) // the block below must win over the follow
	if err := db.Block.Create().SetAccountID(alice.ID).SetTargetAccountID(c.accounts["blocked"].ID).Exec(ctx); err != nil {
		t.Fatalf("fixture block: %v", err)
	}
	return c
}

// TestVisibilityMatrix checks every visibility level against every kind of viewer,
// through a single-status query, the public and home timelines, and live subscriptions.
func TestVisibilityMatrix(t *testing.T) {
	visible := map[string][]string{ // visibility → viewer kinds that see it
		"PUBLIC":         {"author", "follower", "mutual", "mentioned", "stranger", "anonymous"},
		"UNLISTED":       {"author", "follower", "mutual", "mentioned", "stranger", "anonymous"},
		"FOLLOWERS_ONLY": {"author", "follower", "mutual", "mentioned"},
		"MUTUALS_ONLY":   {"author", "mutual", "mentioned"},
		"DIRECT":         {"author", "mentioned"},
		"LOCAL_ONLY":     {"author", "follower", "mutual", "mentioned", "stranger"},
	}
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		c := newCast(t, db)
		// Live: a home subscription for each signed-in viewer, a public one for all.
		homeSubs, publicSubs := map[string]*subscription{}, map[string]*subscription{}
		for _, kind := range viewerKinds {
			if kind != "anonymous" {
				homeSubs[kind] = s.subscribe(c.tokens[kind], `subscription { homeTimeline { kind status { id } } }`)
			}
			publicSubs[kind] = s.subscribe(c.tokens[kind], `subscription { publicTimeline { kind status { id } } }`)
		}
		for _, level := range []string{"PUBLIC", "UNLISTED", "FOLLOWERS_ONLY", "MUTUALS_ONLY", "DIRECT", "LOCAL_ONLY"} {
			vis, localOnly := level, false
			if level == "LOCAL_ONLY" {
				vis, localOnly = "PUBLIC", true
			}
			var created struct {
				CreateStatus struct{ Status struct{ ID string } }
			}
			s.must(c.tokens["author"], `mutation($v: StatusVisibility!, $l: Boolean) {
				createStatus(input: {text: "hello @dave", visibility: $v, localOnly: $l}) { status { id } } }`,
				map[string]any{"v": vis, "l": localOnly}, &created)
			id := created.CreateStatus.Status.ID
			live := liveDeliveries(homeSubs, publicSubs, id)
			for _, kind := range viewerKinds {
				want := slices.Contains(visible[level], kind)
				t.Run(level+"/"+kind, func(t *testing.T) {
					r := s.do(c.tokens[kind], `query($id: ID!) { status(id: $id) { id } }`, map[string]any{"id": id})
					got := r.code() == ""
					if got != want {
						t.Errorf("status query: visible = %v, want %v (errors %+v)", got, want, r.Errors)
					}
					if !got && r.code() != "NOT_FOUND" {
						t.Errorf("status query refused with %q, want NOT_FOUND", r.code())
					}
					inPublic := timelineHas(t, s, c.tokens[kind], `{ publicTimeline(first: 40) { edges { node { id } } } }`, id)
					wantPublic := want && (level == "PUBLIC" || level == "LOCAL_ONLY")
					if inPublic != wantPublic {
						t.Errorf("public timeline: contains = %v, want %v", inPublic, wantPublic)
					}
					if kind != "anonymous" {
						inHome := timelineHas(t, s, c.tokens[kind], `{ homeTimeline(first: 40) { edges { node { id } } } }`, id)
						wantHome := want && slices.Contains([]string{"author", "follower", "mutual"}, kind) &&
							!(kind == "follower" && level == "MUTUALS_ONLY")
						if inHome != wantHome {
							t.Errorf("home timeline: contains = %v, want %v", inHome, wantHome)
						}
						if got := live[kind].home; got != wantHome {
							t.Errorf("home subscription: received = %v, want %v", got, wantHome)
						}
					}
					if got := live[kind].public; got != wantPublic {
						t.Errorf("public subscription: received = %v, want %v", got, wantPublic)
					}
				})
			}
		}
	})
}

func timelineHas(t *testing.T, s *server, token, query, id string) bool {
	t.Helper()
	r := s.do(token, query, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("timeline query: %+v", r.Errors)
	}
	return strings.Contains(string(r.Data), fmt.Sprintf("%q", id))
}

type delivered struct{ home, public bool }

// liveDeliveries waits on every subscription at once for the status, so that the
// "nothing arrives" cases cost one wait per status rather than one per subscriber.
func liveDeliveries(home, public map[string]*subscription, id string) map[string]delivered {
	var mu sync.Mutex
	var wg sync.WaitGroup
	out := map[string]delivered{}
	watch := func(kind string, sub *subscription, set func(*delivered)) {
		defer wg.Done()
		if receives(sub, id) {
			mu.Lock()
			d := out[kind]
			set(&d)
			out[kind] = d
			mu.Unlock()
		}
	}
	for kind, sub := range home {
		wg.Add(1)
		go watch(kind, sub, func(d *delivered) { d.home = true })
	}
	for kind, sub := range public {
		wg.Add(1)
		go watch(kind, sub, func(d *delivered) { d.public = true })
	}
	wg.Wait()
	return out
}

// receives reports whether the subscription delivers the status within a short wait.
// Statuses are posted one at a time and each check drains what arrived, so a status
// that should not arrive would show up here if it did.
func receives(sub *subscription, id string) bool {
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		data, ok := sub.next(time.Until(deadline))
		if !ok {
			return false
		}
		var ev map[string]struct {
			Status *struct{ ID string }
		}
		json.Unmarshal(data, &ev)
		for _, e := range ev {
			if e.Status != nil && e.Status.ID == id {
				return true
			}
		}
	}
	return false
}
