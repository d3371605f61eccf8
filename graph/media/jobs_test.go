package media_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/media/mediatest"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestProcessingRunsAsADurableJob: the upload inserts a river job in its own
// transaction, and a worker on the media queue processes it.
func TestProcessingRunsAsADurableJob(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{})
		workers := river.NewWorkers()
		media.AddWorkers(workers, r.svc, media.PruneOptions{})
		q, err := jobs.New(r.ctx, db, jobs.Config{
			Workers: workers, Concurrency: map[string]int{jobs.Media: 2}, PollInterval: 100 * time.Millisecond,
		})
		if err != nil {
			t.Fatal(err)
		}
		r.svc.Queue = media.JobQueue{Jobs: q}
		m, err := r.svc.Upload(r.ctx, media.NewUpload{AccountID: r.alice.ID, File: bytes.NewReader(mediatest.PNG(700, 300, false))})
		if err != nil {
			t.Fatal(err)
		}
		listed, err := q.River().JobList(r.ctx, river.NewJobListParams().Kinds(media.ProcessArgs{}.Kind()))
		if err != nil || len(listed.Jobs) != 1 || listed.Jobs[0].Queue != jobs.Media {
			t.Fatalf("queued jobs: %+v, %v", listed, err)
		}
		if err := q.Start(r.ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			q.Stop(ctx)
		})
		deadline := time.Now().Add(15 * time.Second)
		for {
			m, err = db.MediaAttachment.Get(r.ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if m.Processing == mediaattachment.ProcessingPROCESSED {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("still %s", m.Processing)
			}
			time.Sleep(50 * time.Millisecond)
		}
		if m.Meta.Width != 700 || m.Meta.PreviewWidth != 512 {
			t.Errorf("meta %+v", m.Meta)
		}
	})
}

// TestWaitAnswersPendingWhenOutOfTime: an upload that cannot get a processing slot
// before its request's deadline is answered pending, and its job processes it.
func TestWaitAnswersPendingWhenOutOfTime(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{Concurrency: 1})
		workers := river.NewWorkers()
		media.AddWorkers(workers, r.svc, media.PruneOptions{})
		q, err := jobs.New(r.ctx, db, jobs.Config{
			Workers: workers, Concurrency: map[string]int{jobs.Media: 1}, PollInterval: 100 * time.Millisecond,
		})
		if err != nil {
			t.Fatal(err)
		}
		r.svc.Queue = media.JobQueue{Jobs: q}
		// Hold the only slot, as a long processing run would.
		release := media.HoldSlot(r.svc)
		ctx, cancel := context.WithTimeout(r.ctx, 3500*time.Millisecond)
		defer cancel()
		m, err := r.svc.Upload(ctx, media.NewUpload{AccountID: r.alice.ID, File: bytes.NewReader(mediatest.JPEG(64, 64, 0)), Wait: true})
		if err != nil {
			t.Fatal(err)
		}
		m, err = r.svc.Wait(ctx, m.ID)
		if err != nil || m.Processing != mediaattachment.ProcessingPENDING {
			t.Fatalf("Wait = %v, %v; want the attachment pending", m, err)
		}
		release()
		if err := q.Start(r.ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			q.Stop(ctx)
		})
		deadline := time.Now().Add(15 * time.Second)
		for m.Processing != mediaattachment.ProcessingPROCESSED {
			if time.Now().After(deadline) {
				t.Fatalf("still %s", m.Processing)
			}
			time.Sleep(50 * time.Millisecond)
			m = db.MediaAttachment.GetX(r.ctx, m.ID)
		}
	})
}
