package outbox_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/federation/outbox"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// BenchmarkFanOut measures how fast the queue drains one post's deliveries to b.N
// servers (each follower has its own inbox on the loopback sink, which verifies every
// signature): the job queue, signing and HTTP, without the posting in the loop.
//
//	go test ./federation/outbox -run '^$' -bench FanOut -benchtime 1000x
func BenchmarkFanOut(b *testing.B) {
	for _, kind := range testrig.Kinds {
		b.Run(kind, func(b *testing.B) {
			db := testrig.NewDB(b, kind)
			r := newRigTB(b, db, outbox.Config{})
			for i := range b.N {
				f := testrig.RemoteAccount(b, db, fmt.Sprintf("f%d", i), fmt.Sprintf("f%d.example", i))
				f.Update().SetSharedInboxURI(fmt.Sprintf("%s/inbox/%d", r.sink.srv.URL, i)).ExecX(r.ctx)
				db.Follow.Create().SetAccountID(f.ID).SetTargetAccountID(r.alice.ID).ExecX(r.ctx)
			}
			// All the inboxes are on one loopback host: its delivery record is shared,
			// and no inbox may be dropped as a duplicate. (Distinct paths keep them apart.)
			b.ResetTimer()
			start := time.Now()
			if _, err := r.posting.Create(r.ctx, r.alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "to everyone"}}); err != nil {
				b.Fatal(err)
			}
			for range b.N {
				select {
				case <-r.sink.arrived:
				case <-time.After(60 * time.Second):
					b.Fatal("deliveries stalled")
				}
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "deliveries/s")
		})
	}
}

// BenchmarkDeliveries measures the whole outbound path: a post renders its Create and
// queues a delivery in its transaction, and the queue's workers sign and POST it to a
// loopback inbox that verifies the signature. It reports deliveries per second.
//
//	go test ./federation/outbox -run '^$' -bench Deliveries -benchtime 500x
func BenchmarkDeliveries(b *testing.B) {
	for _, kind := range testrig.Kinds {
		b.Run(kind, func(b *testing.B) {
			db := testrig.NewDB(b, kind)
			r := newRigTB(b, db, outbox.Config{})
			r.followedByBob(nil)
			// Drain arrivals in the background so the sink never blocks.
			arrived := make(chan struct{}, b.N)
			go func() {
				for range r.sink.arrived {
					arrived <- struct{}{}
				}
			}()
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				_, err := r.posting.Create(r.ctx, r.alice.ID, posting.NewStatus{Draft: posting.Draft{Text: fmt.Sprintf("post %d", i)}})
				if err != nil {
					b.Fatal(err)
				}
			}
			for range b.N {
				select {
				case <-arrived:
				case <-time.After(60 * time.Second):
					b.Fatal("deliveries stalled")
				}
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "deliveries/s")
		})
	}
}
