package entity

import (
	"fmt"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/media"
)

// MediaPath is where the instance serves stored media files; a file's URL is the
// instance's base URL, MediaPath, and the file's stored path.
const MediaPath = media.Path

// Media renders one attachment, as the media routes answer it.
func (r *Renderer) Media(m *ent.MediaAttachment) MediaAttachment { return r.mediaOf(m) }

// mediaOf renders an attachment. A local file is served by the instance; a remote one
// not cached here is linked where its server keeps it.
func (r *Renderer) mediaOf(m *ent.MediaAttachment) MediaAttachment {
	url, preview := media.FileURLs(r.Settings.URIs.Base(), m, r.Settings.CacheRemoteMedia)
	out := MediaAttachment{
		ID:          m.ID,
		Type:        strings.ToLower(string(m.Type)),
		URL:         nullable(url),
		PreviewURL:  nullable(preview),
		RemoteURL:   nullable(m.RemoteURL),
		Description: nullable(m.Description),
		Blurhash:    nullable(m.Blurhash),
	}
	meta := m.Meta
	if meta.Width > 0 && meta.Height > 0 {
		out.Meta.Original = &MediaDimensions{
			Width: meta.Width, Height: meta.Height, Size: fmt.Sprintf("%dx%d", meta.Width, meta.Height),
			Aspect: aspect(meta.Width, meta.Height, meta.Aspect), Duration: meta.Duration,
		}
	} else if meta.Duration > 0 {
		out.Meta.Original = &MediaDimensions{Duration: meta.Duration}
	}
	if meta.PreviewWidth > 0 && meta.PreviewHeight > 0 {
		out.Meta.Small = &MediaDimensions{
			Width: meta.PreviewWidth, Height: meta.PreviewHeight,
			Size:   fmt.Sprintf("%dx%d", meta.PreviewWidth, meta.PreviewHeight),
			Aspect: aspect(meta.PreviewWidth, meta.PreviewHeight, 0),
		}
	}
	if m.Type == mediaattachment.TypeIMAGE {
		out.Meta.Focus = &MediaFocus{X: m.FocusX, Y: m.FocusY}
	}
	return out
}

// aspect is width/height unless the file's metadata recorded one already.
func aspect(w, h int, recorded float64) float64 {
	if recorded > 0 {
		return recorded
	}
	return float64(w) / float64(h)
}
