package lists_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/list"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/lists"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

type rig struct {
	t   *testing.T
	ctx context.Context
	db  *store.DB
	svc *lists.Service
}

func newRig(t *testing.T, db *store.DB) *rig {
	// Each call of the clock is a second later, so that "oldest first" is well defined.
	var mu sync.Mutex
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tick := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Second)
		return now
	}
	return &rig{t: t, ctx: t.Context(), db: db, svc: &lists.Service{DB: db, Now: tick}}
}

func (r *rig) account(username string) *ent.Account {
	r.t.Helper()
	a, err := r.db.Account.Create().SetUsername(username).
		SetURI("https://fedi.test/users/" + username).Save(r.ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	return a
}

func (r *rig) follow(follower *ent.Account, targets ...*ent.Account) {
	r.t.Helper()
	for _, t := range targets {
		if err := r.db.Follow.Create().SetAccountID(follower.ID).SetTargetAccountID(t.ID).Exec(r.ctx); err != nil {
			r.t.Fatal(err)
		}
	}
}

func (r *rig) create(owner *ent.Account, title string) *ent.List {
	r.t.Helper()
	l, err := r.svc.Create(r.ctx, owner.ID, title, "", false)
	if err != nil {
		r.t.Fatal(err)
	}
	return l
}

// members names the accounts on the list, as its owner sees them.
func (r *rig) members(owner *ent.Account, l *ent.List) []string {
	r.t.Helper()
	accounts, err := r.svc.Members(r.ctx, owner.ID, l.ID)
	if err != nil {
		r.t.Fatal(err)
	}
	var names []string
	for _, a := range accounts {
		names = append(names, a.Username)
	}
	slices.Sort(names)
	return names
}

func wantCode(t *testing.T, err error, code apperr.Code) {
	t.Helper()
	if !apperr.Is(err, code) {
		t.Fatalf("got error %v, want code %s", err, code)
	}
}

func TestCreateAndUpdateValidation(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.account("alice")

		refused := []struct {
			name   string
			title  string
			policy list.RepliesPolicy
		}{
			{"no title", "", ""},
			{"blank title", "   \t", ""},
			{"title too long", strings.Repeat("a", lists.MaxTitleLength+1), ""},
			{"unknown policy", "friends", "EVERYONE"},
		}
		for _, tt := range refused {
			t.Run(tt.name, func(t *testing.T) {
				_, err := r.svc.Create(r.ctx, alice.ID, tt.title, tt.policy, false)
				wantCode(t, err, apperr.BadInput)
			})
		}
		if n, _ := db.List.Query().Count(r.ctx); n != 0 {
			t.Errorf("refused lists were created: %d", n)
		}

		l, err := r.svc.Create(r.ctx, alice.ID, "  "+strings.Repeat("a", lists.MaxTitleLength)+" ", "", true)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Title) != lists.MaxTitleLength || l.RepliesPolicy != list.RepliesPolicyLIST || !l.Exclusive || l.AccountID != alice.ID {
			t.Errorf("created %+v", l)
		}

		title, policy, exclusive := "work", list.RepliesPolicyNONE, false
		l, err = r.svc.Update(r.ctx, alice.ID, l.ID, lists.Changes{Title: &title, RepliesPolicy: &policy, Exclusive: &exclusive})
		if err != nil {
			t.Fatal(err)
		}
		if l.Title != "work" || l.RepliesPolicy != list.RepliesPolicyNONE || l.Exclusive {
			t.Errorf("after update: %+v", l)
		}
		blank := " "
		_, err = r.svc.Update(r.ctx, alice.ID, l.ID, lists.Changes{Title: &blank})
		wantCode(t, err, apperr.BadInput)
		l, err = r.svc.Update(r.ctx, alice.ID, l.ID, lists.Changes{})
		if err != nil || l.Title != "work" {
			t.Errorf("an empty update changed the list: %+v, %v", l, err)
		}
	})
}

func TestOtherAccountsListsDoNotExist(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.account("alice"), r.account("bob")
		r.follow(alice, bob)
		r.follow(bob, alice)
		l := r.create(alice, "friends")
		title := "mine now"

		ops := map[string]func() error{
			"get":    func() error { _, err := r.svc.Get(r.ctx, bob.ID, l.ID); return err },
			"update": func() error { _, err := r.svc.Update(r.ctx, bob.ID, l.ID, lists.Changes{Title: &title}); return err },
			"delete": func() error { return r.svc.Delete(r.ctx, bob.ID, l.ID) },
			"add":    func() error { return r.svc.AddAccounts(r.ctx, bob.ID, l.ID, []string{alice.ID}) },
			"remove": func() error { return r.svc.RemoveAccounts(r.ctx, bob.ID, l.ID, []string{bob.ID}) },
			"members": func() error {
				_, err := r.svc.Members(r.ctx, bob.ID, l.ID)
				return err
			},
		}
		for name, op := range ops {
			t.Run(name, func(t *testing.T) {
				err := op()
				wantCode(t, err, apperr.NotFound)
				if apperr.As(err).Message != "list not found" {
					t.Errorf("message %q", apperr.As(err).Message)
				}
			})
		}
		if got, err := r.svc.Get(r.ctx, alice.ID, l.ID); err != nil || got.Title != "friends" {
			t.Errorf("alice's list after bob's attempts: %+v, %v", got, err)
		}
		if mine, _ := r.svc.All(r.ctx, bob.ID); len(mine) != 0 {
			t.Errorf("bob sees %d lists", len(mine))
		}
	})
}

func TestMembership(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol, dave := r.account("alice"), r.account("bob"), r.account("carol"), r.account("dave")
		r.follow(alice, bob, carol)
		friends, work := r.create(alice, "friends"), r.create(alice, "work")

		if err := r.svc.AddAccounts(r.ctx, alice.ID, friends.ID, []string{bob.ID, carol.ID, bob.ID}); err != nil {
			t.Fatal(err)
		}
		if err := r.svc.AddAccounts(r.ctx, alice.ID, friends.ID, []string{bob.ID}); err != nil {
			t.Errorf("adding a member again: %v", err)
		}
		if got := r.members(alice, friends); !slices.Equal(got, []string{"bob", "carol"}) {
			t.Errorf("members %v", got)
		}

		err := r.svc.AddAccounts(r.ctx, alice.ID, work.ID, []string{bob.ID, dave.ID})
		wantCode(t, err, apperr.BadInput)
		err = r.svc.AddAccounts(r.ctx, alice.ID, work.ID, []string{"01HUNKNOWNUNKNOWNUNKNOWN00"})
		wantCode(t, err, apperr.NotFound)
		if got := r.members(alice, work); len(got) != 0 {
			t.Errorf("a refused addition added %v", got)
		}

		if err := r.svc.AddAccounts(r.ctx, alice.ID, work.ID, []string{bob.ID}); err != nil {
			t.Fatal(err)
		}
		containing, err := r.svc.ListsContaining(r.ctx, alice.ID, bob.ID)
		if err != nil || len(containing) != 2 || containing[0].ID != friends.ID || containing[1].ID != work.ID {
			t.Errorf("lists containing bob: %v, %v", containing, err)
		}
		_, err = r.svc.ListsContaining(r.ctx, alice.ID, "01HUNKNOWNUNKNOWNUNKNOWN00")
		wantCode(t, err, apperr.NotFound)

		if err := r.svc.RemoveAccounts(r.ctx, alice.ID, friends.ID, []string{bob.ID, dave.ID}); err != nil {
			t.Fatal(err)
		}
		if got := r.members(alice, friends); !slices.Equal(got, []string{"carol"}) {
			t.Errorf("members after removal %v", got)
		}

		if err := r.svc.Delete(r.ctx, alice.ID, work.ID); err != nil {
			t.Fatal(err)
		}
		_, err = r.svc.Get(r.ctx, alice.ID, work.ID)
		wantCode(t, err, apperr.NotFound)
		if containing, _ := r.svc.ListsContaining(r.ctx, alice.ID, bob.ID); len(containing) != 0 {
			t.Errorf("bob is still on %d lists", len(containing))
		}
		all, err := r.svc.All(r.ctx, alice.ID)
		if err != nil || len(all) != 1 || all[0].ID != friends.ID {
			t.Errorf("alice's lists: %v, %v", all, err)
		}
	})
}
