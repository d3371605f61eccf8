package entity

import "github.com/fedigraph/fedigraph/ent"

// Tag renders a hashtag. Its usage history is empty (fedigraph does not keep daily
// counts yet) and Following is left for the caller to fill in for a signed-in viewer.
func (r *Renderer) Tag(t *ent.Tag) *Tag {
	return &Tag{Name: t.Name, URL: r.Settings.URIs.Tag(t.Name), History: []TagHistory{}}
}
