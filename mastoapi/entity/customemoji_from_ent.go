package entity

import (
	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/media"
)

// CustomEmojis renders custom emoji for the picker. An emoji without a still image of
// its own uses its image as the still one too.
func (r *Renderer) CustomEmojis(es []*ent.CustomEmoji) []CustomEmoji {
	out := make([]CustomEmoji, len(es))
	for i, e := range es {
		url, static := media.EmojiURLs(r.Settings.URIs.Base(), e, r.Settings.CacheRemoteMedia)
		out[i] = CustomEmoji{
			Shortcode: e.Shortcode, URL: url, StaticURL: static,
			VisibleInPicker: e.VisibleInPicker, Category: e.Category,
		}
	}
	return out
}
