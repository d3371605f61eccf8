package entity

import (
	"strings"

	"github.com/fedigraph/fedigraph/ent"
)

// Markers renders markers keyed by Mastodon's timeline names ("home",
// "notifications"). No markers is an empty object, never null.
func (r *Renderer) Markers(ms []*ent.Marker) map[string]*Marker {
	out := make(map[string]*Marker, len(ms))
	for _, m := range ms {
		out[strings.ToLower(string(m.Timeline))] = &Marker{
			LastReadID: m.LastReadID,
			Version:    m.Version,
			UpdatedAt:  NewTime(m.UpdatedAt),
		}
	}
	return out
}
