// Package ids makes fedigraph's object IDs: ULIDs, which sort by time, so that
// Mastodon's max_id/since_id/min_id pagination, Relay cursors and "newest first" all
// agree with creation order.
package ids

import (
	"crypto/rand"
	"time"

	"github.com/oklog/ulid/v2"
)

// New returns an ID for an object created at t. Remote objects pass their published
// time so that they sort where they belong in a timeline.
func New(t time.Time) string {
	return ulid.MustNew(ulid.Timestamp(t), rand.Reader).String()
}

// Floor is the smallest ID of anything created at t or later, for time-range queries.
func Floor(t time.Time) string {
	var id ulid.ULID
	_ = id.SetTime(ulid.Timestamp(t))
	return id.String()
}
