// Package posting creates, edits and deletes local statuses: it checks the input, turns
// the text into HTML with mentions and hashtags, writes the status with everything that
// hangs off it in one transaction, notifies the mentioned, and announces the change to
// live timelines once committed.
package posting

import (
	"context"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/federate"
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
	// Federator hears of every status posted, edited or deleted (nil: no federation).
	Federator federate.Federator
	// Remote finds accounts on other servers that a status mentions but this server
	// has not met yet (nil: such mentions stay plain text).
	Remote RemoteAccounts
}

// RemoteAccounts looks up @user@domain on its server; federation implements it.
type RemoteAccounts interface {
	AccountByHandle(ctx context.Context, username, domain string) (*ent.Account, error)
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
	publish(ctx, s.Events, kind, statusID, accountID, streams)
}
