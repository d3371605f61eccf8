package reports

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// checkStatuses fails unless every status is the target's and one the reporter may
// see. A status that fails either test is not found, as Mastodon answers: a reporter
// learns nothing about statuses they could not see.
func checkStatuses(ctx context.Context, c *ent.Client, reporterID, targetID string, statusIDs []string) error {
	if len(statusIDs) == 0 {
		return nil
	}
	n, err := c.Status.Query().Where(
		status.IDIn(statusIDs...),
		status.AccountID(targetID),
		visibility.Statuses(reporterID),
	).Count(ctx)
	if err != nil {
		return fmt.Errorf("check reported statuses: %w", err)
	}
	if n != len(statusIDs) {
		return apperr.NotFoundf("status not found")
	}
	return nil
}
