package graph_test

import (
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestSocialFlow walks through what two people do on a first day: a follow request to
// a locked account, a followers-only post, a reply, notifications, the thread, a
// block, and deleting a post to redraft it.
func TestSocialFlow(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		bob := testrig.LocalAccount(t, db, "bob")
		at := testrig.Token(t, db, alice, "read write follow")
		bt := testrig.Token(t, db, bob, "read write follow")
		vars := func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		}

		s.must(at, `mutation { updateProfile(input: {locked: true, displayName: "Alice", note: "hi #fedi"}) { account { locked displayName note } } }`, nil, nil)
		var rel struct {
			FollowAccount struct {
				Relationship struct{ Following, Requested bool }
			}
		}
		s.must(bt, `mutation($id: ID!) { followAccount(input: {accountID: $id}) { relationship { following requested } } }`, vars("id", alice.ID), &rel)
		if rel.FollowAccount.Relationship.Following || !rel.FollowAccount.Relationship.Requested {
			t.Fatalf("following a locked account: %+v, want a pending request", rel.FollowAccount.Relationship)
		}
		var reqs struct {
			FollowRequests struct {
				Edges []struct {
					Node struct{ Account struct{ Username string } }
				}
			}
		}
		s.must(at, `{ followRequests { edges { node { account { username } } } } }`, nil, &reqs)
		if len(reqs.FollowRequests.Edges) != 1 || reqs.FollowRequests.Edges[0].Node.Account.Username != "bob" {
			t.Fatalf("alice's follow requests = %+v, want bob's", reqs)
		}
		s.must(at, `mutation($id: ID!) { acceptFollowRequest(accountID: $id) { relationship { followedBy } } }`, vars("id", bob.ID), nil)

		var post struct {
			CreateStatus struct{ Status struct{ ID, Content string } }
		}
		s.must(at, `mutation { createStatus(input: {text: "for my followers #cats", visibility: FOLLOWERS_ONLY}) { status { id content } } }`, nil, &post)
		pid := post.CreateStatus.Status.ID
		if !strings.Contains(post.CreateStatus.Status.Content, `class="mention hashtag"`) {
			t.Errorf("hashtag not linked in %q", post.CreateStatus.Status.Content)
		}
		if !timelineHas(t, s, bt, `{ homeTimeline { edges { node { id } } } }`, pid) {
			t.Fatalf("bob's home timeline lacks alice's followers-only post after the request was accepted")
		}
		var reply struct {
			CreateStatus struct{ Status struct{ ID string } }
		}
		s.must(bt, `mutation($r: ID!) { createStatus(input: {text: "@alice agreed", inReplyToID: $r, visibility: FOLLOWERS_ONLY}) { status { id } } }`, vars("r", pid), &reply)

		var notes struct {
			Notifications struct {
				Edges []struct {
					Node struct {
						Type        string
						FromAccount struct{ Username string }
						Status      *struct{ ID string }
					}
				}
			}
		}
		s.must(at, `{ notifications { edges { node { type fromAccount { username } status { id } } } } }`, nil, &notes)
		types := []string{}
		for _, e := range notes.Notifications.Edges {
			types = append(types, e.Node.Type)
		}
		// The request was answered, so its notification is gone; the mention stays.
		if strings.Join(types, ",") != "MENTION" {
			t.Errorf("alice's notifications = %v, want [MENTION]", types)
		}

		var th struct {
			Thread struct{ Ancestors, Descendants []struct{ ID string } }
		}
		s.must(at, `query($id: ID!) { thread(id: $id) { ancestors { id } descendants { id } } }`, vars("id", pid), &th)
		if len(th.Thread.Ancestors) != 0 || len(th.Thread.Descendants) != 1 || th.Thread.Descendants[0].ID != reply.CreateStatus.Status.ID {
			t.Errorf("thread = %+v, want bob's reply as the one descendant", th.Thread)
		}

		var pub struct {
			CreateStatus struct{ Status struct{ ID string } }
		}
		s.must(at, `mutation { createStatus(input: {text: "public news", visibility: PUBLIC}) { status { id } } }`, nil, &pub)
		var fav struct {
			FavouriteStatus struct {
				Status struct {
					Favourited      bool
					FavouritesCount int
				}
			}
		}
		s.must(bt, `mutation($id: ID!) { favouriteStatus(id: $id) { status { favourited favouritesCount } } }`, vars("id", pub.CreateStatus.Status.ID), &fav)
		if !fav.FavouriteStatus.Status.Favourited || fav.FavouriteStatus.Status.FavouritesCount != 1 {
			t.Errorf("after favouriting: %+v, want favourited with a count of 1", fav.FavouriteStatus.Status)
		}
		var boost struct {
			BoostStatus struct{ Status struct{ Reblogged bool } }
		}
		s.must(bt, `mutation($id: ID!) { boostStatus(id: $id) { status { reblogged } } }`, vars("id", pub.CreateStatus.Status.ID), &boost)
		if !boost.BoostStatus.Status.Reblogged {
			t.Errorf("after boosting: reblogged = false")
		}
		var who struct {
			Status struct {
				RebloggedBy, FavouritedBy struct {
					Edges []struct{ Node struct{ Username string } }
				}
			}
		}
		s.must(at, `query($id: ID!) { status(id: $id) { rebloggedBy { edges { node { username } } } favouritedBy { edges { node { username } } } } }`,
			vars("id", pub.CreateStatus.Status.ID), &who)
		if r, f := who.Status.RebloggedBy.Edges, who.Status.FavouritedBy.Edges; len(r) != 1 || r[0].Node.Username != "bob" || len(f) != 1 || f[0].Node.Username != "bob" {
			t.Errorf("rebloggedBy %+v, favouritedBy %+v; want bob in both", r, f)
		}
		var an struct {
			Notifications struct {
				Edges []struct{ Node struct{ Type string } }
			}
		}
		s.must(at, `{ notifications(first: 2) { edges { node { type } } } }`, nil, &an)
		if len(an.Notifications.Edges) != 2 || an.Notifications.Edges[0].Node.Type != "REBLOG" || an.Notifications.Edges[1].Node.Type != "FAVOURITE" {
			t.Errorf("alice's newest notifications = %+v, want REBLOG then FAVOURITE", an.Notifications.Edges)
		}

		var ed struct {
			EditStatus struct {
				Status struct {
					Content  string
					EditedAt *string
					Edits    []struct{ Content string }
				}
			}
		}
		s.must(at, `mutation($id: ID!) { editStatus(input: {id: $id, text: "public news, corrected"}) { status { content editedAt edits { content } } } }`,
			vars("id", pub.CreateStatus.Status.ID), &ed)
		if e := ed.EditStatus.Status; !strings.Contains(e.Content, "corrected") || e.EditedAt == nil ||
			len(e.Edits) != 1 || !strings.Contains(e.Edits[0].Content, "public news") {
			t.Errorf("after an edit: %+v, want the new content, editedAt and the original in the history", e)
		}
		if r := s.do(bt, `mutation($id: ID!) { editStatus(input: {id: $id, text: "not mine"}) { status { id } } }`,
			vars("id", pub.CreateStatus.Status.ID)); r.code() != "NOT_FOUND" {
			t.Errorf("editing someone else's status: code %q, want NOT_FOUND", r.code())
		}

		var read struct{ MarkNotificationsRead int }
		s.must(at, `mutation { markNotificationsRead }`, nil, &read)
		if read.MarkNotificationsRead < 3 {
			t.Errorf("markNotificationsRead changed %d notifications, want at least 3", read.MarkNotificationsRead)
		}
		var unread struct {
			Notifications struct {
				Edges []struct{ Node struct{ Read bool } }
			}
		}
		s.must(at, `{ notifications { edges { node { read } } } }`, nil, &unread)
		for _, e := range unread.Notifications.Edges {
			if !e.Node.Read {
				t.Errorf("a notification is still unread after markNotificationsRead")
			}
		}

		var found struct {
			Search struct {
				Accounts []struct{ Acct string }
				Hashtags []struct{ Name string }
			}
		}
		s.must(bt, `{ search(query: "ali") { accounts { acct } hashtags { name } } }`, nil, &found)
		if len(found.Search.Accounts) != 1 || found.Search.Accounts[0].Acct != "alice" {
			t.Errorf("search for ali found accounts %+v, want alice", found.Search.Accounts)
		}
		s.must(bt, `{ search(query: "#ca") { accounts { acct } hashtags { name } } }`, nil, &found)
		if len(found.Search.Hashtags) != 1 || found.Search.Hashtags[0].Name != "cats" {
			t.Errorf("search for #ca found hashtags %+v, want cats", found.Search.Hashtags)
		}

		var ft struct {
			Search struct{ Statuses []struct{ ID string } }
		}
		s.must(at, `{ search(query: "NEWS corrected") { statuses { id } } }`, nil, &ft)
		if len(ft.Search.Statuses) != 1 || ft.Search.Statuses[0].ID != pub.CreateStatus.Status.ID {
			t.Errorf("alice's full-text search found %+v, want her edited public post", ft.Search.Statuses)
		}
		s.must(at, `{ search(query: "\"unbalanced OR NEAR(") { statuses { id } } }`, nil, &ft)
		if len(ft.Search.Statuses) != 0 {
			t.Errorf("a query of search-engine syntax matched %+v", ft.Search.Statuses)
		}
		// bob favourited alice's post, so he can find it; carol never saw it, and alice
		// has not opted into search.
		s.must(bt, `{ search(query: "news") { statuses { id } } }`, nil, &ft)
		if len(ft.Search.Statuses) != 1 {
			t.Errorf("bob's search found %+v, want the post he favourited", ft.Search.Statuses)
		}
		carol := testrig.LocalAccount(t, db, "carol")
		s.must(testrig.Token(t, db, carol, "read"), `{ search(query: "news") { statuses { id } } }`, nil, &ft)
		if len(ft.Search.Statuses) != 0 {
			t.Errorf("carol found %+v though alice is not indexable", ft.Search.Statuses)
		}

		var pl struct {
			CreateStatus struct {
				Status struct {
					Poll struct {
						Options     []string
						OptionVotes []int
						VotesCount  int
						Expired     bool
						Voted       bool
					}
				}
			}
		}
		s.must(at, `mutation { createStatus(input: {text: "vote!", poll: {options: ["yes", "no"], expiresIn: 3600, hideTotals: true}}) {
			status { poll { options optionVotes votesCount expired voted } } } }`, nil, &pl)
		if p := pl.CreateStatus.Status.Poll; len(p.Options) != 2 || p.OptionVotes != nil || p.VotesCount != 0 || p.Expired || p.Voted {
			t.Errorf("a new poll that hides its totals: %+v, want two options, no per-option counts, open", p)
		}

		var md struct {
			CreateStatus struct{ Status struct{ Content string } }
		}
		s.must(at, `mutation { createStatus(input: {text: "some **bold** words <script>x</script>", contentType: MARKDOWN}) { status { content } } }`, nil, &md)
		if c := md.CreateStatus.Status.Content; !strings.Contains(c, "<strong>bold</strong>") || strings.Contains(c, "<script") {
			t.Errorf("Markdown status rendered as %q, want bold text and no script", c)
		}

		var prof struct {
			UpdateProfile struct {
				DefaultVisibility string
				FieldsSource      []struct{ Name, Value string }
			}
		}
		s.must(at, `mutation { updateProfile(input: {defaultVisibility: UNLISTED, fields: [{name: "Home", value: "example.org"}]}) {
			defaultVisibility fieldsSource { name value } } }`, nil, &prof)
		if prof.UpdateProfile.DefaultVisibility != "UNLISTED" || len(prof.UpdateProfile.FieldsSource) != 1 {
			t.Errorf("updateProfile = %+v", prof.UpdateProfile)
		}
		var dv struct {
			CreateStatus struct{ Status struct{ Visibility string } }
		}
		s.must(at, `mutation { createStatus(input: {text: "defaults apply"}) { status { visibility } } }`, nil, &dv)
		if dv.CreateStatus.Status.Visibility != "UNLISTED" {
			t.Errorf("a status without a visibility got %s, want the default UNLISTED", dv.CreateStatus.Status.Visibility)
		}
		if r := s.do(at, `mutation { updateProfile(input: {displayName: "`+strings.Repeat("x", 31)+`"}) { email } }`, nil); r.code() != "BAD_USER_INPUT" {
			t.Errorf("a 31-character display name: code %q, want BAD_USER_INPUT", r.code())
		}

		s.must(at, `mutation($id: ID!) { blockAccount(accountID: $id) { relationship { blocking } } }`, vars("id", bob.ID), nil)
		if r := s.do(bt, `query($id: ID!) { status(id: $id) { id } }`, vars("id", pid)); r.code() != "NOT_FOUND" {
			t.Errorf("bob still sees alice's post after she blocked him: %+v", r)
		}

		var del struct {
			DeleteStatus struct{ DeletedID, Text string }
		}
		s.must(at, `mutation($id: ID!) { deleteStatus(id: $id) { deletedID text } }`, vars("id", pid), &del)
		if del.DeleteStatus.Text != "for my followers #cats" {
			t.Errorf("deleted status text = %q, want the source for redrafting", del.DeleteStatus.Text)
		}
		if r := s.do(at, `query($id: ID!) { status(id: $id) { id } }`, vars("id", pid)); r.code() != "NOT_FOUND" {
			t.Errorf("deleted status still found")
		}
	})
}
