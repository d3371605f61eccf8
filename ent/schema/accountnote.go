package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// AccountNote is a private note one account keeps about another.
type AccountNote struct{ ent.Schema }

// Mixin of the AccountNote.
func (AccountNote) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the AccountNote.
func (AccountNote) Fields() []ent.Field {
	return append(pairFields(accountRef, targetAccountRef),
		field.Text("comment").Default(""),
	)
}

// Edges of the AccountNote.
func (AccountNote) Edges() []ent.Edge { return pairEdges(accountRef, targetAccountRef) }

// Indexes of the AccountNote.
func (AccountNote) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "target_account_id").Unique(),
	}
}

// Annotations of the AccountNote.
func (AccountNote) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
