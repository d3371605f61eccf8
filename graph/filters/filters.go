// Package filters keeps an account's content filters: named groups of keywords (and
// single statuses) that warn about or hide matching statuses in chosen contexts, until
// they expire. It checks and stores every change in one transaction, announces
// filters_changed on the owner's user stream once committed, and matches statuses
// against the filters for the Status entity's filtered field.
//
// The GraphQL filter fields and mutations and the Mastodon API's /api/v2/filters (and
// the /api/v1/filters view of it, one v1 filter per keyword) all call this package.
package filters

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/filter"
	"github.com/fedigraph/fedigraph/ent/filterkeyword"
	"github.com/fedigraph/fedigraph/ent/filterstatus"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Service keeps the filters of local accounts. Every method takes the owner's ID first:
// a filter of someone else is not found.
type Service struct {
	DB     *store.DB
	Events hub.Publisher
	Now    func() time.Time // nil = time.Now
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Contexts are where a filter may apply, as Mastodon names them.
var Contexts = []string{"home", "notifications", "public", "thread", "account"}

// errNotFound answers for filters (and their keywords and statuses) that do not exist
// and for those of other accounts: the two must look the same.
func errNotFound() error { return apperr.NotFoundf("filter not found") }

// withRules loads a filter query's keywords and statuses, each in the order made.
func withRules(q *ent.FilterQuery) *ent.FilterQuery {
	return q.
		WithKeywords(func(k *ent.FilterKeywordQuery) { k.Order(ent.Asc(filterkeyword.FieldID)) }).
		WithStatuses(func(st *ent.FilterStatusQuery) { st.Order(ent.Asc(filterstatus.FieldID)) })
}

// List returns the account's filters, expired ones included (a client shows them so
// they can be renewed), oldest first, with their keywords and statuses.
func (s *Service) List(ctx context.Context, accountID string) ([]*ent.Filter, error) {
	fs, err := withRules(s.DB.Filter.Query().Where(filter.AccountID(accountID))).
		Order(ent.Asc(filter.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list filters: %w", err)
	}
	return fs, nil
}

// Get returns one of the account's filters with its keywords and statuses.
func (s *Service) Get(ctx context.Context, accountID, filterID string) (*ent.Filter, error) {
	return get(ctx, s.DB.Client, accountID, filterID)
}

func get(ctx context.Context, c *ent.Client, accountID, filterID string) (*ent.Filter, error) {
	f, err := withRules(c.Filter.Query().Where(filter.ID(filterID), filter.AccountID(accountID))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load filter %s: %w", filterID, err)
	}
	return f, nil
}

// Active reports whether a filter applies at the time: it has not expired.
func Active(f *ent.Filter, now time.Time) bool {
	return f.ExpiresAt == nil || f.ExpiresAt.After(now)
}

// AppliesIn reports whether the filter applies in the context ("" for any).
func AppliesIn(f *ent.Filter, context string) bool {
	return context == "" || slices.Contains(f.Context, context)
}

// change runs fn in a transaction and, once it commits, tells the owner's clients
// that their filters changed.
func (s *Service) change(ctx context.Context, accountID string, fn func(tx *store.Tx) error) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		tx.AfterCommit(func(ctx context.Context) {
			// The change is stored; a client that misses the event reloads its
			// filters on its next start.
			_ = s.Events.Publish(ctx, hub.Event{Kind: hub.FiltersChanged, AccountID: accountID}, hub.UserStream(accountID))
		})
		return nil
	})
}
