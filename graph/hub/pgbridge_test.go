package hub

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"
)

// postgresDSN returns the test database, or skips: these tests need a real
// PostgreSQL because LISTEN/NOTIFY is the thing under test.
func postgresDSN(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("FEDIGRAPH_TEST_POSTGRES_DSN")
	if dsn == "" {
		t.Skip("FEDIGRAPH_TEST_POSTGRES_DSN is not set; skipping the PostgreSQL event bridge test (make test sets it)")
	}
	return dsn
}

// uniqueChannel keeps parallel test runs on one database from hearing each other.
func uniqueChannel() string {
	return "fedigraph_test_" + strings.ToLower(rand.Text())
}

// process is one simulated fedigraph process: its own hub, pool and bridge.
type process struct {
	hub    *Hub
	db     *sql.DB
	bridge *PGBridge
}

func startProcess(t *testing.T, dsn, channel string) process {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })

	h := New()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	bridge, err := NewPGBridge(ctx, h, PGBridgeConfig{
		DSN: dsn, DB: db, Channel: channel, Logger: testLogger(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := bridge.Close(); err != nil {
			t.Error(err)
		}
	})
	return process{hub: h, db: db, bridge: bridge}
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), nil))
}

func expectNext(t *testing.T, who string, sub *Subscription, want Delivery) {
	t.Helper()
	if got := receive(t, sub); got != want {
		t.Fatalf("%s received %+v, want %+v", who, got, want)
	}
}

func expectNothingMore(t *testing.T, who string, sub *Subscription) {
	t.Helper()
	select {
	case d := <-sub.C:
		t.Fatalf("%s received an extra %+v", who, d)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestPGBridgeDeliversEachEventOnceInEveryProcess(t *testing.T) {
	dsn, channel := postgresDSN(t), uniqueChannel()
	a, b := startProcess(t, dsn, channel), startProcess(t, dsn, channel)
	subA := a.hub.Subscribe(t.Context(), PublicStream())
	subB := b.hub.Subscribe(t.Context(), PublicStream())
	unrelated := b.hub.Subscribe(t.Context(), LocalStream())

	// Publishers alternate, and each event is awaited in both processes
	// before the next is sent. PostgreSQL delivers notifications in commit
	// order, so a process that echoed its own event would show the
	// duplicate before the next event, and expectNext would catch it.
	publishers := []process{a, b, a, b}
	for i, p := range publishers {
		ev := Event{Kind: StatusCreated, StatusID: fmt.Sprint("status-", i), AccountID: "author"}
		if err := p.bridge.Publish(t.Context(), ev, PublicStream()); err != nil {
			t.Fatal(err)
		}
		want := Delivery{Stream: PublicStream(), Event: ev}
		expectNext(t, "process A", subA, want)
		expectNext(t, "process B", subB, want)
	}
	expectNothingMore(t, "process A", subA)
	expectNothingMore(t, "process B", subB)
	expectNothingMore(t, "an unrelated stream", unrelated)
}

func TestPGBridgeRelaysAFanOutLargerThanOneNotify(t *testing.T) {
	dsn, channel := postgresDSN(t), uniqueChannel()
	a, b := startProcess(t, dsn, channel), startProcess(t, dsn, channel)

	var homes []Stream
	for i := range 1000 {
		homes = append(homes, HomeStream(fmt.Sprintf("01JABCDEFGHJKMNPQRSTV%05d", i)))
	}
	first := b.hub.Subscribe(t.Context(), homes[0])
	last := b.hub.Subscribe(t.Context(), homes[999])

	ev := Event{Kind: StatusCreated, StatusID: "fan-out", AccountID: "author"}
	if err := a.bridge.Publish(t.Context(), ev, homes...); err != nil {
		t.Fatal(err)
	}
	expectNext(t, "the first follower", first, Delivery{Stream: homes[0], Event: ev})
	expectNext(t, "the last follower", last, Delivery{Stream: homes[999], Event: ev})
}

func TestPGBridgeIgnoresForeignPayloads(t *testing.T) {
	dsn, channel := postgresDSN(t), uniqueChannel()
	a, b := startProcess(t, dsn, channel), startProcess(t, dsn, channel)
	subB := b.hub.Subscribe(t.Context(), PublicStream())

	if _, err := a.db.ExecContext(t.Context(), `SELECT pg_notify($1, 'not json')`, channel); err != nil {
		t.Fatal(err)
	}
	ev := Event{Kind: StatusDeleted, StatusID: "s1"}
	if err := a.bridge.Publish(t.Context(), ev, PublicStream()); err != nil {
		t.Fatal(err)
	}
	expectNext(t, "process B", subB, Delivery{Stream: PublicStream(), Event: ev})
}

func TestNewPGBridgeGivesUpWhenTheDatabaseIsUnreachable(t *testing.T) {
	const dsn = "postgres://postgres@127.0.0.1:1/test?sslmode=disable&connect_timeout=1"
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = NewPGBridge(ctx, New(), PGBridgeConfig{
		DSN: dsn, DB: db, Channel: uniqueChannel(), Logger: testLogger(t),
	})
	if err == nil {
		t.Fatal("NewPGBridge succeeded without a database")
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("NewPGBridge took %v to give up, want about the context's 300ms", elapsed)
	}
}

func TestPGBridgeResumesAfterTheListenConnectionDrops(t *testing.T) {
	dsn, channel := postgresDSN(t), uniqueChannel()
	a, b := startProcess(t, dsn, channel), startProcess(t, dsn, channel)
	subB := b.hub.Subscribe(t.Context(), PublicStream())

	// Kill every session listening on the channel, as a server restart or a
	// network cut would; pq.Listener must reconnect and LISTEN again.
	const kill = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE pid <> pg_backend_pid() AND query = 'LISTEN "' || $1 || '"'`
	var killed int
	if err := a.db.QueryRowContext(t.Context(), `SELECT count(*) FROM (`+kill+`) AS k`, channel).Scan(&killed); err != nil {
		t.Fatal(err)
	}
	if killed != 2 {
		t.Fatalf("terminated %d listening sessions, want 2", killed)
	}

	// Until B has listened again, events are lost (and logged); keep
	// publishing until one gets through.
	ev := Event{Kind: StatusCreated, StatusID: "after-reconnect"}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := a.bridge.Publish(t.Context(), ev, PublicStream()); err != nil {
			t.Fatal(err)
		}
		select {
		case d := <-subB.C:
			if d.Event != ev {
				t.Fatalf("process B received %+v, want %+v", d.Event, ev)
			}
			return
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("process B heard nothing within 10s of losing its connection")
		}
	}
}
