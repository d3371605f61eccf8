// Package live decides what a subscriber to a live timeline is told when the event hub
// reports a change. GraphQL subscriptions and Mastodon streaming are both thin adapters
// over it, so they cannot disagree about who hears about what.
//
// The rule is the paged timeline's own query: a status is delivered only if the query
// that pages the timeline would return it to this viewer now.
package live

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/timeline"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Timeline is a live timeline for one viewer: the hub streams that carry its events
// and the query that admits a status to it.
type Timeline struct {
	Streams []hub.Stream
	query   func() *ent.StatusQuery
}

// Home is the viewer's home timeline.
func Home(c *ent.Client, viewerID string, now func() time.Time) Timeline {
	return Timeline{
		Streams: []hub.Stream{hub.HomeStream(viewerID)},
		query:   func() *ent.StatusQuery { return timeline.HomeFilter(c, viewerID, now()) },
	}
}

// Public is the public timeline, all of it or its local or remote half.
func Public(c *ent.Client, viewerID string, o timeline.PublicOptions, now func() time.Time) Timeline {
	stream := hub.PublicStream()
	switch {
	case o.Local && !o.Remote:
		stream = hub.LocalStream()
	case o.Remote && !o.Local:
		stream = hub.RemoteStream()
	}
	return Timeline{
		Streams: []hub.Stream{stream},
		query:   func() *ent.StatusQuery { return timeline.Public(c, viewerID, o, now()) },
	}
}

// Tag is a hashtag's timeline, from everywhere or local only.
func Tag(c *ent.Client, viewerID, tag string, local bool, now func() time.Time) Timeline {
	stream := hub.TagStream(tag)
	if local {
		stream = hub.TagLocalStream(tag)
	}
	o := timeline.PublicOptions{Local: local}
	return Timeline{
		Streams: []hub.Stream{stream},
		query:   func() *ent.StatusQuery { return timeline.Tag(c, viewerID, tag, o, now()) },
	}
}

// List is one of the viewer's lists; someone else's list is not found.
func List(ctx context.Context, c *ent.Client, viewerID, listID string, now func() time.Time) (Timeline, error) {
	if _, err := timeline.List(ctx, c, viewerID, listID, now()); err != nil {
		return Timeline{}, err
	}
	return Timeline{
		Streams: []hub.Stream{hub.ListStream(listID)},
		query: func() *ent.StatusQuery {
			q, err := timeline.List(ctx, c, viewerID, listID, now())
			if err != nil {
				return c.Status.Query().Where(status.IDIn()) // the list is gone: nothing matches
			}
			return q
		},
	}, nil
}

// Direct is the viewer's direct messages, sent and received.
func Direct(c *ent.Client, viewerID string) Timeline {
	return Timeline{
		Streams: []hub.Stream{hub.DirectStream(viewerID)},
		query: func() *ent.StatusQuery {
			return c.Status.Query().Where(status.VisibilityEQ(status.VisibilityDIRECT), visibility.Statuses(viewerID))
		},
	}
}

// Update is what a subscriber is told: a status arrived or changed (Status set), or
// a status was deleted (only StatusID set).
type Update struct {
	Kind     hub.Kind
	StatusID string
	Status   *ent.Status
}

// Resolve turns a hub event into an update for this timeline's viewer, or nil when
// the viewer must not hear of it. shape adds what the caller renders (eager loads).
func (t Timeline) Resolve(ctx context.Context, ev hub.Event, shape func(*ent.StatusQuery) *ent.StatusQuery) (*Update, error) {
	switch ev.Kind {
	case hub.StatusDeleted:
		// The row is gone, so nothing can be checked; an ID reveals nothing.
		return &Update{Kind: ev.Kind, StatusID: ev.StatusID}, nil
	case hub.StatusCreated, hub.StatusUpdated:
		q := t.query().Where(status.ID(ev.StatusID))
		if shape != nil {
			q = shape(q)
		}
		st, err := q.Only(ctx)
		if ent.IsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("load status %s for a live timeline: %w", ev.StatusID, err)
		}
		return &Update{Kind: ev.Kind, StatusID: st.ID, Status: st}, nil
	}
	return nil, nil
}

// Notification loads the notification an event announces, if it is the recipient's.
func Notification(ctx context.Context, c *ent.Client, recipientID string, ev hub.Event) (*ent.Notification, error) {
	if ev.Kind != hub.NotificationCreated {
		return nil, nil
	}
	n, err := c.Notification.Query().
		Where(notification.ID(ev.NotificationID), notification.AccountID(recipientID)).
		WithFromAccount().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return n, err
}
