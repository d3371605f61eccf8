package graph_test

import (
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestSafetyFeatures drives, through GraphQL, the features the Mastodon API's filters,
// polls, followed tags, domain blocks and reports routes also reach: both surfaces
// share the domain packages behind them.
func TestSafetyFeatures(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		bob := testrig.LocalAccount(t, db, "bob")
		at := testrig.Token(t, db, alice, "read write follow")
		bt := testrig.Token(t, db, bob, "read write follow")

		t.Run("filters", func(t *testing.T) {
			var created struct {
				CreateFilter struct {
					ID, Title, Action string
					Context           []string
					Keywords          []struct {
						ID, Keyword string
						WholeWord   bool
					}
				}
			}
			s.must(at, `mutation { createFilter(input: {title: "Spoilers", context: ["home"], action: HIDE,
				keywords: [{keyword: "finale"}, {keyword: "end", wholeWord: false}]}) { id title action context keywords { id keyword wholeWord } } }`, nil, &created)
			f := created.CreateFilter
			if f.Title != "Spoilers" || f.Action != "HIDE" || len(f.Keywords) != 2 || f.Keywords[1].WholeWord {
				t.Fatalf("created %+v", f)
			}
			var updated struct {
				UpdateFilter struct {
					Title    string
					Keywords []struct{ Keyword string }
				}
			}
			s.must(at, `mutation($id: ID!, $kw: ID!) { updateFilter(id: $id, input: {keywords: [{id: $kw, destroy: true}]}) { title keywords { keyword } } }`,
				map[string]any{"id": f.ID, "kw": f.Keywords[1].ID}, &updated)
			if updated.UpdateFilter.Title != "Spoilers" || len(updated.UpdateFilter.Keywords) != 1 {
				t.Errorf("updated %+v", updated.UpdateFilter)
			}
			if r := s.do(bt, `mutation($id: ID!) { deleteFilter(id: $id) }`, map[string]any{"id": f.ID}); r.code() != "NOT_FOUND" {
				t.Errorf("bob deletes alice's filter: %+v", r.Errors)
			}
			if r := s.do(at, `mutation { createFilter(input: {title: "x", context: ["everywhere"]}) { id } }`, nil); r.code() != "BAD_USER_INPUT" {
				t.Errorf("an unknown context: %+v", r.Errors)
			}
			var list struct{ Filters []struct{ ID string } }
			s.must(at, `{ filters { id } }`, nil, &list)
			if len(list.Filters) != 1 || list.Filters[0].ID != f.ID {
				t.Errorf("alice's filters %+v", list)
			}
			s.must(at, `mutation($id: ID!) { deleteFilter(id: $id) }`, map[string]any{"id": f.ID}, nil)
			s.must(at, `{ filters { id } }`, nil, &list)
			if len(list.Filters) != 0 {
				t.Errorf("after delete: %+v", list)
			}
		})

		t.Run("polls", func(t *testing.T) {
			var post struct {
				CreateStatus struct {
					Status struct{ Poll struct{ ID string } }
				}
			}
			s.must(bt, `mutation { createStatus(input: {text: "tea or coffee?", poll: {options: ["tea", "coffee"], expiresIn: 3600}}) { status { poll { id } } } }`, nil, &post)
			pid := post.CreateStatus.Status.Poll.ID
			var voted struct {
				VotePoll struct {
					Voted       bool
					OwnVotes    []int
					VotesCount  int
					OptionVotes []int
				}
			}
			s.must(at, `mutation($id: ID!) { votePoll(pollID: $id, choices: [1]) { voted ownVotes votesCount optionVotes } }`, map[string]any{"id": pid}, &voted)
			if v := voted.VotePoll; !v.Voted || !slices.Equal(v.OwnVotes, []int{1}) || v.VotesCount != 1 || !slices.Equal(v.OptionVotes, []int{0, 1}) {
				t.Errorf("after voting: %+v", v)
			}
			if r := s.do(at, `mutation($id: ID!) { votePoll(pollID: $id, choices: [0]) { voted } }`, map[string]any{"id": pid}); r.code() != "BAD_USER_INPUT" {
				t.Errorf("voting twice: %+v", r.Errors)
			}
			if r := s.do("", `mutation($id: ID!) { votePoll(pollID: $id, choices: [0]) { voted } }`, map[string]any{"id": pid}); r.code() != "UNAUTHENTICATED" {
				t.Errorf("voting signed out: %+v", r.Errors)
			}
		})

		t.Run("hashtags", func(t *testing.T) {
			var followed struct {
				FollowTag struct {
					Name      string
					Following bool
				}
			}
			s.must(at, `mutation { followTag(name: "#Knitting") { name following } }`, nil, &followed)
			if followed.FollowTag.Name != "knitting" || !followed.FollowTag.Following {
				t.Errorf("followTag: %+v", followed)
			}
			var tags struct {
				FollowedTags []struct{ Name string }
			}
			s.must(at, `{ followedTags { name } }`, nil, &tags)
			if len(tags.FollowedTags) != 1 || tags.FollowedTags[0].Name != "knitting" {
				t.Errorf("followedTags %+v", tags)
			}
			var found struct {
				Search struct {
					Hashtags []struct {
						Name      string
						Following bool
					}
				}
			}
			s.must(bt, `{ search(query: "knit") { hashtags { name following } } }`, nil, &found)
			if len(found.Search.Hashtags) != 1 || found.Search.Hashtags[0].Following {
				t.Errorf("bob's search: %+v, want #knitting not followed", found)
			}
			var unfollowed struct{ UnfollowTag struct{ Following bool } }
			s.must(at, `mutation { unfollowTag(name: "knitting") { following } }`, nil, &unfollowed)
			if unfollowed.UnfollowTag.Following {
				t.Error("still following after unfollowTag")
			}
		})

		t.Run("domain blocks", func(t *testing.T) {
			var blocked struct{ BlockDomain string }
			s.must(at, `mutation { blockDomain(domain: "Spam.Example.") }`, nil, &blocked)
			if blocked.BlockDomain != "spam.example" {
				t.Errorf("blockDomain answered %q", blocked.BlockDomain)
			}
			var list struct{ DomainBlocks []string }
			s.must(at, `{ domainBlocks }`, nil, &list)
			if !slices.Equal(list.DomainBlocks, []string{"spam.example"}) {
				t.Errorf("domainBlocks %v", list.DomainBlocks)
			}
			if r := s.do(at, `mutation { blockDomain(domain: "not a domain") }`, nil); r.code() != "BAD_USER_INPUT" {
				t.Errorf("a bad domain: %+v", r.Errors)
			}
			s.must(at, `mutation { unblockDomain(domain: "spam.example") }`, nil, nil)
			s.must(at, `{ domainBlocks }`, nil, &list)
			if len(list.DomainBlocks) != 0 {
				t.Errorf("after unblocking: %v", list.DomainBlocks)
			}
		})

		t.Run("reports", func(t *testing.T) {
			var filed struct{ CreateReport string }
			s.must(at, `mutation($id: ID!) { createReport(input: {accountID: $id, category: SPAM, comment: "ads"}) }`, map[string]any{"id": bob.ID}, &filed)
			rep, err := db.Report.Get(t.Context(), filed.CreateReport)
			if err != nil || rep.TargetAccountID != bob.ID || rep.AccountID != alice.ID || rep.Comment != "ads" {
				t.Errorf("stored %+v, %v", rep, err)
			}
			if r := s.do(at, `mutation($id: ID!) { createReport(input: {accountID: $id}) }`, map[string]any{"id": alice.ID}); r.code() != "BAD_USER_INPUT" {
				t.Errorf("reporting oneself: %+v", r.Errors)
			}
			readOnly := testrig.Token(t, db, alice, "read")
			if r := s.do(readOnly, `mutation($id: ID!) { createReport(input: {accountID: $id}) }`, map[string]any{"id": bob.ID}); r.code() != "FORBIDDEN" {
				t.Errorf("without write:reports: %+v", r.Errors)
			}
		})
	})
}
