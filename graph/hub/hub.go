// Package hub is fedigraph's one event hub: it routes small domain events
// (status created, notification created, filters changed…) from writers to
// live subscribers, keyed by Stream. GraphQL subscriptions and the Mastodon
// streaming API are thin adapters over it.
//
// The hub only routes. Events carry IDs; each subscriber loads the entities
// and applies visibility for its own viewer. Publishing never blocks on a
// subscriber: each subscription has a bounded buffer, and a subscriber that
// falls behind is cut off (its channel closed, Err reporting ErrOverflow) so
// that one stalled websocket cannot slow down every writer.
//
// Within one process, publish to a Hub. When several processes share one
// PostgreSQL database, publish to a PGBridge instead: it delivers locally and
// relays to every other process over LISTEN/NOTIFY. Writers depend only on
// the Publisher interface and do not care which one they got.
package hub

import (
	"context"
	"sync"
)

// Publisher is what writers use to announce a committed change. Publish
// delivers ev once on each of streams. It must be called after the write
// commits, so that a subscriber loading the entity finds it.
type Publisher interface {
	Publish(ctx context.Context, ev Event, streams ...Stream) error
}

// DefaultBufferSize is the number of undelivered events a subscriber may
// hold before it is cut off. It absorbs bursts (a boost storm, a busy tag)
// without letting a dead client pin unbounded memory.
const DefaultBufferSize = 256

// Hub routes events to the subscribers of each stream inside one process.
// The zero value is not usable; call New. A Hub is safe for concurrent use.
type Hub struct {
	bufferSize int

	// mu guards subs. Publishers hold it for reading while they send, and a
	// subscription's channel is only closed under the write lock, so no send
	// can ever hit a closed channel.
	mu   sync.RWMutex
	subs map[Stream]map[*Subscription]struct{}
}

var _ Publisher = (*Hub)(nil)

// Option configures a Hub.
type Option func(*Hub)

// WithBufferSize sets the per-subscription buffer (default DefaultBufferSize).
// Values below 1 are raised to 1.
func WithBufferSize(n int) Option {
	return func(h *Hub) { h.bufferSize = max(n, 1) }
}

// New returns an empty hub.
func New(opts ...Option) *Hub {
	h := &Hub{
		bufferSize: DefaultBufferSize,
		subs:       make(map[Stream]map[*Subscription]struct{}),
	}
	for _, opt := range opts {
		opt(h)
	}
	return h
}

// Publish delivers ev to every current subscriber of each of streams. It
// never waits for a subscriber: one whose buffer is full is closed with
// ErrOverflow instead. A subscriber listening on several of the streams gets
// one Delivery per matching stream. The error is always nil; it exists to
// satisfy Publisher.
func (h *Hub) Publish(_ context.Context, ev Event, streams ...Stream) error {
	var overflowed []*Subscription

	h.mu.RLock()
	for _, stream := range streams {
		for sub := range h.subs[stream] {
			if !sub.offer(Delivery{Stream: stream, Event: ev}) {
				overflowed = append(overflowed, sub)
			}
		}
	}
	h.mu.RUnlock()

	// Removing needs the write lock, which cannot be taken while holding the
	// read lock; offer has already marked these subscriptions so that
	// concurrent publishers skip them until they are gone.
	for _, sub := range overflowed {
		sub.close(ErrOverflow)
	}
	return nil
}

// Subscribe starts a subscription to streams. It ends when ctx is done, when
// Close is called, or when the subscriber falls too far behind; in every case
// its channel C is closed and Err says why.
func (h *Hub) Subscribe(ctx context.Context, streams ...Stream) *Subscription {
	ch := make(chan Delivery, h.bufferSize)
	sub := &Subscription{C: ch, ch: ch, hub: h, streams: streams}

	h.mu.Lock()
	for _, stream := range streams {
		set := h.subs[stream]
		if set == nil {
			set = make(map[*Subscription]struct{})
			h.subs[stream] = set
		}
		set[sub] = struct{}{}
	}
	// context.AfterFunc costs no goroutine while the subscription is live,
	// which matters with thousands of idle streaming clients. It is set up
	// under the lock so that its callback (which may run at once if ctx is
	// already done) cannot remove the subscription before it is registered.
	sub.stopAfterFunc = context.AfterFunc(ctx, func() { sub.close(context.Cause(ctx)) })
	h.mu.Unlock()
	return sub
}

// remove unregisters sub and closes its channel. It returns the function
// that stops the context watch, or nil if sub was already removed.
func (h *Hub) remove(sub *Subscription, reason error) (stopWatch func() bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if sub.removed {
		return nil
	}
	sub.removed = true
	for _, stream := range sub.streams {
		set := h.subs[stream]
		delete(set, sub)
		if len(set) == 0 {
			delete(h.subs, stream)
		}
	}
	sub.setErr(reason)
	close(sub.ch)
	return sub.stopAfterFunc
}

// subscriberCount reports how many subscriptions listen on stream; tests use
// it to wait for registration and to check cleanup.
func (h *Hub) subscriberCount(stream Stream) int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.subs[stream])
}
