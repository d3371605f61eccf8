package hub

import (
	"errors"
	"sync"
	"sync/atomic"
)

// ErrOverflow is reported by Subscription.Err when the subscriber did not
// keep up and events were dropped. The subscriber's view is now incomplete:
// adapters should tell the client (close the stream, return an error) so it
// can reload, rather than silently go on.
var ErrOverflow = errors.New("hub: subscriber fell behind and was cut off")

// ErrClosed is reported by Subscription.Err after Close.
var ErrClosed = errors.New("hub: subscription closed")

// Delivery is one event on one stream.
type Delivery struct {
	Stream Stream
	Event  Event
}

// Subscription is a live registration with a Hub.
type Subscription struct {
	// C yields deliveries in publish order. It is closed when the
	// subscription ends; Err then says why.
	C <-chan Delivery

	ch      chan Delivery
	hub     *Hub
	streams []Stream

	// removed is guarded by hub.mu.
	removed bool
	// overflowed is set by the first publisher that finds the buffer full,
	// so that others skip this subscription until it is removed.
	overflowed atomic.Bool

	// stopAfterFunc is guarded by hub.mu.
	stopAfterFunc func() bool

	errMu sync.Mutex
	err   error
}

// Err reports why the subscription ended: ErrOverflow, ErrClosed, or the
// cause of the context's cancellation. It is nil while the subscription is
// live.
func (s *Subscription) Err() error {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	return s.err
}

// Close ends the subscription and releases it from the hub. It is safe to
// call more than once and concurrently with everything else.
func (s *Subscription) Close() {
	s.close(ErrClosed)
}

func (s *Subscription) close(reason error) {
	if stopWatch := s.hub.remove(s, reason); stopWatch != nil {
		stopWatch()
	}
}

func (s *Subscription) setErr(err error) {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	s.err = err
}

// offer hands d to the subscriber without blocking. It reports false only to
// the one caller that must now remove the subscription because its buffer
// is full. The caller holds hub.mu for reading.
func (s *Subscription) offer(d Delivery) bool {
	if s.overflowed.Load() {
		return true
	}
	select {
	case s.ch <- d:
		return true
	default:
		return !s.overflowed.CompareAndSwap(false, true)
	}
}
