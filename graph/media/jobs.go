package media

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/store"
)

// ProcessArgs is the durable job that processes one upload (Service.Process).
type ProcessArgs struct {
	AttachmentID string `json:"attachment_id"`
}

// Kind names the job.
func (ProcessArgs) Kind() string { return "media.process" }

// InsertOpts put the job on the media queue, whose worker limit bounds how many
// images are decoded at once across the process.
func (ProcessArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: jobs.Media, MaxAttempts: 5}
}

type processWorker struct {
	river.WorkerDefaults[ProcessArgs]
	svc *Service
}

func (w *processWorker) Work(ctx context.Context, job *river.Job[ProcessArgs]) error {
	return w.svc.Process(ctx, job.Args.AttachmentID)
}

// Timeout bounds one run; the largest image allowed takes a few seconds.
func (w *processWorker) Timeout(*river.Job[ProcessArgs]) time.Duration { return 5 * time.Minute }

// CacheRemoteArgs is the job that fetches a remote file into the cache ahead of its
// first view (Service.CacheRemote). Federation may insert it in the transaction that
// records a remote status's attachments, within its own limits (say, statuses from
// accounts someone here follows).
type CacheRemoteArgs struct {
	AttachmentID string `json:"attachment_id"`
}

// Kind names the job.
func (CacheRemoteArgs) Kind() string { return "media.cache_remote" }

// InsertOpts put the job on the media queue.
func (CacheRemoteArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: jobs.Media, MaxAttempts: 3}
}

type cacheRemoteWorker struct {
	river.WorkerDefaults[CacheRemoteArgs]
	svc *Service
}

func (w *cacheRemoteWorker) Work(ctx context.Context, job *river.Job[CacheRemoteArgs]) error {
	if w.svc.Remote == nil {
		return nil
	}
	// A file that cannot be had is marked FAILED and linked where its server keeps
	// it; retrying would only hammer that server.
	if err := w.svc.CacheRemote(ctx, job.Args.AttachmentID); err != nil {
		return river.JobCancel(err)
	}
	return nil
}

func (w *cacheRemoteWorker) Timeout(*river.Job[CacheRemoteArgs]) time.Duration {
	return 2 * time.Minute
}

// PruneArgs is the periodic job that runs Prune.
type PruneArgs struct{}

// Kind names the job.
func (PruneArgs) Kind() string { return "media.prune" }

// InsertOpts put the job on the media queue.
func (PruneArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: jobs.Media, MaxAttempts: 3}
}

type pruneWorker struct {
	river.WorkerDefaults[PruneArgs]
	svc  *Service
	opts PruneOptions
}

func (w *pruneWorker) Work(ctx context.Context, _ *river.Job[PruneArgs]) error {
	rep, err := w.svc.Prune(ctx, w.opts)
	if err != nil {
		return err
	}
	w.svc.Logger.Info("media pruned", "report", rep.String())
	return nil
}

func (w *pruneWorker) Timeout(*river.Job[PruneArgs]) time.Duration { return time.Hour }

// AddWorkers registers the media jobs' workers with the server's river workers.
func AddWorkers(w *river.Workers, svc *Service, prune PruneOptions) {
	river.AddWorker(w, &processWorker{svc: svc})
	river.AddWorker(w, &cacheRemoteWorker{svc: svc})
	river.AddWorker(w, &pruneWorker{svc: svc, opts: prune})
}

// PeriodicJobs schedules Prune every interval (a day, say) on whichever process
// leads the job queue.
func PeriodicJobs(every time.Duration) []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) { return PruneArgs{}, nil }, nil)}
}

// JobQueue runs processing as durable jobs on the instance's job queue.
type JobQueue struct{ Jobs *jobs.Queue }

// EnqueueTx inserts the processing job in the upload's transaction.
func (q JobQueue) EnqueueTx(ctx context.Context, tx *store.Tx, attachmentID string) error {
	return q.Jobs.InsertTx(ctx, tx, ProcessArgs{AttachmentID: attachmentID}, nil)
}
