package polls

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/poll"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Service reads polls and casts votes for local accounts. The GraphQL votePoll
// mutation and the Mastodon API's /api/v1/polls routes both call it.
type Service struct {
	DB     *store.DB
	Events hub.Publisher
	Now    func() time.Time // nil = time.Now
	// Federator hears of votes, which a remote poll's server must count (nil: no
	// federation).
	Federator federate.Federator
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// errPollNotFound answers for polls that do not exist and for polls on statuses the
// viewer may not see: the two must look the same.
func errPollNotFound() error { return apperr.NotFoundf("poll not found") }

// Get returns the poll with its status loaded, when the viewer may see that status.
func (s *Service) Get(ctx context.Context, viewerID, pollID string) (*ent.Poll, error) {
	return visiblePoll(ctx, s.DB.Client, viewerID, pollID)
}

// visiblePoll loads a poll and its status through c, which may be a transaction's.
func visiblePoll(ctx context.Context, c *ent.Client, viewerID, pollID string) (*ent.Poll, error) {
	p, err := c.Poll.Query().Where(poll.ID(pollID)).WithStatus().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errPollNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load poll %s: %w", pollID, err)
	}
	ok, err := visibility.Visible(ctx, c, viewerID, p.Edges.Status.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errPollNotFound()
	}
	return p, nil
}
