package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// List is a named group of followed accounts with a timeline of its own.
type List struct{ ent.Schema }

// Mixin of the List.
func (List) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the List.
func (List) Fields() []ent.Field {
	return append(pairFields(accountRef),
		field.String("title").NotEmpty().MaxLen(200),
		field.Enum("replies_policy").Values("FOLLOWED", "LIST", "NONE").Default("LIST"),
		field.Bool("exclusive").Default(false).Comment("members' posts stay out of the home timeline"),
	)
}

// Edges of the List.
func (List) Edges() []ent.Edge {
	return append(pairEdges(accountRef),
		edge.To("members", ListMember.Type).Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)))
}
