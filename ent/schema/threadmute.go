package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ThreadMute silences notifications from one conversation for an account.
type ThreadMute struct{ ent.Schema }

// Mixin of the ThreadMute.
func (ThreadMute) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the ThreadMute.
func (ThreadMute) Fields() []ent.Field {
	return append(pairFields(accountRef),
		field.String("thread_id").NotEmpty().Comment("ID of the root status of the thread"),
	)
}

// Edges of the ThreadMute.
func (ThreadMute) Edges() []ent.Edge { return pairEdges(accountRef) }

// Indexes of the ThreadMute.
func (ThreadMute) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "thread_id").Unique(),
	}
}

// Annotations of the ThreadMute.
func (ThreadMute) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
