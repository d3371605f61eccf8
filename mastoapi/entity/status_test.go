package entity_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
)

// TestStatusViewerKeys checks what each viewer is shown of the viewer-dependent keys,
// where Mastodon clients draw their buttons from: present or absent, and the value.
func TestStatusViewerKeys(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		absent := "absent"
		cases := []struct {
			name   string
			viewer *ent.Account
			status *ent.Status
			want   map[string]any // key → JSON value, or absent
		}{
			{"signed out sees no marks", nil, w.post, map[string]any{
				"favourited": absent, "reblogged": absent, "bookmarked": absent, "muted": absent,
				"pinned": absent, "filtered": absent,
			}},
			{"a reader sees their marks but no pin", w.carol, w.post, map[string]any{
				"favourited": true, "reblogged": true, "bookmarked": true, "muted": false,
				"pinned": absent, "filtered": []any{},
			}},
			{"the author sees the pin", w.alice, w.mutuals, map[string]any{
				"pinned": true, "favourited": false, "visibility": "private",
			}},
			{"the author of an unpinned status", w.alice, w.post, map[string]any{"pinned": false}},
			{"a boost mirrors the boosted status's marks", w.carol, w.boost, map[string]any{
				"favourited": true, "reblogged": true, "bookmarked": true, "pinned": absent,
				"content": "", "application": absent,
			}},
			{"a remote status has no application", w.carol, w.reply, map[string]any{
				"application": absent, "language": nil, "visibility": "unlisted",
			}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				viewerID := ""
				if tc.viewer != nil {
					viewerID = tc.viewer.ID
				}
				got := renderMap(t, must(w.r.Status(w.ctx, viewerID, tc.status)))
				for key, want := range tc.want {
					value, ok := got[key]
					switch {
					case want == absent && ok:
						t.Errorf("%s = %v, want the key left out", key, value)
					case want != absent && !ok:
						t.Errorf("%s missing, want %v", key, want)
					case want != absent && !jsonEqual(value, want):
						t.Errorf("%s = %v, want %v", key, value, want)
					}
				}
			})
		}
	})
}

// TestBoostWrapsTheOriginal checks a boost as Mastodon clients unwrap it: the outer
// status is the booster's, the inner the original in full.
func TestBoostWrapsTheOriginal(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		got := must(w.r.Status(w.ctx, w.carol.ID, w.boost))
		if got.ID != w.boost.ID || got.Account.ID != w.carol.ID {
			t.Errorf("outer status is %s by %s, want the boost %s by carol", got.ID, got.Account.ID, w.boost.ID)
		}
		if got.Reblog == nil || got.Reblog.ID != w.post.ID || got.Reblog.Account.ID != w.alice.ID {
			t.Fatalf("reblog = %+v, want alice's post %s", got.Reblog, w.post.ID)
		}
		if got.Reblog.Poll == nil || len(got.Reblog.MediaAttachments) != 1 || len(got.Reblog.Mentions) != 1 {
			t.Errorf("the boosted status is not rendered in full: poll %v, %d media, %d mentions",
				got.Reblog.Poll, len(got.Reblog.MediaAttachments), len(got.Reblog.Mentions))
		}
		if got.ReblogsCount != 0 || got.Content != "" || got.Poll != nil {
			t.Errorf("the outer status carries the original's content or counts: %+v", got)
		}
	})
}

// TestAccountHandles checks acct and the creation day Mastodon clients show.
func TestAccountHandles(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		accounts := must(w.r.Accounts(w.ctx, []*ent.Account{w.alice, w.bob}))
		for i, want := range []string{"alice", "bob@remote.example"} {
			if accounts[i].Acct != want {
				t.Errorf("acct = %q, want %q", accounts[i].Acct, want)
			}
			if c := accounts[i].CreatedAt.UTC(); c.Hour()+c.Minute()+c.Second()+c.Nanosecond() != 0 {
				t.Errorf("%s created_at = %v, want midnight UTC", want, c)
			}
		}
	})
}

// renderMap is v as a generic JSON object.
func renderMap(t *testing.T, v any) map[string]any {
	t.Helper()
	var b bytes.Buffer
	if err := entity.Encode(&b, v); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
