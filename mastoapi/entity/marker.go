package entity

// Marker is how far the user has read one timeline
// (docs.joinmastodon.org/entities/Marker). Markers are sent as an object keyed by
// timeline: {"home": {…}, "notifications": {…}}.
type Marker struct {
	LastReadID string `json:"last_read_id"`
	Version    int    `json:"version"`
	UpdatedAt  Time   `json:"updated_at"`
}
