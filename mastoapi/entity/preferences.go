package entity

// Preferences are the user's defaults that apps apply on their own side
// (docs.joinmastodon.org/entities/Preferences).
type Preferences struct {
	PostingDefaultVisibility string  `json:"posting:default:visibility"` // public, unlisted, private or direct
	PostingDefaultSensitive  bool    `json:"posting:default:sensitive"`
	PostingDefaultLanguage   *string `json:"posting:default:language"` // ISO 639-1, or null
	// ReadingExpandMedia is "default" (hide what is marked sensitive), "show_all" or
	// "hide_all"; fedigraph keeps no such setting and always sends "default".
	ReadingExpandMedia    string `json:"reading:expand:media"`
	ReadingExpandSpoilers bool   `json:"reading:expand:spoilers"`
}
