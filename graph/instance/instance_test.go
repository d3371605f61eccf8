package instance_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/instance"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

func TestStatistics(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		alice := testrig.LocalAccount(t, db, "alice")
		bob := testrig.LocalAccount(t, db, "bob")
		mallory := testrig.LocalAccount(t, db, "mallory")
		db.Account.UpdateOne(mallory).SetSuspendedAt(now).ExecX(ctx)
		db.User.Update().SetLastSignInAt(now.Add(-40 * 24 * time.Hour)).ExecX(ctx)
		alice.QueryUser().OnlyX(ctx).Update().SetLastSignInAt(now.Add(-time.Hour)).ExecX(ctx)
		remote1 := testrig.RemoteAccount(t, db, "r1", "one.example")
		testrig.RemoteAccount(t, db, "r2", "one.example")
		testrig.RemoteAccount(t, db, "r3", "two.example")
		for i, a := range []*ent.Account{alice, alice, bob} {
			db.Status.Create().SetAccountID(a.ID).SetURI("https://" + testrig.TestHost + "/s/" + string(rune('a'+i))).ExecX(ctx)
		}
		db.Status.Create().SetAccountID(remote1.ID).SetURI("https://one.example/s/1").SetLocal(false).ExecX(ctx)

		got, err := instance.Statistics(ctx, db.Client, now)
		if err != nil {
			t.Fatal(err)
		}
		want := instance.Stats{Users: 2, ActiveMonth: 1, Statuses: 3, Domains: 2}
		if got != want {
			t.Errorf("Statistics = %+v, want %+v (suspended users, remote statuses and repeated domains not counted)", got, want)
		}
	})
}

func TestRulesAndCustomEmojis(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Rule.Create().SetText("Be kind").SetPosition(2).ExecX(ctx)
		db.Rule.Create().SetText("No spam").SetPosition(1).ExecX(ctx)
		rules, err := instance.Rules(ctx, db.Client)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, r := range rules {
			texts = append(texts, r.Text)
		}
		if want := []string{"No spam", "Be kind"}; !slices.Equal(texts, want) {
			t.Errorf("rules %v, want %v (by position)", texts, want)
		}

		db.CustomEmoji.Create().SetShortcode("wave").ExecX(ctx)
		db.CustomEmoji.Create().SetShortcode("blobcat").ExecX(ctx)
		db.CustomEmoji.Create().SetShortcode("old").SetDisabled(true).ExecX(ctx)
		db.CustomEmoji.Create().SetShortcode("theirs").SetDomain("one.example").ExecX(ctx)
		emojis, err := instance.CustomEmojis(ctx, db.Client)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, e := range emojis {
			codes = append(codes, e.Shortcode)
		}
		if want := []string{"blobcat", "wave"}; !slices.Equal(codes, want) {
			t.Errorf("custom emoji %v, want %v (local, enabled, by shortcode)", codes, want)
		}
	})
}
