package search_test

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/search"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// world is a small set of accounts, hashtags and statuses to search.
type world struct {
	alice, alan, bob               *ent.Account
	alicesCats, bobsCats, bobsDogs string
}

func build(t *testing.T, db *store.DB) world {
	t.Helper()
	ctx := t.Context()
	var w world
	w.alice = testrig.LocalAccount(t, db, "alice")
	w.alan = testrig.LocalAccount(t, db, "alan")
	w.bob = testrig.LocalAccount(t, db, "bob")
	db.Account.UpdateOne(w.bob).SetIndexable(true).ExecX(ctx)
	db.Follow.Create().SetAccountID(w.alice.ID).SetTargetAccountID(w.alan.ID).ExecX(ctx)
	for _, name := range []string{"cats", "camels", "dogs"} {
		db.Tag.Create().SetName(name).ExecX(ctx)
	}
	db.Tag.Create().SetName("cathidden").SetListable(false).ExecX(ctx)
	at := time.Now().Add(-time.Minute)
	post := func(a *ent.Account, content string) string {
		at = at.Add(time.Second)
		id := ids.New(at)
		st := db.Status.Create().SetID(id).SetAccountID(a.ID).SetThreadID(id).
			SetURI("https://fedi.test/s/" + id).SetContent("<p>" + content + "</p>").SaveX(ctx)
		if err := search.Index(ctx, db.Client, st); err != nil {
			t.Fatal(err)
		}
		return id
	}
	w.alicesCats = post(w.alice, "my cats sleep")
	w.bobsCats = post(w.bob, "cats everywhere")
	w.bobsDogs = post(w.bob, "dogs everywhere")
	return w
}

func usernames(as []*ent.Account) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.Username)
	}
	return out
}

func names(ts []*ent.Tag) []string {
	out := []string{}
	for _, t := range ts {
		out = append(out, t.Name)
	}
	return out
}

func statusIDs(sts []*ent.Status) []string {
	out := []string{}
	for _, s := range sts {
		out = append(out, s.ID)
	}
	return out
}

func TestSearch(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		cases := []struct {
			name                        string
			viewer                      string
			query                       string
			o                           search.Options
			accounts, hashtags, results []string
		}{
			{name: "accounts by prefix", viewer: w.alice.ID, query: "al", o: search.Options{Type: search.TypeAccounts, Limit: 10},
				accounts: []string{"alan", "alice"}},
			{name: "accounts, second page", viewer: w.alice.ID, query: "al", o: search.Options{Type: search.TypeAccounts, Limit: 1, Offset: 1},
				accounts: []string{"alice"}},
			{name: "accounts followed", viewer: w.alice.ID, query: "al", o: search.Options{Type: search.TypeAccounts, Limit: 10, Following: true},
				accounts: []string{"alan"}},
			{name: "hashtags by prefix, listable only", query: "#ca", o: search.Options{Type: search.TypeHashtags, Limit: 10},
				hashtags: []string{"camels", "cats"}},
			{name: "hashtags, second page", viewer: w.alice.ID, query: "ca", o: search.Options{Type: search.TypeHashtags, Limit: 1, Offset: 1},
				hashtags: []string{"cats"}},
			{name: "statuses: own and an indexable account's, newest first", viewer: w.alice.ID, query: "cats", o: search.Options{Type: search.TypeStatuses, Limit: 10},
				results: []string{w.bobsCats, w.alicesCats}},
			{name: "statuses of one account", viewer: w.alice.ID, query: "cats", o: search.Options{Type: search.TypeStatuses, Limit: 10, AccountID: w.alice.ID},
				results: []string{w.alicesCats}},
			{name: "statuses, second page", viewer: w.alice.ID, query: "everywhere", o: search.Options{Limit: 1, Offset: 1},
				results: []string{w.bobsCats}},
			{name: "everything at once", viewer: w.alice.ID, query: "cats", o: search.Options{Limit: 10},
				hashtags: []string{"cats"}, results: []string{w.bobsCats, w.alicesCats}},
			{name: "signed out: no statuses", query: "cats", o: search.Options{Limit: 10},
				hashtags: []string{"cats"}},
			{name: "an unknown type", viewer: w.alice.ID, query: "cats", o: search.Options{Type: "lists", Limit: 10}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				got, err := search.Search(t.Context(), db.Client, tc.viewer, tc.query, tc.o, time.Now())
				if err != nil {
					t.Fatal(err)
				}
				if a := usernames(got.Accounts); !slices.Equal(a, orEmpty(tc.accounts)) {
					t.Errorf("accounts %v, want %v", a, tc.accounts)
				}
				if h := names(got.Hashtags); !slices.Equal(h, orEmpty(tc.hashtags)) {
					t.Errorf("hashtags %v, want %v", h, tc.hashtags)
				}
				if s := statusIDs(got.Statuses); !slices.Equal(s, orEmpty(tc.results)) {
					t.Errorf("statuses %v, want %v", s, tc.results)
				}
			})
		}
	})
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestSignedOutSearchMayNotPageOrResolve(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		for _, o := range []search.Options{{Limit: 5, Offset: 5}, {Limit: 5, Resolve: true}} {
			if _, err := search.Search(t.Context(), db.Client, "", "cats", o, time.Now()); !apperr.Is(err, apperr.Unauthenticated) {
				t.Errorf("%+v: %v, want unauthenticated", o, err)
			}
		}
	})
}
