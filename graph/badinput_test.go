package graph_test

import (
	"context"
	"strings"
	"testing"
	"time"

	enttoken "github.com/fedigraph/fedigraph/ent/token"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestBadInput checks that hostile or mistaken requests get a GraphQL error with a
// code, and that nothing is written.
func TestBadInput(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		token := testrig.Token(t, db, alice, "read write")
		readOnly := testrig.Token(t, db, alice, "read")
		revoked := testrig.Token(t, db, alice, "read write")
		if err := db.Token.Update().Where(enttoken.Digest(auth.Digest(revoked))).
			SetRevokedAt(time.Now()).Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
		deep := "{ viewer { account { statuses { edges { node { reblog { reblog { reblog { reblog { reblog { reblog { id } } } } } } } } } } } }"
		cases := []struct {
			name, token, query, wantCode string
		}{
			{"malformed query", token, "{ viewer { ", "GRAPHQL_PARSE_FAILED"},
			{"unknown field", token, "{ nope }", "GRAPHQL_VALIDATION_FAILED"},
			{"too deep", token, deep, "QUERY_TOO_DEEP"},
			{"too complex", token, "{ homeTimeline(first: 40) { edges { node { account { statuses(first: 40) { edges { node { id content } } } } } } } }", "COMPLEXITY_LIMIT_EXCEEDED"},
			{"invalid token", "not-a-token", "{ publicTimeline { edges { node { id } } } }", "UNAUTHENTICATED"},
			{"revoked token", revoked, "{ viewer { email } }", "UNAUTHENTICATED"},
			{"signed out where sign-in is needed", "", "{ viewer { email } }", "UNAUTHENTICATED"},
			{"missing scope", readOnly, `mutation { createStatus(input: {text: "hi"}) { status { id } } }`, "FORBIDDEN"},
			{"status over the length limit", token,
				`mutation { createStatus(input: {text: "` + strings.Repeat("a", testMaxChars+1) + `"}) { status { id } } }`, "BAD_USER_INPUT"},
			{"empty status", token, `mutation { createStatus(input: {text: "  "}) { status { id } } }`, "BAD_USER_INPUT"},
			{"reply to unknown status", token,
				`mutation { createStatus(input: {text: "hi", inReplyToID: "01ARZ3NDEKTSV4RRFFQ69G5FAV"}) { status { id } } }`, "NOT_FOUND"},
			{"poll with one option", token,
				`mutation { createStatus(input: {text: "hi", poll: {options: ["a"], expiresIn: 3600}}) { status { id } } }`, "BAD_USER_INPUT"},
			{"unknown status ID", token, `{ status(id: "01ARZ3NDEKTSV4RRFFQ69G5FAV") { id } }`, "NOT_FOUND"},
			{"unknown node ID", token, `{ node(id: "garbage") { id } }`, "NOT_FOUND"},
			{"delete someone else's status", token, `mutation { deleteStatus(id: "01ARZ3NDEKTSV4RRFFQ69G5FAV") { deletedID } }`, "NOT_FOUND"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := s.do(c.token, c.query, nil)
				if got := r.code(); got != c.wantCode {
					t.Errorf("extensions.code = %q, want %q (errors %+v)", got, c.wantCode, r.Errors)
				}
				if len(r.Errors) > 0 && r.Errors[0].Message == "" {
					t.Errorf("error without a message")
				}
			})
		}
		n, err := db.Status.Query().Count(context.Background())
		if err != nil || n != 0 {
			t.Errorf("bad requests left %d statuses behind (err %v)", n, err)
		}
	})
}
