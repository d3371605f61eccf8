package entity

// MediaAttachment is a file attached to a status
// (docs.joinmastodon.org/entities/MediaAttachment).
type MediaAttachment struct {
	ID          string    `json:"id"`
	Type        string    `json:"type"` // image, gifv, video, audio or unknown
	URL         *string   `json:"url"`
	PreviewURL  *string   `json:"preview_url"`
	RemoteURL   *string   `json:"remote_url"`
	Meta        MediaMeta `json:"meta"`
	Description *string   `json:"description"`
	Blurhash    *string   `json:"blurhash"`
}

// MediaMeta describes the file and its preview. Keys with nothing to say are left out,
// as Mastodon leaves them out for files it could not analyse.
type MediaMeta struct {
	Original *MediaDimensions `json:"original,omitempty"`
	Small    *MediaDimensions `json:"small,omitempty"`
	Focus    *MediaFocus      `json:"focus,omitempty"`
}

// MediaDimensions are one rendition's size.
type MediaDimensions struct {
	Width    int     `json:"width,omitempty"`
	Height   int     `json:"height,omitempty"`
	Size     string  `json:"size,omitempty"` // "640x480"
	Aspect   float64 `json:"aspect,omitempty"`
	Duration float64 `json:"duration,omitempty"`
}

// MediaFocus is the focal point for cropping, each axis in [-1, 1].
type MediaFocus struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}
