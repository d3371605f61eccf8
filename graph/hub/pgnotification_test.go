package hub

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestEncodeNotificationsSplitsUnderTheLimit(t *testing.T) {
	ev := Event{Kind: StatusCreated, StatusID: "01JABCDEFGHJKMNPQRSTVWXYZ0", AccountID: "01JABCDEFGHJKMNPQRSTVWXYZ1"}
	homes := func(n int) []Stream {
		var s []Stream
		for i := range n {
			s = append(s, HomeStream(fmt.Sprintf("01JABCDEFGHJKMNPQRSTV%05d", i)))
		}
		return s
	}
	tests := []struct {
		name      string
		streams   []Stream
		limit     int
		wantParts int
	}{
		{"no streams, nothing to send", nil, maxNotifyPayload, 0},
		{"a few streams in one payload", []Stream{PublicStream(), LocalStream(), TagStream("go")}, maxNotifyPayload, 1},
		{"a big fan-out in several", homes(1000), maxNotifyPayload, 5},
		// 200 bytes fit the event with one home stream (182 bytes) but not two.
		{"one stream per payload at a tight limit", homes(3), 200, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			payloads, err := encodeNotifications("origin", ev, tt.streams, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(payloads) != tt.wantParts {
				t.Errorf("%d payloads, want %d", len(payloads), tt.wantParts)
			}
			var got []Stream
			for _, p := range payloads {
				if len(p) > tt.limit {
					t.Errorf("payload of %d bytes exceeds the %d-byte limit", len(p), tt.limit)
				}
				n, err := decodeNotification(p)
				if err != nil {
					t.Fatal(err)
				}
				if n.Event != ev || n.Origin != "origin" {
					t.Errorf("decoded %+v, want event %+v from origin", n, ev)
				}
				got = append(got, n.Streams...)
			}
			if !slices.Equal(got, tt.streams) {
				t.Errorf("streams after the round trip differ: got %d, want %d", len(got), len(tt.streams))
			}
		})
	}
}

func TestEncodeNotificationsRejectsAStreamThatCannotFit(t *testing.T) {
	huge := TagStream(strings.Repeat("x", maxNotifyPayload))
	if _, err := encodeNotifications("origin", Event{Kind: StatusCreated}, []Stream{huge}, maxNotifyPayload); err == nil {
		t.Fatal("encoded a payload over the NOTIFY limit")
	}
}
