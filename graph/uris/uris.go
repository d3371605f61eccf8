// Package uris builds the URLs of local objects: the ActivityPub IDs that other servers
// store, and the web addresses people follow. They are part of the federation contract,
// so once published they must never change shape.
package uris

import (
	"net/url"
	"strings"
)

// Builder makes URLs for one instance.
type Builder struct {
	// Protocol is "https" (or "http" for local testing); Host is the domain (and port)
	// this instance is served at.
	Protocol, Host string
}

// Base is protocol://host.
func (b Builder) Base() string { return b.Protocol + "://" + b.Host }

// Account is a local account's ActivityPub ID.
func (b Builder) Account(username string) string { return b.Base() + "/users/" + username }

// AccountWeb is a local account's profile page.
func (b Builder) AccountWeb(username string) string { return b.Base() + "/@" + username }

// Inbox, Outbox, Followers, Following and Featured are a local account's collections.
func (b Builder) Inbox(username string) string     { return b.Account(username) + "/inbox" }
func (b Builder) Outbox(username string) string    { return b.Account(username) + "/outbox" }
func (b Builder) Followers(username string) string { return b.Account(username) + "/followers" }
func (b Builder) Following(username string) string { return b.Account(username) + "/following" }
func (b Builder) Featured(username string) string {
	return b.Account(username) + "/collections/featured"
}

// PublicKey is the ID of a local account's signing key.
func (b Builder) PublicKey(username string) string { return b.Account(username) + "#main-key" }

// SharedInbox receives activities addressed to several local accounts at once.
func (b Builder) SharedInbox() string { return b.Base() + "/inbox" }

// Status is a local status's ActivityPub ID.
func (b Builder) Status(username, statusID string) string {
	return b.Account(username) + "/statuses/" + statusID
}

// StatusWeb is a local status's web page.
func (b Builder) StatusWeb(username, statusID string) string {
	return b.AccountWeb(username) + "/" + statusID
}

// Activity is the ID of an activity a local account performed (a Like, Follow, …).
func (b Builder) Activity(username, kind, id string) string {
	return b.Account(username) + "/" + strings.ToLower(kind) + "/" + id
}

// Tag is the web page of a hashtag.
func (b Builder) Tag(name string) string { return b.Base() + "/tags/" + url.PathEscape(name) }
