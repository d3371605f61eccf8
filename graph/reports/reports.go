// Package reports files reports: a local account tells the moderators about another
// account and some of its statuses. The report is checked and stored in one
// transaction, and the local admins and moderators are notified (admin.report) once it
// commits. The Mastodon API's POST /api/v1/reports and the GraphQL createReport
// mutation both call it.
package reports

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/report"
	"github.com/fedigraph/fedigraph/ent/rule"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/notify"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Service files reports for local accounts.
type Service struct {
	DB     *store.DB
	Events hub.Publisher
	Now    func() time.Time // nil = time.Now
	// Federator forwards reports about remote accounts to their servers when the
	// reporter asks (nil: no federation).
	Federator federate.Federator
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Bounds on a report, as Mastodon has them (the comment) or to keep one request's
// work bounded (the lists).
const (
	MaxCommentChars = 1000
	MaxStatuses     = 100
	MaxRules        = 50
)

// NewReport is what a reporter says.
type NewReport struct {
	TargetID  string
	StatusIDs []string
	Comment   string
	// Category is SPAM, LEGAL, VIOLATION or OTHER; empty means VIOLATION when rules
	// are named and OTHER otherwise, as on Mastodon.
	Category report.Category
	RuleIDs  []string // the instance rules broken; only a violation names rules
	// Forward asks for a copy to go to the reported account's server, when remote.
	Forward bool
}

// Create files a report by the reporter and returns it. The reported account must
// exist (and not be suspended) and be someone else; each status must be the reported
// account's and one the reporter may see (otherwise it is not found, like the
// account); each rule must be one of the instance's.
//
// Forwarding is recorded (a report about a local account is never forwarded), and
// the Federator sends the copy.
func (s *Service) Create(ctx context.Context, reporterID string, in NewReport) (*ent.Report, error) {
	if err := in.normalize(); err != nil {
		return nil, err
	}
	var created *ent.Report
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		target, err := tx.Account.Query().Where(account.ID(in.TargetID), account.SuspendedAtIsNil()).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			return apperr.NotFoundf("account not found")
		case err != nil:
			return fmt.Errorf("load reported account: %w", err)
		case target.ID == reporterID:
			return apperr.BadInputf("Validation failed: you cannot report yourself")
		}
		if err := checkStatuses(ctx, tx.Client(), reporterID, target.ID, in.StatusIDs); err != nil {
			return err
		}
		if err := checkRules(ctx, tx.Client(), in.RuleIDs); err != nil {
			return err
		}
		now := s.now()
		c := tx.Report.Create().SetID(ids.New(now)).SetCreatedAt(now).SetUpdatedAt(now).
			SetAccountID(reporterID).SetTargetAccountID(target.ID).
			SetComment(in.Comment).SetCategory(in.Category).
			SetStatusIds(in.StatusIDs).SetForwarded(in.Forward && target.Domain != "")
		if len(in.RuleIDs) > 0 {
			c.SetRuleIds(in.RuleIDs)
		}
		if created, err = c.Save(ctx); err != nil {
			return fmt.Errorf("create report: %w", err)
		}
		if created.Forwarded {
			err := federate.Send(ctx, s.Federator, tx, federate.Activity{
				Kind: federate.Flag, ActorID: reporterID, ActivityID: created.ID, TargetID: target.ID,
			})
			if err != nil {
				return err
			}
		}
		return s.notifyModerators(ctx, tx, reporterID, created.ID)
	})
	if err != nil {
		return nil, err
	}
	return created.Unwrap(), nil
}

// normalize checks what needs no database and fills in the defaults.
func (in *NewReport) normalize() error {
	in.Comment = strings.TrimSpace(in.Comment)
	if utf8.RuneCountInString(in.Comment) > MaxCommentChars {
		return apperr.BadInputf("Validation failed: Comment is too long (maximum is %d characters)", MaxCommentChars)
	}
	in.StatusIDs = distinct(in.StatusIDs)
	in.RuleIDs = distinct(in.RuleIDs)
	if len(in.StatusIDs) > MaxStatuses || len(in.RuleIDs) > MaxRules {
		return apperr.BadInputf("Validation failed: a report names at most %d statuses and %d rules", MaxStatuses, MaxRules)
	}
	switch {
	case in.Category == "" && len(in.RuleIDs) > 0:
		in.Category = report.CategoryVIOLATION
	case in.Category == "":
		in.Category = report.CategoryOTHER
	}
	if err := report.CategoryValidator(in.Category); err != nil {
		return apperr.BadInputf("Validation failed: Category is not included in the list")
	}
	if in.Category != report.CategoryVIOLATION {
		in.RuleIDs = nil // only a violation breaks rules; Mastodon drops them too
	}
	return nil
}

// notifyModerators tells every active local admin and moderator about the report.
func (s *Service) notifyModerators(ctx context.Context, tx *store.Tx, reporterID, reportID string) error {
	staff, err := tx.User.Query().
		Where(user.Or(user.Admin(true), user.Moderator(true)), user.Disabled(false)).
		QueryAccount().IDs(ctx)
	if err != nil {
		return fmt.Errorf("load moderators: %w", err)
	}
	for _, id := range staff {
		_, err := notify.Send(ctx, tx, s.Events, notify.Notice{
			Type: notification.TypeADMIN_REPORT, RecipientID: id, FromID: reporterID, ReportID: reportID,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// checkRules fails unless every ID names one of the instance's rules.
func checkRules(ctx context.Context, c *ent.Client, ruleIDs []string) error {
	if len(ruleIDs) == 0 {
		return nil
	}
	n, err := c.Rule.Query().Where(rule.IDIn(ruleIDs...)).Count(ctx)
	if err != nil {
		return fmt.Errorf("check rules: %w", err)
	}
	if n != len(ruleIDs) {
		return apperr.BadInputf("Validation failed: Rule ids must name this server's rules")
	}
	return nil
}

func distinct(ss []string) []string {
	out := []string{}
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
