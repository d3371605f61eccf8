package streaming

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/conversations"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/live"
	"github.com/fedigraph/fedigraph/graph/timeline"
)

// spec names one stream as a client asked for it.
type spec struct {
	name  string // user, public:local, hashtag, …
	param string // the tag or list ID, for hashtag and list streams
}

// label is the "stream" array Mastodon puts on every event of this stream.
func (s spec) label() []string {
	if s.param != "" {
		return []string{s.name, s.param}
	}
	return []string{s.name}
}

// event is one message to the client.
type event struct {
	Stream  []string `json:"stream"`
	Event   string   `json:"event"`
	Payload string   `json:"payload,omitempty"`
}

// feed is an opened stream: the live timelines it follows and whether it carries the
// viewer's notifications.
type feed struct {
	spec          spec
	timelines     []live.Timeline
	notifications bool
	user          bool // filters_changed and other account-level events
	// conversations: the direct stream, which tells of direct statuses through the
	// conversations they land in ("conversation" events), as Mastodon 4 does, and
	// of their deletion; never through "update".
	conversations bool
}

// open checks the viewer may read the stream and resolves what it follows.
func (h *Handler) open(ctx context.Context, v *auth.Viewer, s spec) (*feed, error) {
	c := h.DB.Client
	f := &feed{spec: s}
	need := "read:statuses"
	switch s.name {
	case "user":
		f.timelines = []live.Timeline{live.Home(c, v.AccountID, h.now)}
		f.notifications, f.user = true, true
	case "user:notification":
		f.notifications, need = true, "read:notifications"
	case "public", "public:media":
		f.timelines = []live.Timeline{live.Public(c, v.AccountID, timeline.PublicOptions{OnlyMedia: s.name == "public:media"}, h.now)}
	case "public:local", "public:local:media":
		f.timelines = []live.Timeline{live.Public(c, v.AccountID, timeline.PublicOptions{Local: true, OnlyMedia: s.name == "public:local:media"}, h.now)}
	case "public:remote", "public:remote:media":
		f.timelines = []live.Timeline{live.Public(c, v.AccountID, timeline.PublicOptions{Remote: true, OnlyMedia: s.name == "public:remote:media"}, h.now)}
	case "hashtag", "hashtag:local":
		if s.param == "" {
			return nil, apperr.BadInputf("Missing tag name parameter")
		}
		f.timelines = []live.Timeline{live.Tag(c, v.AccountID, s.param, s.name == "hashtag:local", h.now)}
	case "list":
		if s.param == "" {
			return nil, apperr.BadInputf("Missing list name parameter")
		}
		t, err := live.List(ctx, c, v.AccountID, s.param, h.now)
		if err != nil {
			return nil, err
		}
		f.timelines, need = []live.Timeline{t}, "read:lists"
	case "direct":
		f.timelines = []live.Timeline{live.Direct(c, v.AccountID)}
		f.conversations = true
	default:
		return nil, apperr.BadInputf("Unknown stream type")
	}
	if !v.Scopes.Allows(need) {
		return nil, apperr.Forbiddenf("Access token does not have the required scopes")
	}
	return f, nil
}

// streams are the hub streams the feed listens on.
func (f *feed) streams(accountID string) []hub.Stream {
	var out []hub.Stream
	for _, t := range f.timelines {
		out = append(out, t.Streams...)
	}
	if f.notifications {
		out = append(out, hub.NotificationStream(accountID))
	}
	if f.user {
		out = append(out, hub.UserStream(accountID))
	}
	return out
}

// timelineOf finds the live timeline a delivery came in on.
func (f *feed) timelineOf(s hub.Stream) *live.Timeline {
	for i, t := range f.timelines {
		for _, ts := range t.Streams {
			if ts == s {
				return &f.timelines[i]
			}
		}
	}
	return nil
}

// translate turns a hub delivery into the Mastodon event for this viewer, or nil.
func (h *Handler) translate(ctx context.Context, v *auth.Viewer, f *feed, d hub.Delivery) (*event, error) {
	e := &event{Stream: f.spec.label()}
	switch d.Event.Kind {
	case hub.NotificationCreated:
		if !f.notifications {
			return nil, nil
		}
		n, err := live.Notification(ctx, h.DB.Client, v.AccountID, d.Event)
		if err != nil || n == nil {
			return nil, err
		}
		rendered, err := h.Renderer.Notifications(ctx, v.AccountID, []*ent.Notification{n})
		if err != nil || len(rendered) == 0 {
			return nil, err
		}
		e.Event = "notification"
		return e, setPayload(e, rendered[0])
	case hub.FiltersChanged:
		if !f.user {
			return nil, nil
		}
		e.Event = "filters_changed"
		return e, nil
	case hub.ConversationUpdated:
		if !f.conversations {
			return nil, nil
		}
		cv, err := conversations.Get(ctx, h.DB.Client, v.AccountID, d.Event.ConversationID)
		if apperr.Is(err, apperr.NotFound) {
			return nil, nil // removed since, or its latest status is hidden from the viewer
		}
		if err != nil {
			return nil, err
		}
		rendered, err := h.Renderer.Conversations(ctx, v.AccountID, []*ent.Conversation{cv})
		if err != nil {
			return nil, err
		}
		e.Event = "conversation"
		return e, setPayload(e, rendered[0])
	}
	t := f.timelineOf(d.Stream)
	if t == nil {
		return nil, nil
	}
	u, err := t.Resolve(ctx, d.Event, nil)
	if err != nil || u == nil {
		return nil, err
	}
	if f.conversations && u.Kind != hub.StatusDeleted {
		return nil, nil // told as a "conversation" event instead
	}
	switch u.Kind {
	case hub.StatusDeleted:
		e.Event, e.Payload = "delete", u.StatusID
		return e, nil
	case hub.StatusUpdated:
		e.Event = "status.update"
	default:
		e.Event = "update"
	}
	st, err := h.Renderer.Status(ctx, v.AccountID, u.Status)
	if err != nil {
		return nil, err
	}
	return e, setPayload(e, st)
}

// setPayload encodes an entity as Mastodon does: JSON inside a JSON string.
func setPayload(e *event, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s payload: %w", e.Event, err)
	}
	e.Payload = string(b)
	return nil
}

// httpStatus is the status for a refused stream. The streaming server answers bad
// requests with 400, not the REST API's 422.
func httpStatus(e *apperr.Error) int {
	if e.Code == apperr.BadInput {
		return http.StatusBadRequest
	}
	return e.HTTPStatus()
}
