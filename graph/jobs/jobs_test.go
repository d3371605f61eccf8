package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

type echoArgs struct {
	Word string `json:"word"`
}

func (echoArgs) Kind() string { return "test.echo" }

type echoWorker struct {
	river.WorkerDefaults[echoArgs]
	done chan string
}

func (w *echoWorker) Work(_ context.Context, job *river.Job[echoArgs]) error {
	w.done <- job.Args.Word
	return nil
}

func startQueue(t *testing.T, db *store.DB) chan string {
	t.Helper()
	done := make(chan string, 10)
	workers := river.NewWorkers()
	river.AddWorker(workers, &echoWorker{done: done})
	q, err := jobs.New(context.Background(), db, jobs.Config{
		Workers:      workers,
		Concurrency:  map[string]int{jobs.Default: 2},
		PollInterval: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return done
}

func insertOnly(t *testing.T, db *store.DB) *jobs.Queue {
	t.Helper()
	q, err := jobs.New(context.Background(), db, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func expectWords(t *testing.T, done chan string, want ...string) {
	t.Helper()
	got := map[string]bool{}
	timeout := time.After(10 * time.Second)
	for len(got) < len(want) {
		select {
		case w := <-done:
			got[w] = true
		case <-timeout:
			t.Fatalf("worked %v, want %v", got, want)
		}
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("job %q not worked (got %v)", w, got)
		}
	}
	select {
	case w := <-done:
		t.Errorf("unexpected job %q worked", w)
	case <-time.After(300 * time.Millisecond):
	}
}

// A job enqueued with a write runs only if the write commits.
func TestJobsFollowTheirTransaction(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		q := insertOnly(t, db)
		ctx := context.Background()
		err := db.InTx(ctx, func(tx *store.Tx) error {
			return q.InsertTx(ctx, tx, echoArgs{Word: "committed"}, nil)
		})
		if err != nil {
			t.Fatal(err)
		}
		rollback := errors.New("changed my mind")
		err = db.InTx(ctx, func(tx *store.Tx) error {
			if err := q.InsertTx(ctx, tx, echoArgs{Word: "rolled back"}, nil); err != nil {
				return err
			}
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatalf("InTx: %v", err)
		}
		done := startQueue(t, db)
		expectWords(t, done, "committed")
	})
}

// Jobs enqueued while no process works the queue (it crashed, or is restarting) are
// worked when one starts, and a running queue picks up jobs other processes insert.
func TestJobsOutliveTheProcessThatEnqueuedThem(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		before := insertOnly(t, db)
		if err := before.Insert(ctx, echoArgs{Word: "before start"}, nil); err != nil {
			t.Fatal(err)
		}
		done := startQueue(t, db)
		expectWords(t, done, "before start")

		other := insertOnly(t, db) // another process sharing the database
		if err := db.InTx(ctx, func(tx *store.Tx) error {
			return other.InsertTx(ctx, tx, echoArgs{Word: "from elsewhere"}, nil)
		}); err != nil {
			t.Fatal(err)
		}
		expectWords(t, done, "from elsewhere")
	})
}

// A job cut off by a crash (still marked running) is worked again when the next
// process starts: at once on SQLite, where that process is the only one.
func TestInterruptedJobsResumeOnSQLite(t *testing.T) {
	db := testrig.NewDB(t, store.SQLite)
	ctx := context.Background()
	if err := insertOnly(t, db).Insert(ctx, echoArgs{Word: "interrupted"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL.ExecContext(ctx, `UPDATE river_job SET state = 'running', attempt = 1, attempted_at = CURRENT_TIMESTAMP`); err != nil {
		t.Fatal(err)
	}
	done := startQueue(t, db)
	expectWords(t, done, "interrupted")
}
