package tags_test

import (
	"os"
	"testing"

	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/tags"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

func TestNormalize(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"cats", "cats", true},
		{"#Cats", "cats", true},
		{"ＣＡＴＳ", "cats", true},
		{"café_2", "café_2", true},
		{"no spaces", "", false},
		{"123", "", false},
		{"", "", false},
		{"#", "", false},
		{"a-b", "", false},
	}
	for _, c := range cases {
		got, ok := tags.Normalize(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestFollowAndUnfollow(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		svc := &tags.Service{DB: db}
		alice := testrig.LocalAccount(t, db, "alice")
		bob := testrig.LocalAccount(t, db, "bob")

		// A hashtag nobody used yet can be read and followed; following creates it.
		unused, err := svc.Get(ctx, "Knitting")
		if err != nil || unused.ID != "" || unused.Name != "knitting" {
			t.Fatalf("Get of an unused tag: %+v, %v; want an unsaved #knitting", unused, err)
		}
		followed, err := svc.Follow(ctx, alice.ID, "#Knitting")
		if err != nil || followed.ID == "" || followed.Name != "knitting" {
			t.Fatalf("Follow: %+v, %v", followed, err)
		}
		// Again, and by someone else: one tag, two follows.
		if _, err := svc.Follow(ctx, alice.ID, "knitting"); err != nil {
			t.Fatalf("follow again: %v", err)
		}
		if _, err := svc.Follow(ctx, bob.ID, "KNITTING"); err != nil {
			t.Fatal(err)
		}
		if n := db.Tag.Query().Where(tag.Name("knitting")).CountX(ctx); n != 1 {
			t.Errorf("%d #knitting rows, want 1", n)
		}
		if n := svc.Followed(alice.ID).CountX(ctx); n != 1 {
			t.Errorf("alice follows %d tags, want 1", n)
		}
		isFollowing := func(who string) bool {
			m, err := svc.Following(ctx, who, []string{followed.ID})
			if err != nil {
				t.Fatal(err)
			}
			return m[followed.ID]
		}
		if !isFollowing(alice.ID) || isFollowing("") {
			t.Error("Following: alice should follow #knitting, a signed-out viewer not")
		}

		if _, err := svc.Unfollow(ctx, alice.ID, "knitting"); err != nil {
			t.Fatal(err)
		}
		if isFollowing(alice.ID) || !isFollowing(bob.ID) {
			t.Error("after alice unfollowed: alice still follows, or bob's follow went too")
		}
		// Unfollowing what one does not follow, or a tag never used, is fine.
		if _, err := svc.Unfollow(ctx, alice.ID, "knitting"); err != nil {
			t.Errorf("unfollow again: %v", err)
		}
		if got, err := svc.Unfollow(ctx, alice.ID, "neverused"); err != nil || got.Name != "neverused" {
			t.Errorf("unfollow an unused tag: %+v, %v", got, err)
		}

		for _, bad := range []string{"not a tag", "42"} {
			if _, err := svc.Follow(ctx, alice.ID, bad); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("Follow(%q): %v, want not found", bad, err)
			}
			if _, err := svc.Get(ctx, bad); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("Get(%q): %v, want not found", bad, err)
			}
		}
	})
}
