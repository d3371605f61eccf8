package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/index"
)

// ListMember puts an account on a list.
type ListMember struct{ ent.Schema }

// Mixin of the ListMember.
func (ListMember) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the ListMember.
func (ListMember) Fields() []ent.Field {
	return pairFields(listRef, accountRef)
}

// Edges of the ListMember.
func (ListMember) Edges() []ent.Edge { return pairEdges(listRef, accountRef) }

// Indexes of the ListMember.
func (ListMember) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("list_id", "account_id").Unique(),
		index.Fields("account_id"),
	}
}

// Annotations of the ListMember.
func (ListMember) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
