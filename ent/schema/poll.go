package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Poll belongs to one status. Local polls count their PollVote rows; remote polls carry
// the tallies their server reports.
type Poll struct{ ent.Schema }

// Mixin of the Poll.
func (Poll) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Poll.
func (Poll) Fields() []ent.Field {
	return []ent.Field{
		field.JSON("options", []string{}),
		field.JSON("remote_counts", []int{}).Optional().Annotations(entgql.Skip()),
		field.Int("remote_voters_count").Optional().Nillable().Annotations(entgql.Skip()),
		field.Bool("multiple").Default(false),
		field.Bool("hide_totals").Default(false),
		field.Time("expires_at").Optional().Nillable(),
		field.Time("closed_at").Optional().Nillable(),
	}
}

// Edges of the Poll.
func (Poll) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("status", Status.Type).Ref("poll").Unique().Required().Annotations(entgql.Skip()),
		edge.To("votes", PollVote.Type).Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)),
	}
}
