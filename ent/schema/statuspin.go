package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/index"
)

// StatusPin features a status on its author's profile.
type StatusPin struct{ ent.Schema }

// Mixin of the StatusPin.
func (StatusPin) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the StatusPin.
func (StatusPin) Fields() []ent.Field {
	return pairFields(accountRef, statusRef)
}

// Edges of the StatusPin.
func (StatusPin) Edges() []ent.Edge { return pairEdges(accountRef, statusRef) }

// Indexes of the StatusPin.
func (StatusPin) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "status_id").Unique(),
		index.Fields("status_id"),
	}
}

// Annotations of the StatusPin.
func (StatusPin) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
