package entity_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestRenderingAPageCostsTheSameForAnySize guards against N+1 queries: rendering 20
// statuses (or notifications) must issue exactly as many SQL statements as rendering 5
// of the same mix — boosts, replies, mentions, tags, media, local and remote polls,
// applications, viewer marks.
func TestRenderingAPageCostsTheSameForAnySize(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		statuses, notes, viewerID := pageFixture(t, db)
		counting, n := testrig.CountingDB(db)
		r := newRenderer(counting)
		cases := []struct {
			name   string
			render func(size int) (int, error)
		}{
			{"statuses", func(size int) (int, error) {
				out, err := r.Statuses(t.Context(), viewerID, statuses[:size])
				return len(out), err
			}},
			{"notifications", func(size int) (int, error) {
				out, err := r.Notifications(t.Context(), viewerID, notes[:size])
				return len(out), err
			}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				cost := map[int]int64{}
				for _, size := range []int{5, 20} {
					n.Store(0)
					got, err := tc.render(size)
					if err != nil {
						t.Fatalf("render %d: %v", size, err)
					}
					if got != size {
						t.Fatalf("rendered %d of %d", got, size)
					}
					cost[size] = n.Load()
				}
				t.Logf("%s: %d statements for 5, %d for 20", tc.name, cost[5], cost[20])
				if cost[5] != cost[20] {
					t.Errorf("%s: a page of 20 costs %d statements, a page of 5 costs %d: something is read per item",
						tc.name, cost[20], cost[5])
				}
			})
		}
	})
}

// pageFixture writes 20 statuses, every fourth a boost of an older status, the rest
// alternating between a local author (with an application, a local poll and a reply)
// and a remote one (with a remote poll), each with a mention, a tag and an image; and
// a notification about each. It returns them newest first, and the viewer.
func pageFixture(t *testing.T, db *store.DB) ([]*ent.Status, []*ent.Notification, string) {
	ctx := t.Context()
	local := testrig.LocalAccount(t, db, "writer")
	remote := testrig.RemoteAccount(t, db, "far", "remote.example")
	viewer := testrig.LocalAccount(t, db, "reader")
	app := must(db.Application.Create().SetName("App").SetRedirectUris([]string{}).
		SetClientID("page-client").SetClientSecret("page-secret").Save(ctx))
	tag := must(db.Tag.Create().SetName("page").Save(ctx))
	base := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	var statuses []*ent.Status
	var notes []*ent.Notification
	for i := range 20 {
		id := fmt.Sprintf("01HQPAGE%018d", i)
		at := base.Add(time.Duration(i) * time.Minute)
		var st *ent.Status
		switch {
		case i%4 == 3:
			old := must(db.Status.Create().SetID(fmt.Sprintf("01HQOLD%019d", i)).SetAccountID(remote.ID).
				SetURI(fmt.Sprintf("https://remote.example/s/%d", i)).SetContent("<p>old</p>").
				SetLocal(false).SetCreatedAt(base.Add(-time.Hour)).Save(ctx))
			st = must(db.Status.Create().SetID(id).SetAccountID(viewer.ID).SetReblogOfID(old.ID).
				SetURI(testURIs.Status("reader", id)).SetCreatedAt(at).Save(ctx))
		default:
			author, other := local, remote
			if i%2 == 1 {
				author, other = remote, local
			}
			c := db.Status.Create().SetID(id).SetAccountID(author.ID).SetCreatedAt(at).
				SetURI(testURIs.Status(author.Username, id)).SetContent("<p>post</p>").SetThreadID(id).
				AddTagIDs(tag.ID).SetLocal(author == local)
			if author == local {
				c.SetApplicationID(app.ID)
				if len(statuses) > 0 {
					c.SetInReplyToID(statuses[len(statuses)-1].ID)
				}
			}
			st = must(c.Save(ctx))
			must(db.Mention.Create().SetStatusID(id).SetAccountID(other.ID).Save(ctx))
			must(db.MediaAttachment.Create().SetAccountID(author.ID).SetStatusID(id).
				SetType(mediaattachment.TypeIMAGE).SetFilePath("f.png").Save(ctx))
			p := db.Poll.Create().SetStatusID(id).SetOptions([]string{"a", "b"})
			if author == remote {
				p.SetRemoteCounts([]int{3, 4}).SetRemoteVotersCount(7)
			}
			poll := must(p.Save(ctx))
			must(db.PollVote.Create().SetPollID(poll.ID).SetAccountID(viewer.ID).SetChoice(i % 2).Save(ctx))
			must(db.Favourite.Create().SetAccountID(viewer.ID).SetStatusID(id).SetURI("https://x/" + id).Save(ctx))
		}
		statuses = append([]*ent.Status{st}, statuses...)
		notes = append([]*ent.Notification{must(db.Notification.Create().SetAccountID(local.ID).
			SetFromAccountID([]string{remote.ID, viewer.ID}[i%2]).SetStatusID(st.ID).
			SetType(notification.TypeFAVOURITE).SetCreatedAt(at).Save(ctx))}, notes...)
	}
	return statuses, notes, viewer.ID
}
