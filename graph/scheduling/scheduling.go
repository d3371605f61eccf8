// Package scheduling posts statuses later: a status scheduled now is checked as
// posting would check it, kept as a row, and posted by a durable job at its time
// (graph/jobs), through graph/posting like any other. Rescheduling queues a new job;
// the superseded one finds the time changed and does nothing, and so does the job of
// a cancelled status.
package scheduling

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/scheduledstatus"
	"github.com/fedigraph/fedigraph/ent/schema"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/text"
)

// Mastodon's limits: a status is scheduled at least five minutes ahead, and an
// account has at most 300 waiting, 25 of them on any one day.
const (
	MinimumOffset = 5 * time.Minute
	MaxTotal      = 300
	MaxDaily      = 25
)

// Service schedules statuses.
type Service struct {
	DB      *store.DB
	Queue   *jobs.Queue // nil: scheduling is refused (no job queue to post with)
	Posting *posting.Service
	Now     func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// PublishArgs is the job that posts a scheduled status at its time.
type PublishArgs struct {
	ID string `json:"id"`
	// At is the time the job was queued for: a job whose status was rescheduled
	// since finds another time on the row and leaves it to the newer job.
	At time.Time `json:"at"`
}

// Kind names the job.
func (PublishArgs) Kind() string { return "scheduling.publish" }

// InsertOpts put the job on the default queue.
func (PublishArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: jobs.Default, MaxAttempts: 10}
}

// Schedule keeps in for posting at at, after checking it as posting would.
func (s *Service) Schedule(ctx context.Context, authorID string, in posting.NewStatus, at time.Time) (*ent.ScheduledStatus, error) {
	if s.Queue == nil {
		return nil, apperr.BadInputf("Validation failed: this server cannot schedule statuses")
	}
	now := s.now()
	if err := s.checkTime(ctx, authorID, at, now, ""); err != nil {
		return nil, err
	}
	if err := s.Posting.Check(ctx, authorID, &in); err != nil {
		return nil, err
	}
	var row *ent.ScheduledStatus
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		var err error
		row, err = tx.ScheduledStatus.Create().SetID(ids.New(now)).SetCreatedAt(now).SetUpdatedAt(now).
			SetAccountID(authorID).SetScheduledAt(instant(at)).SetParams(paramsOf(in)).Save(ctx)
		if err != nil {
			return fmt.Errorf("schedule status: %w", err)
		}
		return s.enqueue(ctx, tx, row)
	})
	if err != nil {
		return nil, err
	}
	return row, nil
}

// Reschedule moves one of the author's scheduled statuses to at.
func (s *Service) Reschedule(ctx context.Context, authorID, id string, at time.Time) (*ent.ScheduledStatus, error) {
	if s.Queue == nil {
		return nil, apperr.BadInputf("Validation failed: this server cannot schedule statuses")
	}
	if _, err := s.Get(ctx, authorID, id); err != nil {
		return nil, err
	}
	if err := s.checkTime(ctx, authorID, at, s.now(), id); err != nil {
		return nil, err
	}
	var row *ent.ScheduledStatus
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		var err error
		row, err = tx.ScheduledStatus.UpdateOneID(id).SetScheduledAt(instant(at)).Save(ctx)
		if err != nil {
			return fmt.Errorf("reschedule status: %w", err)
		}
		return s.enqueue(ctx, tx, row)
	})
	if err != nil {
		return nil, err
	}
	return row, nil
}

// Cancel drops one of the author's scheduled statuses.
func (s *Service) Cancel(ctx context.Context, authorID, id string) error {
	n, err := s.DB.ScheduledStatus.Delete().
		Where(scheduledstatus.ID(id), scheduledstatus.AccountID(authorID)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("cancel scheduled status: %w", err)
	}
	if n == 0 {
		return errNotFound()
	}
	return nil
}

// Query is the author's scheduled statuses; page them by ID.
func (s *Service) Query(authorID string) *ent.ScheduledStatusQuery {
	return s.DB.ScheduledStatus.Query().Where(scheduledstatus.AccountID(authorID))
}

// Get returns one of the author's scheduled statuses.
func (s *Service) Get(ctx context.Context, authorID, id string) (*ent.ScheduledStatus, error) {
	row, err := s.Query(authorID).Where(scheduledstatus.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load scheduled status: %w", err)
	}
	return row, nil
}

// instant is a time as the databases keep it: UTC, to the millisecond (PostgreSQL
// keeps microseconds, SQLite what it is given), so that a job's time and its row's
// compare equal.
func instant(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

func errNotFound() error { return apperr.NotFoundf("scheduled status not found") }

// checkTime applies the minimum offset and the limits; except is the status being
// rescheduled, which does not count against itself.
func (s *Service) checkTime(ctx context.Context, authorID string, at, now time.Time, except string) error {
	if at.Before(now.Add(MinimumOffset)) {
		return apperr.BadInputf("Validation failed: Scheduled at The scheduled date must be in the future")
	}
	q := s.Query(authorID).Where(scheduledstatus.IDNEQ(except))
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return fmt.Errorf("count scheduled statuses: %w", err)
	}
	if total >= MaxTotal {
		return apperr.BadInputf("Validation failed: You have exceeded the limit of scheduled statuses")
	}
	day := at.UTC().Truncate(24 * time.Hour)
	daily, err := q.Where(scheduledstatus.ScheduledAtGTE(day), scheduledstatus.ScheduledAtLT(day.Add(24*time.Hour))).Count(ctx)
	if err != nil {
		return fmt.Errorf("count scheduled statuses: %w", err)
	}
	if daily >= MaxDaily {
		return apperr.BadInputf("Validation failed: You have exceeded the limit of scheduled statuses for that day")
	}
	return nil
}

func (s *Service) enqueue(ctx context.Context, tx *store.Tx, row *ent.ScheduledStatus) error {
	return s.Queue.InsertTx(ctx, tx, PublishArgs{ID: row.ID, At: row.ScheduledAt}, &river.InsertOpts{
		Queue: jobs.Default, MaxAttempts: 10, ScheduledAt: row.ScheduledAt,
	})
}

// Publisher posts scheduled statuses when their jobs come due.
type Publisher struct {
	river.WorkerDefaults[PublishArgs]
	Service *Service
}

// Work posts the status and drops the row. The post carries an idempotency key of
// the row's, so that a retry after a failure to drop the row does not post twice.
func (p *Publisher) Work(ctx context.Context, job *river.Job[PublishArgs]) error {
	s := p.Service
	row, err := s.DB.ScheduledStatus.Get(ctx, job.Args.ID)
	if ent.IsNotFound(err) {
		return nil // cancelled
	}
	if err != nil {
		return fmt.Errorf("load scheduled status: %w", err)
	}
	if !instant(row.ScheduledAt).Equal(instant(job.Args.At)) {
		return nil // rescheduled: a newer job posts it
	}
	in := statusOf(row.Params)
	in.IdempotencyKey = "scheduled-status-" + row.ID
	if _, err := s.Posting.Create(ctx, row.AccountID, in); err != nil {
		if apperr.Is(err, apperr.BadInput) || apperr.Is(err, apperr.NotFound) || apperr.Is(err, apperr.Forbidden) {
			// What was fine when scheduled no longer is (the replied-to status is
			// gone, say): drop it rather than retry for ever.
			s.DB.ScheduledStatus.DeleteOneID(row.ID).Exec(ctx)
			return river.JobCancel(fmt.Errorf("post scheduled status %s: %w", row.ID, err))
		}
		return fmt.Errorf("post scheduled status %s: %w", row.ID, err)
	}
	if err := s.DB.ScheduledStatus.DeleteOneID(row.ID).Exec(ctx); err != nil && !ent.IsNotFound(err) {
		return fmt.Errorf("drop posted scheduled status %s: %w", row.ID, err)
	}
	return nil
}

// paramsOf keeps a checked status (defaults applied) as the row stores it.
func paramsOf(in posting.NewStatus) schema.ScheduledStatusParams {
	p := schema.ScheduledStatusParams{
		Text: in.Text, ContentType: string(in.ContentType), SpoilerText: in.SpoilerText,
		Language: in.Language, Visibility: string(in.Visibility), LocalOnly: in.LocalOnly,
		InReplyToID: in.InReplyToID, MediaIDs: in.MediaIDs, ApplicationID: in.ApplicationID,
	}
	if in.Sensitive != nil {
		p.Sensitive = *in.Sensitive
	}
	if in.Poll != nil {
		p.Poll = &schema.ScheduledStatusPoll{
			Options: in.Poll.Options, ExpiresInSeconds: int(in.Poll.ExpiresIn / time.Second),
			Multiple: in.Poll.Multiple, HideTotals: in.Poll.HideTotals,
		}
	}
	return p
}

// statusOf turns the stored params back into a status to post.
func statusOf(p schema.ScheduledStatusParams) posting.NewStatus {
	sensitive := p.Sensitive
	in := posting.NewStatus{
		Draft: posting.Draft{
			Text: p.Text, ContentType: text.ContentType(p.ContentType), SpoilerText: p.SpoilerText,
			Sensitive: &sensitive, Language: p.Language, MediaIDs: p.MediaIDs,
		},
		Visibility: status.Visibility(p.Visibility), LocalOnly: p.LocalOnly,
		InReplyToID: p.InReplyToID, ApplicationID: p.ApplicationID,
	}
	if p.Poll != nil {
		in.Poll = &posting.PollDraft{
			Options: p.Poll.Options, ExpiresIn: time.Duration(p.Poll.ExpiresInSeconds) * time.Second,
			Multiple: p.Poll.Multiple, HideTotals: p.Poll.HideTotals,
		}
	}
	return in
}
