package inbound

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/reports"
)

// flag applies a Flag: a report to the local moderators about a local account and
// some of its statuses, as Mastodon sends it (the account, then the statuses, all as
// objects; the comment as content). A Flag naming only statuses reports their author.
func (p *Processor) flag(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	iris := act.ObjectIRIs
	if len(iris) == 0 && objectIRI(act) != "" {
		iris = []string{objectIRI(act)}
	}
	if len(iris) == 0 {
		return unsupported("a Flag without objects")
	}
	accounts, err := p.DB.Account.Query().
		Where(account.Domain(""), account.Or(account.URIIn(iris...), account.URLIn(iris...))).All(ctx)
	if err != nil {
		return fmt.Errorf("load reported accounts: %w", err)
	}
	statuses, err := p.DB.Status.Query().
		Where(status.Local(true), status.Or(status.URIIn(iris...), status.URLIn(iris...))).All(ctx)
	if err != nil {
		return fmt.Errorf("load reported statuses: %w", err)
	}
	var targetID string
	switch {
	case len(accounts) > 0:
		targetID = accounts[0].ID
	case len(statuses) > 0:
		targetID = statuses[0].AccountID
	default:
		return notFound("a Flag of nothing local")
	}
	statusIDs := make([]string, 0, len(statuses))
	for _, st := range statuses {
		statusIDs = append(statusIDs, st.ID)
	}
	_, err = p.Reports.CreateRemote(ctx, reports.RemoteReport{
		ReporterID: signer.ID, TargetID: targetID, StatusIDs: statusIDs, Comment: act.Content, URI: act.ID,
	})
	return err
}
