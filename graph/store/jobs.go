package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// JobDriver returns the job queue's (river's) driver over this database's pool. It
// has no listener: package jobs adds one where the database has LISTEN/NOTIFY.
func (db *DB) JobDriver() riverdriver.Driver[*sql.Tx] {
	if db.Type == Postgres {
		return riverdatabasesql.New(db.SQL)
	}
	return riversqlite.New(db.SQL)
}

// DSN is the connection string the database was opened with.
func (db *DB) DSN() string { return db.dsn }

// migrateJobs brings the job queue's tables up to date. They live beside ent's tables
// so that a job is inserted in the same transaction as the write that caused it.
func (db *DB) migrateJobs(ctx context.Context) error {
	m, err := rivermigrate.New(db.JobDriver(), nil)
	if err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	return nil
}
