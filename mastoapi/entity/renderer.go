package entity

import (
	"github.com/fedigraph/fedigraph/graph/filters"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// Default images, served by the instance, for accounts without an avatar or header.
// Every Mastodon client expects a URL here, never an empty string.
const (
	DefaultAvatarPath = media.DefaultAvatarPath
	DefaultHeaderPath = media.DefaultHeaderPath
)

// Settings are the facts about the instance that entities show.
type Settings struct {
	// URIs builds the URLs of local objects (profiles, statuses, tag pages, assets).
	URIs uris.Builder
	// AccountDomain is the domain in local accounts' handles (user@AccountDomain),
	// which may differ from the host the instance is served at.
	AccountDomain string
	// CacheRemoteMedia points remote files at this instance's cache (media.RemotePath),
	// which fetches them on first view, rather than at their own servers.
	CacheRemoteMedia bool
}

// Renderer converts ent rows into Mastodon entities. It reads what the rows lack (the
// edges of a status, the viewer's marks, poll tallies) in batches: rendering a page
// of statuses costs the same number of queries whatever the page size. DB and
// Interact are required; Relations is there for handlers that render relationships
// alongside (the renderer itself only converts what Relations returns). With Filters,
// a signed-in viewer's statuses carry the filters they match (filtered); without,
// that list is always empty.
//
// Write the entities with Encode, which leaves HTML unescaped as Mastodon does.
type Renderer struct {
	DB        *store.DB
	Interact  *interact.Service
	Relations *relations.Service
	Filters   *filters.Service
	Settings  Settings
}
