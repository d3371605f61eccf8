package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Mention records that a status mentions an account.
type Mention struct{ ent.Schema }

// Mixin of the Mention.
func (Mention) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Mention.
func (Mention) Fields() []ent.Field {
	return append(pairFields(statusBackRef("mentions"), accountRef),
		field.Bool("silent").Default(false).Comment("a mention added by a reply that does not notify"),
	)
}

// Edges of the Mention.
func (Mention) Edges() []ent.Edge { return pairEdges(statusBackRef("mentions"), accountRef) }

// Indexes of the Mention.
func (Mention) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("status_id", "account_id").Unique(),
		index.Fields("account_id", "status_id"),
	}
}

// Annotations of the Mention.
func (Mention) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
