package entity

// InstanceV2 describes the server (GET /api/v2/instance,
// docs.joinmastodon.org/entities/Instance).
type InstanceV2 struct {
	Domain        string                `json:"domain"`
	Title         string                `json:"title"`
	Version       string                `json:"version"`
	SourceURL     string                `json:"source_url"`
	Description   string                `json:"description"`
	Usage         InstanceUsage         `json:"usage"`
	Thumbnail     InstanceThumbnail     `json:"thumbnail"`
	Icon          []InstanceIcon        `json:"icon"`
	Languages     []string              `json:"languages"`
	Configuration InstanceConfiguration `json:"configuration"`
	Registrations InstanceRegistrations `json:"registrations"`
	APIVersions   map[string]int        `json:"api_versions"`
	Contact       InstanceContact       `json:"contact"`
	Rules         []Rule                `json:"rules"`
}

// InstanceUsage counts recent activity.
type InstanceUsage struct {
	Users struct {
		ActiveMonth int `json:"active_month"`
	} `json:"users"`
}

// InstanceThumbnail is the server's banner image.
type InstanceThumbnail struct {
	URL string `json:"url"`
}

// InstanceIcon is one size of the server's app icon.
type InstanceIcon struct {
	Src  string `json:"src"`
	Size string `json:"size"` // "48x48"
}

// InstanceConfiguration tells apps the server's limits, so that their composers
// refuse what the server would.
type InstanceConfiguration struct {
	URLs             InstanceURLs             `json:"urls"`
	Accounts         AccountsConfiguration    `json:"accounts"`
	Statuses         StatusesConfiguration    `json:"statuses"`
	MediaAttachments MediaConfiguration       `json:"media_attachments"`
	Polls            PollsConfiguration       `json:"polls"`
	Translation      TranslationConfiguration `json:"translation"`
	Vapid            VapidConfiguration       `json:"vapid"`
}

// VapidConfiguration is the key Web Push subscriptions are signed with, which a
// browser needs to subscribe.
type VapidConfiguration struct {
	PublicKey string `json:"public_key"`
}

// InstanceURLs are where apps reach the server's other services.
type InstanceURLs struct {
	Streaming string  `json:"streaming"`
	Status    *string `json:"status"`
}

// AccountsConfiguration limits profiles.
type AccountsConfiguration struct {
	MaxFeaturedTags   int `json:"max_featured_tags"`
	MaxPinnedStatuses int `json:"max_pinned_statuses"`
}

// StatusesConfiguration limits statuses.
type StatusesConfiguration struct {
	MaxCharacters            int      `json:"max_characters"`
	MaxMediaAttachments      int      `json:"max_media_attachments"`
	CharactersReservedPerURL int      `json:"characters_reserved_per_url"`
	SupportedMimeTypes       []string `json:"supported_mime_types"`
}

// MediaConfiguration limits uploads.
type MediaConfiguration struct {
	SupportedMimeTypes  []string `json:"supported_mime_types"`
	DescriptionLimit    int      `json:"description_limit"`
	ImageSizeLimit      int64    `json:"image_size_limit"`
	ImageMatrixLimit    int      `json:"image_matrix_limit"`
	VideoSizeLimit      int64    `json:"video_size_limit"`
	VideoFrameRateLimit int      `json:"video_frame_rate_limit"`
	VideoMatrixLimit    int      `json:"video_matrix_limit"`
}

// PollsConfiguration limits polls; expirations are in seconds.
type PollsConfiguration struct {
	MaxOptions             int `json:"max_options"`
	MaxCharactersPerOption int `json:"max_characters_per_option"`
	MinExpiration          int `json:"min_expiration"`
	MaxExpiration          int `json:"max_expiration"`
}

// TranslationConfiguration says whether the server translates statuses.
type TranslationConfiguration struct {
	Enabled bool `json:"enabled"`
}

// InstanceRegistrations says whether and how people can sign up.
type InstanceRegistrations struct {
	Enabled          bool    `json:"enabled"`
	ApprovalRequired bool    `json:"approval_required"`
	Message          *string `json:"message"`
	URL              *string `json:"url"`
}

// InstanceContact is who runs the server.
type InstanceContact struct {
	Email   string   `json:"email"`
	Account *Account `json:"account"`
}

// Rule is one of the server's rules (docs.joinmastodon.org/entities/Rule).
type Rule struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	Hint string `json:"hint"`
}

// InstanceV1 is the older description of the server (GET /api/v1/instance,
// docs.joinmastodon.org/entities/V1_Instance), which many apps still read.
type InstanceV1 struct {
	URI              string                  `json:"uri"`
	Title            string                  `json:"title"`
	ShortDescription string                  `json:"short_description"`
	Description      string                  `json:"description"`
	Email            string                  `json:"email"`
	Version          string                  `json:"version"`
	URLs             InstanceV1URLs          `json:"urls"`
	Stats            InstanceStats           `json:"stats"`
	Thumbnail        *string                 `json:"thumbnail"`
	Languages        []string                `json:"languages"`
	Registrations    bool                    `json:"registrations"`
	ApprovalRequired bool                    `json:"approval_required"`
	InvitesEnabled   bool                    `json:"invites_enabled"`
	Configuration    InstanceV1Configuration `json:"configuration"`
	ContactAccount   *Account                `json:"contact_account"`
	Rules            []Rule                  `json:"rules"`
}

// InstanceV1URLs are where apps reach the streaming API.
type InstanceV1URLs struct {
	StreamingAPI string `json:"streaming_api"`
}

// InstanceStats are the server's public numbers.
type InstanceStats struct {
	UserCount   int `json:"user_count"`
	StatusCount int `json:"status_count"`
	DomainCount int `json:"domain_count"`
}

// InstanceV1Configuration is InstanceConfiguration as the v1 entity has it.
type InstanceV1Configuration struct {
	Accounts         AccountsConfiguration `json:"accounts"`
	Statuses         StatusesConfiguration `json:"statuses"`
	MediaAttachments MediaConfiguration    `json:"media_attachments"`
	Polls            PollsConfiguration    `json:"polls"`
}
