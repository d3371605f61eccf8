package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Block hides each account from the other and removes follows between them.
type Block struct{ ent.Schema }

// Mixin of the Block.
func (Block) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Block.
func (Block) Fields() []ent.Field {
	return append(pairFields(accountRef, targetAccountRef),
		field.String("uri").Default("").Annotations(entgql.Skip()),
	)
}

// Edges of the Block.
func (Block) Edges() []ent.Edge { return pairEdges(accountRef, targetAccountRef) }

// Indexes of the Block.
func (Block) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "target_account_id").Unique(),
		index.Fields("target_account_id"),
	}
}

// Annotations of the Block.
func (Block) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
