package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Tag is a hashtag. Name is normalized (lower case, NFKC) so #Cats and #cats are one tag.
type Tag struct{ ent.Schema }

// Mixin of the Tag.
func (Tag) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Tag.
func (Tag) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().Unique().MaxLen(255),
		field.Bool("usable").Default(true),
		field.Bool("listable").Default(true),
	}
}

// Edges of the Tag.
func (Tag) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("statuses", Status.Type).Ref("tags").Annotations(entgql.Skip()),
	}
}

// Annotations of the Tag.
func (Tag) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
