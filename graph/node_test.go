package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// nodeQuery asks for one field peculiar to each type through inline fragments, so a
// case shows both that the ID resolved to the right type and that the fragment applied.
const nodeFields = `__typename id
	... on Account { username }
	... on Status { visibility }
	... on Notification { type }
	... on Tag { name }
	... on List { title }
	... on MediaAttachment { description }
	... on Poll { options }
	... on StatusEdit { statusID }
	... on Filter { title }
	... on FilterKeyword { keyword }
	... on FollowRequest { targetAccountID }
	... on CustomEmoji { shortcode }
	... on Rule { text }`

const (
	nodeQuery  = `query($id: ID!) { node(id: $id) { ` + nodeFields + ` } }`
	nodesQuery = `query($ids: [ID!]!) { nodes(ids: $ids) { ` + nodeFields + ` } }`
)

// unknownID is shaped like a ULID but names nothing.
const unknownID = "01ARZ3NDEKTSV4RRFFQ69G5FAV"

// nodeWorld holds one object of every Node type and the people around them. alice
// writes; bob follows her and owns the private objects; carol is locked; erin is a
// stranger; dave posted once and was then suspended.
type nodeWorld struct {
	tokens map[string]string // person → token; "anonymous" → ""
	ids    map[string]string // object name → ID
}

func newNodeWorld(t *testing.T, s *server, db *store.DB) *nodeWorld {
	t.Helper()
	ctx := context.Background()
	w := &nodeWorld{tokens: map[string]string{"anonymous": ""}, ids: map[string]string{}}
	people := map[string]string{}
	for _, name := range []string{"alice", "bob", "carol", "erin", "dave"} {
		a := testrig.LocalAccount(t, db, name)
		people[name] = a.ID
		w.tokens[name] = testrig.Token(t, db, a, "read write follow")
	}
	w.ids["account"] = people["alice"]
	w.ids["suspendedAccount"] = people["dave"]
	var daves struct {
		CreateStatus struct{ Status struct{ ID string } }
	}
	s.must(w.tokens["dave"], `mutation { createStatus(input: {text: "before my suspension", visibility: PUBLIC}) { status { id } } }`, nil, &daves)
	w.ids["suspendedStatus"] = daves.CreateStatus.Status.ID
	if err := db.Account.UpdateOneID(people["dave"]).SetSuspendedAt(time.Now()).Exec(ctx); err != nil {
		t.Fatalf("suspend dave: %v", err)
	}
	if err := db.Follow.Create().SetAccountID(people["bob"]).SetTargetAccountID(people["alice"]).Exec(ctx); err != nil {
		t.Fatalf("bob follows alice: %v", err)
	}

	var pub struct {
		CreateStatus struct {
			Status struct {
				ID   string
				Tags []struct{ ID string }
			}
		}
	}
	s.must(w.tokens["alice"], `mutation { createStatus(input: {text: "hello @bob #nodes", visibility: PUBLIC}) { status { id tags { id } } } }`, nil, &pub)
	w.ids["publicStatus"] = pub.CreateStatus.Status.ID
	if len(pub.CreateStatus.Status.Tags) != 1 {
		t.Fatalf("public status tags = %+v, want #nodes", pub.CreateStatus.Status.Tags)
	}
	w.ids["tag"] = pub.CreateStatus.Status.Tags[0].ID

	var private struct {
		CreateStatus struct{ Status struct{ ID string } }
	}
	s.must(w.tokens["alice"], `mutation { createStatus(input: {text: "for followers", visibility: FOLLOWERS_ONLY,
		poll: {options: ["yes", "no"], expiresIn: 3600}}) { status { id } } }`, nil, &private)
	w.ids["status"] = private.CreateStatus.Status.ID
	var edited struct {
		EditStatus struct {
			Status struct {
				Poll  struct{ ID string }
				Edits []struct{ ID string }
			}
		}
	}
	s.must(w.tokens["alice"], `mutation($id: ID!) { editStatus(input: {id: $id, text: "for followers, edited",
		poll: {options: ["yes", "no"], expiresIn: 3600}}) { status { poll { id } edits { id } } } }`,
		map[string]any{"id": w.ids["status"]}, &edited)
	if len(edited.EditStatus.Status.Edits) == 0 || edited.EditStatus.Status.Poll.ID == "" {
		t.Fatalf("edited status = %+v, want a poll and a revision", edited.EditStatus.Status)
	}
	w.ids["poll"] = edited.EditStatus.Status.Poll.ID
	w.ids["statusEdit"] = edited.EditStatus.Status.Edits[0].ID

	attached, err := db.MediaAttachment.Create().SetAccountID(people["alice"]).SetType(mediaattachment.TypeIMAGE).
		SetDescription("attached").SetStatusID(w.ids["status"]).Save(ctx)
	if err != nil {
		t.Fatalf("attached media: %v", err)
	}
	w.ids["media"] = attached.ID
	loose, err := db.MediaAttachment.Create().SetAccountID(people["bob"]).SetType(mediaattachment.TypeIMAGE).
		SetDescription("unattached").Save(ctx)
	if err != nil {
		t.Fatalf("unattached media: %v", err)
	}
	w.ids["unattachedMedia"] = loose.ID

	var notes struct {
		Notifications struct {
			Edges []struct{ Node struct{ ID, Type string } }
		}
	}
	s.must(w.tokens["bob"], `{ notifications { edges { node { id type } } } }`, nil, &notes)
	if len(notes.Notifications.Edges) != 1 || notes.Notifications.Edges[0].Node.Type != "MENTION" {
		t.Fatalf("bob's notifications = %+v, want one MENTION", notes.Notifications.Edges)
	}
	w.ids["notification"] = notes.Notifications.Edges[0].Node.ID

	var list struct{ CreateList struct{ ID string } }
	s.must(w.tokens["bob"], `mutation { createList(input: {title: "friends"}) { id } }`, nil, &list)
	w.ids["list"] = list.CreateList.ID

	f, err := db.Filter.Create().SetAccountID(people["bob"]).SetTitle("spoilers").SetContext([]string{"home"}).Save(ctx)
	if err != nil {
		t.Fatalf("filter: %v", err)
	}
	w.ids["filter"] = f.ID
	kw, err := db.FilterKeyword.Create().SetFilterID(f.ID).SetKeyword("finale").Save(ctx)
	if err != nil {
		t.Fatalf("filter keyword: %v", err)
	}
	w.ids["filterKeyword"] = kw.ID

	s.must(w.tokens["carol"], `mutation { updateProfile(input: {locked: true}) { account { locked } } }`, nil, nil)
	s.must(w.tokens["bob"], `mutation($id: ID!) { followAccount(input: {accountID: $id}) { relationship { requested } } }`,
		map[string]any{"id": people["carol"]}, nil)
	var reqs struct {
		FollowRequests struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	s.must(w.tokens["carol"], `{ followRequests { edges { node { id } } } }`, nil, &reqs)
	if len(reqs.FollowRequests.Edges) != 1 {
		t.Fatalf("carol's follow requests = %+v, want bob's", reqs.FollowRequests.Edges)
	}
	w.ids["followRequest"] = reqs.FollowRequests.Edges[0].Node.ID

	emoji, err := db.CustomEmoji.Create().SetShortcode("blobcat").Save(ctx)
	if err != nil {
		t.Fatalf("custom emoji: %v", err)
	}
	w.ids["customEmoji"] = emoji.ID
	disabled, err := db.CustomEmoji.Create().SetShortcode("retired").SetDisabled(true).Save(ctx)
	if err != nil {
		t.Fatalf("disabled custom emoji: %v", err)
	}
	w.ids["disabledEmoji"] = disabled.ID
	rule, err := db.Rule.Create().SetText("be kind").Save(ctx)
	if err != nil {
		t.Fatalf("rule: %v", err)
	}
	w.ids["rule"] = rule.ID
	return w
}

// nodeCase is one object, a viewer allowed to see it and what its fragment must show.
type nodeCase struct {
	object, viewer, typename, field, want string
}

var everyNodeType = []nodeCase{
	{"account", "anonymous", "Account", "username", "alice"},
	{"publicStatus", "anonymous", "Status", "visibility", "PUBLIC"},
	{"status", "bob", "Status", "visibility", "FOLLOWERS_ONLY"},
	{"notification", "bob", "Notification", "type", "MENTION"},
	{"tag", "anonymous", "Tag", "name", "nodes"},
	{"list", "bob", "List", "title", "friends"},
	{"media", "bob", "MediaAttachment", "description", "attached"},
	{"unattachedMedia", "bob", "MediaAttachment", "description", "unattached"},
	{"poll", "bob", "Poll", "options", "[yes no]"},
	{"statusEdit", "bob", "StatusEdit", "statusID", "<status>"},
	{"filter", "bob", "Filter", "title", "spoilers"},
	{"filterKeyword", "bob", "FilterKeyword", "keyword", "finale"},
	{"followRequest", "bob", "FollowRequest", "targetAccountID", "<carol>"},
	{"followRequest", "carol", "FollowRequest", "targetAccountID", "<carol>"},
	{"customEmoji", "anonymous", "CustomEmoji", "shortcode", "blobcat"},
	{"rule", "anonymous", "Rule", "text", "be kind"},
}

// TestNodeEveryType resolves every Node type through node(id:) and nodes(ids:), then
// checks that node(id:) keeps each type's access rule.
func TestNodeEveryType(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		w := newNodeWorld(t, s, db)
		var carol struct{ Account struct{ ID string } }
		s.must("", `{ account(acct: "carol") { id } }`, nil, &carol)
		placeholders := map[string]string{"<status>": w.ids["status"], "<carol>": carol.Account.ID}

		for _, c := range everyNodeType {
			t.Run(c.object+"/"+c.viewer, func(t *testing.T) {
				id := w.ids[c.object]
				var out struct{ Node map[string]any }
				s.must(w.tokens[c.viewer], nodeQuery, map[string]any{"id": id}, &out)
				if out.Node == nil {
					t.Fatalf("node(%s) = null for %s, want a %s", c.object, c.viewer, c.typename)
				}
				want := c.want
				if p, ok := placeholders[want]; ok {
					want = p
				}
				if out.Node["__typename"] != c.typename || out.Node["id"] != id || fmt.Sprint(out.Node[c.field]) != want {
					t.Errorf("node = %v, want %s %s with %s %q", out.Node, c.typename, id, c.field, want)
				}
			})
		}

		t.Run("nodes in order", func(t *testing.T) {
			var ids, want []string
			for _, c := range everyNodeType {
				if c.viewer == "bob" || c.viewer == "anonymous" {
					ids, want = append(ids, w.ids[c.object]), append(want, c.typename+" "+w.ids[c.object])
				}
			}
			// Unknown IDs, well-formed or not, come back as null in their place.
			ids = append([]string{unknownID}, append(ids, "not-an-id")...)
			want = append([]string{"null"}, append(want, "null")...)
			var out struct{ Nodes []map[string]any }
			s.must(w.tokens["bob"], nodesQuery, map[string]any{"ids": ids}, &out)
			got := make([]string, len(out.Nodes))
			for i, n := range out.Nodes {
				got[i] = "null"
				if n != nil {
					got[i] = fmt.Sprint(n["__typename"], " ", n["id"])
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("nodes =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})

		t.Run("nodes over 100 IDs", func(t *testing.T) {
			ids := make([]string, 101)
			for i := range ids {
				ids[i] = unknownID
			}
			if r := s.do(w.tokens["bob"], `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids}); r.code() != "BAD_USER_INPUT" {
				t.Errorf("nodes with 101 IDs: errors %+v, want BAD_USER_INPUT", r.Errors)
			}
		})

		testNodeAccessRules(t, s, w)
	})
}

// testNodeAccessRules checks that node(id:) hides what the type's own query would hide,
// and that nodes(ids:) answers null for the same objects without failing the request.
func testNodeAccessRules(t *testing.T, s *server, w *nodeWorld) {
	hidden := []struct{ object, viewer string }{
		{"notification", "alice"},
		{"list", "alice"},
		{"filter", "alice"},
		{"filterKeyword", "alice"},
		{"followRequest", "erin"},
		{"status", "erin"},
		{"status", "anonymous"},
		{"poll", "erin"},
		{"poll", "anonymous"},
		{"statusEdit", "erin"},
		{"statusEdit", "anonymous"},
		{"media", "erin"},
		{"media", "anonymous"},
		{"unattachedMedia", "alice"},
		{"unattachedMedia", "anonymous"},
		{"suspendedAccount", "bob"},
		{"suspendedAccount", "anonymous"},
		{"suspendedStatus", "bob"},
		{"suspendedStatus", "anonymous"},
		{"disabledEmoji", "anonymous"},
	}
	for _, c := range hidden {
		t.Run("hidden/"+c.object+"/"+c.viewer, func(t *testing.T) {
			id := w.ids[c.object]
			r := s.do(w.tokens[c.viewer], nodeQuery, map[string]any{"id": id})
			if r.code() != "NOT_FOUND" || !strings.Contains(string(r.Data), `"node":null`) {
				t.Errorf("node(%s) for %s: data %s, errors %+v; want null with NOT_FOUND", c.object, c.viewer, r.Data, r.Errors)
			}
			r = s.do(w.tokens[c.viewer], `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": []string{id}})
			if len(r.Errors) > 0 || string(r.Data) != `{"nodes":[null]}` {
				t.Errorf("nodes([%s]) for %s: data %s, errors %+v; want [null]", c.object, c.viewer, r.Data, r.Errors)
			}
		})
	}
}
