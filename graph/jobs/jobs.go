// Package jobs is fedigraph's durable job queue: federation deliveries, remote fetches,
// media processing and anything else that must happen after a write even if the process
// dies first. Jobs are rows in the instance's own database (river, on SQLite and
// PostgreSQL alike), inserted in the same transaction as the write that caused them, so
// a rolled-back write leaves no job and a committed one cannot lose its job.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"github.com/fedigraph/fedigraph/graph/store"
)

// Queue names. Each has its own worker limit, so a backlog of deliveries to a slow
// server cannot starve media processing, and image decoding cannot eat all memory.
const (
	Federation = "federation"
	Media      = "media"
	Default    = river.QueueDefault
)

// Config says what a Queue works on.
type Config struct {
	// Workers holds the job kinds this process can work. Nil makes an insert-only
	// queue (CLI commands, tests that only check what was enqueued).
	Workers *river.Workers
	// Concurrency is the number of jobs worked at once per queue name; queues not
	// listed are not worked by this process.
	Concurrency map[string]int
	// Periodic jobs (cleanups) are run by whichever process is the queue's leader.
	Periodic []*river.PeriodicJob
	// MaxAttempts is the default retry cap of a job (its args may override it).
	MaxAttempts int
	// PollInterval bounds how long a job inserted by another process waits when no
	// notification reaches this one. Default 1s.
	PollInterval time.Duration
	// RescueAfter is how long a job may run before it is taken for abandoned (its
	// process died) and run again elsewhere. It must exceed the longest job; default
	// 10 minutes.
	RescueAfter time.Duration
	Logger      *slog.Logger
}

// Queue inserts jobs and, when it has workers, works them.
type Queue struct {
	client   *river.Client[*sql.Tx]
	db       *store.DB
	listener *pgxpool.Pool
	working  bool
}

// New builds a queue on db. On PostgreSQL it opens a small pgx pool for LISTEN, so a
// job inserted by any process wakes the workers of every process at once.
func New(ctx context.Context, db *store.DB, cfg Config) (*Queue, error) {
	q := &Queue{working: cfg.Workers != nil, db: db}
	driver := db.JobDriver()
	if db.Type == store.Postgres && q.working {
		pcfg, err := pgxpool.ParseConfig(db.DSN())
		if err != nil {
			return nil, fmt.Errorf("job queue listener: %w", err)
		}
		pcfg.MaxConns = 2
		pool, err := pgxpool.NewWithConfig(ctx, pcfg)
		if err != nil {
			return nil, fmt.Errorf("job queue listener: %w", err)
		}
		q.listener = pool
		driver = riverdatabasesql.NewWithPgxListener(db.SQL, pool)
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	rc := &river.Config{
		// River waits FetchCooldown (default 100ms) between fetches of at most a
		// queue's worker count of jobs, which caps a queue of 16 workers at 160 jobs a
		// second; deliveries are short, so fetch more often.
		FetchCooldown:     10 * time.Millisecond,
		Logger:            logger,
		MaxAttempts:       cfg.MaxAttempts,
		FetchPollInterval: cfg.PollInterval,
		PeriodicJobs:      cfg.Periodic,
		// Jobs of kinds this binary does not know (a newer version's, during a rolling
		// upgrade) stay queued for a process that knows them.
		FetchOnlyKnownKinds:  true,
		RescueStuckJobsAfter: cfg.RescueAfter,
	}
	if rc.RescueStuckJobsAfter == 0 {
		rc.RescueStuckJobsAfter = 10 * time.Minute
	}
	if rc.FetchPollInterval == 0 {
		rc.FetchPollInterval = time.Second
	}
	if q.working {
		rc.Workers = cfg.Workers
		rc.Queues = map[string]river.QueueConfig{}
		for name, n := range cfg.Concurrency {
			rc.Queues[name] = river.QueueConfig{MaxWorkers: n}
		}
		if len(rc.Queues) == 0 {
			return nil, errors.New("job queue: workers given but no queue to work")
		}
	}
	client, err := river.NewClient(driver, rc)
	if err != nil {
		q.close()
		return nil, fmt.Errorf("job queue: %w", err)
	}
	q.client = client
	return q, nil
}

// Start begins working jobs; it returns at once. An insert-only queue ignores it.
func (q *Queue) Start(ctx context.Context) error {
	if !q.working {
		return nil
	}
	if q.db.Type == store.SQLite {
		// One process owns an SQLite database, so a job still marked running when it
		// starts was cut off when the last one died: run it again now rather than
		// wait for RescueAfter.
		if _, err := q.db.SQL.ExecContext(ctx, `UPDATE river_job SET state = 'available' WHERE state = 'running'`); err != nil {
			return fmt.Errorf("resume interrupted jobs: %w", err)
		}
	}
	if err := q.client.Start(ctx); err != nil {
		return fmt.Errorf("start job queue: %w", err)
	}
	return nil
}

// Stop lets running jobs finish until ctx is done, then cancels them; cancelled jobs
// are retried later by whichever process works the queue next.
func (q *Queue) Stop(ctx context.Context) error {
	defer q.close()
	if !q.working {
		return nil
	}
	err := q.client.Stop(ctx)
	if err != nil && ctx.Err() != nil {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = q.client.StopAndCancel(cctx)
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("stop job queue: %w", err)
	}
	return nil
}

func (q *Queue) close() {
	if q.listener != nil {
		q.listener.Close()
	}
}

// InsertTx enqueues a job in tx: it exists, and will run, only if tx commits.
func (q *Queue) InsertTx(ctx context.Context, tx *store.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	if _, err := q.client.InsertTx(ctx, tx.SQL, args, opts); err != nil {
		return fmt.Errorf("enqueue %s: %w", args.Kind(), err)
	}
	return nil
}

// InsertManyTx enqueues several jobs in tx, in one round trip where the database
// allows it.
func (q *Queue) InsertManyTx(ctx context.Context, tx *store.Tx, params []river.InsertManyParams) error {
	if _, err := q.client.InsertManyTx(ctx, tx.SQL, params); err != nil {
		return fmt.Errorf("enqueue %d jobs: %w", len(params), err)
	}
	return nil
}

// Insert enqueues a job on its own.
func (q *Queue) Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error {
	if _, err := q.client.Insert(ctx, args, opts); err != nil {
		return fmt.Errorf("enqueue %s: %w", args.Kind(), err)
	}
	return nil
}

// River is the underlying client, for tests that subscribe to job events and for
// inspection commands.
func (q *Queue) River() *river.Client[*sql.Tx] { return q.client }
