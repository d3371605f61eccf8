package mastoapi_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// walk follows rel links from path until there are none, collecting the IDs of each
// page, and fails on a page that is too big.
func (g *rig) walk(path, token, rel string, limit int) (ids []string, pages int) {
	g.t.Helper()
	for path != "" && pages < 50 {
		var page []struct{ ID string }
		r := g.get(path, token).ok(&page)
		if len(page) > limit {
			g.t.Fatalf("%s: %d items, over the limit of %d", path, len(page), limit)
		}
		for _, p := range page {
			ids = append(ids, p.ID)
		}
		pages++
		path = r.links()[rel]
		if path != "" && !strings.HasPrefix(path, publicBase+"/api/v1/") {
			g.t.Fatalf("Link %s=%s is not an absolute URL on the public base", rel, path)
		}
	}
	return ids, pages
}

func TestStatusPagesHaveNoDuplicatesOrGaps(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice := g.user("alice")
		var posted []string
		for i := range 25 {
			posted = append(posted, createStatus(t, g, alice, form{"status": {fmt.Sprint("post ", i)}}).ID)
		}
		base := "/api/v1/accounts/" + alice.ID + "/statuses"

		first := g.get(base+"?limit=10", alice.token)
		var firstPage []struct{ ID string }
		first.ok(&firstPage)
		// A status posted while the client pages must not shift the pages after it.
		newer := createStatus(t, g, alice, form{"status": {"arrived while paging"}}).ID

		rest, pages := g.walk(first.links()["next"], alice.token, "next", 10)
		var got []string
		for _, p := range firstPage {
			got = append(got, p.ID)
		}
		got = append(got, rest...)
		if pages != 2 {
			t.Errorf("25 statuses by 10 took %d more pages after the first, want 2", pages)
		}
		want := slices.Clone(posted)
		slices.Sort(want)
		slices.Reverse(want)
		if !slices.Equal(got, want) {
			t.Errorf("paged IDs:\n got %v\nwant %v (each once, newest first)", got, want)
		}

		// prev from the first page finds exactly what arrived since.
		var since []struct{ ID string }
		g.get(first.links()["prev"], alice.token).ok(&since)
		if len(since) != 1 || since[0].ID != newer {
			t.Errorf("prev page: %v, want [%s]", since, newer)
		}
		// Paging up from the oldest with min_id comes back newest first, in pages.
		up, _ := g.walk(base+"?limit=10&min_id="+want[len(want)-1], alice.token, "prev", 10)
		if len(up) != 25 || slices.Contains(up, want[len(want)-1]) {
			t.Errorf("paging up from min_id saw %d statuses, want the 25 newer ones", len(up))
		}
		// limit is clamped to 40.
		var all []struct{ ID string }
		g.get(base+"?limit=1000", alice.token).ok(&all)
		if len(all) != 26 {
			t.Errorf("limit=1000 gave %d of 26", len(all))
		}
		g.get(base+"?limit=1000&max_id="+want[len(want)-1], alice.token).ok(&all)
		if len(all) != 0 || g.get(base+"?max_id="+want[len(want)-1], alice.token).header.Get("Link") != "" {
			t.Errorf("past the oldest status: %d statuses and a Link header, want none", len(all))
		}
	})
}

func TestAccountStatusFilters(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice, bob := g.user("alice"), g.user("bob")
		ctx := context.Background()
		media, err := db.MediaAttachment.Create().SetAccountID(alice.ID).SetType(mediaattachment.TypeIMAGE).SetProcessing(mediaattachment.ProcessingPROCESSED).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		bobs := createStatus(t, g, bob, form{"status": {"bob's"}})
		plain := createStatus(t, g, alice, form{"status": {"plain"}})
		tagged := createStatus(t, g, alice, form{"status": {"about #Cats"}})
		withMedia := createStatus(t, g, alice, form{"status": {"look"}, "media_ids[]": {media.ID}})
		selfReply := createStatus(t, g, alice, form{"status": {"thread"}, "in_reply_to_id": {plain.ID}})
		replyToBob := createStatus(t, g, alice, form{"status": {"hi bob"}, "in_reply_to_id": {bobs.ID}})
		var boost statusJSON
		g.post("/api/v1/statuses/"+bobs.ID+"/reblog", alice.token, nil).ok(&boost)
		g.post("/api/v1/statuses/"+tagged.ID+"/pin", alice.token, nil).ok(nil)

		cases := []struct {
			query string
			want  []string
		}{
			{"", []string{boost.ID, replyToBob.ID, selfReply.ID, withMedia.ID, tagged.ID, plain.ID}},
			{"exclude_replies=true", []string{boost.ID, selfReply.ID, withMedia.ID, tagged.ID, plain.ID}},
			{"exclude_reblogs=1", []string{replyToBob.ID, selfReply.ID, withMedia.ID, tagged.ID, plain.ID}},
			{"only_media=true", []string{withMedia.ID}},
			{"pinned=true", []string{tagged.ID}},
			{"tagged=cats", []string{tagged.ID}},
			{"exclude_replies=true&exclude_reblogs=true&only_media=false", []string{selfReply.ID, withMedia.ID, tagged.ID, plain.ID}},
		}
		for _, c := range cases {
			var page []struct{ ID string }
			g.get("/api/v1/accounts/"+alice.ID+"/statuses?"+c.query, "").ok(&page)
			var got []string
			for _, p := range page {
				got = append(got, p.ID)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("?%s: got %v, want %v", c.query, got, c.want)
			}
		}
		g.get("/api/v1/accounts/01NOSUCHACCOUNT/statuses", "").errorIs(http.StatusNotFound, "Record not found")
	})
}

func TestFollowListsPage(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice := g.user("alice")
		var followers []string
		for i := range 5 {
			u := g.user(fmt.Sprint("fan", i))
			g.post("/api/v1/accounts/"+alice.ID+"/follow", u.token, nil).ok(nil)
			g.post("/api/v1/accounts/"+u.ID+"/follow", alice.token, nil).ok(nil)
			followers = append([]string{u.ID}, followers...) // most recent follow first
		}
		for _, list := range []string{"followers", "following"} {
			got, pages := g.walk("/api/v1/accounts/"+alice.ID+"/"+list+"?limit=2", "", "next", 2)
			if !slices.Equal(got, followers) || pages != 3 {
				t.Errorf("%s in %d pages: %v, want %v in 3", list, pages, got, followers)
			}
		}

		// Hidden collections show their owner everything and others nothing.
		g.call(http.MethodPatch, "/api/v1/accounts/update_credentials", alice.token, form{"hide_collections": {"true"}}).ok(nil)
		var page []accountJSON
		g.get("/api/v1/accounts/"+alice.ID+"/followers", "").ok(&page)
		if len(page) != 0 {
			t.Errorf("hidden followers shown to a visitor: %d", len(page))
		}
		g.get("/api/v1/accounts/"+alice.ID+"/followers", alice.token).ok(&page)
		if len(page) != 5 || page[0].Username != "fan4" {
			t.Errorf("own hidden followers: %+v", page)
		}
		g.get("/api/v1/accounts/01NOSUCHACCOUNT/followers", "").errorIs(http.StatusNotFound, "Record not found")
	})
}
