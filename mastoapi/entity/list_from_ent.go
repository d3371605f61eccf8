package entity

import "github.com/fedigraph/fedigraph/ent"

// List renders a list.
func (r *Renderer) List(l *ent.List) *List {
	return nil // TODO
}
