package conversations_test

import (
	"net/http"
	"os"
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// conversationJSON is what the tests read of a Conversation.
type conversationJSON struct {
	ID       string `json:"id"`
	Unread   bool   `json:"unread"`
	Accounts []struct {
		ID string `json:"id"`
	} `json:"accounts"`
	LastStatus *struct {
		ID         string `json:"id"`
		Visibility string `json:"visibility"`
	} `json:"last_status"`
}

func (c conversationJSON) accountIDs() []string {
	var out []string
	for _, a := range c.Accounts {
		out = append(out, a.ID)
	}
	slices.Sort(out)
	return out
}

func TestConversationsListReadAndRemove(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob, carol := s.User("alice"), s.User("bob"), s.User("carol")
		dm := s.Status(alice, "@bob @carol a secret", "visibility", "direct")
		s.Status(alice, "@bob out loud", "visibility", "public")
		reply := s.Status(bob, "@alice between us", "visibility", "direct", "in_reply_to_id", dm)

		var bobs []conversationJSON
		s.Get("/api/v1/conversations", bob.Token).OK(&bobs)
		want := []string{alice.ID, carol.ID}
		slices.Sort(want)
		if len(bobs) != 1 || bobs[0].Unread || bobs[0].LastStatus == nil || bobs[0].LastStatus.ID != reply ||
			bobs[0].LastStatus.Visibility != "direct" || !slices.Equal(bobs[0].accountIDs(), want) {
			t.Fatalf("bob's conversations: %+v, want one, read (he wrote last), with alice and carol, at his reply", bobs)
		}
		var alices []conversationJSON
		s.Get("/api/v1/conversations", alice.Token).OK(&alices)
		if len(alices) != 1 || !alices[0].Unread || alices[0].LastStatus.ID != reply {
			t.Fatalf("alice's conversations: %+v, want one, unread, at bob's reply", alices)
		}

		// Marking read: only one's own.
		id := alices[0].ID
		s.Post("/api/v1/conversations/"+id+"/read", bob.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
		var read conversationJSON
		s.Post("/api/v1/conversations/"+id+"/read", alice.Token, nil).OK(&read)
		if read.ID != id || read.Unread || read.LastStatus == nil {
			t.Errorf("read: %+v", read)
		}

		// Removing: only one's own; the others keep theirs.
		s.Delete("/api/v1/conversations/"+id, bob.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
		var empty map[string]any
		s.Delete("/api/v1/conversations/"+id, alice.Token, nil).OK(&empty)
		if len(empty) != 0 {
			t.Errorf("DELETE answered %v, want {}", empty)
		}
		if ids, _ := s.Page("/api/v1/conversations", alice.Token); len(ids) != 0 {
			t.Errorf("alice's after removing: %v", ids)
		}
		if ids, _ := s.Page("/api/v1/conversations", carol.Token); len(ids) != 1 {
			t.Errorf("carol's: %v, want her own still there", ids)
		}
		s.Post("/api/v1/conversations/"+id+"/read", alice.Token, nil).ErrorIs(http.StatusNotFound, "Record not found")
	})
}

func TestConversationsPageByLatestStatus(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		// Five threads; the first gets a late reply and moves to the top.
		var threads []string
		for range 5 {
			threads = append(threads, s.Status(bob, "@alice psst", "visibility", "direct"))
		}
		s.Status(alice, "@bob late reply", "visibility", "direct", "in_reply_to_id", threads[0])

		all, _ := s.Page("/api/v1/conversations", alice.Token)
		if len(all) != 5 {
			t.Fatalf("%d conversations, want 5", len(all))
		}
		walked, pages := s.Walk("/api/v1/conversations?limit=2", alice.Token, "next", 2)
		if !slices.Equal(walked, all) || pages != 3 {
			t.Errorf("walking next by 2: %v in %d pages, want %v in 3", walked, pages, all)
		}
		var first []conversationJSON
		s.Get("/api/v1/conversations?limit=1", alice.Token).OK(&first)
		if first[0].LastStatus == nil || first[0].Unread {
			t.Errorf("the newest is the thread alice replied in (read): %+v", first[0])
		}
		// The Link header names status IDs, so since_id works with what the app saw last.
		newer := s.Status(bob, "@alice one more", "visibility", "direct")
		var since []conversationJSON
		s.Get("/api/v1/conversations?since_id="+first[0].LastStatus.ID, alice.Token).OK(&since)
		if len(since) != 1 || since[0].LastStatus.ID != newer {
			t.Errorf("since the newest seen: %+v, want only the new one", since)
		}
	})
}

func TestConversationGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/conversations", Scope: "read:statuses", Lacking: "write"},
			{Method: "DELETE", Path: "/api/v1/conversations/1", Scope: "write:conversations", Lacking: "read"},
			{Method: "POST", Path: "/api/v1/conversations/1/read", Scope: "write:conversations", Lacking: "read"},
		})
	})
}
