package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Mute hides target_account's posts (and optionally notifications) from account.
type Mute struct{ ent.Schema }

// Mixin of the Mute.
func (Mute) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Mute.
func (Mute) Fields() []ent.Field {
	return append(pairFields(accountRef, targetAccountRef),
		field.Bool("hide_notifications").Default(true),
		field.Time("expires_at").Optional().Nillable(),
	)
}

// Edges of the Mute.
func (Mute) Edges() []ent.Edge { return pairEdges(accountRef, targetAccountRef) }

// Indexes of the Mute.
func (Mute) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "target_account_id").Unique(),
	}
}

// Annotations of the Mute.
func (Mute) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
