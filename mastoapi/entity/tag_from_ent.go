package entity

import "github.com/fedigraph/fedigraph/ent"

// Tag renders a hashtag, without usage history (not recorded yet) or Following.
func (r *Renderer) Tag(t *ent.Tag) *Tag {
	return nil // TODO
}
