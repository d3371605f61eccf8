package media

import (
	"maps"
	"slices"

	"github.com/gabriel-vasile/mimetype"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
)

// Format is what an uploaded file turned out to be, judged by its bytes alone: never
// by its name or the Content-Type the client sent, which anyone can set to anything.
type Format struct {
	// MIME is the sniffed content type, as stored and served.
	MIME string
	// Ext is the file name extension the stored file gets (with the dot), so that a
	// static file server in front of fedigraph serves the right type too.
	Ext string
	// Type is the Mastodon attachment type.
	Type mediaattachment.Type
	// Decodable images are re-encoded (stripping metadata) and get a preview and a
	// blurhash; other accepted files are stored as uploaded.
	Decodable bool
}

// sniffLen is how much of a file the sniffer reads: mimetype's default, enough for
// every signature it knows.
const sniffLen = 3072

// accepted lists the formats fedigraph takes, by sniffed MIME type. Anything else —
// HTML, SVG (which can carry scripts), executables, archives, TIFF, BMP — is refused.
var accepted = map[string]Format{
	"image/jpeg":      {MIME: "image/jpeg", Ext: ".jpg", Type: mediaattachment.TypeIMAGE, Decodable: true},
	"image/png":       {MIME: "image/png", Ext: ".png", Type: mediaattachment.TypeIMAGE, Decodable: true},
	"image/gif":       {MIME: "image/gif", Ext: ".gif", Type: mediaattachment.TypeIMAGE, Decodable: true},
	"image/webp":      {MIME: "image/webp", Ext: ".webp", Type: mediaattachment.TypeIMAGE, Decodable: true},
	"video/mp4":       {MIME: "video/mp4", Ext: ".mp4", Type: mediaattachment.TypeVIDEO},
	"video/x-m4v":     {MIME: "video/mp4", Ext: ".mp4", Type: mediaattachment.TypeVIDEO},
	"video/quicktime": {MIME: "video/quicktime", Ext: ".mov", Type: mediaattachment.TypeVIDEO},
	"video/webm":      {MIME: "video/webm", Ext: ".webm", Type: mediaattachment.TypeVIDEO},
	"video/ogg":       {MIME: "video/ogg", Ext: ".ogv", Type: mediaattachment.TypeVIDEO},
	"audio/mpeg":      {MIME: "audio/mpeg", Ext: ".mp3", Type: mediaattachment.TypeAUDIO},
	"audio/ogg":       {MIME: "audio/ogg", Ext: ".ogg", Type: mediaattachment.TypeAUDIO},
	"audio/flac":      {MIME: "audio/flac", Ext: ".flac", Type: mediaattachment.TypeAUDIO},
	"audio/wav":       {MIME: "audio/wav", Ext: ".wav", Type: mediaattachment.TypeAUDIO},
	"audio/mp4":       {MIME: "audio/mp4", Ext: ".m4a", Type: mediaattachment.TypeAUDIO},
	"audio/x-m4a":     {MIME: "audio/mp4", Ext: ".m4a", Type: mediaattachment.TypeAUDIO},
	"audio/aac":       {MIME: "audio/aac", Ext: ".aac", Type: mediaattachment.TypeAUDIO},
}

// AcceptedMIMETypes lists the types uploads may have, sorted, for apps to offer.
func AcceptedMIMETypes() []string {
	seen := map[string]bool{}
	for _, f := range accepted {
		seen[f.MIME] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// Sniff decides a file's format from its first bytes (sniffLen are enough). A format
// fedigraph does not take is an error that names what the file appears to be.
func Sniff(head []byte) (Format, error) {
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	// Only the exact type counts, never a generic parent: a file is not an MP4 just
	// because it is an ISO media container (AVIF and HEIC are too).
	detected := baseType(mimetype.Detect(head).String())
	if f, ok := accepted[detected]; ok {
		return f, nil
	}
	return Format{}, unsupported(detected)
}

// baseType drops parameters ("text/html; charset=utf-8" → "text/html").
func baseType(t string) string {
	for i := 0; i < len(t); i++ {
		if t[i] == ';' {
			return t[:i]
		}
	}
	return t
}
