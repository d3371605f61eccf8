package timelines_test

import (
	"context"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
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

func reversed(ids []string) []string {
	out := slices.Clone(ids)
	slices.Reverse(out)
	return out
}

func TestHomeShowsWhoTheViewerFollows(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob, carol := s.User("alice"), s.User("bob"), s.User("carol")
		s.Post("/api/v1/accounts/"+bob.ID+"/follow", alice.Token, nil).OK(nil)
		own := s.Status(alice, "mine")
		bobs := s.Status(bob, "bob's")
		s.Status(carol, "carol's, not followed")
		bobsPrivate := s.Status(bob, "for followers", "visibility", "private")

		got, r := s.Page("/api/v1/timelines/home", alice.Token)
		if want := []string{bobsPrivate, bobs, own}; !slices.Equal(got, want) {
			t.Errorf("alice's home: %v, want %v", got, want)
		}
		if r.Header.Get("Link") == "" {
			t.Error("home timeline without a Link header")
		}
		// bob's home does not show alice: he does not follow her.
		if got, _ := s.Page("/api/v1/timelines/home", bob.Token); !slices.Equal(got, []string{bobsPrivate, bobs}) {
			t.Errorf("bob's home: %v, want only his own", got)
		}
		// An empty page has no Link header.
		if _, r := s.Page("/api/v1/timelines/home?max_id="+own, alice.Token); r.Header.Get("Link") != "" {
			t.Errorf("past the oldest: Link %q, want none", r.Header.Get("Link"))
		}
	})
}

func TestHomePagesWithoutDuplicatesOrGaps(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		s.Post("/api/v1/accounts/"+bob.ID+"/follow", alice.Token, nil).OK(nil)
		var posted []string
		for range 25 {
			posted = append(posted, s.Status(bob, "post"))
		}
		first, r := s.Page("/api/v1/timelines/home?limit=10", alice.Token)
		// Statuses posted while alice pages must not shift the pages after the first.
		newer := s.Status(bob, "arrived while paging")
		rest, pages := s.Walk(r.Links()["next"], alice.Token, "next", 10)
		if got := append(first, rest...); !slices.Equal(got, reversed(posted)) || pages != 2 {
			t.Errorf("paged %d statuses in %d more pages, want the 25 newest first in 2:\n got %v\nwant %v", len(got), pages, got, reversed(posted))
		}
		// prev from the first page is exactly what arrived since.
		if since, _ := s.Page(r.Links()["prev"], alice.Token); !slices.Equal(since, []string{newer}) {
			t.Errorf("prev page: %v, want [%s]", since, newer)
		}
		// since_id gives the newest above the bound, min_id the oldest above it.
		if got, _ := s.Page("/api/v1/timelines/home?limit=2&since_id="+posted[20], alice.Token); !slices.Equal(got, []string{newer, posted[24]}) {
			t.Errorf("since_id: %v", got)
		}
		if got, _ := s.Page("/api/v1/timelines/home?limit=2&min_id="+posted[20], alice.Token); !slices.Equal(got, []string{posted[22], posted[21]}) {
			t.Errorf("min_id: %v", got)
		}
	})
}

func TestPublicTimelineOptions(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		ctx := context.Background()
		alice := s.User("alice")
		media := db.MediaAttachment.Create().SetAccountID(alice.ID).SetType(mediaattachment.TypeIMAGE).SetProcessing(mediaattachment.ProcessingPROCESSED).SaveX(ctx)
		plain := s.Status(alice, "plain")
		withMedia := s.Status(alice, "look", "media_ids[]", media.ID)
		s.Status(alice, "not public", "visibility", "unlisted")
		remoteAuthor := testrig.RemoteAccount(t, db, "zed", "far.example")
		remoteID := ids.New(time.Now())
		db.Status.Create().SetID(remoteID).SetAccountID(remoteAuthor.ID).SetURI("https://far.example/s/1").
			SetContent("<p>from afar</p>").SetLocal(false).ExecX(ctx)

		cases := []struct {
			query string
			want  []string
		}{
			{"", []string{remoteID, withMedia, plain}},
			{"?local=true", []string{withMedia, plain}},
			{"?remote=true", []string{remoteID}},
			{"?local=true&remote=true", []string{remoteID, withMedia, plain}},
			{"?only_media=true", []string{withMedia}},
			{"?local=false&only_media=0", []string{remoteID, withMedia, plain}},
		}
		for _, c := range cases {
			// Anonymous visitors see the public timeline as a signed-in user does.
			for _, token := range []string{"", alice.Token} {
				if got, _ := s.Page("/api/v1/timelines/public"+c.query, token); !slices.Equal(got, c.want) {
					t.Errorf("public%s (token %t): %v, want %v", c.query, token != "", got, c.want)
				}
			}
		}
	})
}

func TestHashtagTimeline(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		cats := s.Status(alice, "#cats")
		dogs := s.Status(alice, "#dogs")
		both := s.Status(alice, "#Cats and #dogs")
		birds := s.Status(alice, "#cats #birds")
		s.Status(alice, "#cats but unlisted", "visibility", "unlisted")

		cases := []struct {
			path string
			want []string
		}{
			{"/cats", []string{birds, both, cats}},
			{"/CATS", []string{birds, both, cats}},
			{"/%23cats", []string{birds, both, cats}},
			{"/cats?any[]=dogs", []string{birds, both, dogs, cats}},
			{"/cats?all[]=dogs", []string{both}},
			{"/cats?none[]=dogs&none[]=birds", []string{cats}},
			{"/cats?any[]=dogs&none[]=birds&limit=2", []string{both, dogs}},
			{"/nobody_uses_this", nil},
		}
		for _, c := range cases {
			if got, _ := s.Page("/api/v1/timelines/tag"+c.path, ""); !slices.Equal(got, c.want) {
				t.Errorf("tag%s: %v, want %v", c.path, got, c.want)
			}
		}
		// The parameters carry over into the Link header's pages.
		_, r := s.Page("/api/v1/timelines/tag/cats?any[]=dogs&limit=2", "")
		rest, _ := s.Walk(r.Links()["next"], "", "next", 2)
		if want := []string{dogs, cats}; !slices.Equal(rest, want) {
			t.Errorf("next pages of tag/cats?any[]=dogs: %v, want %v", rest, want)
		}
	})
}

func TestListTimeline(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		ctx := context.Background()
		alice, bob, carol := s.User("alice"), s.User("bob"), s.User("carol")
		for _, u := range []mastotest.User{bob, carol} {
			s.Post("/api/v1/accounts/"+u.ID+"/follow", alice.Token, nil).OK(nil)
		}
		l, err := s.Resolver.Lists.Create(ctx, alice.ID, "bob only", "", false)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Resolver.Lists.AddAccounts(ctx, alice.ID, l.ID, []string{bob.ID}); err != nil {
			t.Fatal(err)
		}
		bobs := s.Status(bob, "on the list")
		s.Status(carol, "not on the list")

		if got, _ := s.Page("/api/v1/timelines/list/"+l.ID, alice.Token); !slices.Equal(got, []string{bobs}) {
			t.Errorf("list timeline: %v, want [%s]", got, bobs)
		}
		// Someone else's list, and a list that does not exist, are not found.
		s.Get("/api/v1/timelines/list/"+l.ID, carol.Token).ErrorIs(http.StatusNotFound, "Record not found")
		s.Get("/api/v1/timelines/list/01NOSUCHLIST", alice.Token).ErrorIs(http.StatusNotFound, "Record not found")
	})
}

func TestTimelineGuards(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		l, err := s.Resolver.Lists.Create(context.Background(), alice.ID, "l", "", false)
		if err != nil {
			t.Fatal(err)
		}
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/timelines/home", Scope: "read:statuses", Lacking: "write"},
			{Method: "GET", Path: "/api/v1/timelines/public", Public: true, Scope: "read:statuses", Lacking: "read:accounts"},
			{Method: "GET", Path: "/api/v1/timelines/tag/cats", Public: true, Scope: "read:statuses", Lacking: "write"},
			{Method: "GET", Path: "/api/v1/timelines/list/" + l.ID, Scope: "read:lists", Lacking: "read:statuses"},
		})
	})
}
