package serve_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestOutbox(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		follower := r.remote("fan", "remote.test")
		r.follow(follower, alice)
		var public []*ent.Status
		for i := range 25 {
			public = append(public, r.post(alice, i*2, status.VisibilityPUBLIC))
		}
		private := r.post(alice, 13, status.VisibilityFOLLOWERS_ONLY)
		localOnly := r.post(alice, 15, status.VisibilityPUBLIC, func(c *ent.StatusCreate) { c.SetLocalOnly(true) })
		outbox := "https://" + testrig.TestHost + "/users/alice/outbox"

		front := r.getAS("/users/alice/outbox", nil)
		if str(front, "type") != "OrderedCollection" || str(front, "id") != outbox || num(front, "totalItems") != 25 {
			t.Fatalf("outbox: %v", front)
		}
		first := str(front, "first")
		if first != outbox+"?page=true" {
			t.Fatalf("first = %q", first)
		}

		// objects lists the IDs of the statuses a page's activities carry.
		objects := func(page map[string]any) []string {
			var out []string
			for _, it := range items(t, page) {
				act := it.(map[string]any)
				if str(act, "type") != "Create" || str(act, "actor") != alice.URI {
					t.Errorf("item %v is not alice's Create", act)
				}
				out = append(out, str(act, "object", "id"))
			}
			return out
		}
		newestFirst := func(from, n int) []string {
			var out []string
			for i := from; i > from-n; i-- {
				out = append(out, public[i].URI)
			}
			return out
		}

		page1 := r.getAS(pathOf(t, first), nil)
		if str(page1, "type") != "OrderedCollectionPage" || str(page1, "partOf") != outbox {
			t.Fatalf("page 1: %v", page1)
		}
		equal(t, "page 1", objects(page1), newestFirst(24, 20))
		next := str(page1, "next")
		if next == "" {
			t.Fatal("page 1 has no next")
		}
		page2 := r.getAS(pathOf(t, next), nil)
		equal(t, "page 2", objects(page2), newestFirst(4, 5))
		if str(page2, "next") != "" {
			t.Errorf("page 2 has next %q", str(page2, "next"))
		}
		// Back from page 2 is page 1 again.
		back := r.getAS(pathOf(t, str(page2, "prev")), nil)
		equal(t, "back from page 2", objects(back), newestFirst(24, 20))

		// A follower's server sees the followers-only status too; local-only never.
		signed := r.getAS("/users/alice/outbox", follower)
		if num(signed, "totalItems") != 26 {
			t.Errorf("signed by a follower: totalItems %d, want 26", num(signed, "totalItems"))
		}
		all := append(objects(r.getAS(pathOf(t, first), follower)), objects(r.getAS(pathOf(t, next), follower))...)
		for _, id := range all {
			if id == localOnly.URI {
				t.Error("the local-only status is in the outbox")
			}
		}
		for _, page := range [][]string{objects(page1), objects(page2)} {
			for _, id := range page {
				if id == private.URI || id == localOnly.URI {
					t.Errorf("unsigned outbox shows %s", id)
				}
			}
		}
		if !contains(all, private.URI) {
			t.Error("the follower does not see the followers-only status")
		}

		t.Run("boosts are Announces", func(t *testing.T) {
			bob := testrig.LocalAccount(t, db, "bob")
			boost := r.post(bob, 60, status.VisibilityPUBLIC, func(c *ent.StatusCreate) { c.SetReblogOfID(public[0].ID) })
			r.post(bob, 61, status.VisibilityPUBLIC, func(c *ent.StatusCreate) { c.SetReblogOfID(localOnly.ID) })
			page := r.getAS("/users/bob/outbox?page=true", nil)
			its := items(t, page)
			if len(its) != 1 {
				t.Fatalf("bob's outbox: %v", its)
			}
			if a := its[0].(map[string]any); str(a, "type") != "Announce" || str(a, "id") != boost.URI || str(a, "object") != public[0].URI {
				t.Errorf("announce: %v", a)
			}
			if num(r.getAS("/users/bob/outbox", nil), "totalItems") != 1 {
				t.Error("bob's outbox counts the boost of a local-only status")
			}
		})

		if res := r.get("/users/alice/outbox?page=true&max_id=x'--", acceptAS, nil); res.status != http.StatusBadRequest {
			t.Errorf("bad cursor: %d", res.status)
		}
	})
}

func TestFollowCollections(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		shy := testrig.LocalAccount(t, db, "shy")
		db.Account.UpdateOne(shy).SetHideCollections(true).ExecX(r.ctx)
		var fans []*ent.Account
		for _, name := range []string{"a", "b", "c"} {
			fan := testrig.RemoteAccount(t, db, name, "remote.test")
			r.follow(fan, alice)
			r.follow(fan, shy)
			fans = append(fans, fan)
		}
		r.follow(alice, fans[0])
		r.follow(shy, fans[0])
		// Reload for the counters.
		alice = db.Account.GetX(r.ctx, alice.ID)

		for _, c := range []struct {
			path  string
			total int
			items []string
		}{
			{"/users/alice/followers", 3, []string{fans[2].URI, fans[1].URI, fans[0].URI}},
			{"/users/alice/following", 1, []string{fans[0].URI}},
		} {
			front := r.getAS(c.path, nil)
			if num(front, "totalItems") != c.total || str(front, "id") != "https://"+testrig.TestHost+c.path {
				t.Errorf("%s: %v", c.path, front)
			}
			page := r.getAS(pathOf(t, str(front, "first")), nil)
			var got []string
			for _, it := range items(t, page) {
				got = append(got, it.(string))
			}
			equal(t, c.path, got, c.items)
		}

		// A hidden list shows its size, nothing more.
		for _, c := range []struct {
			path  string
			total int
		}{{"followers", 3}, {"following", 1}} {
			front := r.getAS("/users/shy/"+c.path, nil)
			if num(front, "totalItems") != c.total || front["first"] != nil {
				t.Errorf("hidden %s: %v", c.path, front)
			}
			if res := r.get("/users/shy/"+c.path+"?page=true", acceptAS, nil); res.status != http.StatusForbidden {
				t.Errorf("hidden %s page: %d, want 403", c.path, res.status)
			}
		}
	})
}

func TestFeatured(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		older := r.post(alice, 1, status.VisibilityPUBLIC)
		newer := r.post(alice, 2, status.VisibilityPUBLIC)
		private := r.post(alice, 3, status.VisibilityFOLLOWERS_ONLY)
		r.post(alice, 4, status.VisibilityPUBLIC) // not pinned
		// Pinned in this order: newer, private, older; the last pin comes first.
		for i, st := range []*ent.Status{newer, private, older} {
			db.StatusPin.Create().SetID(ids.New(base.Add(time.Duration(i) * time.Hour))).
				SetAccountID(alice.ID).SetStatusID(st.ID).ExecX(r.ctx)
		}
		doc := r.getAS("/users/alice/collections/featured", nil)
		if str(doc, "type") != "OrderedCollection" || str(doc, "id") != "https://"+testrig.TestHost+"/users/alice/collections/featured" || num(doc, "totalItems") != 2 {
			t.Fatalf("featured: %v", doc)
		}
		var got []string
		for _, it := range items(t, doc) {
			n := it.(map[string]any)
			if str(n, "type") != "Note" {
				t.Errorf("item %v is not a Note", n)
			}
			got = append(got, str(n, "id"))
		}
		equal(t, "featured", got, []string{older.URI, newer.URI})

		empty := testrig.LocalAccount(t, db, "empty")
		doc = r.getAS("/users/"+empty.Username+"/collections/featured", nil)
		if num(doc, "totalItems") != 0 || len(items(t, doc)) != 0 {
			t.Errorf("empty featured: %v", doc)
		}
	})
}

func equal(t testing.TB, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d items, want %d\n got %v\nwant %v", what, len(got), len(want), got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s: item %d is %s, want %s", what, i, got[i], want[i])
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// A page costs the same number of queries whatever it holds: no query per item.
func TestCollectionPageQueries(t *testing.T) {
	db, queries := testrig.CountingDB(testrig.NewDB(t, store.SQLite))
	r := newRig(t, db)
	cost := func(path string) int64 {
		t.Helper()
		before := queries.Load()
		r.getAS(path, nil)
		return queries.Load() - before
	}
	for _, name := range []string{"few", "many"} {
		a := testrig.LocalAccount(t, db, name)
		n := 2
		if name == "many" {
			n = 20
		}
		for i := range n {
			st := r.post(a, i, status.VisibilityPUBLIC)
			fan := testrig.RemoteAccount(t, db, fmt.Sprintf("%s%d", name, i), "remote.test")
			r.follow(fan, a)
			db.Mention.Create().SetStatusID(st.ID).SetAccountID(fan.ID).ExecX(r.ctx)
			db.StatusPin.Create().SetAccountID(a.ID).SetStatusID(st.ID).ExecX(r.ctx)
		}
	}
	for _, path := range []string{"/outbox?page=true", "/followers?page=true", "/collections/featured"} {
		few, many := cost("/users/few"+path), cost("/users/many"+path)
		if few == 0 {
			t.Fatalf("%s: no queries counted", path)
		}
		if few != many {
			t.Errorf("%s: %d queries for 2 items, %d for 20", path, few, many)
		}
	}
}
