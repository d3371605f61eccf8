package entity

import "github.com/fedigraph/fedigraph/graph/relations"

// Relationships renders what relations.Service.Relationships returned.
func (r *Renderer) Relationships(rels []*relations.Relationship) []*Relationship {
	return nil // TODO
}
