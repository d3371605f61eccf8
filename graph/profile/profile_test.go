package profile_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/schema"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/profile"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

func ptr[T any](v T) *T { return &v }

// settings is everything Update can change, as stored.
type settings struct {
	a *ent.Account
	u *ent.User
}

func load(t *testing.T, db *store.DB, a *ent.Account) settings {
	t.Helper()
	ctx := context.Background()
	fresh := db.Account.GetX(ctx, a.ID)
	u := db.User.Query().Where(user.HasAccountWith(account.ID(a.ID))).OnlyX(ctx)
	return settings{fresh, u}
}

// same compares what a user can see of two settings.
func (s settings) same(o settings) bool {
	a, b := s.a, o.a
	return a.DisplayName == b.DisplayName && a.Note == b.Note && a.NoteSource == b.NoteSource &&
		slices.Equal(a.Fields, b.Fields) && a.Locked == b.Locked && a.Bot == b.Bot &&
		a.Discoverable == b.Discoverable && a.Indexable == b.Indexable && a.HideCollections == b.HideCollections &&
		s.u.DefaultVisibility == o.u.DefaultVisibility && s.u.DefaultSensitive == o.u.DefaultSensitive &&
		s.u.DefaultLanguage == o.u.DefaultLanguage && s.u.DefaultContentType == o.u.DefaultContentType
}

func TestUpdateEnforcesMastodonsLimits(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		alice := testrig.LocalAccount(t, db, "alice")
		fields := func(n int, name, value string) *[]profile.Field {
			fs := make([]profile.Field, n)
			for i := range fs {
				fs[i] = profile.Field{Name: name, Value: value}
			}
			return &fs
		}
		cases := []struct {
			name string
			c    profile.Changes
			ok   bool
		}{
			{"display name of 30", profile.Changes{DisplayName: ptr(strings.Repeat("a", 30))}, true},
			{"display name of 31", profile.Changes{DisplayName: ptr(strings.Repeat("a", 31))}, false},
			{"30 emoji with skin tones", profile.Changes{DisplayName: ptr(strings.Repeat("👋🏾", 30))}, true},
			{"bio of 500", profile.Changes{Note: ptr(strings.Repeat("b", 500))}, true},
			{"bio of 501", profile.Changes{Note: ptr(strings.Repeat("b", 501))}, false},
			{"4 fields", profile.Changes{Fields: fields(4, "k", "v")}, true},
			{"5 fields", profile.Changes{Fields: fields(5, "k", "v")}, false},
			{"field name of 255", profile.Changes{Fields: fields(1, strings.Repeat("k", 255), "v")}, true},
			{"field name of 256", profile.Changes{Fields: fields(1, strings.Repeat("k", 256), "v")}, false},
			{"field value of 256", profile.Changes{Fields: fields(1, "k", strings.Repeat("v", 256))}, false},
			{"not a language", profile.Changes{DefaultLanguage: ptr(strings.Repeat("x", 17))}, false},
			{"a good name with a bad bio", profile.Changes{DisplayName: ptr("Fine"), Note: ptr(strings.Repeat("b", 501))}, false},
		}
		for _, c := range cases {
			before := load(t, db, alice)
			err := profile.Update(ctx, db, nil, alice.ID, c.c)
			after := load(t, db, alice)
			switch {
			case c.ok && err != nil:
				t.Errorf("%s: rejected: %v", c.name, err)
			case c.ok && after.same(before): // every accepted case changes something
				t.Errorf("%s: accepted but not saved", c.name)
			case !c.ok && !apperr.Is(err, apperr.BadInput):
				t.Errorf("%s: %v, want BAD_USER_INPUT", c.name, err)
			case !c.ok && !after.same(before):
				t.Errorf("%s: rejected, but something changed", c.name)
			}
		}
	})
}

func TestUpdateChangesOnlyWhatItIsGiven(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		alice := testrig.LocalAccount(t, db, "alice")
		vis, ct := user.DefaultVisibilityUNLISTED, user.DefaultContentTypeMARKDOWN
		everything := profile.Changes{
			DisplayName: ptr("Alice"), Note: ptr("hello"), Fields: &[]profile.Field{{Name: "site", Value: "example.com"}},
			Locked: ptr(true), Bot: ptr(true), Discoverable: ptr(true), Indexable: ptr(true), Hidden: ptr(true),
			DefaultVisibility: &vis, DefaultSensitive: ptr(true), DefaultLanguage: ptr("de"), DefaultContentType: &ct,
		}
		if err := profile.Update(ctx, db, nil, alice.ID, everything); err != nil {
			t.Fatal(err)
		}
		set := load(t, db, alice)
		if set.a.DisplayName != "Alice" || set.a.NoteSource != "hello" || !set.a.Locked || !set.a.HideCollections ||
			!slices.Equal(set.a.Fields, []schema.AccountField{{Name: "site", Value: "example.com"}}) ||
			set.u.DefaultVisibility != vis || set.u.DefaultLanguage != "de" || set.u.DefaultContentType != ct || !set.u.DefaultSensitive {
			t.Fatalf("not everything was saved: %+v %+v", set.a, set.u)
		}

		if err := profile.Update(ctx, db, nil, alice.ID, profile.Changes{}); err != nil {
			t.Fatal(err)
		}
		if !load(t, db, alice).same(set) {
			t.Errorf("an empty change changed something")
		}

		if err := profile.Update(ctx, db, nil, alice.ID, profile.Changes{Bot: ptr(false)}); err != nil {
			t.Fatal(err)
		}
		want := set
		want.a.Bot = false
		if got := load(t, db, alice); got.a.Bot || !got.same(want) {
			t.Errorf("turning bot off changed more than that")
		}

		// Given but empty is a change: it clears.
		if err := profile.Update(ctx, db, nil, alice.ID, profile.Changes{DisplayName: ptr(""), Fields: &[]profile.Field{}}); err != nil {
			t.Fatal(err)
		}
		if got := load(t, db, alice); got.a.DisplayName != "" || len(got.a.Fields) != 0 || got.a.NoteSource != "hello" {
			t.Errorf("clearing: display name %q, fields %v, bio %q", got.a.DisplayName, got.a.Fields, got.a.NoteSource)
		}
	})
}

func TestUpdateRendersTheBio(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		alice := testrig.LocalAccount(t, db, "alice")
		src := "I like <b>cats</b> & dogs.\n\nMore at https://example.com/about"
		if err := profile.Update(ctx, db, nil, alice.ID, profile.Changes{Note: &src}); err != nil {
			t.Fatal(err)
		}
		a := load(t, db, alice).a
		if a.NoteSource != src {
			t.Errorf("source %q, want it kept as typed", a.NoteSource)
		}
		for _, want := range []string{"<p>", "&lt;b&gt;cats&lt;/b&gt;", "&amp; dogs", `href="https://example.com/about"`} {
			if !strings.Contains(a.Note, want) {
				t.Errorf("bio %s lacks %s", a.Note, want)
			}
		}
		if strings.Contains(a.Note, "<b>") {
			t.Errorf("bio %s lets HTML through", a.Note)
		}
	})
}
