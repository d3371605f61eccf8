package graph_test

import (
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/mute"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestMarkers saves and reads the viewer's markers through GraphQL, as apps do over
// /api/v1/markers.
func TestMarkers(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		at := testrig.Token(t, db, testrig.LocalAccount(t, db, "alice"), "read write")
		type marker struct {
			Timeline, LastReadID string
			Version              int
		}
		var saved struct{ SaveMarkers []marker }
		s.must(at, `mutation { saveMarkers(input: {home: "01HOME", notifications: "01NOTE"}) { timeline lastReadID version } }`, nil, &saved)
		want := []marker{{"HOME", "01HOME", 0}, {"NOTIFICATIONS", "01NOTE", 0}}
		if !slices.Equal(saved.SaveMarkers, want) {
			t.Errorf("saved %+v, want %+v", saved.SaveMarkers, want)
		}
		s.must(at, `mutation { saveMarkers(input: {home: "01HOME2"}) { timeline } }`, nil, nil)
		var got struct{ Markers []marker }
		s.must(at, `{ markers(timelines: [HOME]) { timeline lastReadID version } }`, nil, &got)
		if !slices.Equal(got.Markers, []marker{{"HOME", "01HOME2", 1}}) {
			t.Errorf("home marker %+v, want moved once", got.Markers)
		}
		s.must(at, `{ markers { timeline } }`, nil, &got)
		if len(got.Markers) != 2 {
			t.Errorf("all markers: %+v", got.Markers)
		}
		if r := s.do("", `{ markers { timeline } }`, nil); r.code() != "UNAUTHENTICATED" {
			t.Errorf("signed out: %+v", r.Errors)
		}
	})
}

// TestHashtagTimelineAnyAllNone refines the hashtag timeline as Mastodon's any[],
// all[] and none[] do.
func TestHashtagTimelineAnyAllNone(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		at := testrig.Token(t, db, testrig.LocalAccount(t, db, "alice"), "write")
		post := func(text string) string {
			var out struct {
				CreateStatus struct{ Status struct{ ID string } }
			}
			s.must(at, `mutation($t: String!) { createStatus(input: {text: $t, visibility: PUBLIC}) { status { id } } }`, map[string]any{"t": text}, &out)
			return out.CreateStatus.Status.ID
		}
		cats := post("#cats")
		dogs := post("#dogs")
		both := post("#cats #dogs")
		birds := post("#cats #birds")
		cases := []struct {
			args string
			want []string
		}{
			{``, []string{birds, both, cats}},
			{`, anyTags: ["dogs"]`, []string{birds, both, dogs, cats}},
			{`, allTags: ["dogs"]`, []string{both}},
			{`, noneTags: ["dogs", "birds"]`, []string{cats}},
			{`, remote: true`, nil},
		}
		for _, c := range cases {
			var out struct {
				HashtagTimeline struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
			s.must("", `{ hashtagTimeline(tag: "cats"`+c.args+`) { edges { node { id } } } }`, nil, &out)
			var got []string
			for _, e := range out.HashtagTimeline.Edges {
				got = append(got, e.Node.ID)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("hashtagTimeline(cats%s) = %v, want %v", c.args, got, c.want)
			}
		}
	})
}

// TestMuteWithDuration: a mute for a while says when it ends, and stops applying then.
func TestMuteWithDuration(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		at := testrig.Token(t, db, alice, "read write follow")
		bt := testrig.Token(t, db, bob, "write")
		s.must(at, `mutation($id: ID!) { followAccount(input: {accountID: $id}) { relationship { following } } }`, map[string]any{"id": bob.ID}, nil)
		var muted struct {
			MuteAccount struct {
				Relationship struct {
					Muting        bool
					MuteExpiresAt *time.Time
				}
			}
		}
		s.must(at, `mutation($id: ID!) { muteAccount(input: {accountID: $id, duration: 3600}) { relationship { muting muteExpiresAt } } }`,
			map[string]any{"id": bob.ID}, &muted)
		rel := muted.MuteAccount.Relationship
		if !rel.Muting || rel.MuteExpiresAt == nil || time.Until(*rel.MuteExpiresAt) < 59*time.Minute || time.Until(*rel.MuteExpiresAt) > 61*time.Minute {
			t.Fatalf("muted for an hour: %+v", rel)
		}
		var post struct {
			CreateStatus struct{ Status struct{ ID string } }
		}
		s.must(bt, `mutation { createStatus(input: {text: "hi", visibility: PUBLIC}) { status { id } } }`, nil, &post)
		const home = `{ homeTimeline { edges { node { id } } } }`
		if timelineHas(t, s, at, home, post.CreateStatus.Status.ID) {
			t.Error("a muted account's status is at home")
		}
		// The hour passes.
		db.Mute.Update().Where(mute.AccountID(alice.ID)).SetExpiresAt(time.Now().Add(-time.Second)).ExecX(t.Context())
		if !timelineHas(t, s, at, home, post.CreateStatus.Status.ID) {
			t.Error("the status is still hidden after the mute ended")
		}
		var rels struct {
			Relationships []struct {
				Muting        bool
				MuteExpiresAt *time.Time
			}
		}
		s.must(at, `query($id: ID!) { relationships(ids: [$id]) { muting muteExpiresAt } }`, map[string]any{"id": bob.ID}, &rels)
		if len(rels.Relationships) != 1 || rels.Relationships[0].Muting || rels.Relationships[0].MuteExpiresAt != nil {
			t.Errorf("after the mute ended: %+v", rels.Relationships)
		}
	})
}
