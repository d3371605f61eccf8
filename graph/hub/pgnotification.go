package hub

import (
	"encoding/json"
	"fmt"
)

// maxNotifyPayload is PostgreSQL's NOTIFY payload limit: the payload "must
// be shorter than 8000 bytes" in the default configuration.
const maxNotifyPayload = 7999

// notification is the JSON payload a PGBridge sends on its channel.
type notification struct {
	// Origin identifies the sending bridge, so that it can skip its own
	// notifications (it has already delivered them locally).
	Origin  string   `json:"origin"`
	Event   Event    `json:"event"`
	Streams []Stream `json:"streams"`
}

// encodeNotifications renders one event for many streams as as few payloads
// as fit under limit bytes each. An event fanned out to many home timelines
// easily exceeds the NOTIFY limit in one piece, so the streams are split
// across several payloads that each repeat the (small) event.
func encodeNotifications(origin string, ev Event, streams []Stream, limit int) ([]string, error) {
	if len(streams) == 0 {
		return nil, nil
	}
	empty, err := json.Marshal(notification{Origin: origin, Event: ev, Streams: []Stream{}})
	if err != nil {
		return nil, fmt.Errorf("encode notification: %w", err)
	}

	var payloads []string
	flush := func(chunk []Stream) error {
		payload, err := json.Marshal(notification{Origin: origin, Event: ev, Streams: chunk})
		if err != nil {
			return fmt.Errorf("encode notification: %w", err)
		}
		payloads = append(payloads, string(payload))
		return nil
	}

	start, size := 0, len(empty)
	for i, stream := range streams {
		quoted, err := json.Marshal(stream)
		if err != nil {
			return nil, fmt.Errorf("encode stream %q: %w", stream, err)
		}
		cost := len(quoted)
		if i > start {
			cost++ // the comma before it
		}
		if size+cost > limit && i > start {
			if err := flush(streams[start:i]); err != nil {
				return nil, err
			}
			start, size, cost = i, len(empty), len(quoted)
		}
		if size+cost > limit {
			return nil, fmt.Errorf("encode notification: stream %.40q… does not fit in %d bytes", stream, limit)
		}
		size += cost
	}
	if err := flush(streams[start:]); err != nil {
		return nil, err
	}
	return payloads, nil
}

func decodeNotification(payload string) (notification, error) {
	var n notification
	if err := json.Unmarshal([]byte(payload), &n); err != nil {
		return notification{}, fmt.Errorf("decode notification: %w", err)
	}
	return n, nil
}
