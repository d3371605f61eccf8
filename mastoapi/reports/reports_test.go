package reports_test

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// reportKeys are the members of the Report entity in the Mastodon documentation.
var reportKeys = []string{
	"id", "action_taken", "action_taken_at", "category", "comment", "forwarded",
	"created_at", "status_ids", "rule_ids", "target_account",
}

func TestFileReport(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, spammer, admin := s.User("alice"), s.User("spammer"), s.User("admin")
		db.User.Update().Where(user.Email("admin@" + testrig.TestHost)).SetAdmin(true).ExecX(t.Context())
		spam := s.Status(spammer, "buy now")
		rule := db.Rule.Create().SetText("No spam").SaveX(t.Context())

		r := s.Post("/api/v1/reports", alice.Token, mastotest.Form{
			"account_id": {spammer.ID}, "status_ids[]": {spam}, "comment": {"ads"}, "rule_ids[]": {rule.ID},
		}).OK(nil)
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(r.Body, &raw); err != nil {
			t.Fatal(err)
		}
		for _, k := range reportKeys {
			if _, ok := raw[k]; !ok {
				t.Errorf("report without %q: %s", k, r.Body)
			}
		}
		var got struct {
			ID            string   `json:"id"`
			ActionTaken   bool     `json:"action_taken"`
			ActionTakenAt *string  `json:"action_taken_at"`
			Category      string   `json:"category"`
			Comment       string   `json:"comment"`
			Forwarded     bool     `json:"forwarded"`
			StatusIDs     []string `json:"status_ids"`
			RuleIDs       []string `json:"rule_ids"`
			TargetAccount struct {
				ID string `json:"id"`
			} `json:"target_account"`
		}
		r.OK(&got)
		if got.ActionTaken || got.ActionTakenAt != nil || got.Category != "violation" || got.Comment != "ads" ||
			got.Forwarded || !slices.Equal(got.StatusIDs, []string{spam}) || !slices.Equal(got.RuleIDs, []string{rule.ID}) ||
			got.TargetAccount.ID != spammer.ID {
			t.Errorf("report %+v", got)
		}
		n := db.Notification.Query().Where(notification.AccountID(admin.ID), notification.TypeEQ(notification.TypeADMIN_REPORT)).CountX(t.Context())
		if n != 1 {
			t.Errorf("the admin has %d admin.report notifications, want 1", n)
		}

		// Without statuses or rules: status_ids is [], rule_ids null.
		r = s.Post("/api/v1/reports", alice.Token, map[string]any{"account_id": spammer.ID, "category": "spam"}).OK(nil)
		if !strings.Contains(string(r.Body), `"status_ids":[]`) || !strings.Contains(string(r.Body), `"rule_ids":null`) ||
			!strings.Contains(string(r.Body), `"category":"spam"`) {
			t.Errorf("a bare spam report: %s", r.Body)
		}
	})
}

func TestReportRefusals(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		bobsPrivate := s.Status(bob, "for followers", "visibility", "private")
		alices := s.Status(alice, "mine")
		cases := []struct {
			name   string
			form   mastotest.Form
			status int
		}{
			{"no account", mastotest.Form{}, http.StatusNotFound},
			{"an unknown account", mastotest.Form{"account_id": {"01NOSUCHACCOUNT00000000000"}}, http.StatusNotFound},
			{"a status alice may not see", mastotest.Form{"account_id": {bob.ID}, "status_ids[]": {bobsPrivate}}, http.StatusNotFound},
			{"a status of someone else", mastotest.Form{"account_id": {bob.ID}, "status_ids[]": {alices}}, http.StatusNotFound},
			{"oneself", mastotest.Form{"account_id": {alice.ID}}, http.StatusUnprocessableEntity},
			{"an unknown category", mastotest.Form{"account_id": {bob.ID}, "category": {"rude"}}, http.StatusUnprocessableEntity},
			{"an unknown rule", mastotest.Form{"account_id": {bob.ID}, "rule_ids[]": {"01NOSUCHRULE00000000000000"}}, http.StatusUnprocessableEntity},
			{"a comment too long", mastotest.Form{"account_id": {bob.ID}, "comment": {strings.Repeat("x", 1001)}}, http.StatusUnprocessableEntity},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				s.Post("/api/v1/reports", alice.Token, tc.form).ErrorIs(tc.status, "")
			})
		}
		if n := db.Report.Query().CountX(t.Context()); n != 0 {
			t.Errorf("%d reports stored, want none", n)
		}
		s.CheckAccess(alice, []mastotest.Route{
			{Method: "POST", Path: "/api/v1/reports?account_id=" + bob.ID, Scope: "write:reports", Lacking: "read write:statuses"},
		})
	})
}
