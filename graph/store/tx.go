package store

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
)

// Tx is a transaction that also collects work to do once it has committed: events for
// subscribers, federation jobs, pushes. Side effects must not run for a write that
// rolls back, and must not run before the write is visible to other connections.
type Tx struct {
	*ent.Tx
	after []func(context.Context)
}

// AfterCommit queues f to run after a successful commit, in the order queued.
func (tx *Tx) AfterCommit(f func(context.Context)) { tx.after = append(tx.after, f) }

// InTx runs fn in a transaction; it commits when fn returns nil and rolls back
// otherwise. Work queued with AfterCommit runs after the commit, with ctx.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	etx, err := db.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	tx := &Tx{Tx: etx}
	defer func() {
		if p := recover(); p != nil {
			etx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		if rerr := etx.Rollback(); rerr != nil {
			return fmt.Errorf("%w (and rollback failed: %v)", err, rerr)
		}
		return err
	}
	if err := etx.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", err)
	}
	for _, f := range tx.after {
		f(ctx)
	}
	return nil
}
