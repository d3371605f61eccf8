package reports_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/report"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/reports"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

func post(t *testing.T, db *store.DB, author *ent.Account, vis status.Visibility) string {
	t.Helper()
	id := ids.New(time.Now())
	db.Status.Create().SetID(id).SetAccountID(author.ID).SetVisibility(vis).SetThreadID(id).
		SetURI("https://fedi.test/s/" + id).SetContent("<p>x</p>").ExecX(t.Context())
	return id
}

func TestCreate(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		svc := &reports.Service{DB: db, Events: hub.New()}
		reporter := testrig.LocalAccount(t, db, "reporter")
		target := testrig.LocalAccount(t, db, "target")
		remote := testrig.RemoteAccount(t, db, "far", "remote.example")
		public := post(t, db, target, status.VisibilityPUBLIC)
		hidden := post(t, db, target, status.VisibilityFOLLOWERS_ONLY)
		others := post(t, db, reporter, status.VisibilityPUBLIC)
		ruleA := db.Rule.Create().SetText("Be kind").SaveX(ctx)

		cases := []struct {
			name          string
			in            reports.NewReport
			code          apperr.Code
			wantCategory  report.Category
			wantStatuses  []string
			wantRules     []string
			wantForwarded bool
		}{
			{name: "the account alone", in: reports.NewReport{TargetID: target.ID}, wantCategory: report.CategoryOTHER, wantStatuses: []string{}},
			{name: "with statuses, repeated", in: reports.NewReport{TargetID: target.ID, StatusIDs: []string{public, public}, Category: report.CategorySPAM, Comment: "  buy now  "},
				wantCategory: report.CategorySPAM, wantStatuses: []string{public}},
			{name: "rules make a violation", in: reports.NewReport{TargetID: target.ID, RuleIDs: []string{ruleA.ID}},
				wantCategory: report.CategoryVIOLATION, wantStatuses: []string{}, wantRules: []string{ruleA.ID}},
			{name: "rules dropped from spam", in: reports.NewReport{TargetID: target.ID, RuleIDs: []string{ruleA.ID}, Category: report.CategorySPAM},
				wantCategory: report.CategorySPAM, wantStatuses: []string{}},
			{name: "forwarded to a remote server", in: reports.NewReport{TargetID: remote.ID, Forward: true},
				wantCategory: report.CategoryOTHER, wantStatuses: []string{}, wantForwarded: true},
			{name: "a local account is never forwarded", in: reports.NewReport{TargetID: target.ID, Forward: true},
				wantCategory: report.CategoryOTHER, wantStatuses: []string{}},
			{name: "a rule that does not exist", in: reports.NewReport{TargetID: target.ID, RuleIDs: []string{"01NOSUCHRULE00000000000000"}}, code: apperr.BadInput},
			{name: "someone else's status", in: reports.NewReport{TargetID: target.ID, StatusIDs: []string{others}}, code: apperr.NotFound},
			{name: "a status the reporter may not see", in: reports.NewReport{TargetID: target.ID, StatusIDs: []string{hidden}}, code: apperr.NotFound},
			{name: "an unknown account", in: reports.NewReport{TargetID: "01NOSUCHACCOUNT00000000000"}, code: apperr.NotFound},
			{name: "oneself", in: reports.NewReport{TargetID: reporter.ID}, code: apperr.BadInput},
			{name: "a comment too long", in: reports.NewReport{TargetID: target.ID, Comment: strings.Repeat("é", 1001)}, code: apperr.BadInput},
			{name: "an unknown category", in: reports.NewReport{TargetID: target.ID, Category: "RUDE"}, code: apperr.BadInput},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				before := db.Report.Query().CountX(ctx)
				got, err := svc.Create(ctx, reporter.ID, tc.in)
				if tc.code != "" {
					if !apperr.Is(err, tc.code) {
						t.Fatalf("err %v, want %s", err, tc.code)
					}
					if n := db.Report.Query().CountX(ctx); n != before {
						t.Errorf("a refused report was stored")
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				stored := db.Report.GetX(ctx, got.ID)
				if stored.Category != tc.wantCategory || !slices.Equal(stored.StatusIds, tc.wantStatuses) ||
					!slices.Equal(stored.RuleIds, tc.wantRules) || stored.Forwarded != tc.wantForwarded ||
					stored.AccountID != reporter.ID || stored.TargetAccountID != tc.in.TargetID ||
					stored.Comment != strings.TrimSpace(tc.in.Comment) {
					t.Errorf("stored %+v", stored)
				}
			})
		}
	})
}

func TestCreateNotifiesModerators(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		h := hub.New()
		svc := &reports.Service{DB: db, Events: h}
		reporter := testrig.LocalAccount(t, db, "reporter")
		target := testrig.LocalAccount(t, db, "target")
		staff := func(name string, set func(*ent.UserUpdate)) *ent.Account {
			a := testrig.LocalAccount(t, db, name)
			u := db.User.Update().Where(user.Email(name + "@" + testrig.TestHost))
			set(u)
			u.ExecX(ctx)
			return a
		}
		admin := staff("admin", func(u *ent.UserUpdate) { u.SetAdmin(true) })
		moderator := staff("mod", func(u *ent.UserUpdate) { u.SetModerator(true) })
		retired := staff("retired", func(u *ent.UserUpdate) { u.SetAdmin(true).SetDisabled(true) })
		sub := h.Subscribe(ctx, hub.NotificationStream(admin.ID))
		defer sub.Close()

		r, err := svc.Create(ctx, reporter.ID, reports.NewReport{TargetID: target.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			who  *ent.Account
			want int
		}{{admin, 1}, {moderator, 1}, {retired, 0}, {target, 0}, {reporter, 0}} {
			ns := db.Notification.Query().Where(notification.AccountID(c.who.ID)).AllX(ctx)
			if len(ns) != c.want {
				t.Errorf("%s got %d notifications, want %d", c.who.Username, len(ns), c.want)
				continue
			}
			for _, n := range ns {
				if n.Type != notification.TypeADMIN_REPORT || n.ReportID == nil || *n.ReportID != r.ID || n.FromAccountID != reporter.ID {
					t.Errorf("%s's notification %+v, want admin.report of %s from the reporter", c.who.Username, n, r.ID)
				}
			}
		}
		select {
		case d := <-sub.C:
			if d.Event.Kind != hub.NotificationCreated {
				t.Errorf("announced %+v", d.Event)
			}
		default:
			t.Error("the admin's notification was not announced")
		}
	})
}
