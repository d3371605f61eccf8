package hub

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// receive returns the next delivery, failing the test if none comes soon.
func receive(t testing.TB, sub *Subscription) Delivery {
	t.Helper()
	select {
	case d, ok := <-sub.C:
		if !ok {
			t.Fatalf("subscription closed early: %v", sub.Err())
		}
		return d
	case <-time.After(5 * time.Second):
		t.Fatal("no delivery within 5s")
		return Delivery{}
	}
}

// drain returns everything buffered without waiting.
func drain(sub *Subscription) []Delivery {
	var got []Delivery
	for {
		select {
		case d, ok := <-sub.C:
			if !ok {
				return got
			}
			got = append(got, d)
		default:
			return got
		}
	}
}

func TestPublishReachesOnlySubscribedStreams(t *testing.T) {
	ev := Event{Kind: StatusCreated, StatusID: "s1", AccountID: "a1"}
	tests := []struct {
		name      string
		subscribe []Stream
		publish   []Stream
		want      []Stream
	}{
		{"same stream", []Stream{PublicStream()}, []Stream{PublicStream()}, []Stream{PublicStream()}},
		{"other stream", []Stream{LocalStream()}, []Stream{PublicStream()}, nil},
		{"other account's home", []Stream{HomeStream("a")}, []Stream{HomeStream("b")}, nil},
		{"tag case and hash ignored", []Stream{TagStream("Go")}, []Stream{TagStream("#go")}, []Stream{TagStream("go")}},
		{"local tag is not the tag", []Stream{TagLocalStream("go")}, []Stream{TagStream("go")}, nil},
		{
			"one delivery per matching stream",
			[]Stream{HomeStream("a"), PublicStream(), ListStream("l")},
			[]Stream{PublicStream(), LocalStream(), HomeStream("a"), HomeStream("b")},
			[]Stream{PublicStream(), HomeStream("a")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := New()
			sub := h.Subscribe(t.Context(), tt.subscribe...)
			defer sub.Close()

			if err := h.Publish(t.Context(), ev, tt.publish...); err != nil {
				t.Fatal(err)
			}
			var got []Stream
			for _, d := range drain(sub) {
				if d.Event != ev {
					t.Errorf("event = %+v, want %+v", d.Event, ev)
				}
				got = append(got, d.Stream)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("delivered on %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStreamKeysDoNotCollide(t *testing.T) {
	id := "01HZX"
	streams := []Stream{
		PublicStream(), LocalStream(), RemoteStream(),
		HomeStream(id), NotificationStream(id), DirectStream(id), UserStream(id),
		ListStream(id), TagStream(id), TagLocalStream(id),
	}
	seen := map[Stream]bool{}
	for _, s := range streams {
		if seen[s] {
			t.Errorf("stream key %q built twice", s)
		}
		seen[s] = true
	}
}

func TestStuckSubscriberIsCutOffWithoutBlockingPublish(t *testing.T) {
	h := New(WithBufferSize(8))
	stuck := h.Subscribe(t.Context(), PublicStream(), HomeStream("a"))
	live := h.Subscribe(t.Context(), HomeStream("a"))
	defer live.Close()

	published := make(chan struct{})
	go func() {
		defer close(published)
		for i := range 20 {
			_ = h.Publish(t.Context(), Event{Kind: StatusCreated, StatusID: fmt.Sprint(i)}, PublicStream())
		}
		for i := range 5 {
			_ = h.Publish(t.Context(), Event{Kind: StatusCreated, StatusID: fmt.Sprint("home", i)}, HomeStream("a"))
		}
	}()
	select {
	case <-published:
	case <-time.After(5 * time.Second):
		t.Fatal("Publish blocked on a subscriber that never reads")
	}

	if got := drain(stuck); len(got) != 8 {
		t.Errorf("stuck subscriber kept %d events, want its buffer's 8", len(got))
	}
	if _, open := <-stuck.C; open {
		t.Error("stuck subscriber's channel still open")
	}
	if !errors.Is(stuck.Err(), ErrOverflow) {
		t.Errorf("stuck.Err() = %v, want ErrOverflow", stuck.Err())
	}
	if got := drain(live); len(got) != 5 {
		t.Errorf("live subscriber got %d events, want 5", len(got))
	}
	if live.Err() != nil {
		t.Errorf("live subscriber ended: %v", live.Err())
	}
	if n := h.subscriberCount(PublicStream()); n != 0 {
		t.Errorf("%d subscribers left on the public stream, want 0", n)
	}
}

func TestSubscriptionEnds(t *testing.T) {
	tests := []struct {
		name    string
		end     func(cancel context.CancelFunc, subs []*Subscription)
		wantErr error
	}{
		{"context cancelled", func(cancel context.CancelFunc, _ []*Subscription) { cancel() }, context.Canceled},
		{"closed", func(_ context.CancelFunc, subs []*Subscription) {
			for _, sub := range subs {
				sub.Close()
			}
		}, ErrClosed},
		{"closed twice then cancelled", func(cancel context.CancelFunc, subs []*Subscription) {
			for _, sub := range subs {
				sub.Close()
				sub.Close()
			}
			cancel()
		}, ErrClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer goleak.VerifyNone(t)
			h := New()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var subs []*Subscription
			for range 100 {
				subs = append(subs, h.Subscribe(ctx, PublicStream(), HomeStream("a")))
			}
			tt.end(cancel, subs)
			for _, sub := range subs {
				select {
				case _, open := <-sub.C:
					if open {
						t.Fatal("received an event nobody published")
					}
				case <-time.After(5 * time.Second):
					t.Fatal("channel not closed within 5s")
				}
				if !errors.Is(sub.Err(), tt.wantErr) {
					t.Fatalf("Err() = %v, want %v", sub.Err(), tt.wantErr)
				}
			}
			if n := h.subscriberCount(PublicStream()) + h.subscriberCount(HomeStream("a")); n != 0 {
				t.Errorf("%d registrations left in the hub, want 0", n)
			}
			// Publishing to streams whose subscribers are gone must not panic.
			_ = h.Publish(context.Background(), Event{Kind: StatusCreated}, PublicStream())
		})
	}
}

func TestSubscribeWithDoneContextEndsAtOnce(t *testing.T) {
	h := New()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sub := h.Subscribe(ctx, PublicStream())
	select {
	case <-sub.C:
	case <-time.After(5 * time.Second):
		t.Fatal("subscription on a done context still open")
	}
	if !errors.Is(sub.Err(), context.Canceled) {
		t.Errorf("Err() = %v, want context.Canceled", sub.Err())
	}
}

func TestThousandConcurrentSubscribers(t *testing.T) {
	const subscribers, publishers, perPublisher = 1000, 4, 25
	h := New()

	subs := make([]*Subscription, subscribers)
	var registered sync.WaitGroup
	for i := range subscribers {
		registered.Go(func() {
			subs[i] = h.Subscribe(t.Context(), PublicStream(), HomeStream(fmt.Sprint(i)))
		})
	}
	registered.Wait()

	// Readers, publishers and churning subscribers all run at once.
	var running sync.WaitGroup
	counts := make([]int, subscribers)
	for i, sub := range subs {
		running.Go(func() {
			defer sub.Close()
			// Not receive: t.Fatal must not be called off the test goroutine.
			timeout := time.After(10 * time.Second)
			for counts[i] < publishers*perPublisher+1 {
				select {
				case _, ok := <-sub.C:
					if !ok {
						t.Errorf("subscriber %d cut off: %v", i, sub.Err())
						return
					}
					counts[i]++
				case <-timeout:
					return // the count check below reports it
				}
			}
		})
	}
	for p := range publishers {
		running.Go(func() {
			for i := range perPublisher {
				_ = h.Publish(t.Context(), Event{Kind: StatusCreated, StatusID: fmt.Sprint(p, "-", i)}, PublicStream())
			}
		})
	}
	running.Go(func() {
		for i := range subscribers {
			_ = h.Publish(t.Context(), Event{Kind: NotificationCreated}, HomeStream(fmt.Sprint(i)))
		}
	})
	running.Go(func() {
		for range 200 {
			ctx, cancel := context.WithCancel(t.Context())
			h.Subscribe(ctx, PublicStream())
			cancel()
		}
	})
	running.Wait()

	for i, n := range counts {
		if n != publishers*perPublisher+1 {
			t.Fatalf("subscriber %d got %d events, want %d", i, n, publishers*perPublisher+1)
		}
	}
	// Cancelled contexts release their subscriptions asynchronously.
	deadline := time.Now().Add(5 * time.Second)
	for h.subscriberCount(PublicStream()) != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d subscribers left 5s after all ended", h.subscriberCount(PublicStream()))
		}
		time.Sleep(time.Millisecond)
	}
}

// BenchmarkPublishFanOut1000 measures one Publish reaching 1000 subscribers.
// Subscribers are drained outside the timer before their buffers fill, so
// every iteration really delivers 1000 times.
func BenchmarkPublishFanOut1000(b *testing.B) {
	h := New()
	subs := make([]*Subscription, 1000)
	for i := range subs {
		subs[i] = h.Subscribe(b.Context(), PublicStream())
	}
	ev := Event{Kind: StatusCreated, StatusID: "01HZX", AccountID: "01HZY"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = h.Publish(b.Context(), ev, PublicStream())
		if i%(DefaultBufferSize/2) == 0 {
			b.StopTimer()
			for _, sub := range subs {
				drain(sub)
			}
			b.StartTimer()
		}
	}
	for _, sub := range subs {
		if sub.Err() != nil {
			b.Fatalf("a subscriber was cut off: %v", sub.Err())
		}
		sub.Close()
	}
}
