// Package interact carries out what an account does to a status: favourite, boost,
// bookmark, pin and mute its conversation, and the undoing of each. Every change is one
// transaction that keeps the status's counters in step; notifications and live
// timeline events follow once it has committed.
//
// Interactions always land on the original status: acting on a boost acts on what it
// boosts, as Mastodon clients expect, and every method returns that original as it is
// after the change.
package interact

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/uris"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Service carries out interactions for local accounts. Every method takes the acting
// account's ID first.
type Service struct {
	DB     *store.DB
	Events hub.Publisher
	URIs   uris.Builder
	Now    func() time.Time // nil = time.Now
	// Federator hears of likes and boosts and their undoing (nil: no federation).
	Federator federate.Federator
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// errStatusNotFound answers both for statuses that do not exist and for statuses the
// actor may not see: the two must look the same.
func errStatusNotFound() error { return apperr.NotFoundf("status not found") }

// do runs fn on the original of statusID, which the actor must be able to see, and
// returns the original re-read after the commit so that its counters are current.
func (s *Service) do(ctx context.Context, actorID, statusID string, fn func(tx *store.Tx, orig *ent.Status) error) (*ent.Status, error) {
	var origID string
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		orig, err := s.original(ctx, tx, actorID, statusID, true)
		if err != nil {
			return err
		}
		origID = orig.ID
		return fn(tx, orig)
	})
	if err != nil {
		return nil, err
	}
	return s.reread(ctx, origID)
}

// undo is do for taking an interaction back. As on Mastodon, an account may undo what
// it did to a status it can no longer see (its author blocked it since, say); only
// when there was nothing to undo must the status be visible.
func (s *Service) undo(ctx context.Context, actorID, statusID string, fn func(tx *store.Tx, orig *ent.Status) (undone bool, err error)) (*ent.Status, error) {
	var origID string
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		orig, err := s.original(ctx, tx, actorID, statusID, false)
		if err != nil {
			return err
		}
		origID = orig.ID
		undone, err := fn(tx, orig)
		if err != nil || undone {
			return err
		}
		visible, err := visibility.Visible(ctx, tx.Client(), actorID, orig.ID)
		if err != nil {
			return err
		}
		if !visible {
			return errStatusNotFound()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.reread(ctx, origID)
}

// original loads statusID, or what it boosts, inside tx. With mustSee, a status the
// actor may not see is not found. On PostgreSQL the original's row is locked until
// the transaction ends, so that concurrent interactions with one status take turns:
// checking for an existing favourite and inserting one cannot race. SQLite
// transactions are serialised already (they begin IMMEDIATE).
func (s *Service) original(ctx context.Context, tx *store.Tx, actorID, statusID string, mustSee bool) (*ent.Status, error) {
	q := tx.Status.Query().Where(status.ID(statusID))
	if mustSee {
		q = q.Where(visibility.Statuses(actorID))
	}
	st, err := q.Select(status.FieldID, status.FieldReblogOfID).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errStatusNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load status %s: %w", statusID, err)
	}
	origID := st.ID
	if st.ReblogOfID != nil {
		// A boost is only visible when its original is, so no second check is needed.
		origID = *st.ReblogOfID
	}
	lq := tx.Status.Query().Where(status.ID(origID))
	if s.DB.Type == store.Postgres {
		lq = lq.ForUpdate()
	}
	orig, err := lq.Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errStatusNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load status %s: %w", origID, err)
	}
	return orig, nil
}

func (s *Service) reread(ctx context.Context, id string) (*ent.Status, error) {
	st, err := s.DB.Status.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, errStatusNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("reload status %s: %w", id, err)
	}
	return st, nil
}

// username is the actor's username, for the URIs of what it does.
func username(ctx context.Context, tx *store.Tx, actorID string) (string, error) {
	name, err := tx.Account.Query().Where(account.ID(actorID)).
		Select(account.FieldUsername).String(ctx)
	if err != nil {
		return "", fmt.Errorf("load acting account %s: %w", actorID, err)
	}
	return name, nil
}
