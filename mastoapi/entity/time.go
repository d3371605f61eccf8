package entity

import (
	"fmt"
	"time"
)

// Mastodon's two time formats: a UTC timestamp with milliseconds, and a bare date.
const (
	timeLayout = "2006-01-02T15:04:05.000Z"
	dateLayout = "2006-01-02"
)

// Time is a timestamp as Mastodon writes it: "2019-12-08T03:48:33.901Z", always UTC,
// always with milliseconds. Clients parse it with strict ISO 8601 parsers, so the
// format must not vary with the time zone of the database or the server.
type Time struct{ time.Time }

// NewTime wraps t.
func NewTime(t time.Time) Time { return Time{t} }

// NewTimePtr wraps *t, or returns nil (rendered as null) for a nil t.
func NewTimePtr(t *time.Time) *Time {
	if t == nil {
		return nil
	}
	return &Time{*t}
}

// MarshalJSON writes the timestamp in Mastodon's format.
func (t Time) MarshalJSON() ([]byte, error) {
	return []byte(`"` + t.UTC().Format(timeLayout) + `"`), nil
}

// UnmarshalJSON reads any RFC 3339 timestamp, for tests and for clients of this package
// that round-trip entities.
func (t *Time) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("time: want a JSON string, got %s", b)
	}
	parsed, err := time.Parse(time.RFC3339Nano, string(b[1:len(b)-1]))
	if err != nil {
		return fmt.Errorf("time: %w", err)
	}
	t.Time = parsed
	return nil
}

// Date is a calendar day as Mastodon writes last_status_at: "2019-11-24" (UTC).
type Date struct{ time.Time }

// NewDatePtr wraps *t, or returns nil (rendered as null) for a nil t.
func NewDatePtr(t *time.Time) *Date {
	if t == nil {
		return nil
	}
	return &Date{*t}
}

// MarshalJSON writes the UTC day.
func (d Date) MarshalJSON() ([]byte, error) {
	return []byte(`"` + d.UTC().Format(dateLayout) + `"`), nil
}

// UnmarshalJSON reads a bare date.
func (d *Date) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("date: want a JSON string, got %s", b)
	}
	parsed, err := time.Parse(dateLayout, string(b[1:len(b)-1]))
	if err != nil {
		return fmt.Errorf("date: %w", err)
	}
	d.Time = parsed
	return nil
}

// midnightUTC is the start of t's day in UTC. Mastodon (since 3.4) reports when an
// account was created only to the day, so that the exact sign-up time does not leak.
func midnightUTC(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
