package store

import (
	"context"
	"database/sql"
	"fmt"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/fedigraph/fedigraph/ent"
)

// Tx is a transaction that also collects work to do once it has committed: events for
// subscribers, pushes. Side effects must not run for a write that rolls back, and must
// not run before the write is visible to other connections. Durable work (federation
// deliveries, media processing) is instead inserted as a job through SQL, in the same
// transaction, so that it commits or rolls back with the write that caused it.
type Tx struct {
	*ent.Tx
	// SQL is the database/sql transaction beneath the ent one, for libraries that take
	// a *sql.Tx (the job queue).
	SQL   *sql.Tx
	after []func(context.Context)
}

// AfterCommit queues f to run after a successful commit, in the order queued.
func (tx *Tx) AfterCommit(f func(context.Context)) { tx.after = append(tx.after, f) }

// InTx runs fn in a transaction; it commits when fn returns nil and rolls back
// otherwise. Work queued with AfterCommit runs after the commit, with ctx.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.SQL.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		if rerr := tx.SQL.Rollback(); rerr != nil {
			return fmt.Errorf("%w (and rollback failed: %v)", err, rerr)
		}
		return err
	}
	// ent's Commit runs its commit hooks; the driver beneath is a no-op transaction, so
	// the real commit is the database/sql one.
	if err := tx.Tx.Commit(); err != nil {
		tx.SQL.Rollback()
		return fmt.Errorf("commit transaction: %w", err)
	}
	if err := tx.SQL.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", err)
	}
	for _, f := range tx.after {
		f(ctx)
	}
	return nil
}

// begin opens a database/sql transaction and an ent transaction bound to it. ent keeps
// its own transaction's *sql.Tx private, so the ent client is built over a driver that
// sends everything through the one we opened.
func (db *DB) begin(ctx context.Context) (*Tx, error) {
	base := entsql.OpenDB(db.dialect(), db.SQL)
	dtx, err := base.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin transaction: %w", err)
	}
	stx := dtx.(*entsql.Tx).Tx.(*sql.Tx)
	var drv dialect.Driver = boundDriver{ExecQuerier: dtx, sql: stx, dialectName: base.Dialect()}
	if db.wrapDriver != nil {
		drv = db.wrapDriver(drv)
	}
	etx, err := ent.NewClient(ent.Driver(drv)).Tx(ctx)
	if err != nil {
		stx.Rollback()
		return nil, fmt.Errorf("begin transaction: %w", err)
	}
	return &Tx{Tx: etx, SQL: stx}, nil
}

// boundDriver is an ent driver whose every statement runs in one open transaction.
// Its own Tx is a no-op wrapper: commit and rollback belong to InTx.
type boundDriver struct {
	dialect.ExecQuerier
	sql         *sql.Tx
	dialectName string
}

func (d boundDriver) Tx(context.Context) (dialect.Tx, error) { return boundTx(d), nil }
func (d boundDriver) Close() error                           { return nil }
func (d boundDriver) Dialect() string                        { return d.dialectName }

// boundTx is the transaction ent sees: statements go to the open transaction, and raw
// SQL through ExecContext/QueryContext (full-text indexing) too.
type boundTx boundDriver

func (t boundTx) Exec(ctx context.Context, query string, args, v any) error {
	return t.ExecQuerier.Exec(ctx, query, args, v)
}
func (t boundTx) Query(ctx context.Context, query string, args, v any) error {
	return t.ExecQuerier.Query(ctx, query, args, v)
}
func (t boundTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.sql.ExecContext(ctx, query, args...)
}
func (t boundTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.sql.QueryContext(ctx, query, args...)
}
func (boundTx) Commit() error   { return nil }
func (boundTx) Rollback() error { return nil }
