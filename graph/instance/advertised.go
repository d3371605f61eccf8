package instance

import "github.com/fedigraph/fedigraph/graph/text"

// Version is fedigraph's version as apps read it. Mastodon apps parse the leading
// Mastodon version to decide which API features to use, so it names the Mastodon API
// level fedigraph implements first and fedigraph itself in the parenthesis, as
// GoToSocial and other compatible servers do.
const Version = "4.3.0 (compatible; fedigraph 0.1)"

// MediaLimits are the upload limits apps are told about.
type MediaLimits struct {
	MIMETypes        []string
	DescriptionChars int
	ImageBytes       int64
	ImagePixels      int
	VideoBytes       int64
	VideoFrameRate   int
	VideoPixels      int
}

// DefaultMediaLimits are Mastodon's own, advertised until media uploads are configured
// and enforce limits of their own; only still and animated images are offered.
var DefaultMediaLimits = MediaLimits{
	MIMETypes:        []string{"image/jpeg", "image/png", "image/gif", "image/webp"},
	DescriptionChars: 1500,
	ImageBytes:       16 << 20,
	ImagePixels:      33177600, // 7680×4320
	VideoBytes:       99 << 20,
	VideoFrameRate:   120,
	VideoPixels:      8294400, // 3840×2160
}

// StatusMIMETypes are the formats a status's text may be written in.
var StatusMIMETypes = []string{string(text.Plain), string(text.Markdown)}
