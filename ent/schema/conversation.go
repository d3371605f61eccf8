package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Conversation is one account's view of a direct-message thread: who takes part, the
// latest status and whether it is unread.
type Conversation struct{ ent.Schema }

// Mixin of the Conversation.
func (Conversation) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the Conversation.
func (Conversation) Fields() []ent.Field {
	return append(pairFields(accountRef),
		field.String("thread_id").NotEmpty(),
		field.JSON("participant_ids", []string{}),
		field.String("last_status_id").Optional().Nillable(),
		field.Bool("unread").Default(true),
	)
}

// Edges of the Conversation.
func (Conversation) Edges() []ent.Edge {
	return append(pairEdges(accountRef),
		edge.To("last_status", Status.Type).Field("last_status_id").Unique())
}

// Indexes of the Conversation.
func (Conversation) Indexes() []ent.Index {
	return []ent.Index{index.Fields("account_id", "thread_id").Unique()}
}

// Annotations of the Conversation.
func (Conversation) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
