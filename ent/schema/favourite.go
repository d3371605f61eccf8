package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Favourite is a like of a status.
type Favourite struct{ ent.Schema }

// Mixin of the Favourite.
func (Favourite) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Favourite.
func (Favourite) Fields() []ent.Field {
	return append(pairFields(accountRef, statusBackRef("favourites")),
		field.String("uri").Default("").Annotations(entgql.Skip()),
	)
}

// Edges of the Favourite.
func (Favourite) Edges() []ent.Edge { return pairEdges(accountRef, statusBackRef("favourites")) }

// Indexes of the Favourite.
func (Favourite) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "status_id").Unique(),
		index.Fields("status_id", "id"),
	}
}

// Annotations of the Favourite.
func (Favourite) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
