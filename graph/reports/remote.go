package reports

import (
	"context"
	"fmt"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/report"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// RemoteReport is a report another server sends (an ActivityPub Flag) about a local
// account: the reporter is the remote account that sent it (often the server's
// instance actor), URI the Flag's ID.
type RemoteReport struct {
	ReporterID, TargetID string
	StatusIDs            []string
	Comment, URI         string
}

// CreateRemote files a report received from another server and notifies the local
// moderators, as Create does. Unlike a local reporter's, the named statuses that are
// not the reported account's are left out rather than refused (the sender may name
// statuses this server never had), and an over-long comment is cut, not refused: the
// moderators should hear of the report either way. A Flag applied twice (the same
// URI) files one report.
func (s *Service) CreateRemote(ctx context.Context, in RemoteReport) (*ent.Report, error) {
	if in.URI == "" {
		return nil, apperr.BadInputf("a remote report needs its activity's ID")
	}
	in.Comment = cutRunes(strings.TrimSpace(in.Comment), MaxCommentChars)
	in.StatusIDs = distinct(in.StatusIDs)
	if len(in.StatusIDs) > MaxStatuses {
		in.StatusIDs = in.StatusIDs[:MaxStatuses]
	}
	var out *ent.Report
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		existing, err := tx.Report.Query().Where(report.URI(in.URI)).First(ctx)
		if err == nil {
			out = existing
			return nil
		}
		if !ent.IsNotFound(err) {
			return fmt.Errorf("check report: %w", err)
		}
		target, err := tx.Account.Query().Where(account.ID(in.TargetID), account.Domain("")).Only(ctx)
		if ent.IsNotFound(err) {
			return apperr.NotFoundf("account not found")
		}
		if err != nil {
			return fmt.Errorf("load reported account: %w", err)
		}
		statusIDs := []string{}
		if len(in.StatusIDs) > 0 {
			if statusIDs, err = tx.Status.Query().
				Where(status.IDIn(in.StatusIDs...), status.AccountID(target.ID)).IDs(ctx); err != nil {
				return fmt.Errorf("load reported statuses: %w", err)
			}
		}
		now := s.now()
		out, err = tx.Report.Create().SetID(ids.New(now)).SetCreatedAt(now).SetUpdatedAt(now).
			SetAccountID(in.ReporterID).SetTargetAccountID(target.ID).
			SetComment(in.Comment).SetCategory(report.CategoryOTHER).
			SetStatusIds(statusIDs).SetURI(in.URI).Save(ctx)
		if err != nil {
			return fmt.Errorf("create report: %w", err)
		}
		return s.notifyModerators(ctx, tx, in.ReporterID, out.ID)
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

// cutRunes shortens s to at most n characters.
func cutRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
