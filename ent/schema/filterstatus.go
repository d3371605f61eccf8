package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/index"
)

// FilterStatus is a single status a filter hides.
type FilterStatus struct{ ent.Schema }

// Mixin of the FilterStatus.
func (FilterStatus) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the FilterStatus.
func (FilterStatus) Fields() []ent.Field {
	return pairFields(filterRef("statuses"), statusRef)
}

// Edges of the FilterStatus.
func (FilterStatus) Edges() []ent.Edge { return pairEdges(filterRef("statuses"), statusRef) }

// Indexes of the FilterStatus.
func (FilterStatus) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("filter_id", "status_id").Unique(),
	}
}

// Annotations of the FilterStatus.
func (FilterStatus) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
