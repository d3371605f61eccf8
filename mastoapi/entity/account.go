package entity

import "time"

// Account is a profile, local or remote (docs.joinmastodon.org/entities/Account).
type Account struct {
	ID              string `json:"id"`
	Username        string `json:"username"`
	Acct            string `json:"acct"` // username for local accounts, username@domain for remote ones
	DisplayName     string `json:"display_name"`
	Locked          bool   `json:"locked"`
	Bot             bool   `json:"bot"`
	Discoverable    bool   `json:"discoverable"`
	Indexable       bool   `json:"indexable"`
	Group           bool   `json:"group"`
	CreatedAt       Time   `json:"created_at"` // midnight UTC of the sign-up day, as Mastodon shows it
	Note            string `json:"note"`       // HTML
	URL             string `json:"url"`
	URI             string `json:"uri"`
	Avatar          string `json:"avatar"`
	AvatarStatic    string `json:"avatar_static"`
	Header          string `json:"header"`
	HeaderStatic    string `json:"header_static"`
	FollowersCount  int    `json:"followers_count"`
	FollowingCount  int    `json:"following_count"`
	StatusesCount   int    `json:"statuses_count"`
	LastStatusAt    *Date  `json:"last_status_at"`
	HideCollections bool   `json:"hide_collections"`
	// Noindex is sent for local accounts only, as Mastodon does: it is a preference of
	// a user of this server, unknown for remote ones.
	Noindex *bool         `json:"noindex,omitempty"`
	Emojis  []CustomEmoji `json:"emojis"`
	Fields  []Field       `json:"fields"`
	// Moved is the account this one moved to; Mastodon leaves the key out for
	// accounts that have not moved, and does not nest a second level.
	Moved *Account `json:"moved,omitempty"`
	// Memorial, Suspended and Limited appear only when true, as on Mastodon.
	Memorial  bool `json:"memorial,omitempty"`
	Suspended bool `json:"suspended,omitempty"`
	Limited   bool `json:"limited,omitempty"`
}

// Field is one name/value row of a profile's metadata table. Value is HTML.
type Field struct {
	Name       string `json:"name"`
	Value      string `json:"value"`
	VerifiedAt *Time  `json:"verified_at"`
}

// CustomEmoji is a :shortcode: image (docs.joinmastodon.org/entities/CustomEmoji).
type CustomEmoji struct {
	Shortcode       string `json:"shortcode"`
	URL             string `json:"url"`
	StaticURL       string `json:"static_url"`
	VisibleInPicker bool   `json:"visible_in_picker"`
	Category        string `json:"category,omitempty"`
}

// CredentialAccount is the signed-in user's own Account, with the settings only its
// owner sees (GET /api/v1/accounts/verify_credentials).
type CredentialAccount struct {
	Account
	Source Source `json:"source"`
	Role   Role   `json:"role"`
}

// Source holds the profile as its owner typed it, and the posting defaults.
type Source struct {
	Privacy             string  `json:"privacy"` // public, unlisted, private or direct
	Sensitive           bool    `json:"sensitive"`
	Language            string  `json:"language"` // ISO 639-1, or ""
	Note                string  `json:"note"`     // plain text
	Fields              []Field `json:"fields"`   // values as typed, not HTML
	FollowRequestsCount int     `json:"follow_requests_count"`
	HideCollections     bool    `json:"hide_collections"`
	Discoverable        bool    `json:"discoverable"`
	Indexable           bool    `json:"indexable"`
}

// Role is the signed-in user's role (docs.joinmastodon.org/entities/Role).
type Role struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Permissions string `json:"permissions"` // a bit set, as a decimal string
	Color       string `json:"color"`
	Highlighted bool   `json:"highlighted"`
}

// MutedAccount is an account in the viewer's list of mutes, with when the mute ends
// (docs.joinmastodon.org/methods/mutes): null for a mute without end.
type MutedAccount struct {
	*Account
	MuteExpiresAt *Time `json:"mute_expires_at"`
}

// MutedAccounts pairs rendered accounts with their mutes' ends, in order.
func MutedAccounts(as []*Account, expiries []*time.Time) []*MutedAccount {
	out := make([]*MutedAccount, len(as))
	for i, a := range as {
		out[i] = &MutedAccount{Account: a}
		if i < len(expiries) && expiries[i] != nil {
			t := NewTime(*expiries[i])
			out[i].MuteExpiresAt = &t
		}
	}
	return out
}
