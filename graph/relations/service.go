// Package relations keeps the relationships between accounts: follows and follow
// requests, blocks, mutes and private notes. It writes each change in one transaction,
// keeps the follower and following counters in step with the rows they count, and
// notifies the other account where Mastodon would.
//
// Federation is not done here: a follow of a remote account is stored as a request
// awaiting the remote server's Accept, which federation applies with
// AcceptFollowRequest.
package relations

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// Service changes relationships on behalf of local accounts. Every method takes the
// acting account's ID first.
type Service struct {
	DB     *store.DB
	Events hub.Publisher
	URIs   uris.Builder
	Now    func() time.Time // nil = time.Now
	// Federator hears of follows, blocks and their undoing, and of answers to remote
	// follow requests (nil: no federation).
	Federator federate.Federator
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// errAccountNotFound is the answer for accounts that do not exist and for accounts the
// actor may not see (suspended ones): the two must look the same.
func errAccountNotFound() error { return apperr.NotFoundf("account not found") }

// pair is the acting account and the account it acts on, both loaded.
type pair struct{ actor, target *ent.Account }

// lockPair loads actor and target inside tx. On PostgreSQL it also locks both rows, in
// ID order so that two transactions touching the same two accounts cannot deadlock;
// this serialises concurrent changes between the same accounts, so that checking for
// an existing row and then inserting one cannot race. SQLite transactions are already
// serialised (they begin IMMEDIATE).
func (s *Service) lockPair(ctx context.Context, tx *store.Tx, actorID, targetID string) (pair, error) {
	q := tx.Account.Query().
		Where(account.IDIn(actorID, targetID), account.SuspendedAtIsNil()).
		Order(ent.Asc(account.FieldID))
	if s.DB.Type == store.Postgres {
		q = q.ForUpdate()
	}
	rows, err := q.All(ctx)
	if err != nil {
		return pair{}, fmt.Errorf("load accounts %s and %s: %w", actorID, targetID, err)
	}
	var p pair
	for _, a := range rows {
		if a.ID == actorID {
			p.actor = a
		}
		if a.ID == targetID {
			p.target = a
		}
	}
	if p.actor == nil || p.target == nil {
		return pair{}, errAccountNotFound()
	}
	return p, nil
}

// change runs fn on the locked pair in a transaction and returns the relationship
// between the two accounts as it is after the commit.
func (s *Service) change(ctx context.Context, actorID, targetID string, fn func(tx *store.Tx, p pair) error) (*Relationship, error) {
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		p, err := s.lockPair(ctx, tx, actorID, targetID)
		if err != nil {
			return err
		}
		return fn(tx, p)
	})
	if err != nil {
		return nil, err
	}
	return s.relationship(ctx, actorID, targetID)
}

// relationship is Relationships for one account.
func (s *Service) relationship(ctx context.Context, viewerID, targetID string) (*Relationship, error) {
	rels, err := s.Relationships(ctx, viewerID, []string{targetID})
	if err != nil {
		return nil, err
	}
	if len(rels) == 0 {
		return nil, errAccountNotFound()
	}
	return rels[0], nil
}
