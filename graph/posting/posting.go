// Package posting creates, edits and deletes local statuses: it checks the input, turns
// the text into HTML with mentions and hashtags, writes the status with everything that
// hangs off it in one transaction, notifies the mentioned, and announces the change to
// live timelines once committed.
package posting

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/text"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// Limits bound what a status may hold.
type Limits struct {
	MaxChars           int
	PollMaxOptions     int
	PollOptionMaxChars int
	MaxMediaFiles      int
}

// Service posts statuses for local accounts.
type Service struct {
	DB            *store.DB
	Events        hub.Publisher
	URIs          uris.Builder
	AccountDomain string
	Limits        Limits
	Now           func() time.Time
}

// Draft is what an author asks to post or to change a status into.
type Draft struct {
	Text        string
	ContentType text.ContentType // "" = the author's default
	SpoilerText string
	Sensitive   *bool  // nil = the author's default
	Language    string // "" = the author's default
	MediaIDs    []string
	Poll        *PollDraft
}

// PollDraft is a poll to attach.
type PollDraft struct {
	Options    []string
	ExpiresIn  time.Duration
	Multiple   bool
	HideTotals bool
}

// NewStatus is a Draft plus what can only be chosen when posting.
type NewStatus struct {
	Draft
	Visibility    status.Visibility // "" = the author's default
	LocalOnly     bool
	InReplyToID   string
	ApplicationID string
	// IdempotencyKey, when set, makes a retry safe: the author's Create with a key
	// used within IdempotencyWindow returns the status that key posted.
	IdempotencyKey string
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) publish(ctx context.Context, kind hub.Kind, statusID, accountID string, streams []hub.Stream) {
	if len(streams) == 0 {
		return
	}
	if err := s.Events.Publish(ctx, hub.Event{Kind: kind, StatusID: statusID, AccountID: accountID}, streams...); err != nil {
		// The write committed; a subscriber that misses the event sees the status on
		// its next fetch. Nothing to undo.
		_ = fmt.Errorf("publish %s: %w", kind, err)
	}
}
