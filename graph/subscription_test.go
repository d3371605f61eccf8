package graph_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// Waits for live events: long enough for a loaded CI machine to deliver one, short
// enough that a suite of them stays quick.
const (
	arrives = 2 * time.Second
	silence = 400 * time.Millisecond
)

// liveEvent is a TimelineEvent as the subscriptions below select it.
type liveEvent struct {
	Kind     string
	StatusID string
	Status   *struct{ ID, Content string }
}

const eventFields = `{ kind statusID status { id content } }`

// nextEvent waits for the subscription's next event and decodes it; every subscription
// here selects one root field, whose name does not matter.
func nextEvent(t *testing.T, sub *subscription) liveEvent {
	t.Helper()
	data, ok := sub.next(arrives)
	if !ok {
		t.Fatalf("no event within %v", arrives)
	}
	var root map[string]liveEvent
	if err := json.Unmarshal(data, &root); err != nil || len(root) != 1 {
		t.Fatalf("decode event %s: %v", data, err)
	}
	for _, ev := range root {
		return ev
	}
	panic("unreachable")
}

// expectNothing fails if the subscription delivers anything within a short wait.
func expectNothing(t *testing.T, sub *subscription) {
	t.Helper()
	if data, ok := sub.next(silence); ok {
		t.Errorf("unexpected event %s", data)
	}
}

// nextErrors waits for a payload that must carry GraphQL errors: either a "next" with
// errors (a resolver refused) or an "error" message (the operation was invalid).
func nextErrors(t *testing.T, sub *subscription) []gqlError {
	t.Helper()
	select {
	case p, open := <-sub.payloads:
		if !open {
			t.Fatalf("connection closed before an error arrived")
		}
		var withErrors struct{ Errors []gqlError }
		if json.Unmarshal(p, &withErrors) == nil && len(withErrors.Errors) > 0 {
			return withErrors.Errors
		}
		var bare []gqlError
		if json.Unmarshal(p, &bare) == nil && len(bare) > 0 {
			return bare
		}
		t.Fatalf("payload %s carries no errors", p)
	case <-time.After(arrives):
		t.Fatalf("no error within %v", arrives)
	}
	return nil
}

// initCloseCode opens a websocket, sends connection_init with the token and returns
// the code the server closed the socket with, or fails if it acknowledged instead.
func initCloseCode(t *testing.T, s *server, token string) int {
	t.Helper()
	d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}}
	conn, _, err := d.Dial("ws"+strings.TrimPrefix(s.url, "http"), nil)
	if err != nil {
		t.Fatalf("dial websocket: %v", err)
	}
	defer conn.Close()
	if err := conn.WriteJSON(map[string]any{"type": "connection_init", "payload": map[string]any{"Authorization": "Bearer " + token}}); err != nil {
		t.Fatalf("send connection_init: %v", err)
	}
	conn.SetReadDeadline(time.Now().Add(arrives))
	for {
		var msg struct{ Type string }
		err := conn.ReadJSON(&msg)
		var closed *websocket.CloseError
		if errors.As(err, &closed) {
			return closed.Code
		}
		if err != nil {
			t.Fatalf("waiting for the socket to close: %v", err)
		}
		if msg.Type == "connection_ack" {
			t.Fatalf("connection_init with token %q was acknowledged", token)
		}
	}
}

// people makes signed-in local accounts and returns their IDs and tokens.
func people(t *testing.T, db *store.DB, names ...string) (ids, tokens map[string]string) {
	t.Helper()
	ids, tokens = map[string]string{}, map[string]string{}
	for _, n := range names {
		a := testrig.LocalAccount(t, db, n)
		ids[n], tokens[n] = a.ID, testrig.Token(t, db, a, "read write follow")
	}
	return ids, tokens
}

// post creates a status and returns its ID.
func post(t *testing.T, s *server, token, text, visibility string) string {
	t.Helper()
	var out struct {
		CreateStatus struct{ Status struct{ ID string } }
	}
	s.must(token, `mutation($t: String!, $v: StatusVisibility) { createStatus(input: {text: $t, visibility: $v}) { status { id } } }`,
		map[string]any{"t": text, "v": visibility}, &out)
	return out.CreateStatus.Status.ID
}

// TestSubscriptionEvents drives each subscription over the real websocket with the
// mutations that feed it. Where a status must not arrive, a status that must is posted
// right after it: events reach a subscriber in the order they were published, so the
// wanted one arriving first proves the other was filtered out, without a long wait.
func TestSubscriptionEvents(t *testing.T) {
	scenarios := []struct {
		name string
		run  func(t *testing.T, s *server, db *store.DB)
	}{
		{"home timeline follows a status through edit and delete", subscribeHomeLifecycle},
		{"hashtag timeline", subscribeHashtag},
		{"list timeline", subscribeList},
		{"notifications", subscribeNotifications},
		{"invalid token is refused", subscribeWithInvalidToken},
		{"signed-out home timeline is refused", subscribeSignedOutToHome},
		{"someone else's list is not found", subscribeToOthersList},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			testrig.EachDB(t, func(t *testing.T, db *store.DB) { sc.run(t, newServer(t, db), db) })
		})
	}
}

func subscribeHomeLifecycle(t *testing.T, s *server, db *store.DB) {
	_, tok := people(t, db, "alice")
	sub := s.subscribe(tok["alice"], `subscription { homeTimeline `+eventFields+` }`)
	id := post(t, s, tok["alice"], "first draft", "PUBLIC")
	if ev := nextEvent(t, sub); ev.Kind != "CREATED" || ev.StatusID != id || ev.Status == nil || !strings.Contains(ev.Status.Content, "first draft") {
		t.Fatalf("after createStatus: %+v, want CREATED with the status", ev)
	}
	s.must(tok["alice"], `mutation($id: ID!) { editStatus(input: {id: $id, text: "second thoughts"}) { status { id } } }`, map[string]any{"id": id}, nil)
	if ev := nextEvent(t, sub); ev.Kind != "UPDATED" || ev.StatusID != id || ev.Status == nil || !strings.Contains(ev.Status.Content, "second thoughts") {
		t.Fatalf("after editStatus: %+v, want UPDATED with the new content", ev)
	}
	s.must(tok["alice"], `mutation($id: ID!) { deleteStatus(id: $id) { deletedID } }`, map[string]any{"id": id}, nil)
	if ev := nextEvent(t, sub); ev.Kind != "DELETED" || ev.StatusID != id || ev.Status != nil {
		t.Fatalf("after deleteStatus: %+v, want DELETED with statusID and no status", ev)
	}
}

func subscribeHashtag(t *testing.T, s *server, db *store.DB) {
	_, tok := people(t, db, "alice")
	for _, c := range []struct {
		name, tag string
		local     bool
	}{
		{name: "all", tag: "cats"},
		{name: "local", tag: "cats", local: true},
		{name: "leading # and capitals", tag: "#CATS"},
		// Japanese keyboards type fullwidth letters; the paged hashtag timeline folds
		// them with NFKC (text.NormalizeTag), so the live one must too.
		{name: "fullwidth", tag: "ｃａｔｓ"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sub := s.subscribe("", fmt.Sprintf(`subscription { hashtagTimeline(tag: %q, local: %v) %s }`, c.tag, c.local, eventFields))
			post(t, s, tok["alice"], "no tag here", "PUBLIC")
			post(t, s, tok["alice"], "hidden #cats", "FOLLOWERS_ONLY")
			id := post(t, s, tok["alice"], "look #Cats", "PUBLIC")
			if !timelineHas(t, s, "", fmt.Sprintf(`{ hashtagTimeline(tag: %q, local: %v) { edges { node { id } } } }`, c.tag, c.local), id) {
				t.Fatalf("the paged hashtag timeline for %q lacks the post", c.tag)
			}
			if ev := nextEvent(t, sub); ev.Kind != "CREATED" || ev.StatusID != id {
				t.Fatalf("first event %+v, want CREATED %s (the public #cats post)", ev, id)
			}
			expectNothing(t, sub)
		})
	}
}

func subscribeList(t *testing.T, s *server, db *store.DB) {
	ids, tok := people(t, db, "vic", "member", "outsider")
	for _, name := range []string{"member", "outsider"} {
		s.must(tok["vic"], `mutation($id: ID!) { followAccount(input: {accountID: $id}) { relationship { following } } }`, map[string]any{"id": ids[name]}, nil)
	}
	var list struct{ CreateList struct{ ID string } }
	s.must(tok["vic"], `mutation { createList(input: {title: "close friends"}) { id } }`, nil, &list)
	s.must(tok["vic"], `mutation($l: ID!, $a: [ID!]!) { addListAccounts(listID: $l, accountIDs: $a) { id } }`,
		map[string]any{"l": list.CreateList.ID, "a": []string{ids["member"]}}, nil)

	sub := s.subscribe(tok["vic"], `subscription { listTimeline(listID: "`+list.CreateList.ID+`") `+eventFields+` }`)
	post(t, s, tok["outsider"], "not on the list", "PUBLIC")
	id := post(t, s, tok["member"], "on the list", "PUBLIC")
	if ev := nextEvent(t, sub); ev.Kind != "CREATED" || ev.StatusID != id {
		t.Fatalf("first event %+v, want CREATED %s (the member's post)", ev, id)
	}
	expectNothing(t, sub)
}

func subscribeNotifications(t *testing.T, s *server, db *store.DB) {
	_, tok := people(t, db, "alice", "bob")
	sub := s.subscribe(tok["alice"], `subscription { notifications { type fromAccount { username } status { id } } }`)
	next := func() (kind, from, statusID string) {
		t.Helper()
		data, ok := sub.next(arrives)
		if !ok {
			t.Fatalf("no notification within %v", arrives)
		}
		var n struct {
			Notifications struct {
				Type        string
				FromAccount struct{ Username string }
				Status      *struct{ ID string }
			}
		}
		if err := json.Unmarshal(data, &n); err != nil {
			t.Fatalf("decode notification %s: %v", data, err)
		}
		if n.Notifications.Status != nil {
			statusID = n.Notifications.Status.ID
		}
		return n.Notifications.Type, n.Notifications.FromAccount.Username, statusID
	}

	mention := post(t, s, tok["bob"], "hello @alice", "PUBLIC")
	if kind, from, st := next(); kind != "MENTION" || from != "bob" || st != mention {
		t.Errorf("after the mention: %s from %q about %s, want MENTION from bob about %s", kind, from, st, mention)
	}
	mine := post(t, s, tok["alice"], "something to like", "PUBLIC")
	s.must(tok["bob"], `mutation($id: ID!) { favouriteStatus(id: $id) { status { id } } }`, map[string]any{"id": mine}, nil)
	if kind, from, st := next(); kind != "FAVOURITE" || from != "bob" || st != mine {
		t.Errorf("after the favourite: %s from %q about %s, want FAVOURITE from bob about %s", kind, from, st, mine)
	}
}

func subscribeWithInvalidToken(t *testing.T, s *server, db *store.DB) {
	if code := initCloseCode(t, s, "not-a-real-token"); code != 4403 {
		t.Errorf("close code %d, want 4403", code)
	}
}

func subscribeSignedOutToHome(t *testing.T, s *server, db *store.DB) {
	sub := s.subscribe("", `subscription { homeTimeline `+eventFields+` }`)
	if errs := nextErrors(t, sub); errs[0].Extensions.Code != "UNAUTHENTICATED" {
		t.Errorf("errors %+v, want UNAUTHENTICATED", errs)
	}
}

func subscribeToOthersList(t *testing.T, s *server, db *store.DB) {
	_, tok := people(t, db, "alice", "bob")
	var list struct{ CreateList struct{ ID string } }
	s.must(tok["bob"], `mutation { createList(input: {title: "bob's"}) { id } }`, nil, &list)
	sub := s.subscribe(tok["alice"], `subscription { listTimeline(listID: "`+list.CreateList.ID+`") `+eventFields+` }`)
	if errs := nextErrors(t, sub); errs[0].Extensions.Code != "NOT_FOUND" {
		t.Errorf("errors %+v, want NOT_FOUND", errs)
	}
}
