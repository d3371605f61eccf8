// Package store opens fedigraph's database — embedded SQLite by default, PostgreSQL for
// production and scale-out — and brings its schema up to date.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/lib/pq"  // PostgreSQL driver, registered as "postgres".
	_ "modernc.org/sqlite" // Pure-Go SQLite driver, registered as "sqlite".

	"github.com/fedigraph/fedigraph/ent"
)

// Database types fedigraph can run on.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Options say which database to open.
type Options struct {
	Type string // SQLite or Postgres
	DSN  string // for SQLite a file path or file: URI; for PostgreSQL a lib/pq DSN
	// MaxOpenConns bounds the pool; 0 picks a default that suits the database type.
	MaxOpenConns int
}

// DB is an open database: the ent client and the pool beneath it.
type DB struct {
	*ent.Client
	SQL  *sql.DB
	Type string
	dsn  string
	// wrapDriver, when set, wraps the ent driver of every transaction the way Client's
	// driver was wrapped (a statement counter in tests).
	wrapDriver func(dialect.Driver) dialect.Driver
}

// WithDriverWrapper returns a view of db whose ent client, and every transaction InTx
// opens, send their statements through wrap(driver). Tests count statements with it.
func (db *DB) WithDriverWrapper(wrap func(dialect.Driver) dialect.Driver) *DB {
	return &DB{
		Client:     ent.NewClient(ent.Driver(wrap(entsql.OpenDB(db.dialect(), db.SQL)))),
		SQL:        db.SQL,
		Type:       db.Type,
		dsn:        db.dsn,
		wrapDriver: wrap,
	}
}

func (db *DB) dialect() string {
	if db.Type == Postgres {
		return dialect.Postgres
	}
	return dialect.SQLite
}

// Open connects to the database. It does not migrate; call Migrate.
func Open(ctx context.Context, o Options) (*DB, error) {
	var driverName, entDialect, dsn string
	switch o.Type {
	case SQLite:
		driverName, entDialect, dsn = "sqlite", dialect.SQLite, SQLiteDSN(o.DSN)
	case Postgres:
		driverName, entDialect, dsn = "postgres", dialect.Postgres, o.DSN
	default:
		return nil, fmt.Errorf("open database: unknown type %q (want %s or %s)", o.Type, SQLite, Postgres)
	}
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", o.Type, err)
	}
	db.SetMaxOpenConns(maxConns(o))
	db.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", o.Type, err)
	}
	client := ent.NewClient(ent.Driver(entsql.OpenDB(entDialect, db)))
	return &DB{Client: client, SQL: db, Type: o.Type, dsn: dsn}, nil
}

func maxConns(o Options) int {
	if o.MaxOpenConns > 0 {
		return o.MaxOpenConns
	}
	if o.Type == SQLite {
		// SQLite has one writer; a few readers in WAL mode are plenty and keep lock
		// contention (SQLITE_BUSY waits) short.
		return 4
	}
	return 16
}

var migrateMu sync.Mutex

// Migrate creates missing tables, columns and indexes. It never drops data, so it is
// safe to run at every start-up and from several processes in turn.
func (db *DB) Migrate(ctx context.Context) error {
	// ent's migrator rewrites its package-level table descriptions while it works, so
	// two migrations in one process (parallel tests) must take turns.
	migrateMu.Lock()
	defer migrateMu.Unlock()
	if err := db.Schema.Create(ctx, schema.WithDropIndex(true)); err != nil {
		return fmt.Errorf("migrate database schema: %w", err)
	}
	if err := db.migrateJobs(ctx); err != nil {
		return err
	}
	return db.migrateFullText(ctx)
}
