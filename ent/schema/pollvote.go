package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// PollVote is one chosen option of one voter.
type PollVote struct{ ent.Schema }

// Mixin of the PollVote.
func (PollVote) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the PollVote.
func (PollVote) Fields() []ent.Field {
	return append(pairFields(pollRef, accountRef),
		field.Int("choice").NonNegative(),
		field.String("uri").Default("").Annotations(entgql.Skip()),
	)
}

// Edges of the PollVote.
func (PollVote) Edges() []ent.Edge { return pairEdges(pollRef, accountRef) }

// Indexes of the PollVote.
func (PollVote) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("poll_id", "account_id", "choice").Unique(),
	}
}

// Annotations of the PollVote.
func (PollVote) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
