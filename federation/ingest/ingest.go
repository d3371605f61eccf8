// Package ingest writes what other servers publish — actors and their posts — into
// fedigraph's database. It goes through the same domain code local writes use
// (graph/posting's counters, history, deletion and announcements; graph/notify;
// graph/search; graph/fanout), so that a status that arrives over federation reaches
// timelines, notifications and live subscriptions exactly like a local one.
//
// Everything here trusts its caller on one point only: that the object came from the
// server it claims to (a verified signature, or a fetch from its origin). Everything
// else the object says is checked or bounded: HTML is sanitized, lists are cut,
// authorship is compared, suspended accounts and domains are refused.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/domains"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Resolver finds accounts and statuses by their ActivityPub ID: among those already
// stored, or by fetching them from their server (and storing them through an
// Ingester). The dereferencer in the federation layer implements it. Implementations
// must pass ctx on to the Ingester they call, since it carries the depth of the reply
// chain being fetched (see MaxThreadDepth).
type Resolver interface {
	// Account returns the account with the ActivityPub ID uri.
	Account(ctx context.Context, uri string) (*ent.Account, error)
	// Status returns the status with the ActivityPub ID uri; an apperr NotFound when
	// there is none.
	Status(ctx context.Context, uri string) (*ent.Status, error)
}

// Ingester stores remote actors and statuses.
type Ingester struct {
	DB     *store.DB
	Events hub.Publisher
	// Federator is handed nothing today: what a remote account does is not announced
	// back. It is here so that the ingester can be wired like the domain services.
	Federator federate.Federator
	// Resolve finds the parents of replies and the mentioned accounts that are not
	// stored yet; nil means only stored ones are found.
	Resolve Resolver
	// MaxThreadDepth bounds how many ancestors of a reply are fetched, one inside the
	// other; 0 means DefaultMaxThreadDepth. A reply whose parent lies beyond it is
	// stored without its parent.
	MaxThreadDepth int
	Now            func() time.Time // nil = time.Now
}

// DefaultMaxThreadDepth is the reply chain fetched when MaxThreadDepth is 0.
const DefaultMaxThreadDepth = 20

// Limits on what one remote object may make this server do or store. Objects past
// them are cut, not refused: the rest is still worth showing.
const (
	maxMentions    = 50
	maxTags        = 100
	maxEmojis      = 50
	maxAttachments = 16
)

var (
	// ErrRefused: the author is suspended, or moderators suspended its domain.
	ErrRefused = errors.New("refused: the account or its domain is suspended")
	// ErrNotAuthor: the object is attributed to someone else than the account that
	// sent it, or the account tried to change or delete another's status.
	ErrNotAuthor = errors.New("not the author")
)

func (g *Ingester) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

// createdAt is when a remote object says it was made, for its time-sortable ID. A
// missing time, or one in the future (a wrong clock, or a server trying to stay at
// the top of timelines), is now.
func (g *Ingester) createdAt(published time.Time) time.Time {
	now := g.now()
	if published.IsZero() || published.After(now) {
		return now
	}
	return published.UTC()
}

// mayPost refuses authors that are suspended or on a suspended domain.
func (g *Ingester) mayPost(ctx context.Context, a *ent.Account) error {
	if a.SuspendedAt != nil {
		return fmt.Errorf("%w: %s", ErrRefused, a.URI)
	}
	return g.domainAllowed(ctx, a.Domain)
}

func (g *Ingester) domainAllowed(ctx context.Context, domain string) error {
	suspended, err := domains.Suspended(ctx, g.DB.Client, domain)
	if err != nil {
		return err
	}
	if suspended {
		return fmt.Errorf("%w: domain %s", ErrRefused, domain)
	}
	return nil
}

// depthKey carries, in a context, how many statuses deep the current fetch of a
// reply chain is.
type depthKey struct{}

func depth(ctx context.Context) int {
	d, _ := ctx.Value(depthKey{}).(int)
	return d
}

func (g *Ingester) maxDepth() int {
	if g.MaxThreadDepth > 0 {
		return g.MaxThreadDepth
	}
	return DefaultMaxThreadDepth
}

func isNotFound(err error) bool {
	return ent.IsNotFound(err) || apperr.Is(err, apperr.NotFound)
}
