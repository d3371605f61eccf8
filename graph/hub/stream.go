package hub

import "github.com/fedigraph/fedigraph/graph/text"

// Stream is the key subscribers listen on and publishers address. Build it
// with the constructors below rather than by hand, so that publishers and
// subscribers always agree on the spelling.
//
// The format is a fixed prefix that ends at the first ':' followed by an ID
// (or nothing, for the public streams). Prefixes never contain ':' themselves,
// so no ID can make one stream look like another.
type Stream string

// PublicStream carries every public status, local and remote (Mastodon "public").
func PublicStream() Stream { return "public" }

// LocalStream carries public statuses by local accounts (Mastodon "public:local").
func LocalStream() Stream { return "public.local" }

// RemoteStream carries public statuses from other servers (Mastodon "public:remote").
func RemoteStream() Stream { return "public.remote" }

// HomeStream carries the statuses that enter accountID's home timeline.
func HomeStream(accountID string) Stream { return Stream("home:" + accountID) }

// NotificationStream carries notifications addressed to accountID.
func NotificationStream(accountID string) Stream {
	return Stream("notifications:" + accountID)
}

// DirectStream carries direct conversations involving accountID (Mastodon "direct").
func DirectStream(accountID string) Stream { return Stream("direct:" + accountID) }

// UserStream carries account-level events that belong to no timeline, such as
// filters.changed. A Mastodon "user" stream is HomeStream + NotificationStream
// + UserStream of the same account.
func UserStream(accountID string) Stream { return Stream("user:" + accountID) }

// ListStream carries the statuses that enter the list listID.
func ListStream(listID string) Stream { return Stream("list:" + listID) }

// TagStream carries public statuses tagged with tag, from anywhere. Tags match
// case-insensitively and with or without a leading '#', as on Mastodon.
func TagStream(tag string) Stream { return Stream("hashtag:" + normaliseTag(tag)) }

// TagLocalStream carries public statuses by local accounts tagged with tag.
func TagLocalStream(tag string) Stream {
	return Stream("hashtag.local:" + normaliseTag(tag))
}

// normaliseTag folds a tag the way statuses' tags are stored (graph/text), so that a
// subscriber asking for #ＣＡＴＳ hears about #cats.
func normaliseTag(tag string) string { return text.NormalizeTag(tag) }
