package auth

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Scopes is a set of OAuth scopes as Mastodon defines them, in the order given.
type Scopes []string

// ErrUnknownScope is returned by ParseScopes for a scope Mastodon does not define.
var ErrUnknownScope = errors.New("unknown scope")

// KnownScopes lists every scope Mastodon 4.3 documents, top-level scopes first. It is
// what /.well-known/oauth-authorization-server advertises.
var KnownScopes = Scopes{
	"read", "write", "follow", "push", "profile", "admin:read", "admin:write",

	"read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters",
	"read:follows", "read:lists", "read:mutes", "read:notifications", "read:search",
	"read:statuses",

	"write:accounts", "write:blocks", "write:bookmarks", "write:conversations",
	"write:favourites", "write:filters", "write:follows", "write:lists", "write:media",
	"write:mutes", "write:notifications", "write:reports", "write:statuses",

	"admin:read:accounts", "admin:read:reports", "admin:read:domain_allows",
	"admin:read:domain_blocks", "admin:read:ip_blocks", "admin:read:email_domain_blocks",
	"admin:read:canonical_email_blocks",

	"admin:write:accounts", "admin:write:reports", "admin:write:domain_allows",
	"admin:write:domain_blocks", "admin:write:ip_blocks", "admin:write:email_domain_blocks",
	"admin:write:canonical_email_blocks",
}

// followScopes is what the deprecated "follow" scope still grants in Mastodon, so that
// apps registered before the granular scopes existed keep working.
var followScopes = Scopes{
	"read:follows", "write:follows", "read:blocks", "write:blocks", "read:mutes", "write:mutes",
}

// ParseScopes parses a space-separated scope list, dropping repeats. An empty string
// gives an empty list, not an error: callers apply their own default ("read" for apps).
func ParseScopes(s string) (Scopes, error) {
	var out Scopes
	for _, scope := range strings.Fields(s) {
		if !slices.Contains(KnownScopes, scope) {
			return nil, fmt.Errorf("%w: %q", ErrUnknownScope, scope)
		}
		if !slices.Contains(out, scope) {
			out = append(out, scope)
		}
	}
	return out, nil
}

// Allows reports whether the scopes grant required: a scope grants itself and every
// scope below it ("read" grants "read:statuses", "admin:read" grants
// "admin:read:accounts"), and "follow" grants the follow, block and mute scopes.
func (s Scopes) Allows(required string) bool {
	for _, granted := range s {
		if granted == required || strings.HasPrefix(required, granted+":") {
			return true
		}
		if granted == "follow" && slices.Contains(followScopes, required) {
			return true
		}
	}
	return false
}

// AllowsAny reports whether the scopes grant at least one of required, for endpoints
// that Mastodon opens to several scopes (verify_credentials takes read, read:accounts
// or profile).
func (s Scopes) AllowsAny(required ...string) bool {
	return slices.ContainsFunc(required, s.Allows)
}

// Covers reports whether every scope in other is granted by s; an authorization request
// may only ask for scopes its application registered.
func (s Scopes) Covers(other Scopes) bool {
	for _, scope := range other {
		if !s.Allows(scope) {
			return false
		}
	}
	return true
}

// String returns the scopes space-separated, as OAuth writes them.
func (s Scopes) String() string { return strings.Join(s, " ") }
