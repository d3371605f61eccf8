package graph

import (
	"context"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/model"
)

// subscriptionBuffer is how many events a slow GraphQL subscriber may fall behind
// before the hub cuts it off (see hub.DefaultBufferSize); this channel only smooths
// the hand-over to gqlgen.
const subscriptionBuffer = 16

// timelineEvents adapts hub events to a GraphQL subscription. The timeline query is the
// filter: a status is delivered only if the same query that pages the timeline would
// return it to this viewer, so live and paged timelines cannot disagree.
func (r *Resolver) timelineEvents(ctx context.Context, timeline func() *ent.StatusQuery, streams ...hub.Stream) (<-chan *model.TimelineEvent, error) {
	sub := r.Hub.Subscribe(ctx, streams...)
	out := make(chan *model.TimelineEvent, subscriptionBuffer)
	go func() {
		defer close(out)
		defer sub.Close()
		for d := range sub.C {
			ev := r.timelineEvent(ctx, timeline, d.Event)
			if ev == nil {
				continue
			}
			select {
			case out <- ev:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

func (r *Resolver) timelineEvent(ctx context.Context, timeline func() *ent.StatusQuery, e hub.Event) *model.TimelineEvent {
	switch e.Kind {
	case hub.StatusDeleted:
		return &model.TimelineEvent{Kind: model.TimelineEventKindDeleted, StatusID: e.StatusID}
	case hub.StatusCreated, hub.StatusUpdated:
		st, err := withStatusEdges(timeline()).Where(status.ID(e.StatusID)).Only(ctx)
		if err != nil {
			if !ent.IsNotFound(err) {
				r.Logger.WarnContext(ctx, "load status for subscriber", "status", e.StatusID, "error", err)
			}
			return nil
		}
		kind := model.TimelineEventKindCreated
		if e.Kind == hub.StatusUpdated {
			kind = model.TimelineEventKindUpdated
		}
		return &model.TimelineEvent{Kind: kind, StatusID: st.ID, Status: st}
	}
	return nil
}

// notificationEvents adapts hub events to the notifications subscription.
func (r *Resolver) notificationEvents(ctx context.Context, recipientID string) (<-chan *ent.Notification, error) {
	sub := r.Hub.Subscribe(ctx, hub.NotificationStream(recipientID))
	out := make(chan *ent.Notification, subscriptionBuffer)
	go func() {
		defer close(out)
		defer sub.Close()
		for d := range sub.C {
			if d.Event.Kind != hub.NotificationCreated {
				continue
			}
			n, err := r.DB.Notification.Query().
				Where(notification.ID(d.Event.NotificationID), notification.AccountID(recipientID)).
				WithFromAccount().Only(ctx)
			if err != nil {
				continue
			}
			select {
			case out <- n:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}
