package domainblocks_test

import (
	"fmt"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// remoteStatus stores a public status as if it had arrived from the author's server.
func remoteStatus(t *testing.T, db *store.DB, author *ent.Account, published time.Time) string {
	t.Helper()
	id := ids.New(published)
	err := db.Status.Create().SetID(id).SetAccountID(author.ID).SetLocal(false).SetThreadID(id).
		SetURI("https://" + author.Domain + "/statuses/" + id).SetContent("<p>hi</p>").Exec(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestBlockAndUnblock(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		spammer := testrig.RemoteAccount(t, db, "spammer", "spam.example")
		friend := testrig.RemoteAccount(t, db, "friend", "spam.example")
		db.Follow.Create().SetAccountID(alice.ID).SetTargetAccountID(friend.ID).ExecX(t.Context())
		neighbour := testrig.RemoteAccount(t, db, "neighbour", "fine.example")
		now := time.Now()
		spam := remoteStatus(t, db, spammer, now.Add(-3*time.Second))
		friendly := remoteStatus(t, db, friend, now.Add(-2*time.Second))
		fine := remoteStatus(t, db, neighbour, now.Add(-time.Second))

		var empty map[string]any
		s.Post("/api/v1/domain_blocks", alice.Token, mastotest.Form{"domain": {"Spam.Example"}}).OK(&empty)
		if len(empty) != 0 {
			t.Errorf("POST answered %v, want {}", empty)
		}
		var domains []string
		s.Get("/api/v1/domain_blocks", alice.Token).OK(&domains)
		if !slices.Equal(domains, []string{"spam.example"}) {
			t.Errorf("domain blocks %v, want [spam.example]", domains)
		}

		// The public timeline drops the domain's accounts, except the one alice follows.
		if got, _ := s.Page("/api/v1/timelines/public", alice.Token); !slices.Equal(got, []string{fine, friendly}) {
			t.Errorf("alice's public timeline %v, want [%s %s]", got, fine, friendly)
		}
		if got, _ := s.Page("/api/v1/timelines/public", bob.Token); !slices.Equal(got, []string{fine, friendly, spam}) {
			t.Errorf("bob's public timeline %v, want all three", got)
		}
		// A direct look-up still finds the status.
		s.Get("/api/v1/statuses/"+spam, alice.Token).OK(nil)

		var rels []struct {
			ID             string `json:"id"`
			DomainBlocking bool   `json:"domain_blocking"`
		}
		s.Get("/api/v1/accounts/relationships?id[]="+spammer.ID+"&id[]="+neighbour.ID, alice.Token).OK(&rels)
		if len(rels) != 2 || !rels[0].DomainBlocking || rels[1].DomainBlocking {
			t.Errorf("relationships %+v, want domain_blocking for spammer only", rels)
		}
		s.Post("/api/v1/accounts/"+spammer.ID+"/follow", alice.Token, nil).ErrorIs(http.StatusForbidden, "")

		// DELETE takes the domain in the body or the query.
		s.Delete("/api/v1/domain_blocks?domain=spam.example", alice.Token, nil).OK(&empty)
		s.Get("/api/v1/domain_blocks", alice.Token).OK(&domains)
		if len(domains) != 0 {
			t.Errorf("after unblocking: %v", domains)
		}
		if got, _ := s.Page("/api/v1/timelines/public", alice.Token); len(got) != 3 {
			t.Errorf("public timeline after unblocking: %v, want all three", got)
		}
	})
}

func TestListPages(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		var want []string
		for i := range 5 {
			d := fmt.Sprintf("server%d.example", i)
			s.Post("/api/v1/domain_blocks", alice.Token, map[string]string{"domain": d}).OK(nil)
			want = append(want, d)
		}
		s.Post("/api/v1/domain_blocks", bob.Token, mastotest.Form{"domain": {"bobs.example"}}).OK(nil)
		var got []string
		for path := "/api/v1/domain_blocks?limit=2"; path != ""; {
			var page []string
			r := s.Get(path, alice.Token).OK(&page)
			if len(page) > 2 {
				t.Fatalf("%d on a page of 2", len(page))
			}
			got = append(got, page...)
			path = r.Links()["next"]
		}
		// Blocks made within one millisecond have IDs in no particular order, so the
		// pages are checked for covering every block once, not for their order.
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("paged %v, want each of %v once", got, want)
		}
	})
}

func TestRefusalsAndGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		for _, d := range []string{"", "not a domain", testrig.TestHost} {
			s.Post("/api/v1/domain_blocks", alice.Token, mastotest.Form{"domain": {d}}).ErrorIs(http.StatusUnprocessableEntity, "")
		}
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/domain_blocks", Scope: "read:blocks", Lacking: "write"},
			{Method: "POST", Path: "/api/v1/domain_blocks?domain=a.example", Scope: "write:blocks", Lacking: "read"},
			{Method: "DELETE", Path: "/api/v1/domain_blocks?domain=a.example", Scope: "follow", Lacking: "write:statuses"},
		})
	})
}
