package hub

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/lib/pq"
)

// DefaultChannel is the PostgreSQL NOTIFY channel used when
// PGBridgeConfig.Channel is empty.
const DefaultChannel = "fedigraph_events"

// Listener reconnect backoff and keep-alive. pq notices a dead connection
// only when it next sends something, hence the periodic ping.
const (
	minReconnect = 500 * time.Millisecond
	maxReconnect = 30 * time.Second
	pingInterval = 60 * time.Second
)

// PGBridgeConfig configures a PGBridge.
type PGBridgeConfig struct {
	// DSN opens the bridge's own dedicated LISTEN connection. It must reach
	// the same database as DB.
	DSN string
	// DB sends the NOTIFYs; usually the application's connection pool.
	DB *sql.DB
	// Channel is the NOTIFY channel name (default DefaultChannel). Every
	// process that should see each other's events must use the same one.
	Channel string
	// Logger receives connection trouble; default slog.Default().
	Logger *slog.Logger
}

// PGBridge is a Publisher that delivers to the local Hub and to the hubs of
// every other process listening on the same PostgreSQL channel. With SQLite
// (one process) use the Hub directly instead.
//
// Each event reaches each process's subscribers exactly once. A bridge
// delivers its own events to its local hub directly and skips them when
// they come back over LISTEN, recognising them by a random origin ID. The
// alternative, delivering locally only through the database round trip,
// would make even single-process subscribers depend on the LISTEN
// connection: during a reconnect a process would lose its own users'
// events too, and every local delivery would pay a round trip.
//
// Delivery across processes is best effort, like the hub itself: while the
// LISTEN connection is down, other processes' events are missed (and
// logged). Anything that must not be lost belongs in the job queue.
type PGBridge struct {
	hub      *Hub
	db       *sql.DB
	channel  string
	origin   string
	log      *slog.Logger
	listener *pq.Listener
	closing  atomic.Bool
	done     chan struct{}
}

var _ Publisher = (*PGBridge)(nil)

// NewPGBridge connects the LISTEN side and starts relaying remote events into
// h. It returns once the LISTEN is in place, so events published elsewhere
// after it returns are not missed; ctx bounds that wait. Call Close to stop.
func NewPGBridge(ctx context.Context, h *Hub, cfg PGBridgeConfig) (*PGBridge, error) {
	if cfg.DB == nil || cfg.DSN == "" {
		return nil, errors.New("new pg bridge: DB and DSN are required")
	}
	b := &PGBridge{
		hub:     h,
		db:      cfg.DB,
		channel: cmp.Or(cfg.Channel, DefaultChannel),
		origin:  rand.Text(),
		log:     cfg.Logger,
		done:    make(chan struct{}),
	}
	if b.log == nil {
		b.log = slog.Default()
	}
	b.listener = pq.NewListener(cfg.DSN, minReconnect, maxReconnect, b.onListenerEvent)

	// Listener.Listen blocks until connected, retrying forever on a bad DSN
	// or a down server; closing the listener is the only way to abort it.
	listening := make(chan error, 1)
	go func() { listening <- b.listener.Listen(b.channel) }()
	select {
	case err := <-listening:
		if err != nil {
			b.closeListener()
			return nil, fmt.Errorf("new pg bridge: listen on %q: %w", b.channel, err)
		}
	case <-ctx.Done():
		b.closeListener()
		<-listening
		return nil, fmt.Errorf("new pg bridge: listen on %q: %w", b.channel, context.Cause(ctx))
	}

	go b.relay()
	return b, nil
}

// Publish delivers ev on streams to local subscribers, then NOTIFYs the other
// processes. Local delivery happens even if the NOTIFY fails; the error then
// says that other processes did not get the event.
func (b *PGBridge) Publish(ctx context.Context, ev Event, streams ...Stream) error {
	_ = b.hub.Publish(ctx, ev, streams...)

	payloads, err := encodeNotifications(b.origin, ev, streams, maxNotifyPayload)
	if err != nil || len(payloads) == 0 {
		return err
	}
	// One statement, so a many-part event is sent in one round trip and one
	// transaction: other processes see all of it or none of it.
	const notify = `SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload`
	if _, err := b.db.ExecContext(ctx, notify, b.channel, pq.Array(payloads)); err != nil {
		return fmt.Errorf("publish %s: notify other processes: %w", ev.Kind, err)
	}
	return nil
}

// Close stops listening and waits for the relay to finish. The Hub and DB
// are left open: they belong to the caller.
func (b *PGBridge) Close() error {
	err := b.closeListener()
	<-b.done
	if err != nil {
		return fmt.Errorf("close pg bridge: %w", err)
	}
	return nil
}

func (b *PGBridge) closeListener() error {
	b.closing.Store(true)
	return b.listener.Close()
}

// relay re-publishes other processes' events into the local hub.
func (b *PGBridge) relay() {
	defer close(b.done)
	ping := time.NewTicker(pingInterval)
	defer ping.Stop()
	for {
		select {
		case n, ok := <-b.listener.Notify:
			if !ok {
				return
			}
			if n == nil {
				// pq sends nil after a reconnect; onListenerEvent has logged it.
				continue
			}
			b.deliver(n.Extra)
		case <-ping.C:
			// Ping waits for the connection's reader, which may itself be
			// waiting for this loop to take a notification: never ping inline.
			go func() { _ = b.listener.Ping() }()
		}
	}
}

func (b *PGBridge) deliver(payload string) {
	n, err := decodeNotification(payload)
	if err != nil {
		b.log.Warn("event hub: dropping malformed notification", "channel", b.channel, "err", err)
		return
	}
	if n.Origin == b.origin {
		return // Publish already delivered it locally.
	}
	_ = b.hub.Publish(context.Background(), n.Event, n.Streams...)
}

func (b *PGBridge) onListenerEvent(event pq.ListenerEventType, err error) {
	switch {
	case b.closing.Load():
		return
	case event == pq.ListenerEventReconnected:
		b.log.Warn("event hub: PostgreSQL listener reconnected; events from other processes may have been missed while it was down",
			"channel", b.channel)
	case event == pq.ListenerEventDisconnected, event == pq.ListenerEventConnectionAttemptFailed:
		b.log.Warn("event hub: PostgreSQL listener "+event.String(), "channel", b.channel, "err", err)
	}
}
