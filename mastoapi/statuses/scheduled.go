package statuses

import (
	"fmt"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent/scheduledstatus"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// mountScheduled adds /api/v1/scheduled_statuses.
func (h *Handlers) mountScheduled(r chi.Router) {
	const p = "/api/v1/scheduled_statuses"
	read, write := access.User("read:statuses"), access.User("write:statuses")
	r.With(read).Get(p, h.listScheduled)
	r.With(read).Get(p+"/{id}", h.getScheduled)
	r.With(write).Put(p+"/{id}", h.reschedule)
	r.With(write).Delete(p+"/{id}", h.cancelScheduled)
}

// parseScheduledAt reads an ISO 8601 time, as apps send scheduled_at.
func parseScheduledAt(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000Z0700", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, apperr.BadInputf("Validation failed: Scheduled at %q is not an ISO 8601 time", s)
}

// schedule answers POST /api/v1/statuses with scheduled_at.
func (h *Handlers) schedule(w http.ResponseWriter, r *http.Request, in posting.NewStatus, at string) {
	t, err := parseScheduledAt(at)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	row, err := h.Resolver.Scheduling.Schedule(ctx, access.AccountID(ctx), in, t)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.ScheduledStatus(row))
}

// listScheduled serves GET /api/v1/scheduled_statuses, the most recently scheduled
// first, paged with Link headers.
func (h *Handlers) listScheduled(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	win := pagination.Window(v, pagination.Statuses)
	rows, err := h.Resolver.Scheduling.Query(access.AccountID(ctx)).
		Where(win.Where(scheduledstatus.FieldID)).Order(win.Order(scheduledstatus.FieldID)).
		Limit(win.Limit + 1).All(ctx)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("load scheduled statuses: %w", err))
		return
	}
	rows, more := paging.Finish(rows, win)
	out := make([]*entity.ScheduledStatus, len(rows))
	ids := make([]string, len(rows))
	for i, row := range rows {
		out[i], ids[i] = h.Renderer.ScheduledStatus(row), row.ID
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, out)
}

// getScheduled serves GET /api/v1/scheduled_statuses/:id.
func (h *Handlers) getScheduled(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	row, err := h.Resolver.Scheduling.Get(ctx, access.AccountID(ctx), chi.URLParam(r, "id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.ScheduledStatus(row))
}

// reschedule serves PUT /api/v1/scheduled_statuses/:id with a new scheduled_at.
func (h *Handlers) reschedule(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	t, err := parseScheduledAt(v.Get("scheduled_at"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	row, err := h.Resolver.Scheduling.Reschedule(ctx, access.AccountID(ctx), chi.URLParam(r, "id"), t)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.ScheduledStatus(row))
}

// cancelScheduled serves DELETE /api/v1/scheduled_statuses/:id, answering {}.
func (h *Handlers) cancelScheduled(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := h.Resolver.Scheduling.Cancel(ctx, access.AccountID(ctx), chi.URLParam(r, "id")); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, struct{}{})
}
