package entity

// Tag is a hashtag (docs.joinmastodon.org/entities/Tag).
type Tag struct {
	Name    string       `json:"name"`
	URL     string       `json:"url"`
	History []TagHistory `json:"history"`
	// Following is whether the viewer follows the tag; the caller fills it in when
	// a viewer is signed in, and it is left out otherwise.
	Following *bool `json:"following,omitempty"`
}

// TagHistory is one day of a tag's use. Every number is a string, as on Mastodon.
type TagHistory struct {
	Day      string `json:"day"` // UNIX time of the day's midnight
	Uses     string `json:"uses"`
	Accounts string `json:"accounts"`
}
