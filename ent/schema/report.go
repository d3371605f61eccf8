package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
)

// Report is a complaint about an account (and some of its statuses) for moderators.
type Report struct{ ent.Schema }

// Mixin of the Report.
func (Report) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the Report.
func (Report) Fields() []ent.Field {
	return append(pairFields(accountRef, targetAccountRef),
		field.Text("comment").Default(""),
		field.Enum("category").Values("SPAM", "LEGAL", "VIOLATION", "OTHER").Default("OTHER"),
		// The reported statuses' IDs, as Mastodon keeps them: a list on the report
		// rather than an edge, since one status may be reported many times and the
		// report must keep naming it after it is deleted.
		field.JSON("status_ids", []string{}).Optional(),
		field.JSON("rule_ids", []string{}).Optional(),
		field.Bool("forwarded").Default(false),
		field.String("uri").Default(""),
		field.Time("action_taken_at").Optional().Nillable(),
		field.String("action_taken_by_account_id").Optional().Nillable(),
		field.Text("action_comment").Default(""),
	)
}

// Edges of the Report.
func (Report) Edges() []ent.Edge { return pairEdges(accountRef, targetAccountRef) }

// Annotations of the Report.
func (Report) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Rule is one of the instance's rules, shown on sign-up and in reports.
type Rule struct{ ent.Schema }

// Mixin of the Rule.
func (Rule) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the Rule.
func (Rule) Fields() []ent.Field {
	return []ent.Field{
		field.Text("text").NotEmpty(),
		field.Text("hint").Default(""),
		field.Int("position").Default(0),
	}
}
