// Package ids makes fedigraph's object IDs: ULIDs, which sort by time, so that
// Mastodon's max_id/since_id/min_id pagination, Relay cursors and "newest first" all
// agree with creation order.
package ids

import (
	"crypto/rand"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"
)

// New returns an ID for an object created at t. Remote objects pass their published
// time so that they sort where they belong in a timeline.
//
// IDs made in one process within the same millisecond still sort in the order they
// were made (monotonic entropy), so two things created in one request — two lists,
// a post and its poll — keep their order.
func New(t time.Time) string {
	mu.Lock()
	defer mu.Unlock()
	return ulid.MustNew(ulid.Timestamp(t), entropy).String()
}

var (
	mu      sync.Mutex
	entropy = ulid.Monotonic(rand.Reader, 0)
)

// Floor is the smallest ID of anything created at t or later, for time-range queries.
func Floor(t time.Time) string {
	var id ulid.ULID
	_ = id.SetTime(ulid.Timestamp(t))
	return id.String()
}
