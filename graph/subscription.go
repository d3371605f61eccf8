package graph

import (
	"context"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/live"
	"github.com/fedigraph/fedigraph/graph/model"
)

// subscriptionBuffer is how many events a slow GraphQL subscriber may fall behind
// before the hub cuts it off (see hub.DefaultBufferSize); this channel only smooths
// the hand-over to gqlgen.
const subscriptionBuffer = 16

var eventKinds = map[hub.Kind]model.TimelineEventKind{
	hub.StatusCreated: model.TimelineEventKindCreated,
	hub.StatusUpdated: model.TimelineEventKindUpdated,
	hub.StatusDeleted: model.TimelineEventKindDeleted,
}

// timelineEvents adapts a live timeline to a GraphQL subscription.
func (r *Resolver) timelineEvents(ctx context.Context, t live.Timeline) (<-chan *model.TimelineEvent, error) {
	sub := r.Hub.Subscribe(ctx, t.Streams...)
	out := make(chan *model.TimelineEvent, subscriptionBuffer)
	go func() {
		defer close(out)
		defer sub.Close()
		for d := range sub.C {
			u, err := t.Resolve(ctx, d.Event, withStatusEdges)
			if err != nil {
				r.Logger.WarnContext(ctx, "live timeline event", "error", err)
			}
			if u == nil {
				continue
			}
			select {
			case out <- &model.TimelineEvent{Kind: eventKinds[u.Kind], StatusID: u.StatusID, Status: u.Status}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// notificationEvents adapts the recipient's notification stream.
func (r *Resolver) notificationEvents(ctx context.Context, recipientID string) (<-chan *ent.Notification, error) {
	sub := r.Hub.Subscribe(ctx, hub.NotificationStream(recipientID))
	out := make(chan *ent.Notification, subscriptionBuffer)
	go func() {
		defer close(out)
		defer sub.Close()
		for d := range sub.C {
			n, err := live.Notification(ctx, r.DB.Client, recipientID, d.Event)
			if err != nil {
				r.Logger.WarnContext(ctx, "live notification", "error", err)
			}
			if n == nil {
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
