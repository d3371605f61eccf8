package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Follow is an accepted follow: account follows target_account.
type Follow struct{ ent.Schema }

// Mixin of the Follow.
func (Follow) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Follow.
func (Follow) Fields() []ent.Field {
	return append(pairFields(accountRef, targetAccountRef),
		field.String("uri").Default("").Annotations(entgql.Skip()),
		field.Bool("show_reblogs").Default(true),
		field.Bool("notify").Default(false),
		field.JSON("languages", []string{}).Optional(),
	)
}

// Edges of the Follow.
func (Follow) Edges() []ent.Edge { return pairEdges(accountRef, targetAccountRef) }

// Indexes of the Follow.
func (Follow) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "target_account_id").Unique(),
		index.Fields("target_account_id", "id"),
	}
}

// Annotations of the Follow.
func (Follow) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
