package graph_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestConversations reads, pages, marks and removes direct-message conversations
// through GraphQL, over the same rows /api/v1/conversations serves.
func TestConversations(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		bob := testrig.LocalAccount(t, db, "bob")
		at := testrig.Token(t, db, alice, "read write")
		bt := testrig.Token(t, db, bob, "read write")
		post := func(token, text string) string {
			var out struct {
				CreateStatus struct{ Status struct{ ID string } }
			}
			s.must(token, `mutation($t: String!) { createStatus(input: {text: $t, visibility: DIRECT}) { status { id } } }`,
				map[string]any{"t": text}, &out)
			return out.CreateStatus.Status.ID
		}
		first := post(bt, "@alice one")
		second := post(bt, "@alice two")
		s.must(at, `mutation { createStatus(input: {text: "out loud"}) { status { id } } }`, nil, nil)

		type page struct {
			Conversations struct {
				TotalCount int
				Edges      []struct {
					Cursor string
					Node   struct {
						ID         string
						Unread     bool
						Accounts   []struct{ Username string }
						LastStatus *struct{ ID string }
					}
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		const q = `query($after: Cursor) { conversations(first: 1, after: $after) {
			totalCount edges { cursor node { id unread accounts { username } lastStatus { id } } }
			pageInfo { hasNextPage endCursor } } }`
		var p1, p2 page
		s.must(at, q, nil, &p1)
		c := p1.Conversations
		if c.TotalCount != 2 || len(c.Edges) != 1 || !c.PageInfo.HasNextPage ||
			c.Edges[0].Node.LastStatus == nil || c.Edges[0].Node.LastStatus.ID != second ||
			!c.Edges[0].Node.Unread || len(c.Edges[0].Node.Accounts) != 1 || c.Edges[0].Node.Accounts[0].Username != "bob" {
			t.Fatalf("first page: %+v", c)
		}
		s.must(at, q, map[string]any{"after": c.PageInfo.EndCursor}, &p2)
		if e := p2.Conversations.Edges; len(e) != 1 || e[0].Node.LastStatus.ID != first || p2.Conversations.PageInfo.HasNextPage {
			t.Fatalf("second page: %+v", p2.Conversations)
		}

		id := c.Edges[0].Node.ID
		if r := s.do(bt, `mutation($id: ID!) { markConversationRead(id: $id) { id } }`, map[string]any{"id": id}); r.code() != "NOT_FOUND" {
			t.Errorf("bob marks alice's conversation: %+v, want NOT_FOUND", r.Errors)
		}
		var read struct{ MarkConversationRead struct{ Unread bool } }
		s.must(at, `mutation($id: ID!) { markConversationRead(id: $id) { unread } }`, map[string]any{"id": id}, &read)
		if read.MarkConversationRead.Unread {
			t.Error("still unread after markConversationRead")
		}
		var removed struct{ RemoveConversation string }
		s.must(at, `mutation($id: ID!) { removeConversation(id: $id) }`, map[string]any{"id": id}, &removed)
		if removed.RemoveConversation != id {
			t.Errorf("removeConversation = %q, want %q", removed.RemoveConversation, id)
		}
		s.must(at, q, nil, &p1)
		if p1.Conversations.TotalCount != 1 {
			t.Errorf("after removing: %d conversations, want 1", p1.Conversations.TotalCount)
		}
		if r := s.do(at, `mutation($id: ID!) { removeConversation(id: $id) }`, map[string]any{"id": id}); r.code() != "NOT_FOUND" {
			t.Errorf("removing twice: %+v, want NOT_FOUND", r.Errors)
		}
		if r := s.do("", `{ conversations { totalCount } }`, nil); r.code() != "UNAUTHENTICATED" {
			t.Errorf("signed out: %+v, want UNAUTHENTICATED", r.Errors)
		}
	})
}

// TestCreateStatusIdempotencyKey: a retried createStatus with the same key returns
// the status the first posted.
func TestCreateStatusIdempotencyKey(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		at := testrig.Token(t, db, testrig.LocalAccount(t, db, "alice"), "write")
		post := func(key string) string {
			var out struct {
				CreateStatus struct{ Status struct{ ID string } }
			}
			s.must(at, `mutation($k: String) { createStatus(input: {text: "once", idempotencyKey: $k}) { status { id } } }`,
				map[string]any{"k": key}, &out)
			return out.CreateStatus.Status.ID
		}
		first := post("k")
		if again := post("k"); again != first {
			t.Errorf("retry returned %s, want %s", again, first)
		}
		if other := post("other"); other == first {
			t.Error("another key returned the first status")
		}
	})
}
