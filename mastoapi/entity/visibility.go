package entity

// Visibilities as Mastodon names them. Mastodon has no mutuals-only posts; "private"
// (followers only) is the nearest, and is what a client's composer should preselect.
var visibilityNames = map[string]string{
	"PUBLIC":         "public",
	"UNLISTED":       "unlisted",
	"FOLLOWERS_ONLY": "private",
	"MUTUALS_ONLY":   "private",
	"DIRECT":         "direct",
}

// VisibilityName is the Mastodon name of a status or default visibility (an ent enum
// value such as "FOLLOWERS_ONLY"), for entities and for preferences.
func VisibilityName(v string) string { return visibilityNames[v] }
